from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.facts import DataCall
from ..infer.keras_api import GENERATOR_METHODS
from .base import CheckContext, Invalid, Report, Rule, Valid


class Keras3RemovedMethod(Rule):
    """
    ## What it does
    Finds `fit_generator`, `evaluate_generator` and `predict_generator`
    called on a Keras model.

    ## Why is this bad?
    Keras 3 models no longer have these methods: `AttributeError:
    'Sequential' object has no attribute 'fit_generator'`. (Keras 2 still
    runs them, deprecated.)

    ## Use instead
    `fit`, `evaluate` and `predict` take generators and `keras.utils.PyDataset`
    objects directly: `model.fit(generator, steps_per_epoch=..., epochs=...)`.
    """

    code = "LS504"
    name = "keras3-removed-method"
    summary = "fit_generator / evaluate_generator / predict_generator (removed in Keras 3)"
    severity = {3: Severity.ERROR}
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

def batches():
    while True:
        yield np.random.rand(4, 5, 1), np.random.rand(4, 1)

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(batches(), steps_per_epoch=2, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

def batches():
    while True:
        yield np.random.rand(4, 5, 1), np.random.rand(4, 1)

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit_generator(batches(), steps_per_epoch=2, epochs=1, verbose=0)
""", versions=(3,)),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        replacement = GENERATOR_METHODS.get(call.method)
        if replacement is None:
            return
        yield Report(
            node=call.node.func,
            message=f"Keras 3 models have no `{call.method}` (AttributeError)",
            fix=f"call `{replacement}` with the same generator: it takes generators directly",
        )
