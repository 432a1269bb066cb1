from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import REGRESSION_LOSSES, flat_targets_vs_units, batch_fails_broadcast, static_mismatch, target_origins, targets_and_output


class LossShapeMismatch(Rule):
    """
    ## What it does
    Finds an elementwise loss (`mse`, `mae`, `huber`, ...) whose targets and
    model output have sizes that cannot broadcast, e.g. `(n, 3)` targets for a
    `Dense(2)` output; under Keras 3 also 1D targets `(n,)` for a `Dense(k)`
    output with k > 1 (Keras 2 expands them to `(n, 1)` and broadcasts).

    ## Why is this bad?
    Keras builds the loss when training starts and raises
    `ValueError: Dimensions must be equal, but are 3 and 2 for '{{node compile_loss/mse/sub}}'`;
    for `(n,)` targets Keras 3 fails in the first batch that does not hold
    exactly k samples (`InvalidArgumentError: Incompatible shapes: [32] vs. [32,3]`).

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
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(50, 5, 1), np.random.rand(50), epochs=1, verbose=0)
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
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(50, 5, 1), np.random.randint(0, 3, (50,)), epochs=1, verbose=0)
""", versions=(3,), message_contains="1D targets"),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if loss not in REGRESSION_LOSSES:
            return
        units = flat_targets_vs_units(y.shape, out.shape)
        mismatch = static_mismatch(y.shape, out.shape)
        if ctx.keras_version == 3 and units is not None and batch_fails_broadcast(call, units):
            message = (
                f"`{loss}` under Keras 3 compares 1D targets {y.shape} with the model output {out.shape} without adding an axis: "
                f"a batch of b targets broadcasts against the {units} units only when b == {units}"
            )
            fix = f"give one target per unit, shape (n, {units}) (e.g. `keras.utils.to_categorical(y, {units})` for class ids), or end the model with `Dense(1)` for one value per sample"
        elif mismatch is not None:
            message = f"`{loss}` compares targets {y.shape} with the model output {out.shape}: sizes {mismatch[0]} and {mismatch[1]} cannot broadcast"
            fix = f"make the last layer produce the targets' shape, e.g. `Dense({y.shape[-1]})`"
        else:
            return
        yield Report(
            node=call.y_node or call.node,
            message=message,
            fix=fix,
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )
