from lstmlint.measure import measure_source

CODE = """
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1), validation_data=(X, X))
model.predict(load())
inputs = keras.Input((4,))
other = keras.Model(inputs, layers.Dense(2)(layers.Dense(3)(inputs)))
unknown = keras.Sequential([layers.Dense(1), make_layer()])
"""


def test_resolution_counts():
    result = measure_source(CODE, "m.py")
    assert (result.data_calls, result.data_calls_resolved) == (2, 1)  # predict's data is unknown
    assert (result.models, result.models_resolved) == (3, 2)  # the unbuilt one is not
    assert result.unresolved == ["m.py: predict call"]
