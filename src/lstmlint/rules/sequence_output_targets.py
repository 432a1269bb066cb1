from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.layer_table import bool_arg
from ..infer.values import Array, Tensor
from .base import WARNING, CheckContext, Invalid, Report, Rule, Valid
from .model_data import silent_broadcast, target_origins, targets_and_output


def is_sequence_vs_flat(y: Array, out: Tensor) -> bool:
    """A final recurrent layer with ``return_sequences=True`` against 2D targets."""
    producer = out.producer
    if producer is None or producer.entry.family != "recurrent" or out.shape.rank != 3 or y.shape.rank != 2:
        return False
    inner = producer.inner or producer
    return bool_arg(inner, "return_sequences") is True


class SequenceOutputTargets(Rule):
    """
    ## What it does
    Finds a model whose last layer is a recurrent layer with
    `return_sequences=True` (one output per timestep) trained on 2D targets
    (one value per sample).

    ## Why is this bad?
    With an elementwise loss it runs: Keras broadcasts each target against
    every timestep, so the model is trained to output the target at every
    step, not once. Usually `return_sequences=True` was copied from the layer
    above.

    ## Use instead
    Drop `return_sequences=True` from the last recurrent layer (or add a
    `Dense` on the last step), or give per-step targets `(n, timesteps, k)`.
    """

    code = "LS304"
    name = "sequence-output-flat-targets"
    summary = "Final return_sequences=True output trained on 2D targets"
    severity = WARNING
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, return_sequences=True, input_shape=(5, 1)), layers.LSTM(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(1, return_sequences=True, input_shape=(5, 1))])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if not is_sequence_vs_flat(y, out) or not silent_broadcast(y.shape, out.shape):
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"the model ends in a sequence {out.shape} (return_sequences=True) but the targets are {y.shape}: `{loss}` broadcasts them over every timestep",
            fix=f"remove `return_sequences=True` from `{ctx.code(out.producer.node)}`" if out.producer else None,
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )
