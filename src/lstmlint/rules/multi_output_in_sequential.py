from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.layer_table import bool_arg
from ..infer.values import Layer
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


def returns_several(layer: Layer) -> bool:
    """``return_state=True``, or a ``Bidirectional`` with ``merge_mode=None``."""
    inner = layer.inner or layer
    if layer.entry.family == "recurrent" and bool_arg(inner, "return_state") is True:
        return True
    return layer.name == "Bidirectional" and "merge_mode" in layer.args and layer.args["merge_mode"] is None


class MultiOutputInSequential(Rule):
    """
    ## What it does
    Finds a layer that returns several tensors (`return_state=True`, or
    `Bidirectional(..., merge_mode=None)`) followed by another layer in a
    `Sequential` model.

    ## Why is this bad?
    A Sequential model passes one tensor from layer to layer. Keras 3 raises
    `ValueError: Layer "dense" expects 1 input(s), but it received 3 input tensors`;
    Keras 2 raises `ValueError: All layers in a Sequential model should have a
    single output tensor`.

    ## Use instead
    Drop `return_state=True` (or set a `merge_mode`), or build the model with
    the Functional API and unpack the outputs: `out, h, c = layers.LSTM(8, return_state=True)(x)`.
    """

    code = "LS107"
    name = "multi-output-in-sequential"
    summary = "Layer with several outputs inside a Sequential model"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 3))
output, state_h, state_c = layers.LSTM(8, return_state=True)(inputs)
model = keras.Model(inputs, layers.Dense(1)(output))
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, return_state=True, input_shape=(5, 3)), layers.Dense(1)])
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Bidirectional(layers.LSTM(8), merge_mode=None, input_shape=(5, 3)), layers.Dense(1)])
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        previous = call.previous
        if call.model is None or call.model.kind != "sequential" or previous is None or not returns_several(previous):
            return
        yield Report(
            node=call.site,
            message=f"`{ctx.code(previous.node)}` returns several tensors, but in a Sequential model `{ctx.code(call.layer.node)}` can take only one",
            fix="drop `return_state=True` / set a `merge_mode`, or use the Functional API and unpack the outputs",
            related=[(previous.node, "this layer returns several tensors")],
        )
