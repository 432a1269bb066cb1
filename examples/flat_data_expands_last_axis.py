"""Univariate sequence regression: data is 2D (N, 5), the model declares input_shape=(5, 1).
Valid: Keras adds a missing trailing axis of size 1, so (N, 5) is used as (N, 5, 1). Runs cleanly;
at most worth a note that an explicit X.reshape(-1, 5, 1) / np.expand_dims would be clearer.
"""
import numpy as np
from tensorflow.keras.layers import LSTM, Dense
from tensorflow.keras.models import Sequential

N_SAMPLES = 64
N_STEPS = 5

X = np.random.uniform(0.0, 1.0, size=(N_SAMPLES, N_STEPS))
y = X[:, -1] * 2.0

model = Sequential([
    LSTM(8, input_shape=(N_STEPS, 1)),
    Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
print(X.shape, model.predict(X[:2], verbose=0).shape)
