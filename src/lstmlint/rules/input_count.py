from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class InputCount(Rule):
    """
    ## What it does
    Finds a model with several inputs (`keras.Model([a, b], ...)`) given a
    single array as `x`.

    ## Why is this bad?
    Keras raises `ValueError: Layer "functional" expects 2 input(s), but it
    received 1 input tensors` at `fit`/`predict`.

    ## Use instead
    Pass one array per input, in the order of `inputs`: `model.fit([x_a, x_b], y)`
    (or a dict keyed by the inputs' names).
    """

    code = "LS206"
    name = "input-count-mismatch"
    summary = "Multi-input model given a single array"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(4,))
x = layers.Concatenate()([layers.LSTM(8)(a), b])
model = keras.Model([a, b], layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
model.fit([np.random.rand(10, 5, 3), np.random.rand(10, 4)], np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(4,))
x = layers.Concatenate()([layers.LSTM(8)(a), b])
model = keras.Model([a, b], layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 3), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        inputs = call.model.inputs
        if len(inputs) < 2 or call.arrays_given != 1 or not call.model.certain or not isinstance(call.x, Array) or call.x.kind == "list":
            return
        yield Report(
            node=call.x_node or call.node,
            message=f"the model has {len(inputs)} inputs but `{call.method}` is given one array {call.x.shape}",
            fix=f"pass a list of {len(inputs)} arrays, one per input, in the order of the model's inputs",
            related=[(t.declared_at, f"input {i + 1} declared here as {t.shape}") for i, t in enumerate(inputs) if t.declared_at is not None],
        )
