"""LS112 (a layer keyword its constructor refuses): one diagnostic per keyword,
none where LS602/LS106 speak or a missing argument fails first, and no
inference from a layer that is never built."""

import pytest

from lstmlint.testing import lint_snippet

HEAD = "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"


def codes(body: str, version: int):
    return sorted((d.code, d.line) for d in lint_snippet(HEAD + body, version) if d.severity.value == "error")


@pytest.mark.parametrize("version", [3, 2])
def test_typo_is_reported_and_nothing_is_inferred_from_the_layer(version):
    body = "model = keras.Sequential([keras.Input(shape=(5, 3)), layers.LSTM(4, return_sequence=True), layers.LSTM(2)])\n"
    assert codes(body, version) == [("LS112", 4)]  # not LS101 on the second LSTM: the first is never built
    [d] = [d for d in lint_snippet(HEAD + body, version) if d.code == "LS112"]
    assert d.fix == "did you mean `return_sequences=`?"


@pytest.mark.parametrize("version", [3, 2])
def test_removed_keywords_are_left_to_ls602(version):
    assert codes("layer = layers.Dense(4, init='uniform')\n", version) == [("LS602", 4)]
    assert codes("layer = layers.Conv2D(4, 3, border_mode='same', strid=2)\n", version) == [("LS112", 4), ("LS602", 4)]


def test_keras3_removed_arguments_are_left_to_ls106():
    body = "layer = layers.LSTM(4, batch_input_shape=(2, 5, 3))\nother = layers.LSTM(4, input_length=5, input_dim=3)\n"
    assert codes(body, 3) == [("LS106", 4), ("LS106", 5)]
    assert codes(body, 2) == []


@pytest.mark.parametrize("version", [3, 2])
def test_a_missing_required_argument_fails_first(version):
    assert codes("layer = layers.Reshape(shape=(4,))\n", version) == []
    assert codes("layer = layers.LSTM(output_dim=4, return_sequence=True)\n", version) == [("LS602", 4)]


@pytest.mark.parametrize("version", [3, 2])
def test_star_kwargs_and_own_classes_are_silent(version):
    body = (
        "options = {'activaton': 'relu'}\nlayer = layers.Dense(4, **options)\n"
        "class Mine(layers.Dense):\n    def __init__(self, units, factor=1.0, **kw):\n        super().__init__(units, **kw)\n"
        "mine = Mine(4, factor=2.0)\n"
    )
    assert [d for d in lint_snippet(HEAD + body, version) if d.code == "LS112"] == []


def test_keywords_of_one_version_only():
    assert codes("layer = layers.Dense(4, weights=[np.zeros((3, 4)), np.zeros(4)])\n", 3) == [("LS112", 4)]
    assert codes("layer = layers.Dense(4, weights=[np.zeros((3, 4)), np.zeros(4)])\n", 2) == []
    assert codes("layer = layers.LeakyReLU(negative_slope=0.1)\n", 2) == [("LS112", 4)]
    assert codes("layer = layers.LeakyReLU(negative_slope=0.1)\n", 3) == []
    [d] = [d for d in lint_snippet(HEAD + "layer = layers.LeakyReLU(negative_slope=0.1)\n", 2) if d.code == "LS112"]
    assert "only Keras 3 has it" in d.message


def test_each_unknown_keyword_once():
    found = [d for d in lint_snippet(HEAD + "layer = layers.Dense(4, activaton='relu', use_bais=False)\n", 3) if d.code == "LS112"]
    assert sorted(d.fix for d in found) == ["did you mean `activation=`?", "did you mean `use_bias=`?"]


def test_a_later_star_import_may_rebind_a_layer_name():
    star = "from tensorflow.keras.layers import *\n"
    assert [d.code for d in lint_snippet(star + "layer = LSTM(4, return_sequence=True)\n", 3)] == ["LS112"]
    assert lint_snippet(star + "from keras_contrib.layers import *\nlayer = LSTM(4, return_sequence=True)\n", 3) == []
    assert lint_snippet(star + "from helpers import *\nlayer = LSTM(4, return_sequence=True)\n", 3) == []
    assert [d.code for d in lint_snippet("from helpers import *\n" + star + "layer = LSTM(4, return_sequence=True)\n", 3)] == ["LS112"]
