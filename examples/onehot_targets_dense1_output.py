"""3-class classifier with one-hot labels but a single-unit output layer.
Bug: y is (N, 3) while Dense(1) outputs (N, 1); categorical_crossentropy requires equal shapes,
so fit() raises ValueError (target and output shapes differ).
"""
import numpy as np
import tensorflow as tf

N_CLASSES = 3
N_STEPS = 10
N_FEATURES = 2

X = np.random.randn(32, N_STEPS, N_FEATURES)
y = tf.keras.utils.to_categorical(np.random.randint(0, N_CLASSES, 32), N_CLASSES)

model = tf.keras.Sequential()
model.add(tf.keras.layers.SimpleRNN(20, input_shape=(N_STEPS, N_FEATURES)))
model.add(tf.keras.layers.Dense(1, activation="softmax"))
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
model.fit(X, y, epochs=1, verbose=0)
