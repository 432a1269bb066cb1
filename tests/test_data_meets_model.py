"""Where data meets a model (issue 11): reduced programs, with what real Keras
does on them (see the rules' oracle-checked examples for the runnable ones)."""

from lstmlint.diagnostics import Severity
from lstmlint.infer.shapes import dim_arith, dims_equal, fresh_sym, sample_shift
from lstmlint.testing import lint_snippet

HEAD = "import numpy as np\nimport pandas as pd\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"


def lint(body: str, version: int = 3):
    return lint_snippet(HEAD + body, version)


def codes(body: str, version: int = 3):
    return sorted(d.code for d in lint(body, version))


def test_shifted_symbols_compare():
    n = fresh_sym("n")
    assert dims_equal(dim_arith("-", n, 5), dim_arith("-", n, 4)) is False
    assert dims_equal(dim_arith("+", dim_arith("-", n, 5), 1), dim_arith("-", n, 4)) is True
    assert dims_equal(dim_arith("-", n, 5), fresh_sym("m")) is None
    assert sample_shift(dim_arith("-", n, 5), dim_arith("-", n, 4)) == 1


WINDOWS = """
s = pd.read_csv("prices.csv")["close"].values
w = 5
X = np.array([s[i:i + w] for i in range(len(s) - w)]).reshape(-1, w, 1)
model = keras.Sequential([layers.LSTM(8, input_shape=(w, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, {targets}, epochs=1, verbose=0)
"""


def test_windows_and_targets_of_another_count():
    found = lint(WINDOWS.format(targets="s[w - 1:]"))
    assert [d.code for d in found] == ["LS205"]
    assert "y has 1 sample more" in found[0].fix and "s[w:]" in found[0].fix
    assert codes(WINDOWS.format(targets="s[w:]")) == []


def test_cardinality_is_reported_before_the_loss():
    # Keras raises "Data cardinality is ambiguous" before it builds the loss.
    body = """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(2)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(8, 3), epochs=1, verbose=0)
"""
    assert codes(body) == ["LS205"]
    two_outputs = """
inputs = keras.Input(shape=(5, 2))
hidden = layers.LSTM(4)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(loss="mse")
model.fit(np.random.rand(10, 5, 2), np.random.rand(2, 10, 1), epochs=1, verbose=0)
"""
    assert codes(two_outputs) == ["LS205"]


def test_one_sample_without_the_batch_axis():
    body = """
X = np.random.rand(10, 5, 2)
inputs = keras.Input(shape=(5, 2))
model = keras.Model(inputs, layers.Dense(1)(layers.LSTM(4)(inputs)))
model(X[0])
model.predict(X[3], verbose=0)
"""
    found = lint(body)
    assert [(d.code, d.line) for d in found] == [("LS201", 9), ("LS201", 10)]
    assert "without the batch axis" in found[0].message
    assert "`X[0:1]`" in found[0].fix and "`X[3:4]`" in found[1].fix
    assert codes(body.replace("X[0]", "X[0:1]").replace("X[3]", "X[None, 3]")) == []


def test_model_called_on_tensors_is_not_data():
    body = """
inputs = keras.Input(shape=(5, 2))
inner = keras.Model(inputs, layers.Dense(1)(layers.LSTM(4)(inputs)))
outer = keras.Model(inputs, inner(inputs))
"""
    assert codes(body) == []


def test_checkpoint_paths_lstmlint_cannot_read_are_left_alone():
    body = """
import os
name = "run"
a = keras.callbacks.ModelCheckpoint(f"{name}.hdf5")
b = keras.callbacks.ModelCheckpoint(os.path.join("out", "best.hdf5"))
c = keras.callbacks.ModelCheckpoint(**{"filepath": "best.hdf5"})
"""
    assert codes(body) == []


def test_checkpoint_by_version():
    body = 'cb = keras.callbacks.ModelCheckpoint("best.hdf5", period=2, save_best=True)\n'
    k3 = lint(body, 3)  # `period=` (a removed argument: LS602, raised first), the path and the misspelling
    assert [(d.code, d.severity) for d in k3] == [("LS602", Severity.ERROR)] + [("LS502", Severity.ERROR)] * 2
    assert "period" in k3[0].message and "save_best" in k3[2].message
    k2 = lint(body, 2)
    assert [(d.code, d.severity) for d in k2] == [("LS502", Severity.WARNING)]
    assert "save_best" in k2[0].message and "save_best_only" in k2[0].fix


def test_metrics_string_is_keras3_only():
    body = """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse", metrics="mae")
"""
    assert codes(body, 3) == ["LS503"]
    assert codes(body, 2) == []


def test_a_few_random_labels_may_stay_in_range():
    body = """
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(2, 5, 1), np.random.randint(0, 4, (2,)), epochs=1, verbose=0)
"""
    assert codes(body) == []


def test_embedding_matrix_one_row_longer_than_the_tokenizer_vocabulary():
    body = """
from tensorflow.keras.preprocessing.text import Tokenizer
tok = Tokenizer()
tok.fit_on_texts(["a b c"])
matrix = np.zeros((len(tok.word_index) + 1, 50))
bad = layers.Embedding(len(tok.word_index), 50, weights=[matrix])
good = layers.Embedding(len(tok.word_index) + 1, 50, weights=[matrix])
"""
    found = lint(body)
    assert [(d.code, d.line) for d in found] == [("LS405", 10)]


def test_dict_targets_with_unnamed_outputs_are_left_alone():
    body = """
inputs = keras.Input(shape=(5, 2))
hidden = layers.LSTM(4)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1, name="b")(hidden)])
model.compile(loss="mse")
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 2), {"dense": y, "b": y}, epochs=1, verbose=0)
"""
    assert codes(body) == []


def test_predict_on_each_row():
    body = """
X = np.random.rand(10, 5, 2)
model = keras.Sequential([layers.LSTM(4, input_shape=(5, 2)), layers.Dense(3)])
for row in X:
    model.predict(row, verbose=0)
for batch in X[None]:
    model.predict(batch, verbose=0)
"""
    found = lint(body)
    assert [(d.code, d.line) for d in found] == [("LS201", 9)]
    assert "row[None]" in found[0].fix


def test_conv_output_without_flatten_gets_the_flatten_fix():
    body = """
y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), 3)
model = keras.Sequential([layers.Conv2D(4, 3, input_shape=(8, 8, 1)), layers.Dense(3, activation="softmax")])
model.compile(loss="categorical_crossentropy")
model.fit(np.random.rand(10, 8, 8, 1), y, epochs=1, verbose=0)
"""
    found = lint(body)
    assert [d.code for d in found] == ["LS301"] and "Flatten()" in found[0].fix


def test_embedding_weights_by_version():
    # Keras 3 sets the weights when the layer is created; Keras 2 only when it is built.
    body = """
m = np.random.rand(50, 8)
e = layers.Embedding(100, 8, weights=[m])
"""
    assert codes(body, 3) == ["LS405"]
    assert codes(body, 2) == []
    assert codes(body + "e(keras.Input(shape=(5,)))\n", 2) == ["LS405"]


def test_validation_targets_of_a_two_output_model():
    body = """
inputs = keras.Input((5, 2))
hidden = layers.LSTM(4)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(loss="mse")
Y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 2), [Y, Y], validation_data=(np.random.rand(10, 5, 2), Y), epochs=1, verbose=0)
"""
    found = lint(body, 3)
    assert [d.code for d in found] == ["LS306"] and "`validation_data=`" in found[0].message
    assert codes(body, 2) == []


def test_flat_targets_broadcast_in_batches_of_one():
    # Keras 3: (b,) targets against (b, 4) outputs broadcast only for b == 1 or b == 4.
    body = """
x = np.array([1, 2, 3, 4, 5, 6, 7])
model = keras.Sequential([layers.Dense(5, input_dim=1), layers.Dense(4)])
model.compile(loss="mse", optimizer="adam")
model.fit(x, x, epochs=1, batch_size=1)
model.evaluate(x[:3], x[:3])
"""
    loss = ("LS303", "LS305")
    assert [(d.code, d.line) for d in lint(body, 3) if d.code in loss] == [("LS305", 10)]
    assert [(d.code, d.severity) for d in lint(body, 2) if d.code in loss] == [("LS303", Severity.WARNING)] * 2


def test_text_model_called_on_strings():
    body = """
import tensorflow as tf
vectorize = layers.TextVectorization(max_tokens=100, output_mode="tf_idf")
vectorize.adapt(["a b", "c d"])
inputs = keras.Input(shape=(1,), dtype="string")
model = keras.Model(inputs, layers.Dense(1)(vectorize(inputs)))
print(model(tf.convert_to_tensor([["That was an excellent movie"]])))
"""
    assert codes(body) == [] and codes(body, 2) == []


def test_sequential_of_an_unknown_merge_takes_its_inputs():
    body = """
from keras.layers import Merge
a = keras.Sequential([layers.Dense(4, input_dim=3)])
b = keras.Sequential([layers.Dense(4, input_dim=3)])
model = keras.Sequential()
model.add(Merge([a, b], mode="sum"))
model.add(layers.Dense(1))
model.compile(optimizer="adam", loss="mse")
model.fit([np.random.rand(8, 3), np.random.rand(8, 3)], np.random.rand(8, 1))
"""
    assert "LS206" not in codes(body, 2)


RAGGED_WINDOWS = """
s = pd.read_csv("prices.csv")["close"].values
w = 5
X = []
for i in {loop}:
{body}
X = np.array(X)
"""


def ls406(loop: str, body: str = "    X.append(s[i:i + w])"):
    return [d for d in lint(RAGGED_WINDOWS.format(loop=loop, body=body)) if d.code == "LS406"]


def test_windows_that_run_past_the_data_are_ragged():
    # NumPy >= 1.24 raises ValueError (inhomogeneous shape): the oracle ran range(len(s)),
    # range(len(s) - 1) and range(1, len(s)) on 50 values; the data here is of unknown length.
    for loop in ("range(len(s))", "range(len(s) - 1)", "range(1, len(s))", "range(len(s) - w + 2)"):
        found = ls406(loop)
        assert [d.severity for d in found] == [Severity.ERROR], loop
    assert "range(len(s) - 4)" in ls406("range(len(s))")[0].fix
    assert "range(len(s) - 1 - 3)" in ls406("range(len(s) - 1)")[0].fix
    assert ls406("range(len(s))", "    X.append(s[i - w:i])")  # the first windows are empty


def test_whole_windows_and_guarded_loops_are_not_ragged():
    for loop in ("range(len(s) - w + 1)", "range(len(s) - w)", "range(len(s) - w - 1)", "range(0, len(s), 2)", "range(len(X))"):
        assert ls406(loop) == [], loop
    assert ls406("range(w, len(s) + 1)", "    X.append(s[i - w:i])") == []
    guarded = ("    if i + w <= len(s):\n        X.append(s[i:i + w])", "    if i + w > len(s):\n        continue\n    X.append(s[i:i + w])")
    for body in guarded:
        assert ls406("range(len(s))", body) == [], body
    assert ls406("range(len(s))", "    X.append(s[i:i + 1])") == []  # windows of one value are all whole
    trimmed = RAGGED_WINDOWS.format(loop="range(len(s))", body="    X.append(s[i:i + w])").replace("X = np.array(X)", "X = np.array(X[:-(w - 1)])")
    assert [d for d in lint(trimmed) if d.code == "LS406"] == []
    deleted = RAGGED_WINDOWS.format(loop="range(len(s))", body="    X.append(s[i:i + w])").replace("X = np.array(X)", "del X[-4:]\nX = np.array(X)")
    assert [d for d in lint(deleted) if d.code == "LS406"] == []


def test_ragged_comprehensions_and_literals():
    assert codes("s = np.random.rand(50)\nX = np.array([s[i:i + 5] for i in range(len(s))])\n") == ["LS406"]
    assert codes("s = np.random.rand(50)\nX = np.array([s[i:i + 5] for i in range(len(s)) if i + 5 <= len(s)])\n") == []
    assert codes("s = np.random.rand(50)\nX = np.array([s[i:i + 5] for i in range(len(s) - 4)])\n") == []
    assert codes('X = np.array([["a", "b"], ["c"]])\n') == ["LS406"]
    assert codes("X = np.array([[1, 2, 3], [4, 5]], dtype=object)\n") == []  # an object array (LS401 if a model gets it)
    assert codes("X = np.asarray([[1, 2, 3], [4, 5]], dtype='float32')\n") == ["LS406"]


FRAME = 'df = pd.DataFrame({"age": [23, 35, 47, 51], "city": ["a", "b", "a", "c"], "label": [0, 1, 1, 0]})\n'
FIT = "model = keras.Sequential([layers.Dense(1, activation='sigmoid')])\nmodel.compile(optimizer='adam', loss='binary_crossentropy')\nmodel.fit({x}, df['label'].values, epochs=1, verbose=0)\n"


def frame_codes(prep: str, x: str):
    return codes(FRAME + prep + FIT.format(x=x))


def test_a_string_column_makes_the_values_objects():
    # Keras 3: "Invalid dtype: object"; tf-keras: "Unsupported object type int" (the oracle ran
    # the drop, iloc, head and get_dummies forms; the others make the same object array).
    for x in ("df.drop(columns=['label']).values", "df.iloc[:, :-1].values", "df[['age', 'city']].to_numpy()", "df.head(3).values",
              "pd.get_dummies(df.drop(columns=['label'])).values", "pd.get_dummies(df, columns=['label'], dtype=float).values"):
        assert frame_codes("", x) == ["LS401"], x
    found = [d for d in lint(FRAME + FIT.format(x="df.drop(columns=['label']).values")) if d.code == "LS401"]
    assert "`city`" in found[0].message and "get_dummies" in found[0].fix


def test_numeric_columns_and_changed_frames_are_not_objects():
    for x in ("df.drop(columns=['label', 'city']).values", "df[['age']].values", "df.iloc[:, [0, 2]].values",
              "pd.get_dummies(df.drop(columns=['label']), dtype=float).values", "df.drop(columns=['city']).astype('float32').values"):
        assert frame_codes("", x) == [], x
    # Changed in place: what the columns hold is no longer known (the oracle ran map, pop and
    # inplace=True: Keras runs them).
    for prep in ("df['city'] = df['city'].map({'a': 0, 'b': 1, 'c': 2})\n", "df.pop('city')\n", "df.drop(columns=['city'], inplace=True)\n",
                 "df.loc[:, 'city'] = 0\n", "encode(df)\n"):
        assert frame_codes(prep, "df.drop(columns=['label']).values") == [], prep
    assert frame_codes("df.columns = ['a', 'b', 'c']\n", "df.values") == ["LS401"]  # renamed, still a string column


def test_frames_of_unknown_columns_say_nothing():
    csv = 'df = pd.read_csv("data.csv")\n'
    assert codes(csv + FIT.format(x="df.drop(columns=['label']).values")) == []
    assert codes(csv + FIT.format(x="pd.get_dummies(df).values")) == []
    assert codes('df = pd.DataFrame({"text": ["a b", "c"], "label": [0, 1]})\n' + FIT.format(x="df[['text']].values")) == []  # strings alone: a text column
    rows = 'df = pd.DataFrame([[23, "a", 0], [35, "b", 1]], columns=["age", "city", "label"])\n'
    assert codes(rows + FIT.format(x="df.iloc[:, :2].to_numpy()")) == ["LS401"]
    assert codes(rows + FIT.format(x="df.iloc[:, [0, 2]].to_numpy()")) == []
    bools = 'df = pd.DataFrame({"age": [23, 35], "smoker": [True, False], "label": [0, 1]})\n'
    assert codes(bools + FIT.format(x="df.values")) == ["LS401"]  # bools beside numbers: objects (Keras raises)
    assert codes(bools + FIT.format(x="df.astype('float32').values")) == []
