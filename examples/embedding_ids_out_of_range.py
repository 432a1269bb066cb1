"""Text classifier on token ids with an Embedding + LSTM.
Bug: ids come from randint(0, 5000) but Embedding(input_dim=1000); on CPU the lookup fails
with InvalidArgumentError ("indices[..] = .. is not in [0, 1000)") during fit().
"""
import numpy as np
from tensorflow import keras

VOCAB_SIZE = 5000
MAX_LEN = 20

X = np.random.randint(0, VOCAB_SIZE, size=(64, MAX_LEN))
y = np.random.randint(0, 2, size=(64,))

model = keras.Sequential([
    keras.layers.Input(shape=(MAX_LEN,)),
    keras.layers.Embedding(input_dim=1000, output_dim=32),
    keras.layers.LSTM(16),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
