# Reduced from a public study script (issue 9 precision pass): exclusive if/elif
# branches each add their own first layer to one Sequential model. Keras runs it.
import numpy as np
from tensorflow.keras.layers import Conv2D, Dense, Flatten
from tensorflow.keras.models import Sequential


def build(name):
    model = Sequential()
    if name == "mlp":
        model.add(Dense(64, activation="relu", input_shape=(784,)))
        model.add(Dense(10, activation="softmax"))
    elif name == "conv_net":
        model.add(Conv2D(8, (3, 3), activation="relu", input_shape=(28, 28, 1)))
        model.add(Flatten())
        model.add(Dense(10, activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="adam")
    return model


model = build("conv_net")
model.fit(np.random.rand(16, 28, 28, 1), np.eye(10)[np.random.randint(0, 10, 16)], epochs=1, verbose=0)
