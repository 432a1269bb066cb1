from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.shapes import Shape, is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class ReshapeSize(Rule):
    """
    ## What it does
    Finds a `Reshape` layer whose target shape holds a different number of
    values than its input (the batch axis excluded).

    ## Why is this bad?
    Keras raises `ValueError: The total size of the tensor must be unchanged`
    when the model is built.

    ## Use instead
    Make the product of the target shape equal the input size, or let Keras
    infer one axis with `-1`.
    """

    code = "LS104"
    name = "reshape-size-mismatch"
    summary = "Reshape target size differs from its input size"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Reshape((5, 2), input_shape=(10,)), layers.LSTM(4)])
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Reshape((-1, 2), input_shape=(10,)), layers.LSTM(4)])
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Reshape((3, 4), input_shape=(10,)), layers.LSTM(4)])
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        target = layer.args.get("target_shape")
        if layer.name != "Reshape" or call.input.shape.dims is None or not isinstance(target, (tuple, list)):
            return
        size = Shape(call.input.shape.dims[1:]).size()
        if not is_known(size) or not all(is_known(d) for d in target):
            return
        wanted = 1
        for d in target:
            wanted *= d if d != -1 else 1
        if -1 in target:
            bad = wanted == 0 or size % wanted != 0
        else:
            bad = wanted != size
        if bad:
            yield Report(
                node=call.site,
                message=f"`{ctx.code(layer.node)}` cannot reshape {call.input.shape} ({size} values per sample) to {tuple(target)}",
                fix=f"choose a target shape whose sizes multiply to {size}, or use -1 for one axis",
                actual=call.input.shape,
            )
