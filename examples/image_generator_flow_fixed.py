"""Augmented grayscale digits fed to a model declared for 1 channel.
Fixed: datagen.flow(x, y) yields batches (None, 28, 28, 1), as input_shape declares.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.image import ImageDataGenerator

x = np.random.rand(64, 28, 28, 1)
y = keras.utils.to_categorical(np.random.randint(0, 10, 64), 10)
datagen = ImageDataGenerator(rotation_range=10)

model = keras.Sequential([
    layers.Conv2D(8, 3, activation="relu", input_shape=(28, 28, 1)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(datagen.flow(x, y, batch_size=16), epochs=1, verbose=0)
