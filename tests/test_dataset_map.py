"""``tf.data`` ``.map(fn)`` traced through a function or lambda defined in the file,
and the ``window``/``flat_map`` time-series idiom."""

import pytest

from lstmlint.infer.values import Array, Instance
from lstmlint.testing import infer_names

HEAD = """
import numpy as np
import tensorflow as tf
from tensorflow import keras
raw = tf.data.Dataset.from_tensor_slices((np.random.rand(100, 28, 28), np.random.randint(0, 10, 100)))
"""


def element(code: str):
    value = infer_names(HEAD + code)["r"]
    if not isinstance(value, Instance):
        return None
    parts = value.attrs["element"]
    parts = parts if isinstance(parts, tuple) else (parts,)
    return [tuple(d if isinstance(d, int) else None for d in p.shape.dims) if isinstance(p, Array) else None for p in parts], value.attrs["batched"]


CASES = {
    "unbatched elements lose the sample axis inside fn": (
        "def f(x, y):\n    return tf.expand_dims(x, -1), y\nr = raw.map(f).batch(8)",
        ([(None, 28, 28, 1), (None,)], True),
    ),
    "batched elements keep a batch axis": (
        "def f(x, y):\n    return tf.reshape(x, (-1, 784)), tf.one_hot(y, 10)\nr = raw.batch(8).map(f)",
        ([(None, 784), (None, 10)], True),
    ),
    "directory images resized": (
        "def f(image, label):\n    return tf.image.resize(image, (64, 64)) / 255.0, label\n"
        "r = keras.utils.image_dataset_from_directory('d', image_size=(128, 128)).map(f, num_parallel_calls=2)",
        ([(None, 64, 64, 3), (None,)], True),
    ),
    "one part returned": ("def f(x, y):\n    return x\nr = raw.map(f)", ([(None, 28, 28)], False)),
    "a lambda": ("r = raw.map(lambda x, y: (x / 255.0, y)).batch(4)", ([(None, 28, 28), (None,)], True)),
    "windows of a series, split into inputs and a label": (
        "s = tf.data.Dataset.from_tensor_slices(np.random.rand(200, 3))\n"
        "r = s.window(11, shift=1, drop_remainder=True).flat_map(lambda w: w.batch(11)).map(lambda w: (w[:-1], w[-1:])).batch(8)",
        ([(None, 10, 3), (None, 1, 3)], True),
    ),
}


@pytest.mark.parametrize("code, expected", CASES.values(), ids=CASES.keys())
def test_map_traced(code, expected):
    assert element(code) == expected


UNTRACED = {
    "a function of another module": "from helpers import prep\nr = raw.map(prep)",
    "a function returning something unknown": "def f(x, y):\n    return load(x), y\nr = raw.map(f)",
}


@pytest.mark.parametrize("code", UNTRACED.values(), ids=UNTRACED.keys())
def test_untraceable_map_is_unknown(code):
    assert element(code) is None


WINDOWS_UNKNOWN = {
    "short windows kept at the end": "s.window(11, shift=1).flat_map(lambda w: w.batch(11))",
    "windows batched by another size": "s.window(11, shift=1, drop_remainder=True).flat_map(lambda w: w.batch(5))",
    "a dataset of windows used as if it held arrays": "s.window(11, shift=1, drop_remainder=True).batch(8)",
    "flat_map of a function of another module": "s.window(11, drop_remainder=True).flat_map(helper)",
}


@pytest.mark.parametrize("code", WINDOWS_UNKNOWN.values(), ids=WINDOWS_UNKNOWN.keys())
def test_windows_not_proven_full_have_no_known_length(code):
    found = element("s = tf.data.Dataset.from_tensor_slices(np.random.rand(200))\nr = " + code)
    assert found is None or found[0][0] is None or found[0][0][1] is None
