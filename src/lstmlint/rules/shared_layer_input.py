from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.models import rebuild_conflict
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class SharedLayerInput(Rule):
    """
    ## What it does
    Finds a layer applied again, after its first use built its weights, to an
    input whose weight-sized axis (the feature axis of `Dense`, the channels of
    a convolution, ...) has another size: a shared layer called on two
    different tensors, or `model.layers[i]` / `model.get_layer(...)` reused on
    a new input.

    ## Why is this bad?
    A layer's weights are created once, for the input of its first call.
    Keras 3 raises `ValueError: Input 0 of layer "dense" is incompatible with
    the layer: expected axis -1 of input shape to have value 3, but received
    input with shape (None, 5)`; Keras 2 raises `ValueError: Dimensions must
    be equal` from the matrix product. (Keras 3 does not check recurrent
    layers here: it is reported for Keras 2 only.)

    ## Use instead
    Use a new layer for the other input, or bring the input to the size the
    layer was built for.
    """

    code = "LS110"
    name = "shared-layer-input-mismatch"
    summary = "Layer reused on an input its built weights cannot take"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

shared = layers.Dense(4)
a = keras.Input(shape=(3,))
b = keras.Input(shape=(3,))
conv = layers.Conv2D(4, 3)
c = keras.Input(shape=(8, 8, 3))
d = keras.Input(shape=(12, 12, 3))
pooled = layers.concatenate([layers.GlobalAveragePooling2D()(conv(c)), layers.GlobalAveragePooling2D()(conv(d))])
model = keras.Model([a, b, c, d], layers.concatenate([shared(a), shared(b), pooled]))
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

encoder = layers.LSTM(4)
a = keras.Input(shape=(6, 3))
b = keras.Input(shape=(6, 5))
model = keras.Model([a, b], layers.concatenate([encoder(a), encoder(b)]))
""", versions=(3,)),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

shared = layers.Dense(4)
a = keras.Input(shape=(3,))
b = keras.Input(shape=(5,))
model = keras.Model([a, b], layers.concatenate([shared(a), shared(b)]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(4), layers.Dense(2)])
new_input = keras.Input(shape=(6,))
features = model.layers[0](new_input)
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5,))
hidden = layers.Dense(4, name="hidden")(inputs)
model = keras.Model(inputs, layers.Dense(1)(hidden))
probe = model.get_layer("hidden")(keras.Input(shape=(7,)))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

conv = layers.Conv2D(4, 3)
rgb = keras.Input(shape=(8, 8, 3))
gray = keras.Input(shape=(8, 8, 1))
model = keras.Model([rgb, gray], layers.concatenate([conv(rgb), conv(gray)]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

encoder = layers.LSTM(4)
a = keras.Input(shape=(6, 3))
b = keras.Input(shape=(6, 5))
model = keras.Model([a, b], layers.concatenate([encoder(a), encoder(b)]))
""", versions=(2,)),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        built = call.built_on
        if built is None or len(call.inputs) != 1:
            return
        new = call.input.shape
        axis = rebuild_conflict(call.layer.entry, built, new, ctx.keras_version)
        if axis is None:
            return
        name = call.layer.name
        yield Report(
            node=call.site,
            message=f"`{name}` was built for inputs of shape {built} and is applied again to {new}: axis {axis} has {new[axis]} where its weights take {built[axis]}",
            fix=f"use a new `{name}` for this input, or give it {built[axis]} on axis {axis}",
            related=[(call.layer.node, f"`{name}` made here, its weights sized by its first input {built}")],
        )
