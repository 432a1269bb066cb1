"""Unknown sizes print as `?` (the batch or sample axis as `None`, as Keras
prints it), and no message names a symbol the user never wrote."""

import json

from cli_helpers import run

WINDOWS = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

series = np.random.rand(500)
windows = []
for start in range(0, len(series) - 10, 3):
    windows.append(series[start:start + 10])
X = np.array(windows)
model = keras.Sequential([layers.LSTM(8, input_shape=(10, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X.T, np.random.rand(10, 1))
"""

RESHAPED = """\
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 3))
x = layers.Reshape((-1, 3, 1))(inputs)
model = keras.Model(inputs, layers.LSTM(2)(x))
"""


def test_loop_count_is_not_given_an_invented_name(tmp_path):
    path = tmp_path / "windows.py"
    path.write_text(WINDOWS)
    [record] = json.loads(run("--format", "json", str(path)).output)
    assert "the data passed to `fit` is (10, ?)" in record["message"]
    assert "iterations" not in run(str(path)).output
    assert record["actual"] == [10, None]


def test_unknown_sizes_in_messages_and_shapes(tmp_path):
    path = tmp_path / "reshaped.py"
    path.write_text(RESHAPED)
    message = json.loads(run("--format", "json", str(path)).output)[0]["message"]
    assert message.endswith("but receives 4D (None, ?, 3, 1)")  # the batch axis None, the unknown size ?
    table = run("shapes", str(path)).output
    assert "input_layer (InputLayer)  (None, None, 3)" in table  # a declared None stays None
    assert "reshape (Reshape)         (None, ?, 3, 1)" in table
    rows = json.loads(run("shapes", "--format", "json", str(path)).output)
    reshape = next(r for m in rows["models"] for r in m["layers"] if r["name"] == "reshape")
    assert reshape["output_shape"] == [None, None, 3, 1] and reshape["output_shape_text"] == "(None, ?, 3, 1)"
