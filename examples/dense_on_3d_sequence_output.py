"""Per-timestep tagging: LSTM(return_sequences=True) followed directly by Dense on the 3D tensor.
Correct: Dense acts on the last axis, giving (N, 25, 4) without TimeDistributed; targets are
integer tags (N, 25) with sparse_categorical_crossentropy. Uses `from keras import layers` (Keras 3).
"""
import numpy as np
import keras
from keras import layers

SEQ_LEN = 25
N_FEATURES = 5
N_TAGS = 4

X = np.random.rand(32, SEQ_LEN, N_FEATURES).astype("float32")
y = np.random.randint(0, N_TAGS, size=(32, SEQ_LEN))

model = keras.Sequential([
    layers.Input(shape=(SEQ_LEN, N_FEATURES)),
    layers.LSTM(24, return_sequences=True),
    layers.Dense(N_TAGS, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
print(model.predict(X[:2], verbose=0).shape)
