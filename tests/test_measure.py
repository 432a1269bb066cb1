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


def test_reasons_name_the_construct_where_the_shape_was_lost():
    code = CODE + """
frames = pd.read_csv("data.csv").values
model.predict(frames[:, 1:])
cnn = keras.Sequential([keras.Input((8, 8, 1)), layers.Convolution9D(4, 3), layers.Flatten(), layers.Dense(1)])
"""
    reasons = measure_source(code, "m.py").reasons
    assert reasons["data: `load(...)`"] == 1
    assert reasons["data: subscript of `.values` of `pd.read_csv(...)`"] == 1
    assert reasons["model: layer `layers.Convolution9D` not in the layer table (or not built: arguments Keras rejects)"] == 1
    assert reasons["model: Sequential model with no declared input and no known data"] == 1


def test_main_prints_reasons(capsys, tmp_path):
    from lstmlint.measure import main

    (tmp_path / "m.py").write_text(CODE)
    assert main([str(tmp_path), "--reasons", "3"]) == 0
    out = capsys.readouterr().out
    assert "where shapes were lost" in out and "data: `load(...)`" in out


def test_a_graph_of_many_shared_paths_is_walked_once_per_tensor():
    """Forty residual additions make 2**40 paths from output to input: the walk
    that decides whether every shape is known must not follow each path."""
    lines = ["from tensorflow import keras", "from tensorflow.keras import layers", "x = keras.Input(shape=(4,))", "h = x"]
    lines += ["h = layers.add([h, layers.Dense(4)(h)])" for _ in range(40)]
    lines += ["model = keras.Model(x, h)"]
    result = measure_source("\n".join(lines) + "\n", "residual.py")
    assert (result.models, result.models_resolved) == (1, 1)
