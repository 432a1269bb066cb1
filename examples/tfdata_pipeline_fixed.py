"""Train an LSTM from a tf.data pipeline: from_tensor_slices((X, y)).shuffle(64).batch(16),
with the Input declared for the 3 features the data has.
"""
import numpy as np
import tensorflow as tf

N_STEPS = 12
X = np.random.rand(96, N_STEPS, 3).astype("float32")
y = np.random.rand(96, 1).astype("float32")

dataset = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(64).batch(16)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(N_STEPS, 3)),
    tf.keras.layers.LSTM(24),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(dataset, epochs=1, verbose=0)
print(model.predict(X[:4], verbose=0).shape)
