"""Functional model with two inputs: a price sequence (LSTM branch) and static features (Dense branch),
merged with Concatenate. Correct: runs and predicts (N, 1).
Uses plain `import keras` (Keras 3 even with TF_USE_LEGACY_KERAS=1).
"""
import numpy as np
import keras
from keras import layers

N = 48
SEQ_LEN = 30
SEQ_FEATURES = 4
STATIC_FEATURES = 7

seq_data = np.random.rand(N, SEQ_LEN, SEQ_FEATURES)
static_data = np.random.rand(N, STATIC_FEATURES)
y = np.random.rand(N, 1)

seq_in = keras.Input(shape=(SEQ_LEN, SEQ_FEATURES))
static_in = keras.Input(shape=(STATIC_FEATURES,))
x1 = layers.LSTM(32)(seq_in)
x2 = layers.Dense(16, activation="relu")(static_in)
merged = layers.Concatenate()([x1, x2])
merged = layers.BatchNormalization()(merged)
out = layers.Dense(1)(merged)

model = keras.Model([seq_in, static_in], out)
model.compile(optimizer="adam", loss="mse")
model.fit([seq_data, static_data], y, epochs=1, batch_size=16, verbose=0)
print(model.predict([seq_data[:2], static_data[:2]], verbose=0).shape)
