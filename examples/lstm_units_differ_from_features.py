"""LSTM with 128 units on 3-feature input, followed by a narrower LSTM of 7 units.
Correct: `units` is the size of the hidden state and is independent of the input feature count
(contrary to a common misconception). A linter must not flag it.
"""
import numpy as np
import tensorflow as tf

N_SAMPLES = 16
N_STEPS = 5
N_FEATURES = 3

X = np.random.rand(N_SAMPLES, N_STEPS, N_FEATURES)
y = np.random.rand(N_SAMPLES, 1)

model = tf.keras.Sequential([
    tf.keras.layers.LSTM(128, return_sequences=True, input_shape=(N_STEPS, N_FEATURES)),
    tf.keras.layers.LSTM(7),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
print(model.evaluate(X, y, verbose=0))
