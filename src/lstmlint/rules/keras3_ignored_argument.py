from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.facts import Construction
from .base import CheckContext, Invalid, Report, Rule, Valid


class Keras3IgnoredArgument(Rule):
    """
    ## What it does
    Finds `Embedding(..., input_length=...)` when targeting Keras 3.

    ## Why is this bad?
    Keras 3 accepts the argument but ignores it (`UserWarning: Argument
    input_length is deprecated. Just remove it.`): sequences of any length are
    accepted, so a length check the code seems to make does not happen, and
    the model's input is not declared by it (Keras 2 did both).

    ## Use instead
    Remove `input_length=`; declare the length with `keras.Input(shape=(length,))`
    if the model needs it.

    ## Fix safety
    `lstmlint --fix` removes the argument.
    """

    code = "LS108"
    name = "keras3-ignored-argument"
    summary = "Embedding input_length= is ignored by Keras 3"
    severity = {3: Severity.WARNING}
    facts = (Construction,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([keras.Input(shape=(10,)), layers.Embedding(100, 8), layers.LSTM(4)])
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Embedding(100, 8, input_length=10), layers.LSTM(4)])
""", versions=(3,)),
    ]

    def check(self, built: Construction, ctx: CheckContext) -> Iterable[Report]:
        if built.name == "Embedding" and "input_length" in built.args.keywords:
            yield Report(
                node=built.args.keyword_nodes["input_length"],
                message="Keras 3 ignores `input_length=` on `Embedding` (deprecated): it neither checks nor declares the length",
                fix="remove `input_length=`",
            )
