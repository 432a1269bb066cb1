# Reduced from a public study script (issue 9): pad_sequences of sequences of
# feature vectors is 3D (samples, maxlen, features). Keras runs it.
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences

sequences = []
for i in range(32):
    sequences.append(np.random.rand(5, 2))
X = pad_sequences(sequences, maxlen=8, dtype="float32")
y = np.random.rand(32, 1)

model = Sequential([LSTM(4, input_shape=(8, 2)), Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(X, y, epochs=1, verbose=0)
