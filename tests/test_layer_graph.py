"""Layer names, merge functions and models nested in the functional graph:
what inference resolves (shapes checked against Keras in tests/oracle)."""

import pytest

from lstmlint.infer.layer_table import ALIASES, LAYERS, lookup
from lstmlint.infer.shapes import Shape
from lstmlint.infer.values import Model, Tensor
from lstmlint.testing import codes_of, infer_names

HEAD = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"


def shape_of(code: str, name: str = "y", keras_version: int = 3):
    value = infer_names(HEAD + code, keras_version)[name]
    assert isinstance(value, Tensor), value
    return value.shape.to_json()


def test_every_alias_names_an_entry():
    assert all(target in LAYERS for target in ALIASES.values())
    assert lookup("Convolution2D") is LAYERS["Conv2D"] and lookup("GlobalAvgPool3D") is LAYERS["GlobalAveragePooling3D"]


def test_keras3_only_layers_resolve_only_there():
    assert lookup("RandomHue", 3) is not None
    assert lookup("RandomHue", 2) is None
    assert shape_of("x = keras.Input(shape=(8, 8, 3))\ny = layers.RandomHue(0.1)(x)\n", keras_version=2) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from keras.layers import *\nx = Input(shape=(28, 28, 1))\ny = MaxPool2D()(Convolution2D(32, 3, 3)(x))\n", [None, 4, 4, 32]),
        ("x = keras.Input(shape=(4, 3))\ny = layers.concatenate([x, x], axis=1)\n", [None, 8, 3]),
        ("x = keras.Input(shape=(4, 3))\ny = layers.add([x, keras.Input(shape=(3,))])\n", [None, 4, 3]),
        ("x = keras.Input(shape=(5, 4))\ny = layers.dot([x, keras.Input(shape=(7, 4))], axes=-1)\n", [None, 5, 7]),
        ("x = keras.Input(shape=(5, 8))\ny = layers.MultiHeadAttention(2, 4)(query=x, value=keras.Input(shape=(7, 6)))\n", [None, 5, 8]),
        ("x = keras.Input(shape=(5, 8))\ny = layers.Attention()([x, keras.Input(shape=(7, 8))])\n", [None, 5, 8]),
    ],
)
def test_names_and_merge_functions_resolve(code, expected):
    assert shape_of(code) == expected


def test_keras3_average_pooling_needs_a_pool_size():
    code = "x = keras.Input(shape=(8, 8, 3))\ny = layers.AveragePooling2D()(x)\n"
    assert shape_of(code, keras_version=3) is None  # TypeError in Keras 3: nothing follows
    assert shape_of(code, keras_version=2) == [None, 4, 4, 3]


ENCODER = "i = keras.Input(shape=(10, 3))\nencoder = keras.Model(i, layers.LSTM(8)(i))\n"


def test_model_called_as_a_layer():
    assert shape_of(ENCODER + "y = encoder(keras.Input(shape=(10, 3)))\n") == [None, 8]
    assert shape_of(ENCODER + "y = layers.TimeDistributed(encoder)(keras.Input(shape=(4, 10, 3)))\n") == [None, 4, 8]


@pytest.mark.parametrize("other", ["(7, 3)", "(10, 4)", "(10,)"])
def test_model_called_on_another_input_is_unknown(other):
    """Keras 3 rejects other timesteps where Keras 2 runs: no shape, no claim."""
    assert shape_of(ENCODER + f"y = encoder(keras.Input(shape={other}))\n") is None


def test_model_layers_and_io():
    names = infer_names(HEAD + "m = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4), layers.Dense(2)])\nfirst = m.layers[0]\n")
    assert names["first"].name == "Dense"
    out = infer_names(HEAD + ENCODER + "o = encoder.output\n")
    assert out["o"].shape.to_json() == [None, 8]


def test_shared_layer_reported_only_where_it_surely_runs():
    shared = "d = layers.Dense(4)\na = keras.Input(shape=(3,))\nb = keras.Input(shape=(5,))\nya = d(a)\n"
    assert codes_of(HEAD + shared + "yb = d(b)\n") == ["LS110"]
    assert codes_of(HEAD + shared + "import sys\nif len(sys.argv) > 1:\n    yb = d(b)\n") == []
    assert codes_of(HEAD + shared + "def probe():\n    return d(b)\n") == []  # never called


def test_merge_shape_problems():
    two = "a = keras.Input(shape=(5, 3))\nb = keras.Input(shape=(5, 4))\n"
    assert codes_of(HEAD + two + "y = layers.add([a, b])\n") == ["LS105"]
    assert codes_of(HEAD + two + "y = layers.Subtract()([a, a, a])\n") == ["LS105"]
    assert codes_of(HEAD + two + "y = layers.Maximum()([a, keras.Input(shape=(1, 3))])\n") == []
