"""--fix and --diff end to end: the fixed problem is gone, formatting and
comments survive, and fixing twice changes nothing."""

import json
from pathlib import Path


from cli_helpers import STACKED, run

THREE = '''\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3)),  # encoder
    layers.Bidirectional(layers.GRU(
        6,
        dropout=0.1,
    )),
    layers.SimpleRNN(4, return_sequences=False),
    layers.LSTM(2),
])
'''
THREE_FIXED = '''\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3), return_sequences=True),  # encoder
    layers.Bidirectional(layers.GRU(
        6,
        dropout=0.1,
        return_sequences=True,
    )),
    layers.SimpleRNN(4, return_sequences=True),
    layers.LSTM(2),
])
'''

FUNCTIONAL = '''\
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 3))
first = layers.LSTM(8)
x = first(inputs)
x = layers.LSTM(4)(x)
'''

EMBEDDING = '''\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Embedding(100, 8, input_length=10), layers.LSTM(4)])
other = keras.Sequential([layers.Embedding(100, 8, input_length=10,), layers.LSTM(4)])
'''


def codes(path: Path, *args: str):
    return [d["code"] for d in json.loads(run("--format", "json", *args, str(path)).output)]


def test_fix_stacked_recurrent_layers(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(THREE)
    assert codes(path) == ["LS101"]
    result = run("--fix", str(path))
    assert result.exit_code == 0, result.output
    assert "Fixed 3 problems." in result.output
    assert path.read_text() == THREE_FIXED  # one fix revealed the next; comments and layout kept
    assert codes(path) == []
    again = run("--fix", str(path))
    assert again.exit_code == 0 and "Fixed" not in again.output
    assert path.read_text() == THREE_FIXED


def test_fix_functional_layer_bound_to_a_name(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(FUNCTIONAL)
    assert run("--fix", str(path)).exit_code == 0
    assert "first = layers.LSTM(8, return_sequences=True)" in path.read_text()


def test_diff_writes_nothing(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(STACKED)
    result = run("--diff", str(path))
    assert result.exit_code == 1
    assert "-    layers.LSTM(8, input_shape=(5, 3)),\n+    layers.LSTM(8, input_shape=(5, 3), return_sequences=True),\n" in result.output
    assert path.read_text() == STACKED
    run("--fix", str(path))
    assert run("--diff", str(path)).exit_code == 0


def test_fix_keeps_crlf_and_other_files_untouched(tmp_path):
    path = tmp_path / "m.py"
    path.write_bytes(STACKED.replace("\n", "\r\n").encode())
    clean = tmp_path / "clean.py"
    clean.write_text("import keras\n")
    run("--fix", str(tmp_path))
    assert b"return_sequences=True),\r\n" in path.read_bytes() and b"\n" not in path.read_bytes().replace(b"\r\n", b"")
    assert clean.read_text() == "import keras\n"


def test_unfixable_problems_remain(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(STACKED.replace("layers.LSTM(8, input_shape=(5, 3))", "layers.Flatten(input_shape=(5, 3))"))
    before = path.read_text()
    result = run("--fix", str(path))
    assert result.exit_code == 1 and path.read_text() == before and "[*]" not in result.output


def test_fix_drops_embedding_input_length_for_keras_3(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(EMBEDDING)
    assert codes(path, "--keras-version", "3") == ["LS108", "LS108"]
    assert run("--fix", "--keras-version", "3", str(path)).exit_code == 0
    assert path.read_text() == EMBEDDING.replace(", input_length=10", "")
    assert codes(path, "--keras-version", "3") == []


LAYOUTS = '''\
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Sequential([
    layers.LSTM(
        32,  # units
        input_shape=(5, 3),  # steps, features
    ),
    layers.LSTM(4),
])
b = keras.Sequential([layers.LSTM( 32,  input_shape=(5, 3)), layers.LSTM(4)])
c = keras.Sequential([layers.LSTM( 32 , input_shape=(5, 3) ), layers.LSTM(4)])
d = keras.Sequential([layers.LSTM(32, input_shape=(5, 3),), layers.LSTM(4)])
e = keras.Sequential([
    layers.LSTM(
        32,  # units
        input_shape=(5, 3)  # steps, features
    ),
    layers.LSTM(4),
])
'''
LAYOUTS_FIXED = '''\
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Sequential([
    layers.LSTM(
        32,  # units
        input_shape=(5, 3),  # steps, features
        return_sequences=True,
    ),
    layers.LSTM(4),
])
b = keras.Sequential([layers.LSTM( 32,  input_shape=(5, 3), return_sequences=True), layers.LSTM(4)])
c = keras.Sequential([layers.LSTM( 32 , input_shape=(5, 3), return_sequences=True ), layers.LSTM(4)])
d = keras.Sequential([layers.LSTM(32, input_shape=(5, 3), return_sequences=True,), layers.LSTM(4)])
e = keras.Sequential([
    layers.LSTM(
        32,  # units
        input_shape=(5, 3),  # steps, features
        return_sequences=True
    ),
    layers.LSTM(4),
])
'''

# The tutorial form: regularising layers between the recurrent ones, and a
# Bidirectional wrapper on both ends.
BETWEEN = '''\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(16, input_shape=(5, 3)),
    layers.Dropout(0.2),
    layers.BatchNormalization(),
    layers.Bidirectional(layers.LSTM(8)),
    layers.LayerNormalization(),
    layers.GRU(4),
    layers.Dense(1),
])
'''


def test_inserted_argument_keeps_comments_and_layout(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(LAYOUTS)
    result = run("--fix", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text() == LAYOUTS_FIXED


def test_fix_through_shape_preserving_layers_and_bidirectional(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(BETWEEN)
    first = json.loads(run("--format", "json", str(path)).output)
    assert [(d["code"], d["line"], d["fixable"]) for d in first] == [("LS101", 8, True)]
    assert "the LSTM before it returns only its last output (through the shape-preserving `BatchNormalization`)" in first[0]["message"]
    assert first[0]["fix"] == "add `return_sequences=True` to `layers.LSTM(16, input_shape=(5, 3))`"
    result = run("--fix", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text() == BETWEEN.replace("(5, 3))", "(5, 3), return_sequences=True)").replace(
        "LSTM(8)", "LSTM(8, return_sequences=True)")
