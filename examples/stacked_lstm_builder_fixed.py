"""Windows from a list comprehension feed two stacked LSTMs built by build_model(X.shape[1], X.shape[2]);
the first LSTM returns sequences so the second one receives 3D input.
"""
import numpy as np
from tensorflow import keras


def build_model(n_steps, n_features):
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=(n_steps, n_features)))
    model.add(keras.layers.LSTM(50, activation="tanh", return_sequences=True))
    model.add(keras.layers.LSTM(25))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer="adam", loss="mse")
    return model


data = np.random.rand(120, 3)
n_steps = 8
X = np.array([data[i:i + n_steps] for i in range(len(data) - n_steps)])
y = np.array([data[i + n_steps, 0] for i in range(len(data) - n_steps)])

model = build_model(X.shape[1], X.shape[2])
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(X[:3], verbose=0).shape)
