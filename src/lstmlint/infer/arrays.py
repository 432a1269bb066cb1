"""Array semantics: NumPy/TF shapes and dtypes of data, computed abstractly.

Each function takes abstract values and answers an :class:`Array` or
``UNKNOWN``; nothing here guesses a dimension it cannot derive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

import libcst as cst

from .shapes import (
    UNKNOWN,
    UNKNOWN_SHAPE,
    Dim,
    Shape,
    Sym,
    UnevenWindows,
    dim_arith,
    dim_difference,
    dims_equal,
    index_bounds,
    is_known,
    is_variable,
    normalize_axis,
    uneven_dim,
    uneven_windows,
)
from .values import Array, Instance, Ref, Repeated, Tensor, repeated_in

_DTYPE_NAMES = {
    "float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64",
    "uint8", "uint16", "uint32", "uint64", "bool", "object", "str", "complex64", "complex128",
}
_BUILTIN_DTYPES = {"float": "float64", "int": "int64", "bool": "bool", "str": "str", "object": "object", "bytes": "str"}
_STRING_ALIASES = {"float": "float64", "int": "int64", "double": "float64", "half": "float16", "U": "str", "S": "str", "O": "object", "string": "str"}


@dataclass(frozen=True)
class SliceValue:
    """An evaluated ``start:stop:step`` inside a subscript."""

    start: Any
    stop: Any
    step: Any


ELLIPSIS = "..."


def dtype_name(value: Any) -> Optional[str]:
    """A dtype spelled as a string, a NumPy/TF attribute, or a Python builtin."""
    if isinstance(value, str):
        name = value.lstrip("<>=|")
        if name and name[0] in "US" and name[1:].isdigit():
            return "str"
        name = _STRING_ALIASES.get(name, name)
        return name if name in _DTYPE_NAMES else None
    if isinstance(value, Ref):
        module, _, attr = value.qualname.rpartition(".")
        if module == "builtins":
            return _BUILTIN_DTYPES.get(attr)
        if module in ("numpy", "tensorflow"):
            attr = {"str_": "str", "object_": "object", "bool_": "bool", "string": "str", "double": "float64"}.get(attr, attr)
            return attr if attr in _DTYPE_NAMES else None
    return None


def is_float(dtype: Optional[str]) -> bool:
    return dtype is not None and (dtype.startswith("float") or dtype == "bfloat16")


def is_int(dtype: Optional[str]) -> bool:
    return dtype is not None and (dtype.startswith("int") or dtype.startswith("uint"))


def shape_arg(value: Any) -> Optional[Shape]:
    """A shape given as a tuple/list of sizes or a single size."""
    if isinstance(value, (tuple, list)):
        if all(is_known(d) or isinstance(d, Sym) or d is UNKNOWN or d is None for d in value):
            return Shape(tuple(UNKNOWN if d is None else d for d in value))  # None: any size
        return None
    if is_known(value) or isinstance(value, Sym):
        return Shape((value,))
    return None


# -- literals ---------------------------------------------------------------


def literal_array(value: Any, origin: Optional[cst.CSTNode], kind: str = "numpy") -> Any:
    """The array a nested list/tuple literal makes (shape, dtype, raggedness)."""
    if isinstance(value, Array):
        return value
    if not isinstance(value, (list, tuple)):
        return UNKNOWN
    repeated = repeated_in(value)
    if repeated is not None:
        return _repeated_array(repeated, origin, kind)
    if value and all(isinstance(v, (Array, Tensor)) for v in value):
        return stack(list(value), 0, origin)
    shape, leaves, ragged = _literal_structure(value)
    if shape is None:
        return UNKNOWN
    dtype = _leaf_dtype(leaves)
    ints = [v for v in leaves if isinstance(v, int) and not isinstance(v, bool)]
    int_range = (min(ints), max(ints)) if ints and len(ints) == len(leaves) else None
    if ragged:
        return Array(Shape((len(value),)), "object", origin, kind=kind, ragged=True, items=_common_item_shape(value))
    return Array(shape, dtype, origin, int_range=int_range, kind=kind)


def _common_item_shape(items: Sequence[Any]) -> Optional[Shape]:
    """The shape the items of a ragged list share (axes where they differ unknown)."""
    shapes = [_literal_structure(item)[0] for item in items]
    if not shapes or any(s is None or s.dims is None for s in shapes):
        return None
    common = shapes[0]
    for other in shapes[1:]:
        common = common.join(other)
    return common if common.dims is not None else None


def _repeated_array(repeated: Repeated, origin: Optional[cst.CSTNode], kind: str) -> Any:
    """``np.array(X)`` of a list a loop filled: (count,) + the shape of one item."""
    item = repeated.item
    if not isinstance(item, Array):
        item = literal_array([item], origin)
        if not isinstance(item, Array) or item.ragged:
            return UNKNOWN
        item = item.derive(Shape(item.shape.dims[1:]), origin)  # type: ignore[index]
    if item.shape.dims is None or any(d is UNKNOWN for d in item.shape.dims):
        return UNKNOWN  # items of sizes not known to agree: maybe ragged
    if any(uneven_windows(d) is not None for d in item.shape.dims):  # windows that surely differ in length
        items = Shape(tuple(UNKNOWN if uneven_windows(d) is not None else d for d in item.shape.dims))
        return Array(Shape((repeated.count,)), "object", origin, kind=kind, ragged=True, items=items)
    return item.derive(Shape((repeated.count,) + item.shape.dims), origin, kind=kind, random=False)


_SCALARS = (bool, int, float, str, bytes, type(None))
_SOME_INT = object()  # a leaf known to be an integer, value unknown (a ``range`` element)


def _literal_structure(value: Any) -> Tuple[Optional[Shape], List[Any], bool]:
    """(shape, leaves, ragged) of a nested literal; shape None when not derivable.

    Only Python scalars are leaves: any other element (an array, a ``range``,
    a loop-built list, an object) may itself be a sequence NumPy iterates into
    another axis, so the shape is not derivable. A ``range`` of known length
    is one axis of integers.
    """
    if not isinstance(value, (list, tuple)):
        if isinstance(value, Instance) and value.type_name == "range" and is_known(value.attrs.get("length")):
            return Shape((value.attrs["length"],)), [_SOME_INT] * min(value.attrs["length"], 1), False
        if isinstance(value, _SCALARS):
            return Shape(()), [value], False
        if isinstance(value, Sym):  # an integer only known by name (a loop index, a length)
            return Shape(()), [_SOME_INT], False
        return None, [], False
    if repeated_in(value) is not None:
        return None, [], False
    if not value:
        return Shape((0,)), [], False
    parts = [_literal_structure(v) for v in value]
    if any(shape is None for shape, _, _ in parts):
        return None, [], False
    leaves = [leaf for _, part_leaves, _ in parts for leaf in part_leaves]
    shapes = {shape for shape, _, _ in parts}
    ragged = any(r for _, _, r in parts) or len(shapes) > 1
    first = parts[0][0]
    return Shape((len(value),) + first.dims), leaves, ragged  # type: ignore[operator]


def _leaf_dtype(leaves: Sequence[Any]) -> Optional[str]:
    kinds = set()
    for leaf in leaves:
        if isinstance(leaf, bool):
            kinds.add("bool")
        elif isinstance(leaf, int) or leaf is _SOME_INT:
            kinds.add("int64")
        elif isinstance(leaf, float):
            kinds.add("float64")
        elif isinstance(leaf, (str, bytes)):
            kinds.add("str")
        elif leaf is None:
            kinds.add("object")
        else:
            return None
    if not kinds:
        return "float64"
    if "object" in kinds:
        return "object"
    if "str" in kinds:
        return "str" if kinds == {"str"} else None
    for name in ("float64", "int64", "bool"):
        if name in kinds:
            return name
    return None


def as_data(value: Any, node: Optional[cst.CSTNode]) -> Any:
    """What Keras receives as data: arrays as they are, Python lists as lists.

    A list or tuple of arrays is several inputs (or targets), not one array.
    """
    if isinstance(value, (Array, Tensor)):
        return value
    if isinstance(value, (list, tuple)) and any(isinstance(v, (Array, Tensor)) or v is UNKNOWN for v in value):
        return UNKNOWN
    if not isinstance(value, (list, tuple)) or not value or None in value or any(v == [] or repeated_in(v) for v in value):
        return UNKNOWN  # [], [None, ...], [[], []] or lists a loop fills: placeholders for data made elsewhere
    if isinstance(value, list):
        return literal_array(value, node, kind="list")
    if isinstance(value, tuple):
        return literal_array(value, node)
    return UNKNOWN


# -- shape operations --------------------------------------------------------


def broadcast(a: Shape, b: Shape) -> Shape:
    if a.dims is None or b.dims is None:
        return UNKNOWN_SHAPE
    rank = max(len(a.dims), len(b.dims))
    left = (1,) * (rank - len(a.dims)) + a.dims
    right = (1,) * (rank - len(b.dims)) + b.dims
    dims: List[Dim] = []
    for x, y in zip(left, right):
        if x == 1:
            dims.append(y)
        elif y == 1 or dims_equal(x, y):
            dims.append(x)
        else:
            dims.append(UNKNOWN)
    return Shape(tuple(dims))


def binary_result(a: Any, b: Any, origin: cst.CSTNode, op: str) -> Any:
    """Elementwise arithmetic between arrays and numbers."""
    arrays = [v for v in (a, b) if isinstance(v, Array)]
    if not arrays or any(not isinstance(v, (Array, int, float)) or isinstance(v, bool) for v in (a, b)):
        return UNKNOWN
    shape = arrays[0].shape if len(arrays) == 1 else broadcast(a.shape, b.shape)
    dtypes = [v.dtype if isinstance(v, Array) else ("float64" if isinstance(v, float) else "int64") for v in (a, b)]
    if op == "/" or any(is_float(d) for d in dtypes):
        float_types = [d for d in dtypes if is_float(d)]
        dtype = arrays[0].dtype if is_float(arrays[0].dtype) else (float_types[0] if float_types else "float64")
    elif all(is_int(d) for d in dtypes):
        dtype = arrays[0].dtype
    else:
        dtype = None
    return arrays[0].derive(shape, origin, dtype=dtype, int_range=None, ids=None)


def compare(a: Any, b: Any, origin: cst.CSTNode) -> Any:
    """``X == k``, ``y > 0.5``: a boolean array of the broadcast shape (a mask)."""
    arrays = [v for v in (a, b) if isinstance(v, Array)]
    if not arrays or any(isinstance(v, Array) and v.kind not in ("numpy", "series") for v in (a, b)):
        return UNKNOWN
    if any(not isinstance(v, (Array, int, float)) for v in (a, b)):
        return UNKNOWN
    shape = arrays[0].shape if len(arrays) == 1 else broadcast(a.shape, b.shape)
    return arrays[0].derive(shape, origin, dtype="bool", int_range=None, random=False, one_hot=False, categories=None)


def reshape(array: Array, new: Any, origin: cst.CSTNode) -> Any:
    target = shape_arg(new)
    if target is None or target.dims is None:
        return UNKNOWN
    dims = list(target.dims)
    if dims.count(-1) > 1 or any(is_known(d) and d < -1 for d in dims):
        return UNKNOWN
    if -1 in dims:
        dims[dims.index(-1)] = _infer_missing(array.shape, dims)
    if _sizes_differ(array.shape, dims):
        return UNKNOWN  # NumPy raises "cannot reshape array of size ..."
    return array.derive(Shape(tuple(dims)), origin)


def _sizes_differ(old: Shape, new: Sequence[Dim]) -> bool:
    """Provably different element counts: the same named sizes on both sides
    (e.g. the sample count), and other known products."""
    if old.dims is None or any(d is UNKNOWN for d in (*old.dims, *new)):
        return False

    def factors(dims: Sequence[Dim]):
        named = sorted((repr(d) for d in dims if not is_known(d)))
        return math.prod(d for d in dims if is_known(d)), named  # type: ignore[misc]

    (old_known, old_named), (new_known, new_named) = factors(old.dims), factors(new)
    return old_named == new_named and old_known != new_known


def _infer_missing(old: Shape, new: Sequence[Dim]) -> Dim:
    """The -1 of a reshape; also keeps a symbolic sample axis: (n, 10) -> (-1, 10, 1) is (n, 10, 1)."""
    rest = [d for d in new if d != -1]
    size = old.size()
    if is_known(size) and all(is_known(d) for d in rest):
        known = math.prod(rest)  # type: ignore[arg-type]
        return size // known if known and size % known == 0 else UNKNOWN
    if new[0] == -1 and old.dims and all(is_known(d) for d in rest):
        tail = Shape(old.dims[1:]).size()
        if is_known(tail) and tail == math.prod(rest):  # type: ignore[arg-type]
            return old.dims[0]
    return UNKNOWN


def expand_dims(array: Array, axis: Any, origin: cst.CSTNode) -> Any:
    if array.shape.dims is None:
        return UNKNOWN
    axes = axis if isinstance(axis, tuple) else (axis,)
    dims = list(array.shape.dims)
    rank = len(dims) + len(axes)
    if not all(is_known(a) for a in axes):
        return UNKNOWN
    found = [normalize_axis(a, rank) for a in axes]  # type: ignore[arg-type]
    if None in found or len(set(found)) != len(found):
        return UNKNOWN
    positions = sorted(found)  # type: ignore[type-var]
    for pos in positions:
        dims.insert(pos, 1)  # type: ignore[arg-type]
    return array.derive(Shape(tuple(dims)), origin)


def squeeze(array: Array, axis: Any, origin: cst.CSTNode) -> Any:
    dims = array.shape.dims
    if dims is None:
        return UNKNOWN
    if axis is None:
        if not all(is_known(d) for d in dims):
            return UNKNOWN
        return array.derive(Shape(tuple(d for d in dims if d != 1)), origin)
    axes = axis if isinstance(axis, tuple) else (axis,)
    if not all(is_known(a) for a in axes):
        return UNKNOWN
    drop = {normalize_axis(a, len(dims)) for a in axes}
    if None in drop:
        return UNKNOWN
    return array.derive(Shape(tuple(d for i, d in enumerate(dims) if i not in drop)), origin)


def transpose(array: Array, axes: Any, origin: cst.CSTNode) -> Any:
    dims = array.shape.dims
    if dims is None:
        return UNKNOWN
    if axes is None:
        return array.derive(Shape(tuple(reversed(dims))), origin)
    if isinstance(axes, (tuple, list)) and all(is_known(a) for a in axes) and sorted(axes) == list(range(len(dims))):
        return array.derive(Shape(tuple(dims[i] for i in axes)), origin)
    return UNKNOWN


def join_arrays(values: Sequence[Any], axis: Any, origin: cst.CSTNode, new_axis: bool) -> Any:
    """``np.stack`` (new_axis) and ``np.concatenate``."""
    if not values or not all(isinstance(v, (Array, Tensor)) for v in values) or not is_known(axis):
        return UNKNOWN
    shapes = [v.shape for v in values]
    if any(s.dims is None for s in shapes) or len({s.rank for s in shapes}) != 1:
        return UNKNOWN
    rank = shapes[0].rank + (1 if new_axis else 0)  # type: ignore[operator]
    pos = normalize_axis(axis, rank)
    if pos is None:
        return UNKNOWN
    dims: List[Dim] = []
    for column in zip(*(s.dims for s in shapes)):  # type: ignore[misc]
        dims.append(column[0] if all(dims_equal(c, column[0]) for c in column) else UNKNOWN)
    if new_axis:
        dims.insert(pos, len(values))
    else:
        total: Dim = 0
        for s in shapes:
            total = dim_arith("+", total, s[pos])
        dims[pos] = total
    first = values[0]
    dtype = first.dtype if all(v.dtype == first.dtype for v in values) else None
    if isinstance(first, Tensor):
        return UNKNOWN
    return first.derive(Shape(tuple(dims)), origin, dtype=dtype)


def stack(values: Sequence[Any], axis: Any, origin: Optional[cst.CSTNode]) -> Any:
    return join_arrays(values, axis, origin, new_axis=True)  # type: ignore[arg-type]


def hstack(values: Sequence[Any], origin: cst.CSTNode) -> Any:
    ranks = {v.shape.rank for v in values if isinstance(v, Array)}
    return join_arrays(values, 0 if ranks == {1} else 1, origin, new_axis=False)


def vstack(values: Sequence[Any], origin: cst.CSTNode) -> Any:
    values = [v.derive(Shape((1,) + v.shape.dims), origin) if isinstance(v, Array) and v.shape.rank == 1 else v for v in values]
    return join_arrays(values, 0, origin, new_axis=False)


def column_stack(values: Sequence[Any], origin: cst.CSTNode) -> Any:
    """``np.column_stack``: 1D arrays become columns, then join on axis 1."""
    values = [v.derive(Shape(v.shape.dims + (1,)), origin) if isinstance(v, Array) and v.shape.rank == 1 else v for v in values]
    return join_arrays(values, 1, origin, new_axis=False)


def dstack(values: Sequence[Any], origin: cst.CSTNode) -> Any:
    """``np.dstack``: (n,) becomes (1, n, 1), (m, n) becomes (m, n, 1); join on axis 2."""

    def at_least_3d(v: Any) -> Any:
        if not isinstance(v, Array) or v.shape.dims is None:
            return v
        dims = v.shape.dims
        lifted = {0: (1, 1, 1), 1: (1,) + dims + (1,), 2: dims + (1,)}.get(len(dims), dims)
        return v.derive(Shape(lifted), origin)

    return join_arrays([at_least_3d(v) for v in values], 2, origin, new_axis=False)


def tile(array: Array, reps: Any, origin: cst.CSTNode) -> Any:
    """``np.tile(A, reps)``: the shorter of shape and reps is padded with 1s in front."""
    reps = reps if isinstance(reps, (tuple, list)) else (reps,)
    if array.shape.dims is None or not reps or not all(is_known(r) and r >= 0 for r in reps):
        return UNKNOWN
    dims = array.shape.dims
    rank = max(len(dims), len(reps))
    dims = (1,) * (rank - len(dims)) + dims
    reps = (1,) * (rank - len(reps)) + tuple(reps)
    return array.derive(Shape(tuple(dim_arith("*", d, r) for d, r in zip(dims, reps))), origin)


def repeat(array: Array, repeats: Any, axis: Any, origin: cst.CSTNode) -> Any:
    """``np.repeat(a, k, axis)``; without an axis the array is flattened first."""
    if array.shape.dims is None or not is_known(repeats) or repeats < 0:
        return UNKNOWN
    if axis is None:
        return array.derive(Shape((dim_arith("*", array.shape.size(), repeats),)), origin)
    pos = normalize_axis(axis, len(array.shape.dims)) if is_known(axis) else None
    if pos is None:
        return UNKNOWN
    return array.derive(array.shape.with_dim(pos, dim_arith("*", array.shape[pos], repeats)), origin)


def argmax(array: Array, axis: Any, origin: cst.CSTNode) -> Any:
    """``np.argmax(a, axis)`` (and argmin): integer ids, the axis removed; no axis is a scalar."""
    if array.shape.dims is None or not is_known(axis):
        return UNKNOWN
    pos = normalize_axis(axis, len(array.shape.dims))
    if pos is None:
        return UNKNOWN
    bound = array.shape[pos]
    int_range = (0, bound - 1) if is_known(bound) and bound > 0 else None
    dims = array.shape.dims[:pos] + array.shape.dims[pos + 1:]
    return array.derive(Shape(dims), origin, dtype="int64", int_range=int_range, int_bound=True, random=False, one_hot=False, categories=None, ids=None)


# -- indexing ----------------------------------------------------------------


def subscript(array: Array, index: Any, origin: cst.CSTNode) -> Any:
    """``X[...]`` with integers, slices, ``None`` and ``...``, or with one
    integer or boolean array among slices (``X[idx]``, ``X[mask]``, ``X[:, [1, 2]]``)."""
    dims = array.shape.dims
    if dims is None:
        return UNKNOWN
    items = list(index) if isinstance(index, tuple) else [index]
    if any(_index_array(item) is not None or isinstance(item, (list, Array)) for item in items):
        return _advanced_subscript(array, items, origin)
    if items.count(ELLIPSIS) > 1:
        return UNKNOWN
    consumed = sum(1 for i in items if i is not None and i != ELLIPSIS)
    if consumed > len(dims):
        return UNKNOWN
    if ELLIPSIS in items:
        at = items.index(ELLIPSIS)
        items[at:at + 1] = [SliceValue(None, None, None)] * (len(dims) - consumed)
    out: List[Dim] = []
    axis = 0
    for item in items:
        if item is None:
            out.append(1)
            continue
        if isinstance(item, SliceValue):
            out.append(slice_length(dims[axis], item, origin))
        elif not is_known(item) and not isinstance(item, Sym):
            return UNKNOWN
        axis += 1
    out.extend(dims[axis:])
    return array.derive(Shape(tuple(out)), origin)


def _index_array(item: Any) -> Optional[Array]:
    """An index that is an integer or boolean array (a NumPy array or a list of them)."""
    if isinstance(item, list):
        item = literal_array(item, None) if item else UNKNOWN
    if isinstance(item, Array) and item.kind in ("numpy", "list") and not item.ragged and item.shape.dims is not None:
        if item.dtype == "bool" or is_int(item.dtype):
            return item
    return None


def _advanced_subscript(array: Array, items: List[Any], origin: cst.CSTNode) -> Any:
    """NumPy's advanced indexing with a single index array among full slices and
    ``...``: an integer array puts its own shape in place of the axis it indexes;
    a boolean mask replaces the axes it covers by one axis of unknown length
    (how many are True). Anything else (several arrays, scalars beside an
    array, partial slices) is unknown."""
    dims = array.shape.dims
    assert dims is not None
    full = SliceValue(None, None, None)
    arrays_at = [i for i, item in enumerate(items) if item != ELLIPSIS and item != full]
    if len(arrays_at) != 1 or items.count(ELLIPSIS) > 1:
        return UNKNOWN
    at = arrays_at[0]
    index = _index_array(items[at])
    if index is None:
        return UNKNOWN
    covered = index.shape.rank if index.dtype == "bool" else 1
    if covered == 0 or len(items) - (1 if ELLIPSIS in items else 0) - 1 + covered > len(dims):
        return UNKNOWN  # a 0-d index array, or more indices than axes (IndexError)
    if ELLIPSIS in items and items.index(ELLIPSIS) < at:
        at = len(dims) - (len(items) - at - 1) - covered  # counted from the end
    if index.dtype == "bool":
        mask = index.shape.dims
        if any(dims_equal(m, d) is not True for m, d in zip(mask, dims[at:at + covered])):  # type: ignore[arg-type]
            return UNKNOWN  # a mask of another length raises IndexError
        picked: Tuple[Dim, ...] = (UNKNOWN,)
    else:
        picked = index.shape.dims  # type: ignore[assignment]
    out = dims[:at] + picked + dims[at + covered:]
    return array.derive(Shape(out), origin)


def row_of(iterable: Any) -> Any:
    """What ``for row in X`` binds: one row of a NumPy array, or one item of a
    list a loop filled."""
    repeated = repeated_in(iterable)
    if repeated is not None:
        return repeated.item
    if isinstance(iterable, Array) and iterable.kind == "numpy" and iterable.shape.rank:
        return iterable.derive(Shape(iterable.shape.dims[1:]), iterable.origin)  # type: ignore[index]
    return UNKNOWN


def _window(length: Dim, start: Sym, stop: Sym, origin: Optional[cst.CSTNode]) -> Dim:
    """``seq[i:i + n]`` and ``seq[i - n:i]`` have length n (the windowing idiom;
    in range by construction), unless the loop's range proves that some
    windows run past the data (see :func:`_uneven`)."""
    ahead, behind = stop.key, start.key
    if isinstance(ahead, tuple) and len(ahead) == 3 and ahead[0] == "+" and ahead[1] == start.key and is_known(ahead[2]):
        return _uneven(length, start, ahead[2], True, origin) or ahead[2]
    if isinstance(behind, tuple) and len(behind) == 3 and behind[0] == "-" and behind[1] == stop.key and is_known(behind[2]):
        return _uneven(length, stop, behind[2], False, origin) or behind[2]
    return UNKNOWN


def _uneven(length: Dim, index: Sym, size: int, ahead: bool, origin: Optional[cst.CSTNode]) -> Optional[Dim]:
    """The windows' length when they surely differ between iterations of
    ``for i in range(start, stop)`` over an axis of ``length``, the stop
    given relative to it (``range(len(s))``, ``range(len(s) - 1)``):

    * ``seq[i:i + size]``: the last window, at ``i = stop - 1``, holds
      ``min(size, length - stop + 1)`` values: short when ``stop > length - size + 1``;
    * ``seq[i - size:i]``: a window at ``i < size`` is empty (its start is
      negative), one at ``i > length`` short.

    A known length is sliced as NumPy slices; an unknown one is taken to be
    longer than the window and the loop's offsets (as elsewhere).
    """
    bounds = index_bounds(index)
    if bounds is None or size < 1 or not is_known(bounds.start) or bounds.start < 0:
        return None
    first = bounds.start
    past = dim_difference(bounds.stop, length)  # stop - length
    if past is None:
        return None
    if is_known(length):
        stop = length + past  # type: ignore[operator]
        if stop - first < 2:
            return None
        edge = 2 * size + 2  # lengths differ only near the ends
        indices = set(range(first, min(stop, first + edge))) | set(range(max(first, stop - edge), stop))
        values = range(length)  # type: ignore[arg-type]
        short = len({len(values[i:i + size] if ahead else values[i - size:i]) for i in indices}) > 1
    elif ahead:
        short = size >= 2 and past >= 2 - size
    else:
        short = first < size or past >= 2
    return uneven_dim(UnevenWindows(index, size, ahead, length, origin)) if short else None


def forget_uneven(value: Any) -> Any:
    """An array whose windows may not differ after all: their length unknown."""
    if not isinstance(value, Array) or value.shape.dims is None or all(uneven_windows(d) is None for d in value.shape.dims):
        return value
    dims = tuple(UNKNOWN if uneven_windows(d) is not None else d for d in value.shape.dims)
    return value.derive(Shape(dims), value.origin)


def slice_length(length: Dim, item: SliceValue, origin: Optional[cst.CSTNode] = None) -> Dim:
    start, stop, step = item.start, item.stop, item.step
    if start is None and stop is None and step is None:
        return length
    if step is None and isinstance(start, Sym) and isinstance(stop, Sym):
        return _window(length, start, stop, origin)
    bounds = [v for v in (start, stop, step) if v is not None]
    if not all(is_known(v) for v in bounds):
        return UNKNOWN
    if step is not None and step != 1:
        return len(range(length)[slice(start, stop, step)]) if is_known(length) and step != 0 else UNKNOWN
    if is_known(length):
        return len(range(length)[slice(start, stop)])
    if isinstance(length, Sym) and not is_variable(length):
        return _symbolic_slice(length, start, stop)
    return UNKNOWN  # e.g. X[:8] of unknown n is min(8, n)


def _symbolic_slice(length: Sym, start: Any, stop: Any) -> Dim:
    """``s[k:]`` and ``s[:-k]`` of data of n rows have n - k (data is taken to be
    longer than k); ``s[:k]`` is min(k, n), unknown."""
    if stop is None and start is not None and start >= 0:
        return dim_arith("-", length, start)
    if start is None and stop is not None and stop < 0:
        return dim_arith("+", length, stop)
    return UNKNOWN


def elementwise(array: Array, origin: cst.CSTNode, to_float: bool, keeps_ints: bool = False) -> Array:
    """``np.sin(X)`` and kin: same shape; transcendental functions give floats.
    Integer values stay what they were only under rounding (``keeps_ints``):
    ``clip``, ``square``, ``negative`` and ``abs`` change them."""
    dtype = array.dtype if not to_float or is_float(array.dtype) else "float64"
    if keeps_ints and not to_float:
        return array.derive(array.shape, origin, dtype=dtype, int_range=array.int_range, int_bound=array.int_bound)
    return array.derive(array.shape, origin, dtype=dtype, int_range=None, ids=None)


def reduce(array: Array, axis: Any, keepdims: Any, origin: cst.CSTNode) -> Any:
    """``X.mean(axis=1)``, ``np.sum(X, axis=0, keepdims=True)``; no axis gives a scalar."""
    dims = array.shape.dims
    if dims is None or not isinstance(keepdims, bool) or axis is UNKNOWN:
        return UNKNOWN
    if axis is None:
        return UNKNOWN if not keepdims else array.derive(Shape((1,) * len(dims)), origin)
    axes = axis if isinstance(axis, tuple) else (axis,)
    if not all(is_known(a) for a in axes):
        return UNKNOWN
    picked = {normalize_axis(a, len(dims)) for a in axes}
    if None in picked:
        return UNKNOWN
    out = [1 if i in picked else d for i, d in enumerate(dims)] if keepdims else [d for i, d in enumerate(dims) if i not in picked]
    return array.derive(Shape(tuple(out)), origin, int_range=None, ids=None)
