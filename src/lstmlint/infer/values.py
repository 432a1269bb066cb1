"""Abstract values: what the interpreter knows a name holds.

Plain Python constants (int, float, str, bool, None, tuples and lists of them)
stand for themselves; ``UNKNOWN`` (from :mod:`.shapes`) is anything else.  The
classes here describe the values a shape linter cares about: arrays of data,
Keras layers, symbolic Keras tensors and models, and references to imported
names that are not called yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import libcst as cst

from .shapes import UNKNOWN, Shape, dims_equal

if TYPE_CHECKING:
    from .layer_table import LayerEntry


@dataclass(frozen=True)
class Ref:
    """An imported name or attribute path, by its canonical qualified name.

    ``spelled`` is the path as the code reached it (``tensorflow.keras.utils``,
    old module names kept): messages about removed names quote it. It takes
    no part in comparisons."""

    qualname: str
    spelled: str = field(default="", compare=False)


@dataclass
class Array:
    """Data: a NumPy array, a TF tensor of values, or a nested Python list.

    ``origin`` is the expression that made it (for "the data comes from line N").
    ``int_range`` bounds the values of integer data when known (e.g. randint):
    ``(low, high)``, each an int, a symbol (``len(word_index)``) or None. Both
    ends occur in the data unless ``random`` (they bound random draws) or
    ``int_bound`` (they only bound the values: a subset of the rows, or ids a
    tokenizer may give).
    ``kind`` is "numpy", "tensor" or "list" (a plain Python list given as data).
    """

    shape: Shape
    dtype: Optional[str]
    origin: Optional[cst.CSTNode]
    int_range: Optional[Tuple[Optional[int], Optional[int]]] = None
    kind: str = "numpy"
    ragged: bool = False
    items: Optional[Shape] = None  # ragged data: the shape its items share (varying axes unknown), if known
    random: bool = False  # int_range bounds random draws, not values known to occur
    one_hot: bool = False  # one-hot targets with 2+ classes (even when the count is unknown)
    categories: Optional[int] = None  # how many distinct values it draws from, when known
    int_bound: bool = False  # int_range bounds the values, but its ends may not occur
    ids: Optional["IdSource"] = None  # word ids a Keras Tokenizer gave
    columns: Optional[Tuple[Tuple[Any, Optional[str]], ...]] = None  # a DataFrame's (name, dtype) columns, when known (and its .values')

    def derive(self, shape: Shape, origin: cst.CSTNode, **changes: Any) -> "Array":
        """A new array computed from this one at ``origin`` (same dtype unless changed).

        Values that occur in this array surely occur in the new one only when
        it holds the same elements (reshaped, transposed, converted): any other
        shape may be a subset, so ``int_range`` then only bounds its values.
        """
        values = dict(
            shape=shape,
            dtype=self.dtype,
            origin=origin,
            int_range=self.int_range,
            kind=self.kind if self.kind != "list" else "numpy",
            ragged=False,
            items=self.items if shape.rank == self.shape.rank == 1 else None,  # a slice of the same sequences
            random=self.random,
            one_hot=self.one_hot and shape.rank == self.shape.rank and dims_equal(shape[-1], self.shape[-1]) is True,
            ids=self.ids,
        )
        values.update(changes)
        if "int_bound" not in changes:
            # a new range states its own bounds; a kept one bounds a subset unless the elements are the same
            kept = "int_range" not in changes and values["int_range"] is not None
            values["int_bound"] = kept and (self.int_bound or (not values["random"] and not same_elements(self.shape, shape)))
        return Array(**values)


@dataclass(frozen=True)
class IdSource:
    """Word ids from a Keras ``Tokenizer``: 1..len(word_index), 0 left for padding."""

    name: str  # the tokenizer as the code names it, e.g. ``tok``
    fitted: Optional[cst.CSTNode]  # its (last) ``fit_on_texts`` call
    num_words: Optional[int] = None  # its ``num_words``: ids stay below it


def same_elements(old: Shape, new: Shape) -> bool:
    """Whether an array of shape ``new`` surely holds all the elements of one
    of shape ``old`` (a reshape or transpose: the same sizes, axes of 1 aside)."""
    if new is old:
        return True
    if old.dims is None or new.dims is None:
        return False
    left = [d for d in old.dims if d != 1]
    right = [d for d in new.dims if d != 1]
    if len(left) == len(right):
        rest = list(right)
        for dim in left:
            match = next((i for i, other in enumerate(rest) if dims_equal(dim, other) is True), None)
            if match is None:
                break
            rest.pop(match)
        else:
            return True
    size, new_size = old.size(), new.size()
    return isinstance(size, int) and size == new_size


@dataclass
class Layer:
    """A Keras layer instance: its table entry and its evaluated arguments."""

    entry: "LayerEntry"
    args: Dict[str, Any]
    arg_nodes: Dict[str, cst.CSTNode]
    node: cst.Call
    inner: Optional["Layer"] = None  # the wrapped layer of Bidirectional / TimeDistributed
    built_on: Optional[List[Shape]] = None  # the input shapes of its first application (weights sized from them)
    built_certain: bool = True  # that application surely ran (not in a branch that may not)

    @property
    def name(self) -> str:
        return self.entry.name

    def arg(self, name: str, default: Any = UNKNOWN) -> Any:
        return self.args.get(name, default)


@dataclass
class Tensor:
    """A symbolic Keras tensor (Functional API), with the batch axis first.

    ``declared_at`` is the expression that fixed its shape (an ``Input(...)`` or
    a layer's ``input_shape=``); ``producer`` the layer call that made it.
    """

    shape: Shape
    declared_at: Optional[cst.CSTNode]
    producer: Optional[Layer] = None
    declared_by: Optional[str] = None  # the keyword that declared it, e.g. "input_shape"
    parents: List["Tensor"] = field(default_factory=list)  # the producer's inputs
    from_data: bool = False  # a model input Keras inferred from the first data, not a declaration
    dtype: Optional[str] = None
    consumers: List[Layer] = field(default_factory=list)


@dataclass
class Model:
    """A Keras model: Sequential (a layer list) or Functional (inputs/outputs).

    ``certain`` turns False when the model is changed where the linter cannot
    follow (inside a branch or loop, or by unknown code), or when building it
    already fails: rules about its data then stay silent.
    ``compiled`` is True, False, or None (unknown).
    """

    kind: str  # "sequential" | "functional" | "subclassed"
    node: cst.CSTNode
    layers: List[Layer] = field(default_factory=list)
    inputs: List[Tensor] = field(default_factory=list)
    outputs: List[Tensor] = field(default_factory=list)
    input_consumers: List[List[Layer]] = field(default_factory=list)
    compiled: Optional[bool] = False
    loss: Any = UNKNOWN
    loss_node: Optional[cst.CSTNode] = None
    loss_arg: Any = None  # compile's ``loss=`` as written (e.g. a dict per output)
    metrics: Any = None  # compile's ``metrics=`` (None when not given)
    metrics_node: Optional[cst.CSTNode] = None
    certain: bool = True
    built_shapes: List[Tuple[Layer, Shape]] = field(default_factory=list)
    created_depth: int = 0  # branch/loop depth where it was made: deeper changes are conditional
    attrs: Dict[str, Any] = field(default_factory=dict)  # subclassed: what __init__ stored on self
    methods: Dict[str, "Function"] = field(default_factory=dict)  # subclassed: its methods

    @property
    def declared_input(self) -> Optional[Tensor]:
        return self.inputs[0] if len(self.inputs) == 1 else None

    @property
    def output(self) -> Optional[Tensor]:
        return self.outputs[0] if len(self.outputs) == 1 else None


@dataclass
class Function:
    """A function defined in the checked file (a ``def`` or a ``lambda``)."""

    node: Any  # cst.FunctionDef | cst.Lambda
    scope: Any  # the defining scope (infer.scope.Scope)
    defaults: Dict[str, Any] = field(default_factory=dict)
    statement: int = 0  # the top-level statement that holds its code


@dataclass
class Repeated:
    """``count`` list items like ``item``: what a loop appends, or a comprehension makes.

    A list holding one ``Repeated`` stands for a list of unknown length.
    """

    item: Any
    count: Any  # a Dim
    int_range: Optional[Tuple[Any, Any]] = None  # the int values of all the items together (as ``Array.int_range``)
    int_bound: bool = False
    ids: Optional[IdSource] = None


def repeated_in(value: Any) -> Optional[Repeated]:
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], Repeated):
        return value[0]
    return None


def length_of(value: Any) -> Any:
    """``len(value)`` for arrays and lists (one filled by a loop has its count)."""
    if isinstance(value, (Array, Tensor)):
        return value.shape[0] if value.shape.rank else UNKNOWN
    repeated = repeated_in(value)
    if repeated is not None:
        return repeated.count
    if isinstance(value, Instance) and "length" in value.attrs:
        return value.attrs["length"]  # e.g. a Tokenizer's word_index
    return len(value) if isinstance(value, (list, tuple)) else UNKNOWN


@dataclass
class ModelClass:
    """A class defined in the checked file: a ``keras.Model`` subclass, or
    (``is_model`` False) a plain class whose instances keep what its methods
    store on ``self`` (a model built in ``__init__``, data in ``self.X``)."""

    node: cst.ClassDef
    methods: Dict[str, Function]
    is_model: bool = True


@dataclass
class Instance:
    """An object with known attributes (e.g. a tf.data Dataset of arrays)."""

    type_name: str
    attrs: Dict[str, Any] = field(default_factory=dict)
    methods: Dict[str, "Function"] = field(default_factory=dict)  # instances of classes in the file

