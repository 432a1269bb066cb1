from __future__ import annotations

from typing import Iterable

from ..infer.facts import LayerCall
from ..infer.layer_table import int_arg
from ..infer.shapes import dims_differ, is_known, normalize_axis
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class ConcatenateShapes(Rule):
    """
    ## What it does
    Finds a `Concatenate` whose inputs disagree on an axis other than the one
    they are joined on.

    ## Why is this bad?
    Keras raises `ValueError: A Concatenate layer requires inputs with matching
    shapes except for the concatenation axis` when the model is built.

    ## Use instead
    Make the other axes agree (e.g. the same number of timesteps), or join on
    the axis where they differ.
    """

    code = "LS105"
    name = "concatenate-shape-mismatch"
    summary = "Concatenate inputs differ on a non-concatenation axis"
    severity = ERROR
    facts = (LayerCall,)

    VALID = [
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(5, 4))
x = layers.Concatenate()([a, b])
model = keras.Model([a, b], layers.LSTM(4)(x))
"""),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(4, 3))
x = layers.Concatenate()([a, b])
model = keras.Model([a, b], layers.LSTM(4)(x))
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        shapes = [t.shape for t in call.inputs]
        if layer.name != "Concatenate" or len(shapes) < 2 or any(s.dims is None for s in shapes):
            return
        rank = shapes[0].rank
        axis_arg = int_arg(layer, "axis", -1)
        if any(s.rank != rank for s in shapes) or not is_known(axis_arg):
            return
        axis = normalize_axis(axis_arg, rank)  # type: ignore[arg-type]
        for i in range(1, rank):  # type: ignore[arg-type]
            if i != axis and any(dims_differ(s[i], shapes[0][i]) for s in shapes[1:]):
                listed = ", ".join(str(s) for s in shapes)
                yield Report(
                    node=call.site,
                    message=f"`Concatenate` joins {listed} on axis {axis_arg}, but they differ on axis {i}",
                    fix="make the inputs agree on every axis but the concatenation axis",
                    related=[(t.declared_at or t.producer.node, f"input of shape {t.shape}") for t in call.inputs if t.declared_at or t.producer],
                )
                return
