"""Text classifier on token ids with an Embedding + LSTM (corrected version).
Embedding input_dim equals the vocabulary size, so every id from randint(0, VOCAB_SIZE) is valid.
"""
import numpy as np
from tensorflow import keras

VOCAB_SIZE = 5000
MAX_LEN = 20

X = np.random.randint(0, VOCAB_SIZE, size=(64, MAX_LEN))
y = np.random.randint(0, 2, size=(64,))

model = keras.Sequential([
    keras.layers.Input(shape=(MAX_LEN,)),
    keras.layers.Embedding(input_dim=VOCAB_SIZE, output_dim=32),
    keras.layers.LSTM(16),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(X[:4], verbose=0).shape)
