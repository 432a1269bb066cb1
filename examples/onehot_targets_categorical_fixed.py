"""3-class sequence classifier with one-hot labels (corrected version).
One-hot (N, 3) labels go with categorical_crossentropy and a Dense(3) softmax head.
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
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=20, verbose=0)
print(model.evaluate(X, y, verbose=0))
