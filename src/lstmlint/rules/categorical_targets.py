from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import dims_differ
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import target_origins, targets_and_output


class CategoricalTargets(Rule):
    """
    ## What it does
    Finds `categorical_crossentropy` where the one-hot targets and the model
    output have different numbers of classes, e.g. `(n, 3)` targets for a
    `Dense(1)` output.

    ## Why is this bad?
    The loss compares the two tensors class by class; Keras raises
    `ValueError: Arguments target and output must have the same shape`.

    ## Use instead
    End the model with `Dense(n_classes, activation="softmax")` where
    `n_classes` is the targets' last axis.
    """

    code = "LS301"
    name = "categorical-class-count"
    summary = "One-hot targets and model output disagree on the number of classes"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if loss != "categorical_crossentropy" or y.shape.rank != out.shape.rank:
            return
        if not dims_differ(y.shape[-1], out.shape[-1]):
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"targets have {y.shape[-1]} classes {y.shape} but the model outputs {out.shape[-1]} {out.shape} with `categorical_crossentropy`",
            fix=f"end the model with `Dense({y.shape[-1]}, activation=\"softmax\")`",
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )
