"""benchmarks/recall.py: each mutation operator on a tiny program gives the expected
mutant, and leaves alone the programs where Keras would not surely raise."""

import importlib.util
import sys
from pathlib import Path

import libcst as cst
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("recall", ROOT / "benchmarks" / "recall.py")
recall = importlib.util.module_from_spec(spec)
sys.modules["recall"] = recall
spec.loader.exec_module(recall)

HEAD = """import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.utils import to_categorical
"""


def mutate(operator: str, body: str):
    return recall.BY_NAME[operator].apply(cst.parse_module(HEAD + body))


def changed(operator: str, body: str):
    """(the original's changed lines, the mutant's): what the operator did."""
    mutation = mutate(operator, body)
    assert mutation is not None, f"{operator} did not apply"
    before, after = (HEAD + body).splitlines(), mutation.code.splitlines()
    return [line for line in before if line not in after], [line for line in after if line not in before]


def test_drop_return_sequences_in_add_list_and_functional_stacks():
    assert changed("drop_return_sequences", """
model = keras.Sequential()
model.add(layers.LSTM(8, return_sequences=True, input_shape=(5, 3)))
model.add(layers.LSTM(4))
""") == (["model.add(layers.LSTM(8, return_sequences=True, input_shape=(5, 3)))"], ["model.add(layers.LSTM(8, input_shape=(5, 3)))"])
    assert changed("drop_return_sequences", """
model = keras.Sequential([layers.Bidirectional(layers.GRU(8, return_sequences=True)), layers.SimpleRNN(4)])
""")[1] == ["model = keras.Sequential([layers.Bidirectional(layers.GRU(8)), layers.SimpleRNN(4)])"]
    assert changed("drop_return_sequences", """
inputs = keras.Input((5, 3))
x = layers.LSTM(8, return_sequences=True)(inputs)
x = layers.LSTM(4)(x)
""")[1] == ["x = layers.LSTM(8)(inputs)"]


def test_drop_return_sequences_needs_a_recurrent_layer_next():
    assert mutate("drop_return_sequences", """
model = keras.Sequential([layers.LSTM(8, return_sequences=True), layers.Dense(1)])
""") is None
    assert mutate("drop_return_sequences", """
model = keras.Sequential([layers.LSTM(8, return_sequences=True, return_state=True), layers.LSTM(1)])
""") is None


def test_input_last_axis_literal_expression_and_input_dim():
    assert changed("input_last_axis", """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.fit(X, y)
""")[1] == ["model = keras.Sequential([layers.LSTM(8, input_shape=(5, 4)), layers.Dense(1)])"]
    assert changed("input_last_axis", """
model = keras.Sequential([layers.LSTM(8, input_shape=(X.shape[1], X.shape[2])), layers.Dense(1)])
model.fit(X, y)
""")[1] == ["model = keras.Sequential([layers.LSTM(8, input_shape=(X.shape[1], X.shape[2] + 1)), layers.Dense(1)])"]
    assert changed("input_last_axis", """
model = keras.Sequential()
model.add(layers.Dense(8, input_dim=n_features))
model.fit(X, y)
""")[1] == ["model.add(layers.Dense(8, input_dim=n_features + 1))"]
    assert changed("input_last_axis", """
inputs = keras.Input(shape=(100,))
model = keras.Model(inputs, layers.Dense(1)(layers.Embedding(50, 8)(inputs)))
model.predict(X)
""")[1] == ["inputs = keras.Input(shape=(101,))"]


def test_input_last_axis_leaves_lengths_and_unfed_models():
    assert mutate("input_last_axis", """
model = keras.Sequential([layers.Embedding(50, 8, input_shape=(100,)), layers.LSTM(4)])
model.fit(X, y)
""") is None  # a length, not a width: Keras 3 Sequential does not check it
    assert mutate("input_last_axis", """
model = keras.Sequential([keras.Input(shape=(100,)), layers.Embedding(50, 8), layers.LSTM(4)])
model.fit(X, y)
""") is None
    assert mutate("input_last_axis", """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.summary()
""") is None  # never given data: nothing raises


def test_shape_with_batch():
    assert changed("shape_with_batch", """
model = keras.Sequential([layers.LSTM(8, input_shape=X_train.shape[1:]), layers.Dense(1)])
model.fit(X_train, y)
""")[1] == ["model = keras.Sequential([layers.LSTM(8, input_shape=X_train.shape), layers.Dense(1)])"]
    assert mutate("shape_with_batch", """
model = keras.Sequential([layers.LSTM(8, input_shape=X_train.shape[2:]), layers.Dense(1)])
model.fit(X_train, y)
""") is None


def test_sparse_loss_and_dense_units_need_to_categorical_targets():
    body = """
y_train = to_categorical(labels)
model = keras.Sequential([layers.Dense(8, input_dim=4), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y_train[:100])
"""
    assert changed("sparse_loss", body)[1] == ['model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])']
    assert changed("dense_units", body)[1] == ['model = keras.Sequential([layers.Dense(8, input_dim=4), layers.Dense(4, activation="softmax")])']
    assert changed("sparse_loss", body.replace('"categorical_crossentropy"', "keras.losses.CategoricalCrossentropy()"))[1] == [
        'model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])']
    relabelled = body.replace("y_train = to_categorical(labels)", "y_train = to_categorical(labels)\ny_train = np.argmax(y_train, axis=1)")
    assert mutate("sparse_loss", relabelled) is None  # the targets are not only one-hot
    assert mutate("dense_units", body.replace('"categorical_crossentropy"', '"mse"')) is None


def test_dense_units_expression():
    assert changed("dense_units", """
y = to_categorical(labels)
model = keras.Sequential([layers.Dense(8, input_dim=4), layers.Dense(num_classes, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(X, y)
""")[1] == ['model = keras.Sequential([layers.Dense(8, input_dim=4), layers.Dense(num_classes + 1, activation="softmax")])']


def test_delete_flatten_only_before_a_crossentropy_loss():
    body = """
model = keras.Sequential()
model.add(layers.Conv2D(8, 3, input_shape=(28, 28, 1)))
model.add(layers.MaxPooling2D())
model.add(layers.Flatten())
model.add(layers.Dropout(0.5))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(X, y)
"""
    assert changed("delete_flatten", body) == (["model.add(layers.Flatten())"], [])
    assert mutate("delete_flatten", body.replace("sparse_categorical_crossentropy", "mse")) is None
    assert changed("delete_flatten", """
inputs = keras.Input((28, 28, 1))
x = layers.Conv2D(8, 3)(inputs)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(X, y)
""")[1] == ["x = x"]


def test_remove_reshape_where_keras_cannot_add_the_axis_back():
    assert changed("remove_reshape", """
X = X.reshape(X.shape[0], 1, X.shape[1])
model = keras.Sequential([layers.LSTM(8, input_shape=(1, 4)), layers.Dense(1)])
model.fit(X, y)
""")[1] == ["X = X"]
    assert changed("remove_reshape", """
n_features = 2
X3 = np.reshape(X, (len(X), 5, n_features))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, n_features)), layers.Dense(1)])
model.fit(X3, y)
""")[1] == ["X3 = X"]
    assert changed("remove_reshape", """
model = keras.Sequential([layers.LSTM(8), layers.Dense(1)])
model.fit(X.reshape(-1, 5, 1), y)
""")[1] == ["model.fit(X, y)"]
    # (n, 1, f) with f = 1 would be rescued: only where the declared width is surely > 1
    assert mutate("remove_reshape", """
look_back = 1
X = np.reshape(X, (X.shape[0], 1, X.shape[1]))
model = keras.Sequential([layers.LSTM(8, input_shape=(1, look_back)), layers.Dense(1)])
model.fit(X, y)
""") is None
    # a last axis of 1 with a declared input: Keras adds the axis itself and runs
    assert mutate("remove_reshape", """
X = X.reshape(X.shape[0], X.shape[1], 1)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.fit(X, y)
""") is None


def test_predict_one_sample_only_when_every_declared_width_exceeds_one():
    body = """
X_test = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
print(model.predict(X_test))
"""
    assert changed("predict_one_sample", body)[1] == ["print(model.predict(X_test[0]))"]
    assert mutate("predict_one_sample", body.replace("(5, 3)", "(5, 1)")) is None
    assert mutate("predict_one_sample", body.replace("np.random.rand(10, 5, 3)", "datagen.flow(X, y)")) is None


def test_new_errors_follow_the_lines_a_deletion_shifted():
    original = "a\nb\nc\nd\n"
    mutant = "a\nc\nd\n"
    mapping = recall.line_map(original, mutant)
    assert mapping[2] == 3 and mapping[3] == 4
    assert recall.new_errors([("LS101", 4)], [("LS101", 3), ("LS203", 3)], mapping) == [("LS203", 3)]


@pytest.mark.parametrize("operator", sorted(recall.BY_NAME))
def test_every_operator_has_a_summary_and_codes(operator):
    spec = recall.BY_NAME[operator]
    assert spec.codes and spec.summary and spec.apply.__doc__


def test_a_mutant_is_judged_and_a_miss_is_explained():
    body = """
X = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1))
"""
    text = HEAD + body
    mutation = recall.BY_NAME["input_last_axis"].apply(cst.parse_module(text))
    record = recall.judge(recall.BY_NAME["input_last_axis"], mutation, recall.errors_of(text, "t.py", 3), text, "t.py", 3)
    assert record.detected and [code for code, _ in record.new] == ["LS203"]
    loaded = text.replace("np.random.rand(10, 5, 3)", "np.load('x.npy')")
    mutation = recall.BY_NAME["input_last_axis"].apply(cst.parse_module(loaded))
    record = recall.judge(recall.BY_NAME["input_last_axis"], mutation, recall.errors_of(loaded, "t.py", 3), loaded, "t.py", 3)
    assert not record.detected and record.miss == "shape lost" and record.reason == "data: `np.load(...)`"


def test_a_file_whose_original_has_an_error_is_not_judged(tmp_path):
    (tmp_path / "old.py").write_text(HEAD + """
X = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit_generator(X, np.random.rand(10, 1))
""")
    records = recall.mutate_file(tmp_path / "old.py", tmp_path, 3)
    assert [r.operator for r in records] == ["input_last_axis"] and records[0].skipped.startswith("original has errors (LS601")
