"""Notebook-style script: data helpers and the model live in functions, run from main() under
if __name__ == "__main__"; windows of 2 features, model built from X.shape. Correct; must stay silent.
"""
import numpy as np
from tensorflow import keras


def load_series(n=160):
    t = np.arange(n, dtype="float32")
    return np.stack([np.sin(t / 8), np.cos(t / 8)], axis=1)


def to_windows(values, n_steps=12):
    X = np.array([values[i:i + n_steps] for i in range(len(values) - n_steps)])
    y = values[n_steps:, 0]
    return X, y


def build(n_steps, n_features):
    model = keras.Sequential([
        keras.layers.Input(shape=(n_steps, n_features)),
        keras.layers.LSTM(20, return_sequences=True),
        keras.layers.LSTM(10),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer="adam", loss="mse")
    return model


def main():
    X, y = to_windows(load_series())
    model = build(X.shape[1], X.shape[2])
    model.fit(X, y, epochs=1, batch_size=16, verbose=0)
    print(model.predict(X[:1], verbose=0))


if __name__ == "__main__":
    main()
