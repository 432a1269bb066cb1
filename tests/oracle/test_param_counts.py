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

from lstmlint.summary import summarize_module

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
for name, source in snippets.items():
    scope = {}
    try:
        exec(compile(source, name, "exec"), scope)
        model = scope["model"]
        result[name] = {
            "layers": [[layer.name, type(layer).__name__, layer.count_params()] for layer in model.layers],
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
        sources = {name: _source(name) for name in SNIPPETS}
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


@pytest.mark.parametrize("version", [3, 2])
@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_param_counts_match_keras(name: str, version: int) -> None:
    observed = keras_counts(version)[name]
    assert "error" not in observed, f"the snippet fails under Keras {version}: {observed.get('error')}"
    rows, total = lstmlint_counts(name, version)
    keras_layers = [(layer_name, count) for layer_name, cls, count in observed["layers"] if cls != "InputLayer"]
    assert total == observed["total"], f"total params: lstmlint {total}, Keras {version} {observed['total']}"
    if name == "subclassed":
        assert sorted(r.params for r in rows) == sorted(c for _, c in keras_layers)
        return
    ours = [r.params for r in rows]
    if name.startswith("functional"):  # every layer named: compare by name
        by_name = dict(keras_layers)
        for row in rows:
            assert row.params == by_name[row.name], f"{row.name} ({row.type}): lstmlint {row.params}, Keras {version} {by_name[row.name]}"
    else:
        assert [r.type for r in rows] == [cls for _, cls, _ in observed["layers"] if cls != "InputLayer"]
        theirs = [count for _, count in keras_layers]
        assert ours == theirs, f"per-layer params: lstmlint {ours}, Keras {version} {theirs}"


def test_every_counted_layer_type_is_exercised() -> None:
    """Each layer with a count formula appears in some snippet (besides InputLayer and strings layers)."""
    from lstmlint.infer.layer_table import ENTRIES

    text = "\n".join(SNIPPETS.values())
    missing = [e.name for e in ENTRIES if e.param_count is not None and e.name not in ("InputLayer", "Hashing") and f"{e.name}(" not in text]
    assert not missing, f"no oracle snippet uses {missing}"
