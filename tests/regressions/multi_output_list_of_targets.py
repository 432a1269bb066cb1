# Reduced from a public book's code (issue 9 precision pass): a three-output
# model given one target array per output. Keras runs it; lstmlint once read the
# list as one array of 3 samples.
import numpy as np
from tensorflow.keras import Input, layers
from tensorflow.keras.models import Model

posts = Input(shape=(20,))
hidden = layers.Dense(8, activation="relu")(posts)
age = layers.Dense(1, name="age")(hidden)
income = layers.Dense(3, activation="softmax", name="income")(hidden)
gender = layers.Dense(1, activation="sigmoid", name="gender")(hidden)
three = Model(posts, [age, income, gender])
three.compile(optimizer="adam", loss=["mse", "categorical_crossentropy", "binary_crossentropy"])
targets = [np.random.rand(32, 1), np.eye(3)[np.random.randint(0, 3, 32)], np.random.randint(0, 2, (32, 1))]
three.fit(np.random.rand(32, 20), targets, epochs=1, verbose=0)
