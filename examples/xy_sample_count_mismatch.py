"""GRU forecaster where targets were built from the wrong slice of the series.
Bug: X has 50 samples, y has 49 (off-by-one); fit() raises ValueError (data cardinality is ambiguous).
Uses plain `import keras`, i.e. Keras 3 (TF_USE_LEGACY_KERAS does not change it).
"""
import numpy as np
import keras

N_STEPS = 8
N_FEATURES = 3

X = np.random.rand(50, N_STEPS, N_FEATURES)
y = np.random.rand(49, 1)

model = keras.Sequential([
    keras.Input(shape=(N_STEPS, N_FEATURES)),
    keras.layers.GRU(32),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
