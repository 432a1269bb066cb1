"""Train an LSTM from a tf.data pipeline: from_tensor_slices((X, y)).shuffle(64).batch(16).
Bug: X has 3 features per step but the model's Input declares 2; fit() raises ValueError
(Keras 3: "Dimensions must be equal, but are 3 and 2" in the LSTM cell).
"""
import numpy as np
import tensorflow as tf

N_STEPS = 12
X = np.random.rand(96, N_STEPS, 3).astype("float32")
y = np.random.rand(96, 1).astype("float32")

dataset = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(64).batch(16)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(N_STEPS, 2)),
    tf.keras.layers.LSTM(24),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(dataset, epochs=1, verbose=0)
print(model.predict(X[:4], verbose=0).shape)
