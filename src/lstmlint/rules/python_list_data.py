from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class PythonListData(Rule):
    """
    ## What it does
    Finds plain (nested) Python lists of numbers passed as `x` to `fit`,
    `predict` or `evaluate`.

    ## Why is this bad?
    Keras 3 accepts NumPy arrays, tensors and datasets, not lists: it raises
    `ValueError: Unrecognized data type: x=[[...]] (of type <class 'list'>)`.
    Keras 2 accepts a list only when `y` is a list too; a list `x` with a NumPy
    `y` raises `ValueError: Failed to find data adapter that can handle input`.

    ## Use instead
    Convert first: `x = np.array(x, dtype="float32")`.
    """

    code = "LS404"
    name = "python-list-data"
    summary = "Plain Python list passed as model input data"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = np.array([[[0.1], [0.2]], [[0.3], [0.4]]])
model = keras.Sequential([layers.LSTM(4, input_shape=(2, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, np.array([1.0, 2.0]), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = [[[0.1], [0.2]], [[0.3], [0.4]]]
model = keras.Sequential([layers.LSTM(4, input_shape=(2, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, np.array([1.0, 2.0]), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        x, y = call.x, call.y
        if not isinstance(x, Array) or x.kind != "list" or x.ragged:
            return
        if ctx.keras_version == 2 and not (isinstance(y, Array) and y.kind != "list"):
            return  # Keras 2 takes lists when y is a list too (and in predict)
        yield Report(
            node=call.x_node or call.node,
            message=f"`{call.method}` is given a plain Python list as x; Keras {ctx.keras_version} needs an array",
            fix="convert it first: `np.array(x, dtype=\"float32\")`",
            related=[(x.origin, "list made here")] if x.origin is not None and x.origin is not call.x_node else [],
        )
