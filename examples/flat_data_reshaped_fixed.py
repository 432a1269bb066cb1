"""LSTM regression on a flat table of 10 readings per sample (corrected version).
The 10 readings are 5 time steps of 2 features: reshape to (N, 5, 2) and declare input_shape=(5, 2).
"""
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

N_SAMPLES = 40
N_READINGS = 10
N_FEATURES = 2
N_STEPS = N_READINGS // N_FEATURES

X = np.random.rand(N_SAMPLES, N_READINGS).reshape(-1, N_STEPS, N_FEATURES)
y = np.random.rand(N_SAMPLES)

model = Sequential([
    LSTM(16, input_shape=(N_STEPS, N_FEATURES)),
    Dense(1),
])
model.compile(optimizer="adam", loss="mae")
model.fit(X, y, epochs=1, verbose=0)
print(model.predict(X[:3], verbose=0).ravel())
