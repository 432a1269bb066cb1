from __future__ import annotations

from typing import Iterable, Optional

from ..infer.facts import NestedModelCall
from ..infer.models import input_layers, rebuild_conflict
from ..infer.shapes import Shape, Sym, is_known
from ..infer.values import Model
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class NestedModelInput(Rule):
    """
    ## What it does
    Finds a model used as a layer of another model (`encoder(x)`, a pretrained
    part called on a new `Input`) on a tensor whose shape differs from the
    input the inner model declares.

    ## Why is this bad?
    Keras 3 checks the declared axes when a model is called (a last axis of
    size 1 on either side is dropped before comparing): `ValueError:
    Input 0 with name 'input_layer' of layer 'functional' is incompatible
    with the layer: expected shape=(None, 8), found shape=(None, 10)`.
    Keras 2 only warns there, then the first layer built for the declared
    input refuses the new size: `ValueError: Input 0 of layer "dense" is
    incompatible with the layer: expected axis -1 of input shape to have
    value 8`. (Under Keras 2 it is reported only where such a layer's weights
    surely cannot take the tensor.)

    ## Use instead
    Declare the inner model's input with the shape of the tensor it is called
    on, or bring the tensor to the inner model's input shape first.
    """

    code = "LS113"
    name = "nested-model-input-mismatch"
    summary = "Model called as a layer on a tensor its declared input does not take"
    severity = ERROR
    facts = (NestedModelCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

encoder_input = keras.Input(shape=(8,))
encoder = keras.Model(encoder_input, layers.Dense(4)(encoder_input))
inputs = keras.Input(shape=(8,))
model = keras.Model(inputs, layers.Dense(1)(encoder(inputs)))
model.compile(loss="mse")
model.fit(np.zeros((4, 8)), np.zeros((4, 1)), verbose=0)
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

features = keras.Sequential([keras.Input(shape=(None, 3)), layers.LSTM(4)])
inputs = keras.Input(shape=(12, 3))
model = keras.Model(inputs, layers.Dense(1)(features(inputs)))
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

features = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(8, 3), layers.GlobalAveragePooling2D()])
images = keras.Input(shape=(64, 64, 3))
model = keras.Model(images, features(images))
""", versions=(2,)),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inner_input = keras.Input(shape=(10, 4))
inner = keras.Model(inner_input, layers.LSTM(3)(inner_input))
inputs = keras.Input(shape=(10, 1))
model = keras.Model(inputs, inner(inputs))
""", versions=(3,)),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

encoder_input = keras.Input(shape=(8,))
encoder = keras.Model(encoder_input, layers.Dense(4)(encoder_input))
inputs = keras.Input(shape=(10,))
model = keras.Model(inputs, encoder(inputs))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

features = keras.Sequential([keras.Input(shape=(28, 28, 3)), layers.Conv2D(8, 3), layers.Flatten()])
images = keras.Input(shape=(32, 32, 3))
model = keras.Model(images, layers.Dense(10)(features(images)))
""", versions=(3,)),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inner_input = keras.Input(shape=(10, 4))
inner = keras.Model(inner_input, layers.LSTM(3)(inner_input))
inputs = keras.Input(shape=(10, 1))
model = keras.Model(inputs, inner(inputs))
""", versions=(2,)),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

features = keras.Sequential([keras.Input(shape=(10, 3)), layers.LSTM(4)])
inputs = keras.Input(shape=(12, 3))
model = keras.Model(inputs, layers.Dense(1)(features(inputs)))
""", versions=(3,)),
    ]

    def check(self, call: NestedModelCall, ctx: CheckContext) -> Iterable[Report]:
        model, given = call.model, call.input.shape
        declared = model.inputs[0].shape
        if not model.certain or declared.dims is None or given.dims is None or declared.rank != given.rank:
            return
        axis = _keras3_axis(declared, given) if ctx.keras_version >= 3 else _keras2_axis(model, declared, given)
        if axis is None:
            return
        related = [(model.inputs[0].declared_at, f"the inner model's input declared here as {declared}")] if model.inputs[0].declared_at is not None else []
        yield Report(
            node=call.site,
            message=f"a model whose input is declared as {declared} is called on a tensor of shape {given}: axis {axis} has {given[axis]} where it declares {declared[axis]}",
            fix=f"declare the inner model's input with {given[axis]} on axis {axis}, or give the tensor {declared[axis]} there",
            related=related,
        )


def _keras3_axis(declared: Shape, given: Shape) -> Optional[int]:
    """Keras 3's input spec of a model: the declared shape against the tensor's,
    axis by axis after the batch, each with a last axis of 1 dropped first
    (``allow_last_axis_squeeze``; the shorter one decides how many are compared)."""
    if not (_static(given[-1]) and _static(declared[-1])):
        return None  # whether a last axis of 1 is dropped is not known
    spec, shape = list(declared.dims), list(given.dims)
    if shape[-1] == 1:
        shape.pop()
    if spec[-1] == 1:
        spec.pop()
    for axis in range(1, min(len(spec), len(shape))):
        if is_known(spec[axis]) and is_known(shape[axis]) and spec[axis] != shape[axis]:
            return axis
    return None


def _static(dim: object) -> bool:
    """A size Keras sees as it is: a known int, or a declared ``None``."""
    return is_known(dim) or (isinstance(dim, Sym) and isinstance(dim.key, tuple) and dim.key[:1] == ("variable",))


def _keras2_axis(model: Model, declared: Shape, given: Shape) -> Optional[int]:
    """Keras 2 warns and runs: the layers built on the declared input decide."""
    for layer in input_layers(model):
        axis = rebuild_conflict(layer.entry, declared, given, 2)
        if axis is not None:
            return axis
    return None
