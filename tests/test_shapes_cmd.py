"""``lstmlint shapes``: the static model summary, end to end through the CLI,
and the layer table's parameter counts one formula at a time."""

import json
from pathlib import Path

import libcst as cst
import pytest
from click.testing import CliRunner

from lstmlint.cli import main
from lstmlint.infer.layer_table import LAYERS
from lstmlint.infer.shapes import UNKNOWN, Shape, Sym
from lstmlint.infer.values import Layer

SEQUENTIAL = """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(5, 3)),
    layers.LSTM(8, return_sequences=True),
    layers.Dropout(0.2),
    layers.GRU(4),
    layers.Dense(1),
])
"""

FUNCTIONAL = """\
import keras
from keras import layers

seq_in = keras.Input(shape=(30, 4))
static_in = keras.Input(shape=(7,))
x1 = layers.LSTM(32)(seq_in)
x2 = layers.Dense(16, activation="relu")(static_in)
merged = layers.Concatenate()([x1, x2])
out = layers.Dense(1)(merged)
forecaster = keras.Model([seq_in, static_in], out)
"""

# LS101 on line 6: the first LSTM lacks return_sequences=True.
STACKED_BUG = """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
    layers.Dense(1),
])
"""

SYMBOLIC = """\
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

X = pd.read_csv("prices.csv").values
n_features = X.shape[1]

def build_model(n_steps):
    return keras.Sequential([
        keras.Input(shape=(30, n_features)),
        layers.LSTM(64, return_sequences=True),
        layers.Dense(1),
    ])

model = build_model(30)
"""


@pytest.fixture
def write(tmp_path: Path):
    def make(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return make


def run(*args: str):
    return CliRunner().invoke(main, ["shapes", *args])


def rows_of(output: str):
    return {line.split()[0]: line for line in output.splitlines() if " (" in line and not line.startswith("Model:")}


# -- text -------------------------------------------------------------------------


def test_text_sequential_table(write) -> None:
    result = run(write("seq.py", SEQUENTIAL))
    assert result.exit_code == 0, result.output
    assert 'Model: "model" (Sequential' in result.output
    rows = rows_of(result.output)
    assert "(None, 5, 3)" in rows["input_layer"]
    assert "(None, 5, 8)" in rows["lstm"] and rows["lstm"].rstrip().endswith("384")  # 4 * (8 * (3 + 8) + 8)
    assert "(None, 5, 8)" in rows["dropout"] and rows["dropout"].rstrip().endswith(" 0")
    assert "(None, 4)" in rows["gru"] and rows["gru"].rstrip().endswith("168")  # 3 * (4 * (8 + 4) + 2 * 4)
    assert "(None, 1)" in rows["dense"] and rows["dense"].rstrip().endswith("5")
    assert "Total params: 557" in result.output


def test_text_marks_the_layer_with_the_diagnostic(write) -> None:
    result = run(write("bug.py", STACKED_BUG))
    assert result.exit_code == 0
    rows = rows_of(result.output)
    assert "<- LS101" in rows["lstm_1"]
    assert "LS101" not in rows["lstm"] and "LS101" not in rows["input_layer"]
    assert "(None, 8)" in rows["lstm"]
    assert "Total params: at least" in result.output  # the broken LSTM's count is unknown
    assert "lstm_1: " in result.output and ":6:5: LS101" in result.output


def test_text_symbolic_dims_by_name(write) -> None:
    result = run(write("sym.py", SYMBOLIC))
    assert result.exit_code == 0
    assert 'Model: "build_model()"' in result.output
    rows = rows_of(result.output)
    assert "(None, 30, n_features)" in rows["input_layer"]
    assert "(None, 30, 64)" in rows["lstm"] and rows["lstm"].rstrip().endswith("?")  # depends on n_features
    assert rows["dense"].rstrip().endswith("65")


def test_text_functional_connected_to(write) -> None:
    result = run(write("fn.py", FUNCTIONAL))
    assert result.exit_code == 0
    assert 'Model: "forecaster" (Functional' in result.output
    rows = rows_of(result.output)
    assert rows["concatenate"].rstrip().endswith("lstm, dense")
    assert "(None, 48)" in rows["concatenate"]
    assert "Total params: 4,913" in result.output  # 4736 + 128 + 0 + 49


def test_no_model_and_several_files(write) -> None:
    result = run(write("plain.py", "print('hello')\n"), write("seq.py", SEQUENTIAL))
    assert result.exit_code == 0
    assert "plain.py: no Keras model found" in result.output
    assert "Total params: 557" in result.output


def test_syntax_error_file_is_reported_not_fatal(write) -> None:
    result = run(write("broken.py", "import keras\ndef (:\n"))
    assert result.exit_code == 0
    assert "not analysed" in result.output


# -- json ------------------------------------------------------------------------


def test_json_functional_two_inputs(write) -> None:
    result = run("--format", "json", write("fn.py", FUNCTIONAL))
    assert result.exit_code == 0
    data = json.loads(result.output)
    (model,) = data["models"]
    assert model["name"] == "forecaster" and model["kind"] == "functional" and model["line"] == 10
    layers = {layer["name"]: layer for layer in model["layers"]}
    assert [layer["type"] for layer in model["layers"]].count("InputLayer") == 2
    assert layers["concatenate"]["inputs"] == ["lstm", "dense"]
    assert layers["concatenate"]["output_shape"] == [None, 48]
    assert layers["lstm"]["params"] == 4736 and layers["dense"]["params"] == 128
    assert layers["dense_1"]["output_shape_text"] == "(None, 1)"
    assert model["outputs"] == ["dense_1"]
    assert model["total_params"] == 4913


def test_json_diagnostic_and_symbols(write) -> None:
    data = json.loads(run("--format", "json", write("bug.py", STACKED_BUG), write("sym.py", SYMBOLIC)).output)
    bug, sym = data["models"]
    flagged = [layer for layer in bug["layers"] if layer["diagnostics"]]
    assert [layer["name"] for layer in flagged] == ["lstm_1"]
    assert flagged[0]["diagnostics"][0]["code"] == "LS101" and flagged[0]["params"] is None
    assert bug["total_params"] is None
    assert sym["layers"][0]["output_shape"] == [None, 30, "n_features"]


# -- graphs ----------------------------------------------------------------------


def test_mermaid(write) -> None:
    result = run("--format", "mermaid", write("fn.py", FUNCTIONAL), write("bug.py", STACKED_BUG))
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("flowchart TD\n")
    assert 'subgraph m0["forecaster (Functional)"]' in out
    assert '-->|"(None, 30, 4)"|' in out and '-->|"(None, 32)"|' in out and '-->|"(None, 16)"|' in out
    assert out.count("m0_4") >= 3  # the Concatenate node: declared, two inputs in, one out
    assert "classDef diagnostic" in out and "class m1_2 diagnostic" in out
    assert "LS101" in out


def test_dot(write) -> None:
    result = run("--format", "dot", write("bug.py", STACKED_BUG))
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("digraph lstmlint {") and out.rstrip().endswith("}")
    assert 'm0_0 -> m0_1 [label="(None, 5, 3)"];' in out
    assert 'm0_1 -> m0_2 [label="(None, 8)"];' in out
    flagged = [line for line in out.splitlines() if "#cc0000" in line]
    assert len(flagged) == 1 and "lstm_1: LSTM" in flagged[0] and "LS101" in flagged[0]


def test_dot_balanced_and_quoted(write) -> None:
    out = run("--format", "dot", write("fn.py", FUNCTIONAL), write("seq.py", SEQUENTIAL)).output
    assert out.count("{") == out.count("}")
    assert out.count("subgraph cluster_") == 2


# -- options ---------------------------------------------------------------------


def test_keras_version_option(write) -> None:
    source = SEQUENTIAL.replace("keras.Input(shape=(5, 3)),\n    layers.LSTM(8, return_sequences=True)", "layers.LSTM(8, return_sequences=True, batch_input_shape=(None, 5, 3))")
    path = write("k2.py", source)
    two = run("--keras-version", "2", path)
    assert two.exit_code == 0 and "Total params: 557" in two.output and "LS106" not in two.output
    three = run("--keras-version", "3", path)
    assert "LS106" in three.output


def test_bad_arguments_exit_2(write, tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing.py")).exit_code == 2
    assert run().exit_code == 2
    assert run("--format", "svg", write("seq.py", SEQUENTIAL)).exit_code == 2
    assert run("--keras-version", "4", write("seq2.py", SEQUENTIAL)).exit_code == 2


def test_help_mentions_shapes() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "shapes" in result.output
    assert "--format" in CliRunner().invoke(main, ["shapes", "--help"]).output


def test_subclassed_model(write) -> None:
    source = """\
from tensorflow import keras
from tensorflow.keras import layers

class Forecaster(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = layers.LSTM(20)
        self.head = layers.Dense(2)

    def call(self, x):
        return self.head(self.encoder(x))

model = Forecaster()
model(keras.Input(shape=(8, 5)))
"""
    data = json.loads(run("--format", "json", write("sub.py", source)).output)
    (model,) = data["models"]
    assert model["kind"] == "subclassed"
    assert [(l["name"], l["params"]) for l in model["layers"]] == [("input_layer", 0), ("encoder", 2080), ("head", 42)]
    assert model["total_params"] == 2122


# -- parameter counts, formula by formula ------------------------------------------


def layer(name: str, inner: Layer = None, **args) -> Layer:
    return Layer(LAYERS[name], args, {}, cst.Call(func=cst.Name(name)), inner=inner)


def count(shape, name: str, inner: Layer = None, **args):
    built = layer(name, inner, **args)
    return built.entry.param_count(Shape(tuple(UNKNOWN if d is None else d for d in shape)), built)


@pytest.mark.parametrize(
    "shape, name, args, expected",
    [
        ((None, 10), "Dense", {"units": 4}, 44),
        ((None, 5, 10), "Dense", {"units": 4, "use_bias": False}, 40),
        ((None, 12, 4), "LSTM", {"units": 32}, 4 * (32 * (4 + 32) + 32)),
        ((None, 12, 4), "LSTM", {"units": 32, "use_bias": False}, 4 * 32 * 36),
        ((None, 12, 4), "GRU", {"units": 16}, 3 * (16 * (4 + 16) + 2 * 16)),
        ((None, 12, 4), "GRU", {"units": 16, "reset_after": False}, 3 * (16 * (4 + 16) + 16)),
        ((None, 12, 4), "SimpleRNN", {"units": 8}, 8 * 12 + 8),
        ((None, 20), "Embedding", {"input_dim": 1000, "output_dim": 32}, 32000),
        ((None, 50, 4), "Conv1D", {"filters": 16, "kernel_size": 3}, 3 * 4 * 16 + 16),
        ((None, 50, 8), "Conv1D", {"filters": 8, "kernel_size": 3, "groups": 2}, 3 * 4 * 8 + 8),
        ((None, 4, 50), "Conv1D", {"filters": 16, "kernel_size": 3, "data_format": "channels_first"}, 3 * 4 * 16 + 16),
        ((None, 28, 28, 3), "Conv2D", {"filters": 8, "kernel_size": (3, 3)}, 9 * 3 * 8 + 8),
        ((None, 28, 28, 3), "Conv2D", {"filters": 8, "kernel_size": 5, "use_bias": False}, 25 * 3 * 8),
        ((None, 13, 13, 8), "SeparableConv2D", {"filters": 16, "kernel_size": 3, "depth_multiplier": 2}, 9 * 8 * 2 + 8 * 2 * 16 + 16),
        ((None, 13, 13, 8), "Conv2DTranspose", {"filters": 4, "kernel_size": 3}, 9 * 8 * 4 + 4),
        ((None, 5, 16, 16, 3), "ConvLSTM2D", {"filters": 8, "kernel_size": (3, 3)}, 4 * (9 * (3 + 8) * 8 + 8)),
        ((None, 48), "BatchNormalization", {}, 4 * 48),
        ((None, 5, 6), "BatchNormalization", {"axis": 1}, 4 * 5),
        ((None, 5, 6), "BatchNormalization", {"center": False}, 3 * 6),
        ((None, 5, 6), "LayerNormalization", {}, 2 * 6),
        ((None, 5, 6), "LayerNormalization", {"scale": False}, 6),
        ((None, 5, 6), "Dropout", {"rate": 0.5}, 0),
        ((None, 5, 6), "Flatten", {}, 0),
        ((None, 5, 6), "MaxPooling1D", {}, 0),
        ((None, 6), "RepeatVector", {"n": 3}, 0),
        (None, "Activation", {"activation": "relu"}, 0),
    ],
)
def test_param_count_formulas(shape, name, args, expected) -> None:
    if shape is None:
        built = layer(name, **args)
        assert built.entry.param_count(Shape(None), built) == expected
    else:
        assert count(shape, name, **args) == expected


def test_wrappers() -> None:
    lstm = layer("LSTM", units=16, return_sequences=True)
    assert count((None, 20, 3), "Bidirectional", lstm) == 2 * 4 * (16 * 19 + 16)
    assert count((None, 20, 3), "Bidirectional", lstm, merge_mode="sum") == 2 * 4 * (16 * 19 + 16)
    assert count((None, 20, 3), "Bidirectional", lstm, backward_layer=object()) is UNKNOWN
    dense = layer("Dense", units=5)
    assert count((None, 10, 7), "TimeDistributed", dense) == 7 * 5 + 5
    assert count((None, 10, 7), "TimeDistributed") is UNKNOWN  # no wrapped layer known


def test_unknown_when_not_sure() -> None:
    assert count((None, None), "Dense", units=4) is UNKNOWN
    assert count((None, 5, Sym("n", "n")), "LSTM", units=4) is UNKNOWN
    assert count((None, 10), "Dense", units=UNKNOWN) is UNKNOWN
    assert count((None, 10), "Dense", units=4, use_bias=UNKNOWN) is UNKNOWN
    assert count((None, 50, 4), "Conv1D", filters=16) is UNKNOWN  # no kernel_size
    assert count((None, 5, 6), "BatchNormalization", axis=0) is UNKNOWN
    assert LAYERS["TextVectorization"].param_count is None and LAYERS["StringLookup"].param_count is None
