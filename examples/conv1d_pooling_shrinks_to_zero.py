"""Conv1D feature extractor in front of an LSTM on short 8-step windows.
Bug: with padding='valid' each Conv1D(k=3) removes 2 steps and each MaxPooling1D(2) halves:
8 -> 6 -> 3 -> 1 -> 0, so the sequence length hits zero and Keras raises ValueError when the model is built.
Uses plain `import keras` (Keras 3 even with TF_USE_LEGACY_KERAS=1).
"""
import numpy as np
import keras

N_STEPS = 8
N_FEATURES = 3

X = np.random.rand(32, N_STEPS, N_FEATURES)
y = np.random.rand(32, 1)

model = keras.Sequential()
model.add(keras.Input(shape=(N_STEPS, N_FEATURES)))
model.add(keras.layers.Conv1D(16, kernel_size=3, activation="relu"))
model.add(keras.layers.MaxPooling1D(pool_size=2))
model.add(keras.layers.Conv1D(32, kernel_size=3, activation="relu"))
model.add(keras.layers.MaxPooling1D(pool_size=2))
model.add(keras.layers.LSTM(16))
model.add(keras.layers.Dense(1))
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
