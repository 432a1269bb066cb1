"""Subclassed keras.Model Forecaster: two LSTMs and a Dense created in __init__ and chained in call();
the first LSTM returns sequences so the second one receives 3D input.
"""
import numpy as np
from tensorflow import keras


class Forecaster(keras.Model):
    def __init__(self, horizon=1):
        super().__init__()
        self.encoder = keras.layers.LSTM(32, return_sequences=True)
        self.decoder = keras.layers.LSTM(16)
        self.head = keras.layers.Dense(horizon)

    def call(self, inputs):
        x = self.encoder(inputs)
        x = self.decoder(x)
        return self.head(x)


X = np.random.rand(80, 15, 4).astype("float32")
y = np.random.rand(80, 1).astype("float32")

model = Forecaster(horizon=1)
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(X[:2], verbose=0).shape)
