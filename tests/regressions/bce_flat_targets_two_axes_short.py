# Reduced from a public study script (issue 9 precision pass): (N,) targets
# against a (N, 4, 1) linear output. Keras 3 raises (ranks differ); tf-keras
# broadcasts and runs (with a sigmoid it would take the logits path and raise).
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

X = np.random.rand(13, 4, 1)
y = np.random.randint(0, 2, (13,))
model = Sequential([LSTM(8, input_shape=(4, 1), return_sequences=True), Dense(1)])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(X, y, epochs=1, verbose=0)
