"""Every handler of the call tables, given every kind of abstract value the
interpreter makes, answers a value or unknown: never a crash (LS902).

Found on a real notebook: ``np.random.choice(list_built_in_a_loop, ...)`` hashed
the loop's ``Repeated`` placeholder. The class of inputs is "any value kind in
any argument", so that is what this test feeds."""

import itertools

import pytest

from lstmlint.infer.interpreter import CALLS
from lstmlint.testing import lint_snippet

PRELUDE = """
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
A = np.random.rand(6, 4, 2)
looped = []
for i in range(3):
    looped.append(A[i])
model = keras.Sequential([layers.LSTM(3, input_shape=(4, 2)), layers.Dense(1)])
tok = keras.preprocessing.text.Tokenizer()
"""

# One expression per kind of value inference makes.
KINDS = [
    "A", "A[0]", "A.shape", "A.shape[0]", "len(A)", "looped", "[A, A]", "(A, A)",
    "[x for x in A]", "range(4)", "range(n_unknown)", "[range(3), range(3)]",
    "[[1, 2], [3]]", "[[1, 'a'], [2, 3.5]]", "[[[1, 2]], [[1, 2], [3, 4]]]", "[]", "[[]]",
    "{'a': 1}", "'text'", "b'raw'", "-3", "0", "10 ** 30", "2.5", "None", "True",
    "layers.Dense(3)", "keras.Input((3,))", "model", "tok", "np.random.default_rng(0)",
    "tf.data.Dataset.from_tensor_slices(A)", "lambda v: v", "unknown_value", "np.float32", "'float32'",
    "pd.DataFrame(A[0])",
]
KEYWORDS = ["axis", "dtype", "size", "shape", "maxlen", "num_classes", "newshape", "test_size", "depth"]

SPELLING = {"numpy.": "np.", "tensorflow.": "tf.", "keras.": "keras.", "pandas.": "pd."}


def _spell(qualname: str) -> str:
    for prefix, short in SPELLING.items():
        if qualname.startswith(prefix):
            return short + qualname[len(prefix):]
    module, _, name = qualname.rpartition(".")
    return f"__import__('{module}', fromlist=['{name}']).{name}"


def _calls(qualname: str, pairs: int):
    callee = _spell(qualname)
    yield f"{callee}()"
    for kind in KINDS:
        yield f"{callee}({kind})"
    for first, second in itertools.product(KINDS[:pairs], KINDS):
        yield f"{callee}({first}, {second})"
    for keyword, kind in itertools.product(KEYWORDS, KINDS[: 2 * pairs]):
        yield f"{callee}(A, {keyword}={kind})"


def _check_handler(qualname: str, pairs: int) -> None:
    body = "\n".join(f"r{i} = {call}\nr{i}.shape, len(r{i})" for i, call in enumerate(_calls(qualname, pairs)))
    found = lint_snippet(PRELUDE + body + "\nmodel.fit(r0, r1)\n")
    crashes = [d.message for d in found if d.code == "LS902"]
    assert not crashes, crashes


@pytest.mark.parametrize("qualname", sorted(CALLS))
def test_no_handler_crashes_on_any_value_kind(qualname):
    _check_handler(qualname, pairs=1)


@pytest.mark.slow
@pytest.mark.parametrize("qualname", sorted(CALLS))
def test_no_handler_crashes_on_any_pair_of_value_kinds(qualname):
    _check_handler(qualname, pairs=4)


METHODS = ["reshape", "astype", "squeeze", "transpose", "flatten", "mean", "sum", "fit_transform", "transform",
           "texts_to_sequences", "batch", "map", "shuffle", "values", "drop", "append", "extend", "fit", "predict"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_method_crashes_on_any_receiver(kind):
    lines = [f"v = {kind}"]
    for method, arg in itertools.product(METHODS, KINDS[:4]):
        lines.append(f"w = v.{method}({arg})")
        lines.append(f"w = v.{method}({arg}, axis={arg})")
        lines.append(f"w = v[{arg}]")
    found = lint_snippet(PRELUDE + "\n".join(lines) + "\n")
    crashes = [d.message for d in found if d.code == "LS902"]
    assert not crashes, crashes
