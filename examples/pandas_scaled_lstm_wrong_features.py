"""Predict a target from three DataFrame columns scaled with MinMaxScaler, reshaped to (n, 1, 3), split with train_test_split.
Bug: the LSTM declares input_shape=(1, 4) though only 3 columns were selected; fit() raises ValueError
(Keras 3: "Dimensions must be equal, but are 3 and 4" in the LSTM cell).
"""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras

rng = np.random.default_rng(0)
df = pd.DataFrame({
    "a": rng.normal(size=150),
    "b": rng.uniform(size=150),
    "c": rng.integers(0, 10, size=150).astype("float32"),
    "target": rng.normal(size=150),
})

features = df[["a", "b", "c"]].values
target = df["target"].values
scaled = MinMaxScaler().fit_transform(features)
X = scaled.reshape((scaled.shape[0], 1, 3))
X_train, X_test, y_train, y_test = train_test_split(X, target, test_size=0.2, random_state=0)

model = keras.Sequential([
    keras.layers.LSTM(16, input_shape=(1, 4)),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=1, batch_size=16, verbose=0)
print(model.evaluate(X_test, y_test, verbose=0))
