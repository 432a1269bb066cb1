"""Parameter counts of ``lstmlint shapes`` against real Keras 3 and Keras 2.

Each snippet builds a model named ``model`` (with ``from tensorflow import
keras``, so one source runs under both Keras versions).  Real Keras reports
``layer.count_params()`` for every layer and ``model.count_params()``; lstmlint
reads the same source statically.  Every count must agree.

Needs TensorFlow (tensorflow-cpu, plus tf-keras for Keras 2): run with the
oracle environment, ``.venv-oracle/bin/python -m pytest -q tests/oracle``.
From another environment the Keras side runs under ``.venv-oracle/bin/python``
when that exists; otherwise the test is skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, Optional

import libcst as cst
import pytest

from lstmlint.report.shapes import summarize_module

ROOT = Path(__file__).resolve().parents[2]
ORACLE_PYTHON = ROOT / ".venv-oracle" / "bin" / "python"

HEADER = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"

SNIPPETS: Dict[str, str] = {
    "recurrent_stack": """
        model = keras.Sequential([
            keras.Input(shape=(12, 4)),
            layers.LSTM(32, return_sequences=True),
            layers.GRU(16, return_sequences=True),
            layers.SimpleRNN(8),
            layers.Dense(3),
        ])
    """,
    "recurrent_flags": """
        model = keras.Sequential([
            keras.Input(shape=(9, 5)),
            layers.GRU(7, return_sequences=True, reset_after=False),
            layers.LSTM(6, return_sequences=True, use_bias=False),
            layers.SimpleRNN(4, use_bias=False),
            layers.Dense(2, use_bias=False),
        ])
    """,
    "bidirectional": """
        model = keras.Sequential([
            keras.Input(shape=(20, 3)),
            layers.Bidirectional(layers.LSTM(16, return_sequences=True)),
            layers.Bidirectional(layers.GRU(8), merge_mode="sum"),
            layers.Dense(1),
        ])
    """,
    "bidirectional_ave_simple_rnn": """
        model = keras.Sequential([
            keras.Input(shape=(15, 6)),
            layers.Bidirectional(layers.SimpleRNN(5, return_sequences=True), merge_mode="ave"),
            layers.Bidirectional(layers.LSTM(4)),
        ])
    """,
    "time_distributed": """
        model = keras.Sequential([
            keras.Input(shape=(10, 7)),
            layers.TimeDistributed(layers.Dense(5)),
            layers.Flatten(),
            layers.Dense(2),
        ])
    """,
    "embedding_lstm": """
        model = keras.Sequential([
            keras.Input(shape=(20,)),
            layers.Embedding(1000, 32),
            layers.LSTM(16),
            layers.Dense(4, activation="softmax"),
        ])
    """,
    "conv1d": """
        model = keras.Sequential([
            keras.Input(shape=(50, 4)),
            layers.Conv1D(16, 3, activation="relu"),
            layers.MaxPooling1D(2),
            layers.Conv1D(8, 5, padding="same", use_bias=False),
            layers.Conv1D(8, 3, groups=2),
            layers.AveragePooling1D(2),
            layers.GlobalAveragePooling1D(),
            layers.Dense(1),
        ])
    """,
    "conv2d": """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 3)),
            layers.Conv2D(8, (3, 3)),
            layers.BatchNormalization(),
            layers.MaxPooling2D(2),
            layers.SeparableConv2D(16, 3, depth_multiplier=2),
            layers.SeparableConv2D(6, (3, 2), use_bias=False),
            layers.Conv2DTranspose(4, 3, strides=2),
            layers.LayerNormalization(),
            layers.UpSampling2D(),
            layers.ZeroPadding2D(1),
            layers.Cropping2D(1),
            layers.AveragePooling2D(2),
            layers.GlobalMaxPooling2D(),
            layers.Dense(3),
        ])
    """,
    "conv2d_global_average": """
        model = keras.Sequential([
            keras.Input(shape=(8, 8, 5)),
            layers.Conv2D(3, 2, use_bias=False),
            layers.GlobalAveragePooling2D(),
            layers.Dense(2),
        ])
    """,
    "conv_lstm2d": """
        model = keras.Sequential([
            keras.Input(shape=(5, 16, 16, 3)),
            layers.ConvLSTM2D(8, (3, 3), padding="same", return_sequences=True),
            layers.ConvLSTM2D(4, 3),
            layers.Flatten(),
            layers.Dense(2),
        ])
    """,
    "normalization_options": """
        model = keras.Sequential([
            keras.Input(shape=(5, 6)),
            layers.BatchNormalization(axis=1),
            layers.BatchNormalization(center=False),
            layers.BatchNormalization(scale=False, center=False),
            layers.LayerNormalization(axis=1),
            layers.LayerNormalization(center=False),
            layers.LayerNormalization(scale=False),
        ])
    """,
    "weightless": """
        model = keras.Sequential([
            keras.Input(shape=(12, 4)),
            layers.Masking(0.0),
            layers.GaussianNoise(0.1),
            layers.SpatialDropout1D(0.2),
            layers.UpSampling1D(2),
            layers.ZeroPadding1D(1),
            layers.Cropping1D(1),
            layers.Permute((2, 1)),
            layers.Activation("relu"),
            layers.GlobalMaxPooling1D(),
            layers.Dropout(0.5),
            layers.RepeatVector(3),
            layers.Reshape((72,)),
            layers.Dense(2),
        ])
    """,
    "functional_two_inputs": """
        seq_in = keras.Input(shape=(30, 4), name="seq_in")
        static_in = keras.Input(shape=(7,), name="static_in")
        x1 = layers.LSTM(32, name="lstm")(seq_in)
        x2 = layers.Dense(16, activation="relu", name="static_dense")(static_in)
        merged = layers.Concatenate(name="merge")([x1, x2])
        merged = layers.BatchNormalization(name="norm")(merged)
        out = layers.Dense(1, name="head")(merged)
        model = keras.Model([seq_in, static_in], out)
    """,
    "functional_encoder_decoder": """
        inputs = keras.Input(shape=(24, 3), name="window")
        encoded = layers.Bidirectional(layers.GRU(12), name="encoder")(inputs)
        repeated = layers.RepeatVector(6, name="repeat")(encoded)
        decoded = layers.LSTM(10, return_sequences=True, name="decoder")(repeated)
        outputs = layers.TimeDistributed(layers.Dense(3), name="per_step")(decoded)
        model = keras.Model(inputs, outputs)
    """,
    "aliases_and_3d": """
        model = keras.Sequential([
            keras.Input(shape=(8, 8, 8, 2)),
            layers.Convolution3D(4, 3),
            layers.MaxPool3D(),
            layers.ZeroPadding3D(((1, 2), (0, 1), (3, 0))),
            layers.Cropping3D(),
            layers.UpSampling3D((1, 2, 3)),
            layers.Conv3DTranspose(3, 2, strides=2),
            layers.AveragePooling3D((2, 2, 1), strides=2, padding="same"),
            layers.Conv3D(2, (3, 2, 1), strides=2, padding="same", use_bias=False),
            layers.SpatialDropout3D(0.1),
            layers.GlobalAvgPool3D(keepdims=True),
            layers.GlobalAveragePooling3D(keepdims=True),
            layers.GlobalMaxPooling3D(),
            layers.Dense(2),
        ])
    """,
    "keras1_positional_conv": """
        model = keras.Sequential([
            keras.Input(shape=(64, 64, 1)),
            layers.Convolution2D(32, 3, 3),
            layers.MaxPool2D(),
            layers.SeparableConvolution2D(6, 3),
            layers.DepthwiseConv2D(3, depth_multiplier=2),
            layers.Convolution2DTranspose(3, 3, strides=2, output_padding=1),
            layers.Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=1),
            layers.SpatialDropout2D(0.2),
            layers.AvgPool2D(2),
            layers.GlobalMaxPool2D(),
        ])
    """,
    "aliases_1d": """
        model = keras.Sequential([
            keras.Input(shape=(20, 3)),
            layers.Convolution1D(5, 4),
            layers.SeparableConvolution1D(6, 3, depth_multiplier=2),
            layers.DepthwiseConv1D(3, depth_multiplier=2),
            layers.Convolution1DTranspose(4, 3, strides=2),
            layers.SeparableConv1D(4, 2, use_bias=False),
            layers.Conv1DTranspose(3, 4, padding="same", output_padding=1, strides=2),
            layers.MaxPool1D(3),
            layers.AvgPool1D(2),
            layers.GlobalAvgPool1D(),
        ])
    """,
    "activations_and_noise": """
        model = keras.Sequential([
            keras.Input(shape=(6, 5, 3)),
            layers.LeakyReLU(),
            layers.ReLU(),
            layers.PReLU(shared_axes=[1, 2]),
            layers.PReLU(),
            layers.ELU(),
            layers.Softmax(),
            layers.ThresholdedReLU(),
            layers.GaussianDropout(0.1),
            layers.AlphaDropout(0.1),
            layers.UnitNormalization(),
            layers.Normalization(),
            layers.Rescaling(1 / 255.0),
            layers.Flatten(),
            layers.Dense(2),
        ])
    """,
    "image_preprocessing": """
        model = keras.Sequential([
            keras.Input(shape=(30, 30, 3)),
            layers.RandomFlip(),
            layers.RandomRotation(0.1),
            layers.RandomZoom(0.1),
            layers.RandomTranslation(0.1, 0.1),
            layers.RandomContrast(0.1),
            layers.RandomBrightness(0.1),
            layers.Resizing(16, 20),
            layers.CenterCrop(12, 14),
            layers.RandomCrop(10, 10),
            layers.Conv2D(2, 3),
        ])
    """,
    "ids_preprocessing": """
        model = keras.Sequential([
            keras.Input(shape=(3,)),
            layers.IntegerLookup(vocabulary=[1, 2, 3]),
            layers.CategoryEncoding(num_tokens=10),
            layers.Dense(2),
        ])
    """,
    "functional_merges_and_attention": """
        a = keras.Input(shape=(5, 8), name="a")
        b = keras.Input(shape=(5, 8), name="b")
        c = keras.Input(shape=(8,), name="c")
        x = layers.add([a, b], name="add")
        x = layers.Subtract(name="sub")([x, c])
        x = layers.multiply([x, a], name="mul")
        x = layers.Maximum(name="max")([layers.average([x, a], name="avg"), layers.minimum([x, b], name="min")])
        x = layers.Add(name="add2")([x, layers.Multiply(name="mul2")([x, c]), layers.Average(name="avg2")([a, b])])
        x = layers.Minimum(name="min2")([x, a])
        att = layers.Attention(use_scale=True, name="att")([x, a])
        add_att = layers.AdditiveAttention(name="add_att")([x, b])
        mha = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, att)
        mha2 = layers.MultiHeadAttention(3, 5, value_dim=2, output_shape=8, name="mha2")(query=x, value=add_att, key=b)
        joined = layers.concatenate([mha, att, add_att], axis=1, name="cat")
        dotted = layers.Dot(axes=2, name="dot")([joined, mha2])
        pooled = layers.GlobalAveragePooling1D(name="pool")(dotted)
        scored = layers.dot([pooled, pooled], axes=1, name="score")
        model = keras.Model([a, b, c], scored)
    """,
    "functional_nested_models": """
        enc_in = keras.Input(shape=(10, 3), name="enc_in")
        encoder = keras.Model(enc_in, layers.LSTM(8, name="enc_lstm")(enc_in), name="encoder")
        frame = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(4, 3), layers.Flatten()], name="frame")
        seq_in = keras.Input(shape=(10, 3), name="seq_in")
        video = keras.Input(shape=(6, 8, 8, 1), name="video")
        per_frame = layers.TimeDistributed(frame, name="per_frame")(video)
        summary = layers.GRU(5, name="gru")(per_frame)
        shared = layers.Dense(4, name="shared")
        merged = layers.concatenate([shared(encoder(seq_in)), shared(layers.Dense(8, name="proj")(summary))], name="merged")
        model = keras.Model([seq_in, video], layers.Dense(1, name="head")(merged))
    """,
    "reused_model_layers": """
        base = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4), layers.Dense(2)])
        new_in = keras.Input(shape=(5,), name="new_in")
        first = base.layers[0]
        model = keras.Model(new_in, layers.Dense(3, name="top")(base.layers[1](first(new_in))))
    """,
    "opaque_outputs": """
        model = keras.Sequential([
            keras.Input(shape=(16, 16, 3)),
            layers.Identity(),
            layers.ActivityRegularization(),
            layers.RandomHeight(0.1),
            layers.RandomWidth(0.1),
            layers.Lambda(lambda t: t * 2.0),
            layers.GlobalAveragePooling2D(),
        ])
    """,
    "augmentation_keras3": """
        model = keras.Sequential([
            keras.Input(shape=(16, 16, 3)),
            layers.RandomHue(0.1),
            layers.RandomSaturation(0.1),
            layers.RandomSharpness(0.1),
            layers.RandomShear(0.1),
            layers.RandomInvert(),
            layers.RandomPosterization(4),
            layers.RandomColorDegeneration(0.1),
            layers.RandomColorJitter(),
            layers.RandomErasing(),
            layers.RandomGaussianBlur(),
            layers.RandomPerspective(),
            layers.AutoContrast(),
            layers.Solarization(),
        ])
    """,
    "subclassed": """
        class Forecaster(keras.Model):
            def __init__(self):
                super().__init__()
                self.lstm = layers.LSTM(20)
                self.head = layers.Dense(2)

            def call(self, x):
                return self.head(self.lstm(x))

        model = Forecaster()
        model(keras.Input(shape=(8, 5)))
    """,
}

# Runs under real Keras: every snippet's per-layer counts and total, as JSON.
KERAS_SIDE = """
import json, sys, os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
snippets = json.loads(sys.stdin.read())
result = {}


def _output(layer):
    try:
        return list(layer.output.shape)
    except Exception:  # a shared layer has several outputs
        return None


for name, source in snippets.items():
    scope = {}
    try:
        exec(compile(source, name, "exec"), scope)
        model = scope["model"]
        result[name] = {
            "layers": [[layer.name, type(layer).__name__, layer.count_params(), _output(layer)] for layer in model.layers],
            "total": model.count_params(),
        }
    except Exception as exc:
        result[name] = {"error": f"{type(exc).__name__}: {exc}"}
print("@@RESULT@@" + json.dumps(result))
"""


def _keras_python() -> Optional[str]:
    if importlib.util.find_spec("tensorflow") is not None:
        return sys.executable
    if ORACLE_PYTHON.exists():
        return str(ORACLE_PYTHON)
    return None


KERAS_PYTHON = _keras_python()
pytestmark = pytest.mark.skipif(
    KERAS_PYTHON is None,
    reason="tensorflow is not importable here and there is no .venv-oracle: "
    "run `.venv-oracle/bin/python -m pytest -q tests/oracle`",
)


def _source(name: str) -> str:
    return HEADER + textwrap.dedent(SNIPPETS[name])


_KERAS_CACHE: Dict[int, dict] = {}


def keras_counts(version: int) -> dict:
    if version not in _KERAS_CACHE:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="-1")
        env.pop("TF_USE_LEGACY_KERAS", None)
        if version == 2:
            env["TF_USE_LEGACY_KERAS"] = "1"
        sources = {name: _source(name) for name in SNIPPETS if version == 3 or not name.endswith("_keras3")}
        done = subprocess.run(
            [KERAS_PYTHON, "-c", KERAS_SIDE], input=json.dumps(sources), capture_output=True, text=True, env=env, timeout=600
        )
        marker = [line for line in done.stdout.splitlines() if line.startswith("@@RESULT@@")]
        assert done.returncode == 0 and marker, f"Keras {version} run failed:\n{done.stderr[-3000:]}"
        _KERAS_CACHE[version] = json.loads(marker[0][len("@@RESULT@@"):])
    return _KERAS_CACHE[version]


def lstmlint_counts(name: str, version: int):
    summary = summarize_module(cst.parse_module(_source(name)), f"{name}.py", version)
    model = next(m for m in summary.models if m.name == "model")
    rows = [r for r in model.rows if not r.is_input]
    return rows, model.total_params


@pytest.mark.parametrize(
    ("name", "version"), [(name, version) for name in sorted(SNIPPETS) for version in (3, 2) if version == 3 or not name.endswith("_keras3")]
)
def test_param_counts_match_keras(name: str, version: int) -> None:
    observed = keras_counts(version)[name]
    assert "error" not in observed, f"the snippet fails under Keras {version}: {observed.get('error')}"
    rows, total = lstmlint_counts(name, version)
    keras_layers = [(layer_name, count) for layer_name, cls, count, _ in observed["layers"] if cls != "InputLayer"]
    _assert_shapes_match(name, version, rows, observed["layers"])
    assert total == observed["total"], f"total params: lstmlint {total}, Keras {version} {observed['total']}"
    if name == "subclassed":
        assert sorted(r.params for r in rows) == sorted(c for _, c in keras_layers)
        return
    ours = [r.params for r in rows]
    if name.startswith("functional"):  # every layer named: compare by name
        by_name = dict(keras_layers)
        for row in (r for r in rows if not r.shared):
            assert row.params == by_name[row.name], f"{row.name} ({row.type}): lstmlint {row.params}, Keras {version} {by_name[row.name]}"
    else:
        assert [r.type for r in rows] == [cls for _, cls, _, _ in observed["layers"] if cls != "InputLayer"]
        theirs = [count for _, count in keras_layers]
        assert ours == theirs, f"per-layer params: lstmlint {ours}, Keras {version} {theirs}"


def _assert_shapes_match(name: str, version: int, rows, observed) -> None:
    """Every output shape lstmlint knows is the one Keras computes (rows matched
    by name in Functional snippets, by order otherwise; shared layers skipped)."""
    keras_rows = [layer for layer in observed if layer[1] != "InputLayer"]
    if name.startswith("functional") or name == "reused_model_layers":
        by_name = {layer[0]: layer[3] for layer in keras_rows}
        pairs = [(row, by_name.get(row.name)) for row in rows if row.name in by_name]
    elif name == "subclassed":
        return
    else:
        pairs = list(zip(rows, [layer[3] for layer in keras_rows]))
    for row, theirs in pairs:
        if row.output.dims is None or theirs is None or row.shared:  # shared: Keras has no single output
            continue
        assert row.output.to_json() == theirs, f"{row.name} ({row.type}) output: lstmlint {row.output}, Keras {version} {theirs}"


def test_every_counted_layer_type_is_exercised() -> None:
    """Each layer with a count formula appears in some snippet (besides InputLayer and strings layers)."""
    from lstmlint.infer.layer_table import ENTRIES

    text = "\n".join(SNIPPETS.values())
    missing = [e.name for e in ENTRIES if e.param_count is not None and e.name not in ("InputLayer", "Hashing") and f"{e.name}(" not in text]
    assert not missing, f"no oracle snippet uses {missing}"
