from __future__ import annotations

from typing import Any, Iterable, Optional, Tuple

import libcst as cst

from ..diagnostics import Severity
from ..infer.facts import Construction, LayerCall
from ..infer.shapes import Sym, is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid

_INPUTS = frozenset({"Input", "InputLayer"})


class ShapeNotTuple(Rule):
    """
    ## What it does
    Finds a shape given as a single number where Keras wants a tuple:
    `keras.Input(shape=42)`, `keras.Input(shape=X.shape[1])`,
    `InputLayer(input_shape=5)`, and `input_shape=5` (or `input_shape=(5)`,
    which is the same number) on a layer.

    ## Why is this bad?
    Keras 3 raises `ValueError: Cannot convert '42' to a shape.` when the
    `Input` is made, and when a Sequential model reads its first layer's
    `input_shape=`. Keras 2 accepts a number for `Input(shape=...)` (as
    `(42,)`) but not for a layer's `input_shape=`: every layer given
    `input_shape=5` raises `TypeError: 'int' object is not iterable` when it
    is created, wherever it is used. Keras 3 ignores `input_shape=` outside
    the first layer of a Sequential model, so there it is not reported.

    ## Use instead
    A tuple: `shape=(42,)`, `input_shape=(5,)` (the comma makes the tuple),
    or `X.shape[1:]` for the shape of one sample of `X`.

    ## Fix safety
    Wrapping a literal number in a tuple (`42` -> `(42,)`) is safe: it is
    what Keras 2 made of it. For an expression such as `X.shape[1]` the
    intended shape may be `X.shape[1:]` (all the axes after the first), so
    `(X.shape[1],)` is an unsafe fix (`--unsafe-fixes`).
    """

    code = "LS111"
    name = "shape-not-a-tuple"
    summary = "Shape given as a number, not a tuple (Input(shape=42), input_shape=5)"
    severity = ERROR
    facts = (Construction, LayerCall)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5)
inputs = keras.Input(shape=(42,))
other = keras.Input(shape=X.shape[1:])
listed = keras.Input(shape=[42])
model = keras.Sequential([layers.Dense(4, input_shape=(5,)), layers.Dense(1)])
"""),
        Valid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5,))
outputs = layers.Dense(4, input_shape=5)(inputs)  # Keras 3 ignores input_shape outside a Sequential model's first layer
""", versions=(3,)),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=42)
model = keras.Model(inputs, layers.Dense(1)(inputs))
""", versions=(3,)),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5)
inputs = keras.Input(shape=X.shape[1])
model = keras.Model(inputs, layers.Dense(1)(inputs))
""", versions=(3,)),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Dense(4, input_shape=(5)), layers.Dense(1)])
"""),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.InputLayer(input_shape=5), layers.Dense(1)])
""", versions=(3,)),
        Invalid("""
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5,))
outputs = layers.Dense(4, input_shape=5)(inputs)
""", versions=(2,)),
    ]

    def check(self, fact, ctx: CheckContext) -> Iterable[Report]:
        version = ctx.keras_version
        if isinstance(fact, Construction):
            if fact.name in _INPUTS:
                if version == 3:  # Keras 2 reads a number as a one-axis shape
                    found = _input_shape(fact)
                    if found is not None:
                        yield _report(ctx, version, *found)
            elif version == 2 and "input_shape" in fact.args.keywords:  # every Keras 2 layer makes a tuple of it
                yield from _reports(ctx, version, "input_shape", fact.args.keywords["input_shape"], fact.args.keyword_nodes["input_shape"])
        elif version == 3 and _first_in_sequential(fact):  # Keras 3 reads input_shape only there
            layer = fact.layer
            yield from _reports(ctx, version, "input_shape", layer.args.get("input_shape"), layer.arg_nodes.get("input_shape"))


def _is_number(value: Any) -> bool:
    return is_known(value) or isinstance(value, Sym)


def _input_shape(built: Construction) -> Optional[Tuple[str, Any, cst.CSTNode]]:
    """(keyword, value, node) of the shape an Input/InputLayer is given, when it is a number."""
    a = built.args
    keywords = ("shape",) if built.name == "Input" else ("shape", "input_shape")
    for keyword in keywords:
        if keyword in a.keywords:
            value, node = a.keywords[keyword], a.keyword_nodes[keyword]
            return (keyword, value, node) if _is_number(value) else None
    if a.positional and _is_number(a.positional[0]) and not a.has_star:
        return "shape", a.positional[0], a.positional_nodes[0]
    return None


def _first_in_sequential(call: LayerCall) -> bool:
    """The layer declares the input of a Sequential model through ``input_shape=``."""
    model = call.model
    if model is None or model.kind != "sequential" or not model.layers or model.layers[0] is not call.layer:
        return False
    declared = call.input
    node = call.layer.arg_nodes.get("input_shape")
    return declared.declared_by == "input_shape" and node is not None and declared.declared_at is node


def _reports(ctx: CheckContext, version: int, keyword: str, value: Any, node: Optional[cst.CSTNode]) -> Iterable[Report]:
    if node is not None and _is_number(value):
        yield _report(ctx, version, keyword, value, node)


def _report(ctx: CheckContext, version: int, keyword: str, value: Any, node: cst.CSTNode) -> Report:
    written = ctx.code(node)
    if version == 3:
        raised = f"`ValueError: Cannot convert '{value}' to a shape.`" if is_known(value) else "`ValueError` (it cannot convert a number to a shape)"
    else:
        raised = "`TypeError: 'int' object is not iterable`"
    bare = written[1:-1].strip() if written.startswith("(") and written.endswith(")") else written
    literal = isinstance(node, cst.Integer)
    return Report(
        node=node,
        message=f"`{keyword}={written}` is a number, not a shape: Keras {version} raises {raised}",
        fix=f"a tuple: `{keyword}=({bare},)`" + ("" if literal else "; for the shape of one sample of an array `X`, `X.shape[1:]`"),
        severity=Severity.ERROR,
        fix_data={"literal": "1" if literal else ""},
    )
