from __future__ import annotations

from typing import Iterable, Optional, Sequence

from ..infer.facts import LayerCall
from ..infer.layer_table import broadcast_conflict, dot_axes, int_arg
from ..infer.shapes import Shape, dims_differ, is_known, normalize_axis
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid

_ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")


class MergeShapes(Rule):
    """
    ## What it does
    Finds merge layers whose inputs do not fit together: a `Concatenate`
    (or `layers.concatenate`) whose inputs differ in rank or on an axis other
    than the one they are joined on; an `Add`, `Subtract`, `Multiply`,
    `Average`, `Maximum` or `Minimum` (or the lower-case functions) whose inputs
    cannot broadcast; a `Subtract` of other than two inputs; a `Dot` whose
    contracted axes differ in size.

    ## Why is this bad?
    Keras raises when the model is built: `ValueError: A Concatenate layer
    requires inputs with matching shapes except for the concatenation axis`,
    `ValueError: Inputs have incompatible shapes. Received shapes (5, 3) and
    (5, 4)`, `ValueError: A Subtract layer should be called on exactly 2
    inputs`, or `ValueError: Incompatible input shapes: axis values 4 (at axis
    1) != 5 (at axis 1)` (the same in Keras 2 and 3).

    ## Use instead
    Make the inputs agree (e.g. project both to the same width with `Dense`),
    or join on the axis where they differ.
    """

    code = "LS105"
    name = "merge-shape-mismatch"
    summary = "Merge layer inputs whose shapes do not fit together"
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
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(3,))
c = keras.Input(shape=(5, 1))
x = layers.add([a, b, c])
x = layers.Subtract()([x, a])
x = layers.multiply([x, layers.Dense(3)(c)])
x = layers.Maximum()([layers.average([x, a]), layers.minimum([x, a])])
model = keras.Model([a, b, c], layers.Dot(axes=2)([x, a]))
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
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(5, 3))
b = keras.Input(shape=(3,))
model = keras.Model([a, b], layers.concatenate([a, b]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(10, 4))
residual = layers.Conv1D(8, 3, padding="same")(inputs)
model = keras.Model(inputs, layers.add([inputs, residual]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(6,))
b = keras.Input(shape=(4,))
model = keras.Model([a, b], layers.Multiply()([layers.Dense(8)(a), layers.Dense(4)(b)]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(4,))
model = keras.Model(a, layers.Subtract()([a, a, a]))
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

a = keras.Input(shape=(4,))
b = keras.Input(shape=(5,))
model = keras.Model([a, b], layers.Dot(axes=1)([a, b]))
"""),
    ]

    def check(self, call: LayerCall, ctx: CheckContext) -> Iterable[Report]:
        layer = call.layer
        shapes = [t.shape for t in call.inputs]
        if any(s.dims is None for s in shapes):
            return
        problem = _problem(layer.name, shapes, call)
        if problem is None:
            return
        message, fix = problem
        yield Report(
            node=call.site,
            message=message,
            fix=fix,
            related=[(t.declared_at or t.producer.node, f"input of shape {t.shape}") for t in call.inputs if t.declared_at or t.producer],
        )


def _problem(name: str, shapes: Sequence[Shape], call: LayerCall) -> Optional[tuple]:
    listed = ", ".join(str(s) for s in shapes)
    if name == "Concatenate":
        return _concatenate(shapes, call, listed)
    if name == "Subtract" and len(shapes) != 2:
        return f"`Subtract` takes exactly 2 inputs, given {len(shapes)}: {listed}", "subtract two tensors (use `Add` for more)"
    if name in _ELEMENTWISE:
        pair = broadcast_conflict(shapes)
        if pair is None:
            return None
        return (
            f"`{name}` merges {pair[0]} and {pair[1]}, which cannot broadcast (Inputs have incompatible shapes)",
            "give the inputs the same shape (e.g. a `Dense` or 1x1 convolution to the same width)",
        )
    if name == "Dot":
        axes = dot_axes(shapes, call.layer)
        if axes is None or not dims_differ(shapes[0][axes[0]], shapes[1][axes[1]]):
            return None
        return (
            f"`Dot` contracts axis {axes[0]} of {shapes[0]} with axis {axes[1]} of {shapes[1]}, of different sizes",
            "contract axes of the same size (`axes=`), or project one input to the other's width",
        )
    return None


def _concatenate(shapes: Sequence[Shape], call: LayerCall, listed: str) -> Optional[tuple]:
    if len(shapes) < 2:
        return None
    axis_arg = int_arg(call.layer, "axis", -1)
    fix = "make the inputs agree on every axis but the concatenation axis"
    rank = shapes[0].rank
    if any(s.rank != rank for s in shapes):
        return f"`Concatenate` joins {listed}, of different ranks", "give the inputs the same rank (e.g. `Reshape` or `RepeatVector`)"
    if not is_known(axis_arg):
        return None
    axis = normalize_axis(axis_arg, rank)  # type: ignore[arg-type]
    for i in range(1, rank):  # type: ignore[arg-type]
        if i != axis and any(dims_differ(s[i], shapes[0][i]) for s in shapes[1:]):
            return f"`Concatenate` joins {listed} on axis {axis_arg}, but they differ on axis {i}", fix
    return None
