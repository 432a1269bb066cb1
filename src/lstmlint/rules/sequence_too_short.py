from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.shapes import is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class SequenceTooShort(Rule):
    """
    ## What it does
    Finds a `Conv1D` or 1D pooling layer whose window leaves no steps: the
    sequence it receives is shorter than its kernel or pool size.

    ## Why is this bad?
    Keras computes a zero or negative output length and raises a `ValueError`
    when the model is built (for example `Computed output size would be negative`).

    ## Use instead
    Use `padding="same"`, a smaller kernel or pool size, or fewer downsampling
    layers for short sequences.
    """

    code = "LS103"
    name = "sequence-too-short"
    summary = "Convolution or pooling shrinks the sequence to zero steps"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv1D(8, 3, padding="same", input_shape=(4, 2)),
    layers.MaxPooling1D(4),
    layers.Flatten(),
    layers.Dense(1),
])
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([keras.Input((3, 3, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(1)])
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv1D(8, 3, input_shape=(4, 2)),
    layers.MaxPooling1D(4),
    layers.Flatten(),
    layers.Dense(1),
])
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([keras.Input((3, 3, 1)), layers.Conv2D(8, 5), layers.Flatten(), layers.Dense(1)])
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        if layer.entry.family != "window" or call.output.dims is None:
            return
        steps = [d for d in call.output.dims[1:] if is_known(d) and d < 1]
        if not steps:
            return
        related = [(call.previous.node, f"{call.previous.name} outputs {call.input.shape}")] if call.previous else []
        yield Report(
            node=call.site,
            message=f"`{ctx.code(layer.node)}` receives {call.input.shape} and would output {call.output}: the input is too small for its window",
            fix='use `padding="same"` or a smaller kernel/pool size',
            actual=call.output,
            related=related,
        )
