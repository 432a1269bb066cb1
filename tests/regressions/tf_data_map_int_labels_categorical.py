# Reduced from a public study script (issue 10): integer labels through a
# traced tf.data map into CategoricalCrossentropy on a 10-unit output. Keras 3
# and tf-keras raise (targets (None,) against outputs (None, 10)).
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, Sequential, losses, optimizers
def proprocess(x, y):
    x = tf.reshape(x, [-1])
    return x, y
x = tf.convert_to_tensor(np.random.randint(0, 255, (256, 28, 28)), dtype=tf.float32) / 255.
y = tf.convert_to_tensor(np.random.randint(0, 10, 256), dtype=tf.int32)
train_db = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1000).map(proprocess).batch(128)
network = Sequential([layers.Dense(256, activation='relu'), layers.Dense(10)])
network.build(input_shape=(4, 28*28))
network.compile(optimizer=optimizers.Adam(learning_rate=0.01), loss=losses.CategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
network.fit(train_db, epochs=1, verbose=0)
