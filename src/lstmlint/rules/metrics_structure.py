from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.facts import Compiled, DataCall
from ..infer.values import Instance, Ref
from .base import CheckContext, Invalid, Report, Rule, Valid
from .model_data import TARGET_METHODS


class MetricsStructure(Rule):
    """
    ## What it does
    Finds `compile(metrics=...)` in a form Keras 3 rejects: a bare string
    (`metrics="acc"`) or metric object (`metrics=keras.metrics.AUC()`), or, for a model with several outputs, one flat list
    whose length is not the number of outputs (`metrics=["mae"]` for two).

    ## Why is this bad?
    Keras 3 raises `ValueError: Expected metrics argument to be a list,
    tuple, or dict` in `compile`, and, when training or evaluation starts, a
    structure error for a list that does not have one entry per output
    (`tuple arity mismatch`). Keras 2 accepted both (it applied the list to
    every output).

    ## Use instead
    `metrics=["accuracy"]`; for several outputs, one entry per output
    (`metrics=["mae", "mae"]`) or a dict keyed by output name.
    """

    code = "LS503"
    name = "metrics-structure"
    summary = "compile(metrics=...) a string, or one list for several outputs (Keras 3)"
    severity = {3: Severity.ERROR}
    facts = (Compiled, DataCall)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1, name="a")(hidden), layers.Dense(1, name="b")(hidden)])
model.compile(optimizer="adam", loss="mse", metrics=["mae", "mse"])
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), [y, y], epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics="acc")
""", versions=(3,), message_contains='["acc"]'),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse", metrics=keras.metrics.MeanAbsoluteError())
""", versions=(3,), message_contains="single metric"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), [y, y], epochs=1, verbose=0)
""", versions=(3,), message_contains="2 outputs"),
    ]

    def check(self, fact, ctx: CheckContext) -> Iterable[Report]:
        if isinstance(fact, Compiled):
            yield from self._single(fact, ctx)
        elif fact.method in TARGET_METHODS and not fact.validation:
            yield from self._per_output(fact)

    def _single(self, fact: Compiled, ctx: CheckContext) -> Iterable[Report]:
        metrics = fact.args.get(None, "metrics", None)
        node = fact.args.node_of(None, "metrics")
        if node is None or not _single_metric(metrics):
            return
        what = f"the string {metrics!r}" if isinstance(metrics, str) else "a single metric"
        code = repr(metrics).replace("'", '"') if isinstance(metrics, str) else ctx.code(node)
        yield Report(
            node=node,
            message=f"Keras 3 needs `metrics=` as a list, tuple or dict, not {what}",
            fix=f"write `metrics=[{code}]`",
        )

    def _per_output(self, call: DataCall) -> Iterable[Report]:
        model, metrics = call.model, call.metrics
        outputs = len(model.outputs)
        if not model.certain or model.kind != "functional" or outputs < 2 or not isinstance(metrics, list):
            return
        if not metrics or not all(isinstance(m, str) for m in metrics) or len(metrics) == outputs:
            return
        yield Report(
            node=call.metrics_node or call.node,
            message=f"the model has {outputs} outputs but `metrics=` is one list of {len(metrics)}: Keras 3 needs one entry per output",
            fix=f"give one entry per output, e.g. `metrics={[metrics[0]] * outputs}`, or a dict keyed by output name".replace("'", '"'),
            related=[(call.node, f"Keras raises when `{call.method}` starts")],
        )


def _single_metric(value: object) -> bool:
    """A metric name, function or object where Keras 3 wants a list of them."""
    if isinstance(value, str):
        return True
    name = value.qualname if isinstance(value, Ref) else value.type_name if isinstance(value, Instance) else ""
    return name.startswith(("keras.metrics.", "keras.losses."))
