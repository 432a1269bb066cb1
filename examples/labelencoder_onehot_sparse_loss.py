"""Sequence classifier whose string labels go through LabelEncoder then keras.utils.to_categorical.
Bug: the targets are one-hot (n, 4) but the loss is sparse_categorical_crossentropy, which expects
integer ids; fit() raises ValueError (shape mismatch between labels and logits).
"""
import numpy as np
from sklearn.preprocessing import LabelEncoder
from tensorflow import keras

rng = np.random.default_rng(1)
X = rng.normal(size=(100, 20, 5)).astype("float32")
labels = rng.choice(["walk", "run", "sit", "stand"], size=100)

encoder = LabelEncoder()
y_int = encoder.fit_transform(labels)
n_classes = len(encoder.classes_)
y = keras.utils.to_categorical(y_int, num_classes=n_classes)

model = keras.Sequential([
    keras.layers.Input(shape=(20, 5)),
    keras.layers.LSTM(32),
    keras.layers.Dense(n_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=20, verbose=0)
print(encoder.inverse_transform(model.predict(X[:2], verbose=0).argmax(axis=1)))
