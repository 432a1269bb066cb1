"""Seq2seq autoencoder: LSTM encoder -> RepeatVector -> LSTM decoder -> TimeDistributed(Dense).
Correct: reconstructs (N, 10, 2) sequences; output shape equals input shape.
Uses `from keras import layers` (Keras 3 even with TF_USE_LEGACY_KERAS=1).
"""
import numpy as np
import keras
from keras import layers

N_STEPS = 10
N_FEATURES = 2
LATENT = 16

X = np.random.rand(32, N_STEPS, N_FEATURES)

model = keras.Sequential([
    layers.Input(shape=(N_STEPS, N_FEATURES)),
    layers.LSTM(LATENT),
    layers.RepeatVector(N_STEPS),
    layers.LSTM(LATENT, return_sequences=True),
    layers.TimeDistributed(layers.Dense(N_FEATURES)),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, X, epochs=1, batch_size=8, verbose=0)
reconstruction = model.predict(X[:4], verbose=0)
print(reconstruction.shape)
