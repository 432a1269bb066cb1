from __future__ import annotations

from typing import Iterable

from ..infer.facts import Construction
from ..infer.keras_api import lacks_required_argument
from ..diagnostics import Severity
from .base import CheckContext, Invalid, Report, Rule, Valid

# Keyword arguments Keras 2 layers accepted and Keras 3 rejects ("Unrecognized
# keyword arguments passed to LSTM"), with what to write instead.
REMOVED = {
    "batch_input_shape": "declare the batch size on the input instead: `keras.Input(shape=(timesteps, features), batch_size=n)`",
    "input_length": "remove it (give the length in `input_shape=(timesteps, features)` or `keras.Input`)",
}


def reports(name: str, keyword: str) -> bool:
    """This rule reports ``keyword=`` on layer ``name`` (under Keras 3)."""
    return keyword in REMOVED and not (keyword == "input_length" and name == "Embedding")


class Keras3RemovedArgument(Rule):
    """
    ## What it does
    Finds layer arguments that Keras 2 accepted and Keras 3 rejects:
    `batch_input_shape=` on any layer, and `input_length=` on layers other
    than `Embedding` (the Keras 1 style `LSTM(8, input_length=5, input_dim=3)`).

    ## Why is this bad?
    Keras 3 raises `ValueError: Unrecognized keyword arguments passed to LSTM:
    {'batch_input_shape': (10, 5, 3)}` when the layer is created. Code written
    for Keras 2 (or copied from older tutorials) stops working after an upgrade.

    ## Use instead
    Declare the input with `keras.Input(shape=..., batch_size=...)` or
    `input_shape=(timesteps, features)`.
    """

    code = "LS106"
    name = "keras3-removed-argument"
    summary = "Layer argument removed in Keras 3 (batch_input_shape, input_length)"
    severity = {3: Severity.ERROR}
    facts = (Construction,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 3), batch_size=10)
model = keras.Model(inputs, layers.LSTM(8)(inputs))
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, batch_input_shape=(10, 5, 3)), layers.Dense(1)])
""", versions=(3,)),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_length=5, input_dim=3), layers.Dense(1)])
""", versions=(3,)),
    ]

    def check(self, built: Construction, ctx: CheckContext) -> Iterable[Report]:
        if lacks_required_argument(built.name, built.args, ctx.keras_version):
            return  # the missing units/filters raise first
        for keyword, fix in REMOVED.items():
            if keyword not in built.args.keywords or not reports(built.name, keyword):
                continue
            yield Report(
                node=built.args.keyword_nodes[keyword],
                message=f"Keras 3 rejects `{keyword}=` on `{built.name}` (Unrecognized keyword arguments)",
                fix=fix,
            )
