from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.shapes import is_variable
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class UndefinedLastDimension(Rule):
    """
    ## What it does
    Finds a layer whose weights depend on the last axis of its input (`Dense`,
    recurrent and convolution layers, normalization) when that axis comes
    from a `None` in the declared input shape, typically
    `Input(shape=(None, n_features))` followed by `Flatten()` and `Dense`.

    ## Why is this bad?
    Keras cannot size the weights of an axis whose length varies: it raises
    `ValueError: The last dimension of the inputs to a Dense layer should be
    defined. Found None.` when the model is built.

    ## Use instead
    Reduce the variable axis instead of flattening it
    (`GlobalAveragePooling1D()`, or a recurrent layer without
    `return_sequences=True`), or declare a fixed length.
    """

    code = "LS109"
    name = "undefined-last-dimension"
    summary = "Weights sized from an axis declared as None"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 3))
x = layers.GlobalAveragePooling1D()(inputs)
model = keras.Model(inputs, layers.Dense(1)(x))
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([keras.Input(shape=(None, 3)), layers.LSTM(8, return_sequences=True), layers.Dense(1)])
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 3))
x = layers.Flatten()(inputs)
model = keras.Model(inputs, layers.Dense(1)(x))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Flatten(input_shape=(None, 2)), layers.Dense(4), layers.Dense(1)])
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        if len(call.inputs) != 1 or -1 not in layer.entry.weight_axes or not is_variable(call.input.shape[-1]):
            return
        if call.input.shape.rank is not None and not layer.entry.accepts_rank(call.input.shape.rank, ctx.keras_version):
            return  # Keras raises the rank error (LS101/LS102) first; this one is never reached
        previous = call.previous
        related = [(previous.node, f"`{previous.name}` turns the `None` axis into its last axis")] if previous is not None else []
        yield Report(
            node=call.site,
            message=f"`{ctx.code(layer.node)}` needs a defined last dimension to size its weights, but receives {call.input.shape}: its last axis comes from a `None` in the declared shape",
            fix="reduce the variable axis (e.g. `GlobalAveragePooling1D()` instead of `Flatten()`), or declare a fixed length",
            actual=call.input.shape,
            related=related,
        )
