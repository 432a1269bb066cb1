"""3-class sequence classifier with one-hot labels.
Bug: labels are one-hot (N, 3) via to_categorical, but the loss is sparse_categorical_crossentropy,
which expects integer class ids of shape (N,) or (N, 1); fit() raises ValueError (shape mismatch).
"""
import numpy as np
from tensorflow import keras

N_CLASSES = 3
TIMESTEPS = 15
FEATURES = 6

X = np.random.rand(60, TIMESTEPS, FEATURES)
labels = np.random.randint(0, N_CLASSES, size=(60,))
y = keras.utils.to_categorical(labels, num_classes=N_CLASSES)

model = keras.Sequential([
    keras.layers.Input(shape=(TIMESTEPS, FEATURES)),
    keras.layers.Bidirectional(keras.layers.LSTM(16)),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(N_CLASSES, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=20, verbose=0)
