from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import REGRESSION_LOSSES, static_mismatch, target_origins, targets_and_output


class LossShapeMismatch(Rule):
    """
    ## What it does
    Finds an elementwise loss (`mse`, `mae`, `huber`, ...) whose targets and
    model output have sizes that cannot broadcast, e.g. `(n, 3)` targets for a
    `Dense(2)` output.

    ## Why is this bad?
    Keras builds the loss when training starts and raises
    `ValueError: Dimensions must be equal, but are 3 and 2 for '{{node compile_loss/mse/sub}}'`.

    ## Use instead
    Make the last layer produce one value per target column (`Dense(3)` for
    `(n, 3)` targets).
    """

    code = "LS305"
    name = "loss-shape-mismatch"
    summary = "Elementwise loss on targets and output that cannot broadcast"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 3), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(2)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 3), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, return_sequences=True, input_shape=(5, 1)), layers.Dense(2)])
model.compile(optimizer="adam", loss="huber")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 3), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        mismatch = static_mismatch(y.shape, out.shape) if loss in REGRESSION_LOSSES else None
        if mismatch is None:
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"`{loss}` compares targets {y.shape} with the model output {out.shape}: sizes {mismatch[0]} and {mismatch[1]} cannot broadcast",
            fix=f"make the last layer produce the targets' shape, e.g. `Dense({y.shape[-1]})`",
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )
