"""LS111: a shape given as a number. What each Keras does with it (observed by
the oracle): Keras 3 raises for Input/InputLayer and for the first layer of a
Sequential model; Keras 2 raises for any layer's input_shape=, never for Input."""

import pytest

from lstmlint.config.settings import Settings
from lstmlint.fix import fix_text
from lstmlint.testing import lint_snippet

HEAD = "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\nX = np.random.rand(10, 5)\n"


def found(body: str, version: int):
    return [(d.line, d.message) for d in lint_snippet(HEAD + body, version) if d.code == "LS111"]


@pytest.mark.parametrize("body, k3, k2", [
    ("i = keras.Input(shape=42)\n", True, False),
    ("i = keras.Input(42)\n", True, False),
    ("i = keras.Input(shape=(42))\n", True, False),
    ("i = keras.Input(shape=X.shape[1])\n", True, False),
    ("i = keras.Input(shape=X.shape[1:])\n", False, False),
    ("i = keras.Input(shape=[42])\n", False, False),
    ("m = keras.Sequential([layers.InputLayer(input_shape=5), layers.Dense(1)])\n", True, False),
    ("m = keras.Sequential([layers.Dense(4, input_shape=5), layers.Dense(1)])\n", True, True),
    ("m = keras.Sequential()\nm.add(layers.LSTM(4, input_shape=5))\n", True, True),
    ("i = keras.Input(shape=(5,))\no = layers.Dense(4, input_shape=5)(i)\n", False, True),
    ("m = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4, input_shape=5)])\n", False, True),
])
def test_which_keras_raises(body, k3, k2):
    assert bool(found(body, 3)) is k3
    assert bool(found(body, 2)) is k2


def test_messages_quote_the_number_keras_prints():
    [(_, message)] = found("i = keras.Input(shape=X.shape[1])\n", 3)
    assert message.endswith("Keras 3 raises `ValueError: Cannot convert '5' to a shape.`")
    [(_, message)] = found("l = layers.Dense(4, input_shape=(5))\n", 2)
    assert message == "`input_shape=(5)` is a number, not a shape: Keras 2 raises `TypeError: 'int' object is not iterable`"


def test_fix_makes_a_literal_a_tuple_and_an_expression_only_when_unsafe():
    def fixed(code, unsafe=False):
        return fix_text(HEAD + code, "t.py", Settings(keras_version=3, unsafe_fixes=unsafe))[0][len(HEAD):]

    assert fixed("i = keras.Input(shape=42)\n") == "i = keras.Input(shape=(42,))\n"
    assert fixed("i = keras.Input(42)\n") == "i = keras.Input((42,))\n"
    assert fixed("m = keras.Sequential([layers.Dense(4, input_shape=(5))])\n") == "m = keras.Sequential([layers.Dense(4, input_shape=(5,))])\n"
    assert fixed("i = keras.Input(shape=X.shape[1])\n") == "i = keras.Input(shape=X.shape[1])\n"
    assert fixed("i = keras.Input(shape=X.shape[1])\n", unsafe=True) == "i = keras.Input(shape=(X.shape[1],))\n"
