from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .embedding_index_range import surely_drawn
from .model_data import TARGET_METHODS, target_origins, targets_and_output


class SparseLabelRange(Rule):
    """
    ## What it does
    Finds integer labels for `sparse_categorical_crossentropy` that reach the
    number of output units: labels `1..5` (from `randint(1, 6)`) for a
    `Dense(5)` output, whose classes are `0..4` (or negative labels).

    ## Why is this bad?
    The sparse loss looks each label up as a column of the output; on CPU
    TensorFlow raises `InvalidArgumentError: Received a label value of 5
    which is outside the valid range of [0, 5)` during `fit` (on GPU the loss
    is silently NaN).

    ## Use instead
    Number the classes from 0 (`y - 1` for labels that start at 1, or
    `LabelEncoder`), or end the model with `Dense(largest label + 1)`.
    """

    code = "LS307"
    name = "sparse-label-out-of-range"
    summary = "Sparse labels reach the number of output units"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(0, 5, (100,))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(5, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(100, 5, 1), y, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(1, 6, (100,))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(5, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(np.random.rand(100, 5, 1), y, epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
outputs = layers.Dense(3)(layers.LSTM(8)(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.evaluate(np.random.rand(4, 5, 1), np.array([0, 1, 2, 3]), verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(50, 5, 1), np.random.randint(-1, 3, (50, 1)), epochs=1, verbose=0)
""", message_contains="down to -1"),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None or call.method not in TARGET_METHODS:
            return
        y, out, loss = found
        units = out.shape[-1]
        if loss != "sparse_categorical_crossentropy" or y.int_range is None or not is_known(units) or not out.shape.rank:
            return
        if not (y.shape.rank == out.shape.rank - 1 or (y.shape.rank == out.shape.rank and y.shape[-1] == 1)):
            return
        low, high = y.int_range
        if y.int_bound:
            return  # the range only bounds the labels: its ends may not occur
        too_high = is_known(high) and high >= units and (not y.random or surely_drawn(y, low, high, units))
        negative = is_known(low) and low < 0 and (not y.random or surely_drawn(y, -high, -low, 1))  # type: ignore[operator]
        if not (too_high or negative):
            return
        shift = " (they start at 1: use `y - 1`)" if low == 1 and high == units else ""
        found = f"labels up to {high}" if too_high else f"labels down to {low}"
        yield Report(
            node=call.y_node or call.node,
            message=f"{found} meet an output of {units} units, whose classes are 0..{units - 1}{shift}",
            fix=f"number the classes 0..{units - 1}, or end the model with `Dense({high + 1})`",
            related=target_origins(y, out, call),
        )
