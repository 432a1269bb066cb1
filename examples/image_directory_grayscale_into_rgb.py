"""Images loaded as grayscale into a model declared for RGB.
Bug: color_mode="grayscale" gives batches (None, 32, 32, 1) while the model's
input is (32, 32, 3); fit() raises ValueError (Conv2D expects 3 channels).
"""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

root = tempfile.mkdtemp()
for name in ("cats", "dogs"):
    os.makedirs(os.path.join(root, name))
    for i in range(4):
        pixels = tf.constant(np.random.randint(0, 255, (40, 40, 3)), dtype=tf.uint8)
        tf.io.write_file(os.path.join(root, name, f"{i}.png"), tf.io.encode_png(pixels))

train = keras.utils.image_dataset_from_directory(root, image_size=(32, 32), color_mode="grayscale", batch_size=4)

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train, epochs=1, verbose=0)
