from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import WARNING, CheckContext, Invalid, Report, Rule, Valid
from .model_data import REGRESSION_LOSSES, flat_targets_vs_units, silent_broadcast, target_origins, targets_and_output
from .sequence_output_targets import is_sequence_vs_flat


class BroadcastingLoss(Rule):
    """
    ## What it does
    Finds an elementwise loss (`mse`, `mae`, ...) whose targets and model
    output have different shapes that NumPy-style broadcasting reconciles,
    e.g. `(n, 3)` targets against a `Dense(1)` output, or (Keras 2, which
    expands them to `(n, 1)`) 1D targets `(n,)` against a `Dense(3)` output.

    ## Why is this bad?
    It runs without an error: the loss compares every target column with the
    single output (a `(n, 3)` tensor of differences), so the model learns the
    mean of the targets and the metrics look plausible. It is a silent bug.

    ## Use instead
    Make the last layer produce the target's shape (`Dense(3)` for 3 targets),
    or select the target column you mean.
    """

    code = "LS303"
    name = "broadcasting-loss"
    summary = "Elementwise loss broadcasts targets against a different output shape"
    severity = WARNING
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
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 3), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(50, 5, 1), np.random.rand(50), epochs=1, verbose=0)
""", versions=(2,)),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if loss not in REGRESSION_LOSSES or is_sequence_vs_flat(y, out):
            return
        flat = ctx.keras_version == 2 and flat_targets_vs_units(y.shape, out.shape) is not None
        if not (silent_broadcast(y.shape, out.shape) or flat):
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"`{loss}` broadcasts targets {y.shape} against the model output {out.shape}: it runs, but compares the wrong values",
            fix="make the last layer produce the targets' shape, or select the target column you mean",
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )
