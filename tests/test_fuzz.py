"""Fuzzing: no program, however odd, makes lstmlint crash (LS902) or raise.

hypothesmith writes arbitrary valid Python; the Keras-like generator below
mixes layers, shapes, data and calls at random, so the shape inference meets
combinations no hand-written test has. The slow test runs over the whole
standard library.
"""

import sysconfig
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstmlint.api import lint_paths, lint_source
from lstmlint.run.parallel import default_jobs
from lstmlint.config.settings import Settings

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def assert_no_crash(code: str, keras_version: int = 3) -> None:
    found = lint_source(code.encode("utf-8", "surrogatepass"), "fuzz.py", Settings(keras_version=keras_version), prefilter=False)
    crashes = [d.message for d in found if d.code == "LS902"]
    assert not crashes, f"{crashes}\n--- program ---\n{code}"


@FUZZ
@given(hypothesmith.from_grammar())
def test_arbitrary_python_never_crashes(code):
    assert_no_crash(code)


# --- random Keras-like programs -------------------------------------------

IMPORTS = [
    "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n",
    "import numpy as np\nimport keras\nfrom keras import layers\n",
    "import numpy as np\nimport tensorflow as tf\nkeras = tf.keras\nlayers = tf.keras.layers\n",
    "import numpy as np\nimport tf_keras as keras\nfrom tf_keras import layers\n",
    "import numpy as np\nfrom keras.layers import *\nfrom keras.models import Sequential, Model\nimport keras\nfrom keras import layers\n",
]
LAYERS = [
    "LSTM", "GRU", "SimpleRNN", "Dense", "Conv1D", "Conv2D", "MaxPooling1D", "GlobalAveragePooling1D", "Flatten",
    "Reshape", "RepeatVector", "TimeDistributed", "Bidirectional", "Embedding", "Dropout", "Concatenate", "Input",
    "InputLayer", "Permute", "Lambda", "BatchNormalization", "Masking", "Attention", "Add", "Softmax", "NotALayer",
]
LOSSES = ["'mse'", "'mae'", "'categorical_crossentropy'", "'sparse_categorical_crossentropy'", "'binary_crossentropy'", "loss_fn", "None", "3"]
NAMES = ["X", "y", "x", "model", "inp", "out", "h", "data", "seq", "undefined_name"]

small = st.integers(min_value=-2, max_value=12)
dim = st.one_of(small, st.just("None"), st.sampled_from(["X.shape[1]", "n", "len(X)", "-1", "0.5", "'a'"]))
shape = st.lists(dim, min_size=0, max_size=5).map(lambda dims: "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")")
name = st.sampled_from(NAMES)
scalar = st.one_of(small.map(str), st.sampled_from(["None", "True", "'same'", "'relu'", "2.5", "[]", "()", "X", "n"]))


@st.composite
def argument(draw) -> str:
    keyword = draw(st.sampled_from(["", "units=", "input_shape=", "input_dim=", "shape=", "return_sequences=", "target_shape=",
                                    "input_length=", "output_dim=", "axis=", "batch_input_shape=", "kernel_size=", "pool_size=",
                                    "padding=", "n=", "layer=", "dims=", "mask_zero=", "*", "**"]))
    value = draw(st.one_of(scalar, shape, layer_call(depth=1) if keyword in ("", "layer=") else scalar, name))
    return keyword + value


@st.composite
def layer_call(draw, depth: int = 0) -> str:
    prefix = draw(st.sampled_from(["layers.", "keras.layers.", "", "tf.keras.layers."]))
    args = draw(st.lists(argument(), max_size=4)) if depth == 0 else draw(st.lists(scalar, max_size=2))
    return f"{prefix}{draw(st.sampled_from(LAYERS))}({', '.join(args)})"


@st.composite
def data(draw) -> str:
    maker = draw(st.sampled_from(["np.random.rand({dims})", "np.zeros({shape})", "np.ones({shape}, dtype='int32')",
                                  "np.random.randint(0, {a}, size={shape})", "np.array({list})", "{name}.reshape({shape})",
                                  "{name}[:, {a}]", "{name}[..., None]", "np.expand_dims({name}, -1)", "{name}.T",
                                  "keras.utils.to_categorical({name}, {a})", "np.concatenate([{name}, {name}], axis={a})",
                                  "{name} * 2", "[{name}, {name}]", "np.random.rand({dims}).astype('float64')"]))
    dims = ", ".join(map(str, draw(st.lists(st.integers(0, 9), max_size=4))))
    nested = draw(st.recursive(st.integers(0, 3).map(str), lambda inner: st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"), max_leaves=6))
    return maker.format(dims=dims, shape=draw(shape), a=draw(small), list=nested, name=draw(name))


@st.composite
def statement(draw) -> str:
    kind = draw(st.integers(0, 11))
    target, other = draw(name), draw(name)
    if kind == 0:
        return f"{target} = {draw(data())}"
    if kind == 1:
        return f"{target} = keras.Sequential([{', '.join(draw(st.lists(layer_call(), max_size=5)))}])"
    if kind == 2:
        return f"{target}.add({draw(layer_call())})"
    if kind == 3:
        return f"{target} = {draw(layer_call())}({other})"
    if kind == 4:
        return f"{target} = keras.Input(shape={draw(shape)})"
    if kind == 5:
        return f"{target} = keras.Model({other}, {draw(name)})"
    if kind == 6:
        return f"{target}.compile(optimizer='adam', loss={draw(st.sampled_from(LOSSES))}, metrics=['accuracy'])"
    if kind == 7:
        extra = draw(st.sampled_from(["", ", epochs=1", ", batch_size=n", ", validation_data=(X, y)", ", *args"]))
        return f"{target}.{draw(st.sampled_from(['fit', 'evaluate', 'predict', 'train_on_batch']))}({other}, {draw(name)}{extra})"
    if kind == 8:
        return f"n = {draw(st.sampled_from(['X.shape[1]', 'len(X)', '10', 'X.shape[-1] + 1', 'y.max() + 1']))}"
    if kind == 9:
        body = draw(st.lists(statement(), min_size=1, max_size=3))
        head = draw(st.sampled_from(["if n:", "for i in range(3):", "while False:", "with ctx:", "try:", "def build(X, y=None):", "class M(keras.Model):"]))
        tail = "\nexcept Exception:\n    pass" if head == "try:" else ""
        return head + "\n" + "\n".join("    " + line for stmt in body for line in stmt.splitlines()) + tail
    if kind == 10:
        return f"{target}, {other} = {draw(name)}, {draw(data())}"
    return f"{target} = {other}.{draw(st.sampled_from(['shape', 'output_shape', 'layers[0]', 'output', 'predict(X)', 'summary()']))}"


@st.composite
def keras_program(draw) -> str:
    return draw(st.sampled_from(IMPORTS)) + "\n".join(draw(st.lists(statement(), min_size=1, max_size=14))) + "\n"


@FUZZ
@given(keras_program(), st.sampled_from([2, 3]))
def test_random_keras_programs_never_crash(code, keras_version):
    assert_no_crash(code, keras_version)


@pytest.mark.slow
def test_whole_standard_library_without_a_crash():
    """Every stdlib file through parser and engine (pre-filter off), on all cores."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    result = lint_paths([str(stdlib)], Settings(keras_version=3), jobs=default_jobs(), prefilter=False)
    assert result.files_checked > 1000
    crashes = [f"{d.filename}: {d.message}" for d in result.diagnostics if d.code == "LS902"]
    assert not crashes, "\n".join(crashes)
