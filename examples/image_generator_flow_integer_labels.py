"""Augmented images with integer labels trained with categorical_crossentropy.
Bug: datagen.flow(x, y) yields labels (None,) while Dense(10) outputs (None, 10);
categorical_crossentropy needs one-hot targets, so fit() raises ValueError.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.image import ImageDataGenerator

x = np.random.rand(64, 28, 28, 1)
y = np.random.randint(0, 10, 64)
datagen = ImageDataGenerator(width_shift_range=0.1)

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(datagen.flow(x, y, batch_size=16), epochs=1, verbose=0)
