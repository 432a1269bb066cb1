"""LSTM regression on a flat table of 10 readings per sample.
Bug: X is 2D (N, 10) but the model expects (N, 10, 2). Keras only auto-adds a trailing axis of
size 1, so the 2-feature declaration cannot match: fit() raises ValueError (incompatible input shape).
"""
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

N_SAMPLES = 40
N_READINGS = 10

X = np.random.rand(N_SAMPLES, N_READINGS)
y = np.random.rand(N_SAMPLES)

model = Sequential([
    LSTM(16, input_shape=(N_READINGS, 2)),
    Dense(1),
])
model.compile(optimizer="adam", loss="mae")
model.fit(X, y, epochs=1, verbose=0)
