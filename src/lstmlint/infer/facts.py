"""Facts: what inference learned, handed to the rules as it learns it.

Inference runs once per file and emits these records; rules read them and
never walk the syntax tree themselves.  Each fact keeps the syntax nodes it
came from so a diagnostic can point at both ends of a disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional

import libcst as cst

from .callargs import CallArgs
from .shapes import UNKNOWN, Shape
from .values import Layer, Model, Tensor


@dataclass
class Construction:
    """A Keras layer, ``Input`` or checked callback constructed, with its arguments (before any use)."""

    name: str  # the class name, e.g. "LSTM", "Input" or "ModelCheckpoint"
    args: CallArgs


@dataclass
class ModelCreated:
    """A model object came into being (its layers may still be added later)."""

    model: Model


@dataclass
class Compiled:
    """``model.compile(...)``, with its arguments (the model as it is at that call)."""

    model: Model
    args: CallArgs


@dataclass
class NestedModelCall:
    """A model with a declared input called on a tensor, as a layer of another graph (``encoder(x)``)."""

    model: Model
    input: Tensor
    site: cst.CSTNode


@dataclass
class LayerCall:
    """A layer applied to an input: in a Sequential stack, or called on a tensor.

    ``inputs`` has one tensor, or several for merge layers.  ``site`` is where
    to report (the layer's constructor in a stack, the call in the Functional
    API); ``via_data`` is the fit/predict call whose data built the model, when
    the model declared no input of its own.
    """

    layer: Layer
    inputs: List[Tensor]
    output: Shape
    site: cst.CSTNode
    model: Optional[Model] = None
    via_data: Optional[cst.CSTNode] = None
    accepted: bool = True  # the layer takes an input of this rank (in the target Keras)
    built_on: Optional[Shape] = None  # a layer applied again: the input it was built on before

    @property
    def input(self) -> Tensor:
        return self.inputs[0]

    @property
    def previous(self) -> Optional[Layer]:
        return self.input.producer


@dataclass
class DataCall:
    """Data given to a model: ``fit``/``predict``/``evaluate``/``train_on_batch``.

    ``x``/``y`` are abstract values (``UNKNOWN`` when absent or unknown);
    ``validation`` marks the pair taken from ``validation_data=``.  The model
    state that matters (compiled or not, its loss) is copied at call time.
    """

    method: str
    model: Model
    node: cst.Call
    x: Any
    y: Any
    x_node: Optional[cst.CSTNode]
    y_node: Optional[cst.CSTNode]
    compiled: Optional[bool]
    loss: Any
    loss_node: Optional[cst.CSTNode]
    validation: bool = False
    input_layers: List[Layer] = field(default_factory=list)
    input_index: int = 0  # which model input ``x`` feeds (multi-input models)
    arrays_given: int = 1  # how many input arrays the call passed (a list feeds several)
    validation_split: bool = False  # Keras then slices every array at the split point
    metrics: Any = None  # compile's ``metrics=`` (None when not given)
    metrics_node: Optional[cst.CSTNode] = None
    targets: Any = UNKNOWN  # ``y`` as written: an array, or a list/tuple/dict of them
    batch_size: Any = None  # ``batch_size=`` as given (None: not given)


@dataclass
class RaggedArray:
    """``np.array(rows)`` of rows that surely differ in length, without
    ``dtype=object``: NumPy (1.24 and later) raises ``ValueError`` (an
    inhomogeneous shape). ``windows`` says why, when the rows are windows a
    loop sliced past the end of the data."""

    node: cst.Call
    rows: Optional[cst.CSTNode]  # the argument, as written
    dtype: Optional[str]  # the dtype asked for, if any
    windows: Any = None  # shapes.UnevenWindows


@dataclass
class ModelMethodCall:
    """A method called on a known model (``model.fit_generator(...)``), as written;
    inference then reads an old method as its modern one."""

    model: Model
    method: str
    args: CallArgs


@dataclass
class KerasCall:
    """A call of a resolved Keras name (a layer, an optimizer, a callback...)."""

    qualname: str  # canonical, e.g. "keras.optimizers.Adam"
    args: CallArgs


@dataclass
class KerasName:
    """A Keras name as the code spells it (``keras.`` for ``tensorflow.keras.``,
    old module paths kept): imported, or reached by attribute access.

    ``spelled`` is the same path with the code's own prefix
    (``tensorflow.keras.utils.np_utils``); ``form`` is how the code names it,
    which decides what Python raises when it does not exist:
    ``"import"`` (``import a.b.c``), ``"from"`` (the module of ``from a.b
    import c``), ``"name"`` (the ``c`` of that statement) or ``"attribute"``.
    """

    qualname: str
    node: cst.CSTNode
    module: bool = False  # the module path of an import statement (its names are inside)
    spelled: str = ""
    form: str = ""
