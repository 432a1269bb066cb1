# The same padding with a real bug: 3D padded data into a Dense model declared 2D.
import numpy as np
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences

sequences = [np.random.rand(5, 2) for _ in range(32)]
X = pad_sequences(sequences, maxlen=8, dtype="float32")
y = np.random.rand(32, 1)

model = Sequential([Dense(4, input_shape=(8,)), Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(X, y, epochs=1, verbose=0)
