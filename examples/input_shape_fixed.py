"""GRU classifier on windowed sensor data (corrected version).
input_shape=X.shape[1:] drops the sample axis: each sample is (timesteps, channels).
"""
import numpy as np
from tensorflow.keras.layers import GRU, Dense
from tensorflow.keras.models import Sequential

WINDOW = 20
CHANNELS = 3

X = np.random.randn(48, WINDOW, CHANNELS).astype("float32")
y = np.random.randint(0, 2, size=(48, 1))

model = Sequential()
model.add(GRU(24, input_shape=X.shape[1:]))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
loss, acc = model.evaluate(X, y, verbose=0)
print("accuracy", acc)
