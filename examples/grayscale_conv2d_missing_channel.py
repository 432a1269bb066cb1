"""Classify 28x28 grayscale images with a small Conv2D network (no declared Input; built on first fit).
Bug: the images are (n, 28, 28) with no channel axis, and Conv2D needs 4D input (n, h, w, c);
fit() raises ValueError (expected min_ndim=4, found ndim=3).
"""
import numpy as np
from tensorflow import keras

rng = np.random.default_rng(2)
images = rng.integers(0, 256, size=(120, 28, 28)).astype("float32") / 255.0
labels = rng.integers(0, 10, size=(120,))

model = keras.Sequential([
    keras.layers.Conv2D(8, (3, 3), activation="relu"),
    keras.layers.MaxPooling2D((2, 2)),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, epochs=1, batch_size=32, verbose=0)
print(model.predict(images[:1], verbose=0).argmax())
