from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

from ..fix.edits import NEEDS_RETURN_SEQUENCES
from ..infer.facts import LayerCall
from ..infer.layer_table import bool_arg, same_shape
from ..infer.shapes import UNKNOWN, Shape, Sym
from ..infer.values import Layer, Tensor
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid

_FLATTENING = ("Flatten", "Dense", "GlobalAveragePooling1D", "GlobalMaxPooling1D")


class RecurrentInputRank(Rule):
    """
    ## What it does
    Finds a recurrent layer (`LSTM`, `GRU`, `SimpleRNN`, or a `Bidirectional`
    wrapper) whose input is not 3D.

    ## Why is this bad?
    Recurrent layers read `(batch, timesteps, features)`. Keras refuses any
    other rank when the model is built: `ValueError: Input 0 of layer "lstm" is
    incompatible with the layer: expected ndim=3, found ndim=2`.
    The usual causes: `input_shape=X.shape` (which wrongly includes the sample
    axis), a stacked recurrent layer whose predecessor lacks
    `return_sequences=True`, a `Flatten` or `Dense` before the recurrent layer,
    an `Embedding` fed 3D ids, or 2D data given to a model with no declared input.

    ## Use instead
    Declare `input_shape=(timesteps, features)` (for example `X.shape[1:]`), and
    give every recurrent layer that feeds another one `return_sequences=True`.
    """

    code = "LS101"
    name = "recurrent-input-rank"
    summary = "Recurrent layer input is not 3D (batch, timesteps, features)"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

stack = [layers.LSTM(8, return_sequences=True) for _ in range(2)]
model = keras.Sequential([keras.Input((5, 3))] + stack + [layers.LSTM(4), layers.Dense(1)])
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5, 3)
model = keras.Sequential([
    layers.LSTM(8, return_sequences=True, input_shape=X.shape[1:]),
    layers.LSTM(4),
    layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 3))
x = layers.GRU(8)(inputs)
model = keras.Model(inputs, layers.Dense(1)(x))
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
    layers.Dense(1),
])
""", message_contains="return_sequences=True"),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

stack = [layers.LSTM(8) for _ in range(2)]
model = keras.Sequential([keras.Input((5, 3))] + stack + [layers.Dense(1)])
""", message_contains="return_sequences=True"),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(16, input_shape=(5, 3)),
    layers.Dropout(0.2),
    layers.BatchNormalization(),
    layers.Bidirectional(layers.LSTM(8)),
    layers.Dense(1),
])
""", message_contains="through the shape-preserving `BatchNormalization`"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=X.shape), layers.Dense(1)])
""", message_contains="X.shape[1:]"),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 3))
x = layers.Flatten()(inputs)
x = layers.SimpleRNN(8)(x)
model = keras.Model(inputs, x)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5)
model = keras.Sequential([layers.LSTM(8), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(10, 2))
x = layers.Embedding(50, 8)(inputs)
x = layers.LSTM(4)(x)
model = keras.Model(inputs, x)
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        shape = call.input.shape
        if layer.entry.family != "recurrent" or len(call.inputs) != 1 or shape.rank in (None, 3):
            return
        message = (
            f"`{ctx.code(layer.node)}` needs a 3D input (batch, timesteps, features), "
            f"but receives {shape.rank}D {shape}"
        )
        reason, fix, related = self._cause(call, ctx)
        yield Report(
            node=call.site,
            message=f"{message}: {reason}" if reason else message,
            fix=fix,
            expected=Shape((UNKNOWN, Sym("timesteps", "timesteps"), Sym("features", "features"))),
            actual=shape,
            related=related,
        )

    def _cause(self, call: LayerCall, ctx: CheckContext):
        previous: Optional[Layer] = call.previous
        declared = call.input.declared_at
        recurrent = _recurrent_source(call.input)
        if recurrent is not None:
            inner = recurrent.inner if recurrent.name == "Bidirectional" and recurrent.inner else recurrent
            if bool_arg(inner, "return_sequences") is False:
                between = "" if recurrent is previous else f" (through the shape-preserving `{previous.name}`)"
                return (
                    f"the {inner.name} before it returns only its last output{between}",
                    f"add `return_sequences=True` to `{ctx.code(inner.node)}`",
                    [(recurrent.node, NEEDS_RETURN_SEQUENCES)],
                )
        if previous is not None and previous.name in _FLATTENING:
            return (
                f"the `{previous.name}` before it removes the time axis",
                "remove it, or restore a time axis with `layers.Reshape((timesteps, features))` or `layers.RepeatVector(n)`",
                [(previous.node, f"{previous.name} output is 2D")],
            )
        if previous is not None and previous.name == "Embedding":
            return (
                "the `Embedding` before it was given 3D input and adds a fourth axis",
                "feed `Embedding` 2D integer ids of shape (samples, timesteps)",
                [(previous.node, "Embedding adds an axis to its input")],
            )
        if call.via_data is not None and declared is not None:
            return (
                f"the model declares no input, so Keras builds it from the data at `{ctx.code(call.via_data, 40)}`",
                "reshape the data to (samples, timesteps, features), e.g. `X.reshape(-1, timesteps, 1)`",
                [(declared, "the data comes from here")],
            )
        if isinstance(declared, cst.Attribute) and declared.attr.value == "shape":
            data = ctx.code(declared.value)
            return (
                f"`input_shape={data}.shape` includes the sample axis",
                f"use `input_shape={data}.shape[1:]`",
                [(declared, "input shape declared here")],
            )
        if declared is not None:
            return (
                "the declared input has the wrong rank",
                "declare the input as (timesteps, features), e.g. `input_shape=(timesteps, 1)`",
                [(declared, "input shape declared here")],
            )
        return None, "give the layer a 3D input (batch, timesteps, features)", []



def _recurrent_source(tensor: Tensor) -> Optional[Layer]:
    """The recurrent layer that made ``tensor``, looking through layers that keep
    the shape (Dropout, BatchNormalization, LayerNormalization, Activation, ...)
    as tutorials put them between two LSTMs."""
    while tensor.producer is not None and tensor.producer.entry.output is same_shape and len(tensor.parents) == 1:
        if tensor.producer.entry.family:  # merge, input and string layers are no pass-through
            return None
        tensor = tensor.parents[0]
    producer = tensor.producer
    return producer if producer is not None and producer.entry.family == "recurrent" else None
