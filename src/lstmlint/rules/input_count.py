from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.facts import DataCall
from ..infer.layer_table import OPAQUE
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import call_name


class InputCount(Rule):
    """
    ## What it does
    Finds a model with several inputs (`keras.Model([a, b], ...)`) given a
    single array as `x`, and a model with one input given a list of several
    arrays (`model.fit([X, X2], y)` for a Sequential model).

    ## Why is this bad?
    Keras raises `ValueError: Layer "functional" expects 2 input(s), but it
    received 1 input tensors` at `fit`/`predict` (or `expects 1 input(s), but
    it received 2 input tensors`). The one exception: Keras 3 runs a built
    Sequential model on a list (a warning there; the list is still wrong).

    ## Use instead
    Pass one array per input, in the order of `inputs`: `model.fit([x_a, x_b], y)`
    (or a dict keyed by the inputs' names); for one input, one array
    (`np.concatenate([X, X2], axis=-1)` to join features).
    """

    code = "LS206"
    name = "input-count-mismatch"
    summary = "Multi-input model given a single array, or one input given several"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(4,))
x = layers.Concatenate()([layers.LSTM(8)(a), b])
model = keras.Model([a, b], layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
model.fit([np.random.rand(10, 5, 3), np.random.rand(10, 4)], np.random.rand(10, 1), epochs=1, verbose=0)
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 2))
model = keras.Model(inputs, layers.Dense(1)(layers.LSTM(8)(inputs)))
model.compile(optimizer="adam", loss="mse")
model.fit([np.random.rand(10, 5, 2)], np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 2)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 2)), layers.Dense(1)])
print(model([X, X]))
""", versions=(2,), message_contains="model(...)"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 2)
inputs = keras.Input(shape=(5, 2))
model = keras.Model(inputs, layers.Dense(1)(layers.LSTM(8)(inputs)))
model.predict([X, X], verbose=0)
""", message_contains="list of 2"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 2)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 2)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([X, np.random.rand(10, 4)], np.random.rand(10, 1), epochs=1, verbose=0)
""", versions=(2,), message_contains="list of 2"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(4,))
x = layers.Concatenate()([layers.LSTM(8)(a), b])
model = keras.Model([a, b], layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 3), np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        yield from self._several_for_one(call, ctx)
        inputs = call.model.inputs
        if len(inputs) < 2 or call.arrays_given != 1 or not call.model.certain or not isinstance(call.x, Array) or call.x.kind == "list":
            return
        yield Report(
            node=call.x_node or call.node,
            message=f"the model has {len(inputs)} inputs but {call_name(call)} is given one array {call.x.shape}",
            fix=f"pass a list of {len(inputs)} arrays, one per input, in the order of the model's inputs",
            related=[(t.declared_at, f"input {i + 1} declared here as {t.shape}") for i, t in enumerate(inputs) if t.declared_at is not None],
        )

    def _several_for_one(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        model = call.model
        first = model.layers[0].entry if model.layers else OPAQUE
        # a Sequential model whose first layer lstmlint knows (a Keras 1 `Merge` took several models)
        single = (model.kind == "sequential" and first is not OPAQUE and first.family != "merge") or (model.kind == "functional" and len(model.inputs) == 1)
        if call.arrays_given < 2 or not single or not model.certain:
            return
        built = model.kind == "sequential" and bool(model.inputs) and not model.inputs[0].from_data
        lenient = built and ctx.keras_version == 3
        yield Report(
            node=call.x_node or call.node,
            message=f"the model has one input but {call_name(call)} is given a list of {call.arrays_given} arrays"
            + (" (Keras 3 runs a built Sequential model on it; Keras 2 raises)" if lenient else ""),
            fix="pass one array; to give the model more features, join them: `np.concatenate([...], axis=-1)`",
            related=[(t.declared_at, f"the input declared here as {t.shape}") for t in model.inputs[:1] if t.declared_at is not None],
            severity=Severity.WARNING if lenient else None,
        )
