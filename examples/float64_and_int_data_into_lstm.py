"""LSTM fed float64 data (numpy default) and, for prediction, integer-valued data.
Correct: Keras casts inputs to the layer dtype (float32); neither float64 nor int64 arrays cause an error.
"""
import numpy as np
from tensorflow import keras

N_STEPS = 7
N_FEATURES = 2

X = np.random.rand(40, N_STEPS, N_FEATURES)          # float64
y = np.random.rand(40, 1)
X_counts = np.random.randint(0, 10, size=(5, N_STEPS, N_FEATURES))  # int64
X_ones = np.ones((3, N_STEPS, N_FEATURES), dtype="int32")

model = keras.Sequential([
    keras.layers.Input(shape=(N_STEPS, N_FEATURES)),
    keras.layers.LSTM(12),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
print(X.dtype, model.predict(X_counts, verbose=0).shape, model.predict(X_ones, verbose=0).shape)
