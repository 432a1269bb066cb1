"""Canonical names for the many spellings of one Keras or NumPy object.

``tf.keras.layers.LSTM``, ``tensorflow.keras.layers.LSTM``, ``keras.layers.LSTM``,
``keras.src.layers.rnn.lstm.LSTM`` and ``tf_keras.layers.LSTM`` all become
``keras.layers.LSTM``; the layer table and the call table are keyed by these.
``tensorflow.python.keras`` is not Keras: a frozen, partly broken Keras 2 copy
inside TensorFlow (on TF 2.21 some of its imports fail and ``fit`` raises), so
its names stay unknown.
"""

from __future__ import annotations

from .removed_api import moved_module

_PREFIXES = (
    ("tensorflow.keras.", "keras."),
    ("tf_keras.src.", "keras.src."),
    ("tf_keras.", "keras."),
    ("keras.api._v2.keras.", "keras."),
    ("keras.api.", "keras."),
    ("keras._tf_keras.keras.", "keras."),
)

_ALIASES = {
    "keras.Sequential": "keras.models.Sequential",
    "keras.Model": "keras.models.Model",
    "keras.models.Functional": "keras.models.Model",
    "keras.Input": "keras.layers.Input",
    "keras.models.Input": "keras.layers.Input",
    "keras.preprocessing.sequence.pad_sequences": "keras.utils.pad_sequences",
    "keras.utils.data_utils.pad_sequences": "keras.utils.pad_sequences",
    "numpy.random.random_sample": "numpy.random.random",
    "numpy.random.sample": "numpy.random.random",
    "numpy.asarray": "numpy.array",
    "numpy.asanyarray": "numpy.array",
    "numpy.row_stack": "numpy.vstack",
}

_KERAS_GROUPS = ("layers", "models", "utils", "losses", "optimizers", "datasets")


def keras_spelling(qualname: str) -> str:
    """``tensorflow.keras.X`` / ``tf_keras.X`` as ``keras.X``, and nothing more
    (old module paths kept: the removed-API rules match them)."""
    name = qualname
    if name.startswith("np."):
        name = "numpy." + name[3:]
    dotted = name + "."
    for prefix, replacement in _PREFIXES:
        if dotted.startswith(prefix):
            return (replacement + dotted[len(prefix):]).rstrip(".")
    return name


def canonical(qualname: str) -> str:
    """The canonical spelling of a dotted name (unchanged when not Keras/NumPy)."""
    name = keras_spelling(qualname)
    if name.startswith("keras.src."):
        name = _flatten_keras_src(name)
    name = moved_module(name) or name  # keras.layers.core.Dense, keras.utils.np_utils.to_categorical
    if name.startswith("keras.layers.") and name.count(".") > 2:
        # old deep paths such as keras.layers.recurrent.LSTM
        name = "keras.layers." + name.rsplit(".", 1)[1]
    return _ALIASES.get(name, name)


def _flatten_keras_src(name: str) -> str:
    parts = name.split(".")
    for group in _KERAS_GROUPS:
        if len(parts) > 3 and parts[2] == group:
            return f"keras.{group}.{parts[-1]}"
    return "keras." + parts[-1]

