"""Simple LSTM regressor that is trained without being compiled.
Bug: model.compile(...) is never called; fit() raises ValueError in Keras 3
("You must call `compile()` before using the model"), RuntimeError in Keras 2 (tf_keras).
"""
import numpy as np
import tensorflow as tf

N_STEPS = 6
N_FEATURES = 2

X = np.random.rand(24, N_STEPS, N_FEATURES)
y = np.random.rand(24, 1)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(N_STEPS, N_FEATURES)),
    tf.keras.layers.LSTM(10),
    tf.keras.layers.Dense(1),
])
model.fit(X, y, epochs=1, verbose=0)
