"""Forecast the next value of a univariate series from windows cut in a loop by make_windows();
the windows are reshaped to (samples, n_steps, 1) and the LSTM is declared with input_shape=(n_steps, 1).
"""
import numpy as np
from tensorflow import keras


def make_windows(seq, n_steps):
    X, y = [], []
    for i in range(len(seq) - n_steps):
        X.append(seq[i:i + n_steps])
        y.append(seq[i + n_steps])
    return np.array(X), np.array(y)


series = np.sin(np.linspace(0, 20, 150))
n_steps = 10
X, y = make_windows(series, n_steps)
X = X.reshape((X.shape[0], X.shape[1], 1))

model = keras.Sequential([
    keras.layers.LSTM(32, input_shape=(n_steps, 1)),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(X[-1:], verbose=0))
