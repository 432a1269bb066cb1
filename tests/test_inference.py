"""Shapes and dtypes the engine infers, observed through what it reports."""

import pytest

from lstmlint.infer.arrays import literal_array
from lstmlint.infer.shapes import UNKNOWN, Shape, Sym, dim_arith, dims_equal, fresh_sym
from lstmlint.testing import codes_of, lint_snippet

HEAD = "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"
MODEL_5x3 = """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
"""


def fit_codes(data_expr: str, setup: str = "") -> list:
    return codes_of(HEAD + setup + f"X = {data_expr}\n" + MODEL_5x3 + "model.fit(X, np.random.rand(len(X), 1))\n")


@pytest.mark.parametrize(
    "expr",
    [
        "np.random.rand(10, 5, 2)",
        "np.random.randn(10, 5, 2)",
        "np.random.random((10, 5, 2))",
        "np.random.normal(0, 1, (10, 5, 2))",
        "np.random.normal(0, 1, size=(10, 5, 2))",
        "np.random.uniform(-1, 1, (10, 5, 2))",
        "np.zeros((10, 5, 2))",
        "np.ones([10, 5, 2], dtype='float32')",
        "np.full((10, 5, 2), 0.5)",
        "np.zeros_like(np.empty((10, 5, 2)))",
        "np.arange(100).reshape(10, 5, 2)",
        "np.arange(100).reshape(-1, 5, 2)",
        "np.linspace(0, 1, 100).reshape((10, 5, 2))",
        "np.reshape(np.random.rand(100), (10, 5, 2))",
        "np.expand_dims(np.random.rand(10, 5, 2), 1).reshape(10, 5, 2 // 2 + 1)",
        "np.random.rand(10, 2, 5).transpose(0, 2, 1)",
        "np.transpose(np.random.rand(2, 5, 10))",
        "np.random.rand(2, 5, 10).T",
        "np.random.rand(20, 5, 2)[:10]",
        "np.random.rand(10, 5, 2, 1).squeeze(-1)",
        "np.squeeze(np.random.rand(10, 5, 2, 1), axis=3)",
        "np.stack([np.random.rand(5, 2)] * 10)",
        "np.concatenate([np.random.rand(4, 5, 2), np.random.rand(6, 5, 2)])",
        "np.vstack([np.random.rand(4, 5, 2), np.random.rand(6, 5, 2)])",
        "np.random.rand(10, 5, 2).astype('float32')",
        "np.array([[[0.0, 1.0]] * 5] * 10)",
        "tf.constant(np.random.rand(10, 5, 2))",
        "tf.random.normal((10, 5, 2))",
        "tf.reshape(tf.zeros((100,)), (10, 5, 2))",
        "np.random.rand(10, 5, 2)[:, :, :, np.newaxis][..., 0]",
        "np.concatenate([np.random.rand(10, 5)[..., np.newaxis]] * 2, axis=-1)",
        "np.arange(0.0, 10.0, 0.1).reshape(10, 5, 2)",
        "np.random.default_rng(0).normal(size=(10, 5, 2))",
        "np.random.default_rng(0).integers(0, 5, size=(10, 5, 2))",
    ],
)
def test_data_constructors_feed_feature_check(expr):
    assert fit_codes(expr, "import tensorflow as tf\n") == ["LS203"]


def test_constants_and_arithmetic():
    setup = "N_STEPS = 5\nN_FEATURES = 1 + 1\nN = 4 * 2 + 2\n"
    assert fit_codes("np.random.rand(N, N_STEPS, N_FEATURES)", setup) == ["LS203"]


def test_shape_reads():
    setup = "base = np.random.rand(10, 5, 2)\nn, t, f = base.shape\n"
    assert fit_codes("np.zeros((n, t, base.shape[2]))", setup) == ["LS203"]
    assert fit_codes("np.zeros((len(base), t, f))", setup) == ["LS203"]


def test_reassignment_in_order():
    setup = "X = np.random.rand(10, 5, 3)\nX = X[:, :, :2]\n"
    assert fit_codes("X", setup) == ["LS203"]
    setup = "X = np.random.rand(10, 5, 2)\nX = X.reshape(10, 5, 2)\nX = np.random.rand(10, 5, 3)\n"
    assert fit_codes("X", setup) == []


def test_unknown_data_is_silent():
    assert fit_codes("load_data()") == []
    assert fit_codes("np.random.rand(n, 5, 2)") == ["LS203"]  # unknown sample count, known features
    assert fit_codes("np.random.rand(10, 5, k)") == []


def test_branches_join_to_unknown():
    setup = "if flag:\n    X = np.random.rand(10, 5, 2)\nelse:\n    X = np.random.rand(10, 5, 3)\n"
    assert fit_codes("X", setup) == []
    setup = "if flag:\n    X = np.random.rand(10, 5, 2)\nelse:\n    X = np.random.rand(20, 5, 2)\n"
    assert fit_codes("X", setup) == ["LS203"]


def test_loops_terminate_and_stay_silent_on_changes():
    setup = "X = np.random.rand(10, 5, 3)\nfor i in range(3):\n    X = np.concatenate([X, X])\nwhile True:\n    break\n"
    assert fit_codes("X", setup) == []


def test_function_called_with_arguments():
    code = HEAD + """
def build(steps, features):
    model = keras.Sequential([layers.LSTM(8, input_shape=(steps, features)), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model

X = np.random.rand(10, 5, 3)
model = build(5, 1)
model.fit(X, np.random.rand(10, 1))
"""
    assert codes_of(code) == ["LS203"]


def test_uncalled_function_checked_with_unknown_arguments():
    code = HEAD + """
def train(X):
    model = keras.Sequential([layers.LSTM(8, input_shape=(5,)), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(X, X)
"""
    assert codes_of(code) == ["LS101"]


def test_symbolic_dims_link_data_and_model():
    code = HEAD + """
X = load()
model = keras.Sequential([layers.LSTM(8, input_shape=(X.shape[1], X.shape[2])), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y)
"""
    assert codes_of(code) == []


def test_model_passed_to_unknown_code_is_not_trusted():
    code = HEAD + """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
setup_model(model)
model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))
"""
    assert codes_of(code) == []


def test_noqa_suppresses():
    code = HEAD + MODEL_5x3 + "model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))  # noqa: LS203\n"
    assert codes_of(code) == []
    code = HEAD + MODEL_5x3 + "model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))  # noqa\n"
    assert codes_of(code) == []
    code = HEAD + MODEL_5x3 + "model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))  # noqa: LS101\n"
    assert codes_of(code) == ["LS203"]


def test_dims():
    a, b = fresh_sym("a"), fresh_sym("b")
    assert dims_equal(3, 3) is True
    assert dims_equal(3, 4) is False
    assert dims_equal(a, a) is True
    assert dims_equal(a, b) is None
    assert dims_equal(a, 3) is None
    assert dims_equal(UNKNOWN, 3) is None
    assert dims_equal(dim_arith("-", a, 1), dim_arith("-", a, 1)) is True
    assert dim_arith("*", 2, 3) == 6
    assert dim_arith("+", UNKNOWN, 3) is UNKNOWN
    assert str(Shape((UNKNOWN, 5, Sym("n", "n")))) == "(None, 5, n)"
    assert Shape((UNKNOWN, 5, 3)).to_json() == [None, 5, 3]


def test_literal_arrays():
    arr = literal_array([[1, 2], [3, 4]], None)
    assert arr.shape == Shape((2, 2)) and arr.dtype == "int64" and arr.int_range == (1, 4)
    ragged = literal_array([[1, 2], [3]], None)
    assert ragged.ragged
    assert literal_array([["a", "b"]], None).dtype == "str"
    assert literal_array([[0.5, 1]], None).dtype == "float64"


def test_json_keys_contract():
    found = lint_snippet(HEAD + MODEL_5x3 + "model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))\n")
    record = found[0].to_json()
    for key in ("code", "name", "severity", "message", "filename", "line", "column", "end_line", "end_column", "expected", "actual", "related", "fix"):
        assert key in record
    assert record["expected"] == [None, 5, 3] and record["actual"] == [10, 5, 2]
    assert {r["line"] for r in record["related"]} == {5}  # the input_shape line; the data is inline


def test_main_guard_is_not_conditional_for_models_made_inside():
    code = HEAD + """
def main():
    model = keras.Sequential()
    model.add(layers.LSTM(8, input_shape=(5, 3)))
    model.add(layers.Dense(1))
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))

if __name__ == "__main__":
    main()
"""
    assert codes_of(code) == ["LS203"]


def test_model_changed_in_a_branch_is_not_trusted():
    code = HEAD + """
model = keras.Sequential()
model.add(layers.LSTM(8, input_shape=(5, 3)))
if deep:
    model.add(layers.Dense(4))
model.add(layers.Dense(1))
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 2), np.random.rand(10, 1))
"""
    assert codes_of(code) == []
    compiled_in_branch = HEAD + MODEL_5x3.replace("model.compile", "if ok:\n    model.compile") + "model.fit(np.random.rand(10, 5, 3), np.random.rand(10, 1))\n"
    assert codes_of(compiled_in_branch) == []


def test_none_in_a_declared_shape_is_one_unknown_axis():
    code = HEAD + """
model = keras.Sequential([keras.Input(shape=(None, 3)), layers.LSTM(8), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 7, FEATURES), np.random.rand(10, 1))
"""
    assert codes_of(code.replace("FEATURES", "3")) == []
    assert codes_of(code.replace("FEATURES", "2")) == ["LS203"]
