from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import Dim, Shape, sample_shift
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import cardinality_fails, plural


class SampleCount(Rule):
    """
    ## What it does
    Finds `x` and `y` with different numbers of samples (first axis).

    ## Why is this bad?
    Keras raises `ValueError: Data cardinality is ambiguous` (Keras 3: "Make
    sure all arrays contain the same number of samples") before training.

    ## Use instead
    Split `x` and `y` together (same indices), and build the targets from the
    same windows as the inputs.
    """

    code = "LS205"
    name = "sample-count-mismatch"
    summary = "x and y have different numbers of samples"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X, y = np.random.rand(10, 5, 1), np.random.rand(10, 1)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X, y = np.random.rand(10, 5, 1), np.random.rand(8, 1)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        if not cardinality_fails(call):
            return
        x, y = call.x, call.y
        related = [(v.origin, f"{label} of shape {v.shape} made here") for label, v in (("x", x), ("y", y)) if v.origin is not None]
        yield Report(
            node=call.y_node or call.node,
            message=f"x has {x.shape[0]} samples but y has {y.shape[0]}",
            fix=_fix(x.shape[0], y.shape[0]),
            expected=Shape((x.shape[0],)),
            actual=Shape((y.shape[0],)),
            related=related,
        )


def _fix(x_count: Dim, y_count: Dim) -> str:
    shift = sample_shift(x_count, y_count)
    if shift is None:
        return "give x and y the same number of samples"
    more, by = ("y", shift) if shift > 0 else ("x", -shift)
    return f"{more} has {plural(by, 'sample')} more: build the targets from the same indices as the windows (for `s[i:i + w]` over `range(len(s) - w)`, `y = s[w:]`)"
