"""Programs real Keras runs, found by differential fuzzing: no error on them."""

import pytest

from lstmlint.diagnostics import Severity
from lstmlint.testing import lint_snippet

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
