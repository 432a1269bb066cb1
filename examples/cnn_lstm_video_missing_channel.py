"""CNN-LSTM over short grayscale clips: TimeDistributed(Conv2D) + TimeDistributed(Flatten) + LSTM.
Bug: the clips are (samples, frames, h, w) with no channel axis and Input(shape=X.shape[1:]) copies that,
so each frame reaches Conv2D as 3D; Keras 3 raises ValueError (kernel shape must have the same length as input) at build.
"""
import numpy as np
from tensorflow import keras

N_CLIPS, FRAMES, H, W = 48, 6, 16, 16
X = np.random.rand(N_CLIPS, FRAMES, H, W).astype("float32")
y = np.random.randint(0, 2, size=(N_CLIPS,))

model = keras.Sequential([
    keras.layers.Input(shape=X.shape[1:]),
    keras.layers.TimeDistributed(keras.layers.Conv2D(4, (3, 3), activation="relu")),
    keras.layers.TimeDistributed(keras.layers.MaxPooling2D((2, 2))),
    keras.layers.TimeDistributed(keras.layers.Flatten()),
    keras.layers.LSTM(16),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
print(model.predict(X[:2], verbose=0).ravel())
