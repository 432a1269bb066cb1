from __future__ import annotations

from typing import Iterable, Tuple

from ..infer.facts import LayerCall
from ..infer.shapes import Shape
from ..infer.values import Layer
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class LayerInputRank(Rule):
    """
    ## What it does
    Finds a layer with a fixed input rank (`Conv1D`, 1D pooling,
    `SpatialDropout1D`, `RepeatVector`, `TimeDistributed`, ...) given an input
    of another rank. Recurrent layers have their own rule (LS101).

    ## Why is this bad?
    Keras checks the rank when the layer is built and raises
    `ValueError: Input 0 of layer ... is incompatible with the layer: expected ndim=3, found ndim=2`
    (or `expected min_ndim=3` for `TimeDistributed`).

    ## Use instead
    Give sequence layers `(batch, steps, channels)` inputs, `RepeatVector` a 2D
    `(batch, features)` input, and `TimeDistributed` at least 3D.
    """

    code = "LS102"
    name = "layer-input-rank"
    summary = "Layer given an input of a rank it does not accept"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(10, 2))
x = layers.Conv1D(8, 3)(inputs)
x = layers.MaxPooling1D(2)(x)
x = layers.GlobalAveragePooling1D()(x)
x = layers.RepeatVector(4)(x)
x = layers.TimeDistributed(layers.Dense(1))(x)
model = keras.Model(inputs, x)
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5,))
x = layers.TimeDistributed(layers.Dense(3))(inputs)
model = keras.Model(inputs, x)
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Conv1D(8, 3, input_shape=(20,)), layers.Dense(1)])
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 3))
x = layers.RepeatVector(4)(inputs)
model = keras.Model(inputs, x)
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(6, 16, 16)),
    layers.TimeDistributed(layers.Conv2D(4, (3, 3))),
])
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10), np.random.rand(10), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

images = np.random.randint(0, 256, (64, 28, 28)).astype("uint8")
labels = np.random.randint(0, 10, (64,))
model = keras.Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(images / 255.0, labels, epochs=1, verbose=0)
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        rank = call.input.shape.rank
        if rank is None or len(call.inputs) != 1:
            return
        checked, given = _checked_layer(layer, rank, ctx.keras_version)
        ranks = checked.entry.ranks
        if ranks is None or checked.entry.accepts_rank(given, ctx.keras_version) or checked.entry.family == "recurrent" and checked is layer:
            return  # recurrent layers: LS101 explains those
        wanted = " or ".join(f"{r}D" for r in ranks) if len(ranks) < 3 else f"at least {min(ranks)}D"
        related = [(call.previous.node, f"{call.previous.name} outputs {call.input.shape}")] if call.previous else []
        if call.input.declared_at is not None and not call.previous:
            related.append((call.input.declared_at, "input shape declared here"))
        shape = call.input.shape
        if checked is layer:
            received = f"receives {rank}D {shape}"
        else:
            step = Shape((shape[0],) + shape.dims[2:])  # type: ignore[operator]
            received = f"inside `TimeDistributed` receives each step of {shape} as {given}D {step}"
        yield Report(
            node=call.site,
            message=f"`{ctx.code(checked.node)}` expects a {wanted} input, but {received}",
            fix=_fix(checked.name, given, ranks),
            actual=call.input.shape,
            related=related,
        )


def _checked_layer(layer: Layer, rank: int, keras_version: int) -> Tuple[Layer, int]:
    """The layer whose rank is at stake: a TimeDistributed wrapper passes each
    time step (one axis fewer) to the layer it wraps."""
    if layer.name == "TimeDistributed" and layer.inner is not None and layer.entry.accepts_rank(rank, keras_version):
        return layer.inner, rank - 1
    return layer, rank


def _fix(name: str, rank: int, ranks: tuple) -> str:
    if name == "RepeatVector":
        return "give RepeatVector a 2D (batch, features) input, e.g. the last output of an LSTM without return_sequences"
    if name == "TimeDistributed":
        return "TimeDistributed needs a time axis: give it (batch, timesteps, ...) input, or drop the wrapper"
    if rank == min(ranks) - 1:
        return "the input lacks an axis (often the channel axis): add it, e.g. `np.expand_dims(X, -1)`, and declare it in the input shape"
    return f"give {name} a {min(ranks)}D input (batch axis included)"
