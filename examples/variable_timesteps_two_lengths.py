"""An LSTM whose Input has timesteps=None, trained and then queried on two different sequence
lengths (30 and 45 steps). Correct: only the feature axis is fixed; must stay silent.
"""
import numpy as np
from tensorflow import keras

N_FEATURES = 3

model = keras.Sequential([
    keras.layers.Input(shape=(None, N_FEATURES)),
    keras.layers.LSTM(16),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")

short = np.random.rand(40, 30, N_FEATURES).astype("float32")
long = np.random.rand(40, 45, N_FEATURES).astype("float32")
y = np.random.rand(40, 1).astype("float32")

model.fit(short, y, epochs=1, batch_size=8, verbose=0)
model.fit(long, y, epochs=1, batch_size=8, verbose=0)
print(model.predict(short[:2], verbose=0).shape, model.predict(long[:2], verbose=0).shape)
