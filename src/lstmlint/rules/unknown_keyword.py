from __future__ import annotations

import difflib
from typing import Iterable

from ..infer.facts import Construction
from ..infer.keras_api import lacks_required_argument, unknown_keywords
from ..infer.layer_table import accepted_keywords, unknown_keyword_message
from ..infer.removed_api import keyword_entry
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .keras3_removed_argument import reports as keras3_removed_reports

_OTHER = {3: 2, 2: 3}

# What to write instead of a keyword one Keras version took and the other refuses.
_MOVED = {
    (3, "weights"): "build the layer, then give it its weights: `layer.set_weights([...])` (Keras 3 layers take no `weights=`)",
    (3, "batch_size"): "declare the batch size on the input: `keras.Input(shape=..., batch_size=n)`",
}

_HEADER = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
"""


class UnknownKeyword(Rule):
    """
    ## What it does
    Finds a keyword argument that the layer's constructor does not accept
    under the targeted Keras: a typo (`LSTM(32, return_sequence=True)`,
    `Dense(4, kernel_initialiser="he_normal")`), a keyword of another layer
    (`AveragePooling2D(2, activation="relu")`), or one only the other Keras
    version has (`Dense(4, weights=[w, b])` under Keras 3, `Dense(4,
    lora_rank=2)` under Keras 2). The message suggests the closest keyword the
    layer does accept.

    What each layer accepts is data (`lstmlint/infer/layer_keywords.py`),
    written by `python -m lstmlint.oracle.keywords` from real construction
    under Keras 3 and tf-keras 2.21. Keywords that LS602 (removed Keras 1/2
    keywords such as `init=`, `border_mode=`) or LS106 (`batch_input_shape=`,
    `input_length=` under Keras 3) report are left to them. Nothing is said
    when the call passes `**kwargs`, or when the name is not certainly a Keras
    layer (a class of your own, a layer the table does not know).

    ## Why is this bad?
    The layer is never created: Keras 3 raises `ValueError: Unrecognized
    keyword arguments passed to LSTM: {'return_sequence': True}`, Keras 2
    `TypeError: ('Keyword argument not understood:', 'return_sequence')`.
    lstmlint does not read such a layer either (its output shape is unknown),
    so a typo in `return_sequences` is reported here and not as a rank error
    further down.

    ## Use instead
    The keyword the layer takes (`return_sequences=True`,
    `kernel_initializer="he_normal"`), or a separate layer
    (`AveragePooling2D(2)` then `Activation("relu")`).
    """

    code = "LS112"
    name = "unknown-keyword-argument"
    summary = "Layer given a keyword argument its constructor does not accept"
    severity = ERROR
    facts = (Construction,)

    VALID = [
        Valid(_HEADER + """
model = keras.Sequential([
    keras.Input(shape=(5, 3)),
    layers.LSTM(32, return_sequences=True, implementation=2),
    layers.LSTM(8),
    layers.Dense(1, kernel_initializer="he_normal"),
])
"""),
        Valid(_HEADER + """
model = keras.Sequential([
    layers.Dense(8, input_dim=3, activation="relu"),
    layers.LeakyReLU(alpha=0.1),
    layers.Dense(1),
])
"""),
        Valid(_HEADER + """
options = {"activation": "relu"}
pool = layers.AveragePooling2D(2, padding="same")
dense = layers.Dense(4, **options)


class Scaled(layers.Dense):
    def __init__(self, units, factor=2.0, **kwargs):
        super().__init__(units, **kwargs)
        self.factor = factor


scaled = Scaled(4, factor=3.0)
"""),
        Valid(_HEADER + """
layer = layers.Dense(4, weights=[np.zeros((3, 4)), np.zeros(4)])
""", versions=(2,)),
        Valid(_HEADER + """
layer = layers.Dense(4, lora_rank=2)
""", versions=(3,)),
    ]
    INVALID = [
        Invalid(_HEADER + """
model = keras.Sequential([
    keras.Input(shape=(5, 3)),
    layers.LSTM(32, return_sequence=True),
    layers.LSTM(8),
    layers.Dense(1),
])
""", message_contains="return_sequences="),
        Invalid(_HEADER + """
model = keras.Sequential([
    keras.Input(shape=(8, 8, 3)),
    layers.Conv2D(4, 3),
    layers.AveragePooling2D(2, activation="relu"),
])
"""),
        Invalid(_HEADER + """
layer = layers.Dense(4, kernel_initialiser="he_normal")
""", message_contains="kernel_initializer="),
        Invalid(_HEADER + """
layer = layers.Dense(4, weights=[np.zeros((3, 4)), np.zeros(4)])
""", versions=(3,), message_contains="set_weights"),
        Invalid(_HEADER + """
layer = layers.Dense(4, lora_rank=2)
""", versions=(2,)),
    ]

    def check(self, built: Construction, ctx: CheckContext) -> Iterable[Report]:
        a, name, version = built.args, built.name, ctx.keras_version
        if a.has_star or lacks_required_argument(name, a, version):
            return  # **kwargs may hold anything; a missing units/filters raises first
        accepted = accepted_keywords(name, version)
        for keyword in unknown_keywords(name, a, version):
            if _reported_elsewhere(name, keyword, version):
                continue
            other = accepted_keywords(name, _OTHER[version]) or frozenset()
            where = f" (only Keras {_OTHER[version]} has it)" if keyword in other else ""
            close = difflib.get_close_matches(keyword, sorted(accepted or ()), n=1)
            fix = _MOVED.get((version, keyword)) if keyword in other else None
            if fix is None:
                fix = f"did you mean `{close[0]}=`?" if close else f"remove it: `{name}` takes no such keyword"
            yield Report(
                node=a.keyword_nodes[keyword],
                message=f"`{name}` does not accept `{keyword}=`{where}: Keras {version} raises "
                f"`{unknown_keyword_message(name, keyword, version)}`",
                fix=fix,
            )


def _reported_elsewhere(name: str, keyword: str, version: int) -> bool:
    """LS602 (a removed Keras 1/2 keyword) or LS106 (Keras 3's batch_input_shape/input_length) reports it."""
    row = keyword_entry(name, keyword)
    if row is not None and (version in row.raises or version in row.warn):
        return True
    return version == 3 and keras3_removed_reports(name, keyword)
