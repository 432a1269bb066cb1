from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import adjusted_rank, batch_axis_fix, data_and_input, data_noun, one_sample, origins


class InputRank(Rule):
    """
    ## What it does
    Finds data whose rank does not fit the model's declared input, beyond the
    one fix-up Keras makes by itself (adding or removing a last axis of size 1).

    ## Why is this bad?
    Keras raises `ValueError: Invalid input shape for input ... Expected shape
    (None, 5, 2), but input has incompatible shape (10, 5)` (Keras 3) or
    `expected ndim=3, found ndim=2` (Keras 2) at the `fit`/`predict` call.

    ## Use instead
    Reshape the data to `(samples, timesteps, features)`, e.g.
    `X.reshape(len(X), timesteps, features)`.
    """

    code = "LS201"
    name = "input-rank-mismatch"
    summary = "Data rank does not match the model input"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5, 2)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 2)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 2)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 2)), layers.Dense(1)])
for row in X:
    print(model.predict(row, verbose=0))
""", message_contains="row[None]"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 2)
inputs = keras.Input(shape=(5, 2))
model = keras.Model(inputs, layers.Dense(1)(layers.LSTM(8)(inputs)))
print(model(X[0]))
""", message_contains="X[0:1]"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 2)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        pair = data_and_input(call)
        if pair is None:
            return
        x, inp = pair
        if inp.from_data:
            return  # no declared input: Keras built the model from other data
        if adjusted_rank(x.shape, inp.shape) is not None:
            return
        single = one_sample(x.shape, inp.shape)
        yield Report(
            node=call.x_node or call.node,
            message=(
                f"the {data_noun(call)} is {x.shape.rank}D {x.shape}, but the model expects "
                f"{inp.shape.rank}D input {inp.shape}" + (": it is one sample, without the batch axis" if single else "")
            ),
            fix=batch_axis_fix(call, ctx) if single else f"reshape the data to (samples, {', '.join(str(d) for d in (inp.shape.dims or ())[1:])})",
            expected=inp.shape,
            actual=x.shape,
            related=origins(x, inp),
        )
