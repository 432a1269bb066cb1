from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import target_origins, targets_and_output


class SparseOneHot(Rule):
    """
    ## What it does
    Finds one-hot (or otherwise multi-column) targets used with
    `sparse_categorical_crossentropy`, which expects integer class ids.

    ## Why is this bad?
    Keras 3 raises `ValueError: Arguments target and output must have the same
    shape up until the last dimension`; Keras 2 raises
    `InvalidArgumentError: ... logits and labels must have the same first dimension`.

    ## Use instead
    Either keep integer labels `(n,)` with the sparse loss, or use
    `categorical_crossentropy` with one-hot targets.
    """

    code = "LS302"
    name = "sparse-loss-one-hot-targets"
    summary = "One-hot targets with sparse_categorical_crossentropy"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(0, 3, (10,))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

labels = np.random.randint(0, 3, (64,))
y = keras.utils.to_categorical(labels)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(64, 5, 1), y, epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if loss != "sparse_categorical_crossentropy" or y.shape.rank != out.shape.rank:
            return
        if not (y.one_hot or (is_known(y.shape[-1]) and y.shape[-1] > 1)):
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"`sparse_categorical_crossentropy` expects integer class ids, but the targets are one-hot {y.shape}",
            fix='use `loss="categorical_crossentropy"`, or pass integer labels (e.g. `y.argmax(axis=-1)`)',
            actual=y.shape,
            related=target_origins(y, out, call),
        )
