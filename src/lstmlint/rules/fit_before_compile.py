from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import TARGET_METHODS


class FitBeforeCompile(Rule):
    """
    ## What it does
    Finds `fit`, `evaluate`, `train_on_batch` or `test_on_batch` on a model
    that has not been compiled.

    ## Why is this bad?
    Keras raises `ValueError: You must call compile() before using the model`
    (Keras 3) or `RuntimeError: You must compile your model before training/testing`
    (Keras 2). `predict` does not need `compile`.

    ## Use instead
    Call `model.compile(optimizer=..., loss=...)` first.
    """

    code = "LS501"
    name = "fit-before-compile"
    summary = "Model trained or evaluated before compile()"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.predict(np.random.rand(4, 5, 1), verbose=0)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        if call.method not in TARGET_METHODS or call.compiled is not False:
            return
        yield Report(
            node=call.node,
            message=f"`{call.method}` is called on a model that was never compiled",
            fix="call `model.compile(optimizer=..., loss=...)` before training or evaluating",
            related=[(call.model.node, "model created here")],
        )
