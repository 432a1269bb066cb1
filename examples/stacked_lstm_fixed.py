"""Two stacked LSTMs for sequence regression (corrected version).
The first LSTM sets return_sequences=True so the second one receives (batch, timesteps, 32).
"""
import numpy as np
import tensorflow as tf

N_SAMPLES = 32
N_STEPS = 12
N_FEATURES = 4

X = np.random.rand(N_SAMPLES, N_STEPS, N_FEATURES)
y = np.random.rand(N_SAMPLES, 1)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(N_STEPS, N_FEATURES)),
    tf.keras.layers.LSTM(32, return_sequences=True),
    tf.keras.layers.LSTM(16),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
print(model.predict(X[:2], verbose=0).shape)
