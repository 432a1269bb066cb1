"""Two stacked LSTMs for sequence regression.
Bug: the first LSTM lacks return_sequences=True, so it emits a 2D (batch, 32) tensor and the
second LSTM, which needs 3D input, raises ValueError (expected ndim=3, found ndim=2) while the model is built.
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
    tf.keras.layers.LSTM(32),
    tf.keras.layers.LSTM(16),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
print(model.predict(X[:2], verbose=0).shape)
