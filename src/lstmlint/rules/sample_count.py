from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import Shape, dims_differ, is_known
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


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
        x, y = call.x, call.y
        if not (isinstance(x, Array) and isinstance(y, Array)) or not x.shape.rank or not y.shape.rank:
            return
        if not dims_differ(x.shape[0], y.shape[0]):
            return
        if call.validation_split and not (is_known(x.shape[0]) and is_known(y.shape[0]) and y.shape[0] < x.shape[0]):
            return  # with validation_split Keras slices every array by len(x): only a shorter y fails
        related = [(v.origin, f"{label} of shape {v.shape} made here") for label, v in (("x", x), ("y", y)) if v.origin is not None]
        yield Report(
            node=call.y_node or call.node,
            message=f"x has {x.shape[0]} samples but y has {y.shape[0]}",
            fix="give x and y the same number of samples",
            expected=Shape((x.shape[0],)),
            actual=Shape((y.shape[0],)),
            related=related,
        )
