# Reduced from a public book's code (issue 9 precision pass): a two-input model
# given a list with one array per input, and a three-output model given one
# target array per output. Keras runs both; lstmlint once read each list as one
# array of 2 (or 3) samples.
import numpy as np
from tensorflow.keras import Input, layers
from tensorflow.keras.models import Model

left, right = Input(shape=(5, 8)), Input(shape=(5, 8))
lstm = layers.LSTM(4)
merged = layers.concatenate([lstm(left), lstm(right)], axis=-1)
model = Model([left, right], layers.Dense(1, activation="sigmoid")(merged))
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([np.random.rand(32, 5, 8), np.random.rand(32, 5, 8)], np.random.randint(0, 2, (32, 1)), epochs=1, verbose=0)

posts = Input(shape=(20,))
hidden = layers.Dense(8, activation="relu")(posts)
age = layers.Dense(1, name="age")(hidden)
income = layers.Dense(3, activation="softmax", name="income")(hidden)
gender = layers.Dense(1, activation="sigmoid", name="gender")(hidden)
three = Model(posts, [age, income, gender])
three.compile(optimizer="adam", loss=["mse", "categorical_crossentropy", "binary_crossentropy"])
targets = [np.random.rand(32, 1), np.eye(3)[np.random.randint(0, 3, 32)], np.random.randint(0, 2, (32, 1))]
three.fit(np.random.rand(32, 20), targets, epochs=1, verbose=0)
