# Reduced from a public study script (issue 9): a per-timestep sigmoid output
# (N, T, 1) trained on (N, 1) targets with binary_crossentropy. Keras 3 raises
# (target and output shapes differ); tf-keras (Keras 2) broadcasts and runs.
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

X = np.random.rand(16, 5, 1)
y = np.random.randint(0, 2, (16, 1))
model = Sequential()
model.add(LSTM(8, input_shape=(5, 1), return_sequences=True))
model.add(Dense(1, activation="sigmoid"))
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(X, y, epochs=1, verbose=0)
