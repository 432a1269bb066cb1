from __future__ import annotations

from typing import Iterable, Optional

from ..infer.facts import DataCall
from ..infer.shapes import is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import target_origins, targets_and_output


class SparseOneHot(Rule):
    """
    ## What it does
    Finds one-hot (or otherwise multi-column) targets used with
    `sparse_categorical_crossentropy`, which expects integer class ids, or
    with a `sparse_categorical_accuracy` metric beside `categorical_crossentropy`.

    ## Why is this bad?
    Keras 3 raises `ValueError: Arguments target and output must have the same
    shape up until the last dimension`; Keras 2 raises
    `InvalidArgumentError: ... logits and labels must have the same first dimension`.
    The sparse metric fails in the first batch (Keras 3: `Incompatible shapes:
    [10,3] vs. [10]`; Keras 2: `Can not squeeze dim[1], expected a dimension of 1, got 3`).

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
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
""", message_contains="categorical_accuracy"),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        if y.shape.rank != out.shape.rank or not (y.one_hot or (is_known(y.shape[-1]) and y.shape[-1] > 1)):
            return
        metric = _sparse_metric(call.metrics)
        if loss == "categorical_crossentropy" and metric is not None:
            yield Report(
                node=call.metrics_node or call.node,
                message=f"the metric `{metric}` expects integer class ids, but the targets are one-hot {y.shape}",
                fix=f"use `{metric.replace('sparse_', '')}` with one-hot targets (or `\"accuracy\"`, which follows the loss)",
                actual=y.shape,
                related=[(call.y_node or call.node, f"one-hot targets {y.shape} given here"), *target_origins(y, out, call)],
            )
            return
        if loss != "sparse_categorical_crossentropy":
            return
        yield Report(
            node=call.y_node or call.node,
            message=f"`sparse_categorical_crossentropy` expects integer class ids, but the targets are one-hot {y.shape}",
            fix='use `loss="categorical_crossentropy"`, or pass integer labels (e.g. `y.argmax(axis=-1)`)',
            actual=y.shape,
            related=target_origins(y, out, call),
        )


_SPARSE_METRICS = ("sparse_categorical_accuracy", "sparse_top_k_categorical_accuracy")


def _sparse_metric(metrics: object) -> Optional[str]:
    """The first sparse accuracy metric named in a ``metrics=[...]`` list."""
    for metric in metrics if isinstance(metrics, (list, tuple)) else ():
        if metric in _SPARSE_METRICS:
            return metric  # type: ignore[return-value]
    return None
