"""Programs real Keras runs, found by differential fuzzing: no error on them."""

import pytest

from lstmlint.diagnostics import Severity
from lstmlint.testing import codes_of, lint_snippet

HEAD = "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"

RUNS_ON_BOTH = {
    "pad_sequences of a comprehension": """
seqs = [[i, i + 1] for i in range(16)]
X = keras.utils.pad_sequences(seqs, maxlen=6)
y = np.random.rand(16, 1)
m = keras.Sequential([layers.Embedding(50, 4), layers.LSTM(4), layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.fit(X, y, epochs=1, verbose=0)
""",
    "validation_split slices longer targets": """
X = np.random.rand(16, 4)
y = np.random.rand(21)
model = keras.Sequential([layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0, validation_split=0.2)
""",
    "model built from data, then predict with another feature count before a Permute": """
X = np.random.rand(8, 5, 1)
model = keras.Sequential([layers.Permute((2, 1)), layers.SimpleRNN(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(8, 1), epochs=1, verbose=0)
model.predict(np.random.rand(3, 5, 2), verbose=0)
""",
    "declared input, then a Permute: the features Keras 2 checks are the ones the weights see": """
m = keras.Sequential([keras.Input(shape=(5, 1)), layers.Permute((2, 1)), layers.SimpleRNN(4), layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.fit(np.random.rand(8, 5, 1), np.random.rand(8, 1), epochs=1, verbose=0)
m.predict(np.random.rand(3, 5, 2), verbose=0)
""",
    "model built from data, then predict with other timesteps": """
m = keras.Sequential([layers.LSTM(4), layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.fit(np.random.rand(8, 5, 1), np.random.rand(8, 1), epochs=1, verbose=0)
m.predict(np.random.rand(3, 7, 1), verbose=0)
""",
}


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("code", RUNS_ON_BOTH.values(), ids=RUNS_ON_BOTH.keys())
def test_no_error_where_keras_runs(code, version):
    errors = [d for d in lint_snippet(HEAD + code, keras_version=version) if d.severity is Severity.ERROR]
    assert errors == []


def test_comprehension_over_a_known_range_has_that_length():
    code = HEAD + """
X = np.array([np.zeros((5, 1)) for i in range(16)])
model = keras.Sequential([layers.LSTM(4, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(15, 1))
"""
    assert [d.code for d in lint_snippet(code)] == ["LS205"]


def test_tf_range_and_a_partly_unknown_multi_input():
    code = HEAD + """
import tensorflow as tf
a = keras.Input((4,))
b = keras.Input((3,))
model = keras.Model([a, b], layers.Dense(1)(layers.Concatenate()([a, b])))
model.compile(optimizer="adam", loss="mse")
model.fit([load(), tf.reshape(tf.range(40), (10, 4))], np.random.rand(10, 1))
"""
    assert [d.code for d in lint_snippet(code)] == ["LS203"]


def test_to_categorical_without_num_classes_is_one_hot():
    code = HEAD + """
labels = np.random.randint(0, 3, (64,))
y = keras.utils.to_categorical(labels)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(OUT, activation="softmax")])
model.compile(optimizer="adam", loss="LOSS")
model.fit(np.random.rand(64, 5, 1), y)
"""
    def run(out, loss):
        return [d.code for d in lint_snippet(code.replace("OUT", out).replace("LOSS", loss))]

    assert run("3", "sparse_categorical_crossentropy") == ["LS302"]
    assert run("1", "categorical_crossentropy") == ["LS301"]
    assert run("3", "categorical_crossentropy") == []
    few = code.replace("(64,)", "(3,)").replace("(64, 5, 1)", "(3, 5, 1)")  # 3 draws: all zeros is possible
    assert [d.code for d in lint_snippet(few.replace("OUT", "3").replace("LOSS", "sparse_categorical_crossentropy"))] == []


def test_keras_2_conv_folds_extra_leading_axes():
    code = HEAD + """
inp = keras.Input(shape=(3, 10, 8, 3))
out = layers.Conv2D(4, 3)(inp)
"""
    assert [d.code for d in lint_snippet(code, keras_version=2)] == []
    assert [d.code for d in lint_snippet(code, keras_version=3)] == ["LS102"]


def test_validation_split_still_catches_a_shorter_y():
    code = HEAD + """
model = keras.Sequential([layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(16, 4), np.random.rand(Y_ROWS), epochs=1, verbose=0, validation_split=0.2)
"""
    assert [d.code for d in lint_snippet(code.replace("Y_ROWS", "13"))] == ["LS205"]
    assert [d.code for d in lint_snippet(code.replace("Y_ROWS", "21"))] == []


# -- issue 9: reduced from real public scripts ---------------------------------


def test_range_rows_are_an_axis():
    from lstmlint.testing import infer_names

    names = infer_names(HEAD + "x = np.array([range(10), range(21, 31), range(201, 211)])\nt = x.T\n")
    assert names["x"].shape.to_json() == [3, 10] and names["t"].shape.to_json() == [10, 3]
    assert names["x"].dtype == "int64"


def test_non_scalar_list_items_make_the_shape_unknown():
    from lstmlint.infer.shapes import UNKNOWN
    from lstmlint.testing import infer_names

    names = infer_names(HEAD + "a = np.array([zip([1], [2]), zip([3], [4])])\nb = np.array([load(), load()])\n")
    assert names["a"] is UNKNOWN and names["b"] is UNKNOWN


def test_reshape_to_another_element_count_is_unknown():
    code = HEAD + """
data = np.random.rand(144, 3)
X = []
for i in range(len(data) - 2):
    X.append(data[i:i + 1, :])
X = np.array(X)
X = np.reshape(X, (X.shape[0], 1, X.shape[1]))
model = keras.Sequential([layers.LSTM(4, input_shape=(1, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(len(X), 1))
"""
    assert codes_of(code) == []  # NumPy raises at the reshape (size 3n into n): no claim about fit


def test_keras1_output_dim_without_units_is_not_a_shape_error():
    code = HEAD + """
model = keras.Sequential()
model.add(layers.SimpleRNN(input_dim=28, input_length=28, output_dim=50))
model.add(layers.Dense(1))
"""
    assert [c for c in codes_of(code) if c in ("LS101", "LS106")] == []  # TypeError: missing units comes first


def test_errors_on_one_line_come_in_the_order_keras_raises_them():
    code = HEAD + """
model = keras.Sequential()
model.add(layers.SimpleRNN(4, input_length=3, input_dim=1))
"""
    found = lint_snippet(code, keras_version=3)
    assert [d.code for d in found] == ["LS106", "LS101"]
    assert "LS106" in found[1].message and "comes next" in found[1].message
    assert "comes next" not in found[0].message


def test_timesteps_names_the_dense_after_flatten_for_images():
    code = HEAD + """
model = keras.Sequential([layers.Conv2D(4, 3, input_shape=(28, 28, 1)), layers.Flatten(), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(16, 32, 32, 1), np.random.rand(16, 1))
"""
    (found,) = lint_snippet(code)
    assert found.code == "LS204"
    assert any("`Dense`" in r.message and "after `Flatten`" in r.message for r in found.related)
    assert "resize" in found.fix


def test_pad_sequences_keeps_the_step_shape():
    from lstmlint.testing import infer_names

    names = infer_names(HEAD + """
vectors = keras.utils.pad_sequences([np.random.rand(5, 2) for _ in range(16)], maxlen=8)
ids = keras.utils.pad_sequences([[1, 2, 3], [4]], maxlen=8)
unknown = keras.utils.pad_sequences(load(), maxlen=8)
""")
    assert names["vectors"].shape.to_json() == [16, 8, 2]
    assert names["ids"].shape.to_json() == [2, 8]
    assert not hasattr(names["unknown"], "shape")  # unknown: the steps' shape is not known


def test_python_lists_as_targets_of_a_multi_output_model_are_not_one_array():
    """Keras 3 rejects the data type of plain Python lists (or finds no data in
    empty placeholders) before it matches targets to outputs (precision pass 4)."""
    code = HEAD + """
inp = keras.Input(shape=(4,))
model = keras.Model(inp, [layers.Dense(1, name="age")(inp), layers.Dense(3, name="income")(inp)])
model.compile(optimizer="adam", loss=["mse", "categorical_crossentropy"])
posts, age_targets, income_targets = [], [], []
model.fit(posts, [age_targets, income_targets], epochs=1, verbose=0)
model.fit(np.random.rand(2, 4), [[0.5, 0.1], [[0, 0, 1], [1, 0, 0]]], epochs=1, verbose=0)
"""
    assert "LS306" not in codes_of(code, 3)
