"""Images resized inside a tf.data map to another size than the model declares.
Bug: prepare resizes to (64, 64), so batches are (None, 64, 64, 3), while the
model was built for (32, 32, 3): the Dense after Flatten has weights for
32 * 32 inputs, and fit() raises ValueError.
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

images = np.random.randint(0, 255, (48, 40, 40, 3)).astype("uint8")
labels = np.random.randint(0, 3, 48)

IMG_SIZE = 64


def prepare(image, label):
    image = tf.image.resize(image, (IMG_SIZE, IMG_SIZE)) / 255.0
    return image, label


train = tf.data.Dataset.from_tensor_slices((images, labels)).map(prepare).batch(16)

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.Flatten()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train, epochs=1, verbose=0)
