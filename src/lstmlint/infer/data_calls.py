"""The data-making calls of NumPy, TensorFlow and keras.utils, as a table.

Keys are canonical names (see :mod:`.names`); each handler turns evaluated
arguments into an :class:`Array` or ``UNKNOWN``.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, Optional

from . import arrays
from .arrays import dtype_name, literal_array, shape_arg
from .callargs import CallArgs
from .images import PIL_IMAGE, pil_array
from .facts import RaggedArray
from .shapes import UNKNOWN, UNKNOWN_SHAPE, Shape, Sym, dims_equal, is_known, uneven_windows
from .values import Array, Instance, Tensor, length_of, repeated_in

Handler = Callable[[CallArgs], Any]


def _choice(a: CallArgs) -> Any:
    """``np.random.choice(["a", "b"], size=n)`` or ``choice(k, size=n)``: random draws."""
    population = a.get(0, "a")
    size = a.get(1, "size", None)
    if size is None:
        return UNKNOWN
    if is_known(population):
        return _make(size, "int64", a, int_range=(0, population - 1))
    values = literal_array(population, a.node) if isinstance(population, (list, tuple)) else UNKNOWN
    if not isinstance(values, Array) or values.shape.rank != 1:
        return UNKNOWN
    drawn = _make(size, values.dtype, a, int_range=values.int_range)
    if isinstance(drawn, Array):
        drawn.random = True
        if all(isinstance(v, (int, float, str, bool)) for v in population):
            drawn.categories = len(set(population))
    return drawn


def _generator(a: CallArgs) -> Any:
    """``np.random.default_rng(seed)``: its methods make data like ``np.random``'s."""
    return Instance("numpy.random.Generator")


def _make(shape_value: Any, dtype: Optional[str], a: CallArgs, kind: str = "numpy", int_range=None) -> Any:
    shape = shape_arg(shape_value)
    if shape is None:
        return UNKNOWN
    return Array(shape, dtype, a.node, int_range=int_range, kind=kind, random=int_range is not None)


def _dtype(a: CallArgs, index: Optional[int], default: Optional[str]) -> Optional[str]:
    value = a.get(index, "dtype", None)
    return default if value is None else dtype_name(value)


def _varargs_shape(a: CallArgs) -> Any:
    if a.has_star:
        return UNKNOWN
    return tuple(a.positional)


def _sized(size_index: int, dtype: str) -> Handler:
    """normal/uniform(loc, scale, size): a scalar when size is absent."""

    def handler(a: CallArgs) -> Any:
        size = a.get(size_index, "size", None)
        return UNKNOWN if size is None else _make(size, dtype, a)

    return handler


def _randint(a: CallArgs) -> Any:
    low, high = a.get(0, "low"), a.get(1, "high", None)
    if high is None:
        low, high = 0, low
    size = a.get(2, "size", None)
    bounds = (low, high - 1) if is_known(low) and is_known(high) else None
    return UNKNOWN if size is None else _make(size, _dtype(a, 3, "int64"), a, int_range=bounds)


def _filled(dtype_index: int, default: str) -> Handler:
    def handler(a: CallArgs) -> Any:
        return _make(a.get(0, "shape"), _dtype(a, dtype_index, default), a)

    return handler


def _full(a: CallArgs) -> Any:
    fill = a.get(1, "fill_value")
    default = "float64" if isinstance(fill, float) else "int64" if isinstance(fill, int) else None
    return _make(a.get(0, "shape"), _dtype(a, 2, default), a)


def _like(a: CallArgs) -> Any:
    source = a.get(0, "a")
    if not isinstance(source, Array):
        return UNKNOWN
    dtype = _dtype(a, 1, source.dtype) if a.get(1, "dtype", None) is not None else source.dtype
    return source.derive(source.shape, a.node, dtype=dtype, int_range=None)


def _arange(a: CallArgs) -> Any:
    bounds = list(a.positional[:3])
    if a.has_star or not bounds or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bounds):
        return UNKNOWN
    start, stop, step = ([0] + bounds if len(bounds) == 1 else bounds) + [1] * (3 - max(len(bounds), 2))
    if step == 0:
        return UNKNOWN
    length = max(math.ceil((stop - start) / step), 0)
    dtype = "int64" if all(is_known(v) for v in bounds) else "float64"
    return _make((length,), _dtype(a, None, dtype), a)


def _tf_range(a: CallArgs) -> Any:
    values = _arange(a)
    if not isinstance(values, Array):
        return UNKNOWN
    return values.derive(values.shape, a.node, kind="tensor", dtype={"int64": "int32", "float64": "float32"}.get(values.dtype or "", values.dtype))


def _linspace(a: CallArgs) -> Any:
    return _make((a.get(2, "num", 50),), _dtype(a, None, "float64"), a)


def _eye(a: CallArgs) -> Any:
    """``np.eye(n, m, k)``: an (n, m) float matrix; with k == 0 and n == m its rows are one-hot."""
    n = a.get(0, "N")
    m = a.get(1, "M", None)
    return _identity_matrix(n, n if m is None else m, a.get(2, "k", 0) == 0, _dtype(a, 3, "float64"), a)


def _identity(a: CallArgs) -> Any:
    n = a.get(0, "n")
    return _identity_matrix(n, n, True, _dtype(a, 1, "float64"), a)


def _identity_matrix(n: Any, m: Any, diagonal: bool, dtype: Optional[str], a: CallArgs) -> Any:
    if not all(is_known(d) or isinstance(d, Sym) for d in (n, m)):
        return UNKNOWN
    one_hot = diagonal and is_known(m) and m >= 2 and dims_equal(n, m) is True
    return Array(Shape((n, m)), dtype, a.node, one_hot=one_hot)


def _np_array(a: CallArgs) -> Any:
    value = a.get(0, "object")
    dtype = a.get(1, "dtype", None)
    if isinstance(value, Instance) and value.type_name == PIL_IMAGE:
        value = pil_array(value, a.node)
    result = literal_array(value, a.node) if not isinstance(value, Array) else value.derive(value.shape, a.node)
    if isinstance(value, Tensor):
        return UNKNOWN
    if isinstance(result, Array) and dtype is not None:
        wanted = dtype_name(dtype)
        if result.ragged and wanted != "object":
            return _refused(a, value, wanted) if wanted is not None else UNKNOWN
        result.dtype = wanted
    elif isinstance(result, Array) and result.ragged:
        return _refused(a, value, None)  # NumPy itself refuses ragged lists without dtype=object
    if result is UNKNOWN and dtype is not None and dtype_name(dtype) == "object":
        return Array(UNKNOWN_SHAPE, "object", a.node)  # whatever its shape, Keras cannot convert it
    return result


def _refused(a: CallArgs, value: Any, dtype: Optional[str]) -> RaggedArray:
    """``np.array`` of ragged rows: a fact for the rules (the interpreter reports it, the value is unknown)."""
    repeated = repeated_in(value)
    dims = repeated.item.shape.dims if repeated is not None and isinstance(repeated.item, Array) else None
    windows = next((w for w in map(uneven_windows, dims or ()) if w is not None), None)
    return RaggedArray(a.node, a.node_of(0, "object"), dtype, windows)


def _tf_constant(a: CallArgs) -> Any:
    value = a.get(0, "value")
    result = literal_array(value, a.node)
    if not isinstance(result, Array) or result.ragged:
        return UNKNOWN
    tf_default = {"float64": "float32", "int64": "int32"}.get(result.dtype or "", result.dtype)
    dtype = a.get(1, "dtype", None)
    if isinstance(value, Array):
        tf_default = value.dtype
    return result.derive(result.shape, a.node, dtype=dtype_name(dtype) if dtype is not None else tf_default, kind="tensor")


def _tf_random(a: CallArgs) -> Any:
    return _make(a.get(0, "shape"), _dtype(a, None, "float32"), a, kind="tensor")


def _tf_filled(a: CallArgs) -> Any:
    return _make(a.get(0, "shape"), _dtype(a, 1, "float32"), a, kind="tensor")


def _array_op(fn: Callable[..., Any], name: str, index: int = 1) -> Handler:
    def handler(a: CallArgs) -> Any:
        source = a.get(0, None)
        if not isinstance(source, Array):
            return UNKNOWN
        return fn(source, a.get(index, name, None), a.node)

    return handler


def _array_call(fn: Callable[..., Any], *params: tuple) -> Handler:
    """A NumPy function of one array and further arguments, each (position, keyword, default)."""

    def handler(a: CallArgs) -> Any:
        source = a.get(0, None)
        if not isinstance(source, Array):
            return UNKNOWN
        return fn(source, *(a.get(*param) for param in params), a.node)

    return handler


def _sequence_op(fn: Callable[..., Any], axis_default: Optional[int]) -> Handler:
    def handler(a: CallArgs) -> Any:
        values = a.get(0, None)
        if not isinstance(values, (list, tuple)):
            return UNKNOWN
        if axis_default is None:
            return fn(values, a.node)
        return fn(values, a.get(1, "axis", axis_default), a.node)

    return handler


def _to_categorical(a: CallArgs) -> Any:
    labels = a.get(0, "y")
    if isinstance(labels, (list, tuple)):
        labels = literal_array(labels, a.node)
    if not isinstance(labels, Array) or labels.shape.dims is None:
        return UNKNOWN
    dims = labels.shape.dims
    if len(dims) > 1 and dims[-1] == 1:
        dims = dims[:-1]
    elif len(dims) > 1 and not is_known(dims[-1]):
        return UNKNOWN  # Keras drops a last axis of 1 (e.g. a CSV's one label column): the rank is not known
    classes = a.get(1, "num_classes", None)
    if classes is None:
        exact = labels.int_range if labels.int_range and not labels.random and not labels.int_bound else None
        classes = exact[1] + 1 if exact and is_known(exact[1]) else UNKNOWN
    return Array(Shape(dims + (classes if is_known(classes) else UNKNOWN,)), "float64", a.node, one_hot=_several_classes(labels, classes))


def _several_classes(labels: Array, classes: Any) -> bool:
    """Whether one-hot targets surely have 2+ columns: known, or random labels
    whose largest value is almost surely above 0."""
    if is_known(classes):
        return classes >= 2
    if not labels.random or labels.int_range is None:
        return False
    low, high = labels.int_range
    count = labels.shape.size()
    if not is_known(low) or not is_known(high) or high < 1:
        return False
    return low >= 1 or (is_known(count) and (1 / (high - low + 1)) ** count < 1e-6)


def _pad_sequences(a: CallArgs) -> Any:
    """(count, maxlen) + the shape of one step: 2D for lists of ids, 3D for
    sequences of feature vectors. Unknown when the steps' shape is.

    Literal lists of ids are padded as Keras pads them (their values known);
    the ids a tokenizer gave keep their bound, which ``maxlen`` may cut off."""
    seqs = a.get(0, "sequences")
    literal = _pad_literal(seqs, a)
    if literal is not None:
        return literal
    step = _step_shape(seqs)
    if step is None:
        return UNKNOWN
    maxlen = a.get(1, "maxlen", None)
    shape = Shape((length_of(seqs), maxlen if is_known(maxlen) else UNKNOWN) + step.dims)
    padded = Array(shape, _dtype(a, 2, "int32"), a.node)
    repeated = repeated_in(seqs)
    if repeated is not None and repeated.int_range is not None and a.get(5, "value", 0) == 0:
        padded.int_range, padded.ids = repeated.int_range, repeated.ids
        padded.int_bound = repeated.int_bound or maxlen is not None  # truncated to maxlen: the largest id may be cut
    return padded


_PADDING = ("pre", "post")


def _pad_literal(seqs: Any, a: CallArgs) -> Optional[Array]:
    """``pad_sequences`` of literal lists of ints, computed (its values known)."""
    if not isinstance(seqs, (list, tuple)) or not seqs or a.has_star:
        return None
    rows = []
    for seq in seqs:
        if not isinstance(seq, (list, tuple)) or not all(is_known(i) for i in seq):
            return None
        rows.append(list(seq))
    maxlen, dtype = a.get(1, "maxlen", None), _dtype(a, 2, "int32")
    padding, truncating, value = a.get(3, "padding", "pre"), a.get(4, "truncating", "pre"), a.get(5, "value", 0)
    if padding not in _PADDING or truncating not in _PADDING or not arrays.is_int(dtype):
        return None
    if not (maxlen is None or (is_known(maxlen) and maxlen > 0)) or not isinstance(value, (int, float)) or value != int(value):
        return None
    length = maxlen if maxlen is not None else max(len(row) for row in rows)
    padded = []
    for row in rows:
        kept = row[-length:] if truncating == "pre" else row[:length]
        fill = [int(value)] * (length - len(kept))
        padded.append(fill + kept if padding == "pre" else kept + fill)
    values = [v for row in padded for v in row]
    if not values:
        return None
    ids = getattr(seqs, "ids", None)
    return Array(Shape((len(padded), length)), dtype, a.node, int_range=(min(values), max(values)), ids=ids)


def _step_shape(seqs: Any) -> Optional[Shape]:
    """What one element of one sequence is: ``pad_sequences`` keeps it as the trailing axes."""
    repeated = repeated_in(seqs)
    if repeated is not None:
        item = repeated.item
        sequence = item if isinstance(item, Array) else literal_array(item, None) if isinstance(item, (list, tuple)) else UNKNOWN
        if isinstance(sequence, Array) and not sequence.ragged and sequence.shape.rank:
            return Shape(sequence.shape.dims[1:])
        return None
    if isinstance(seqs, (list, tuple)):
        seqs = literal_array(seqs, None)
    if not isinstance(seqs, Array) or seqs.shape.dims is None:
        return None
    if seqs.items is not None:
        return Shape(seqs.items.dims[1:]) if seqs.items.rank else None
    if seqs.ragged or seqs.dtype == "object":
        return None
    return Shape(seqs.shape.dims[2:]) if seqs.shape.rank >= 2 else None


def _cast(a: CallArgs) -> Any:
    source = a.get(0, "x")
    if not isinstance(source, Array):
        return UNKNOWN
    return source.derive(source.shape, a.node, dtype=dtype_name(a.get(1, "dtype")), kind="tensor")


def _one_hot(a: CallArgs) -> Any:
    source, depth = a.get(0, "indices"), a.get(1, "depth")
    if not isinstance(source, Array) or source.shape.dims is None:
        return UNKNOWN
    return Array(Shape(source.shape.dims + (depth if is_known(depth) else UNKNOWN,)), "float32", a.node, kind="tensor")


def _tf_reshape(a: CallArgs) -> Any:
    source = a.get(0, "tensor")
    return arrays.reshape(source, a.get(1, "shape"), a.node) if isinstance(source, Array) else UNKNOWN


def _ufunc(to_float: bool, keeps_ints: bool = False) -> Handler:
    def handler(a: CallArgs) -> Any:
        source = a.get(0, "x")
        return arrays.elementwise(source, a.node, to_float, keeps_ints) if isinstance(source, Array) else UNKNOWN

    return handler


def _reduction(a: CallArgs) -> Any:
    source = a.get(0, "a")
    if not isinstance(source, Array):
        return UNKNOWN
    return arrays.reduce(source, a.get(1, "axis", None), a.get(None, "keepdims", False), a.node)


_FLOAT_UFUNCS = ("sin", "cos", "tan", "exp", "log", "log1p", "log2", "log10", "sqrt", "tanh", "sinh", "cosh", "arcsin", "arccos", "arctan", "expm1")
_KEEP_UFUNCS = ("abs", "absolute", "square", "floor", "ceil", "round", "rint", "negative", "clip", "nan_to_num")
_ROUNDING = ("floor", "ceil", "round", "rint", "nan_to_num")  # integers stay as they are
_REDUCTIONS = ("mean", "sum", "max", "min", "std", "var", "median", "prod", "amax", "amin")

DATA_CALLS: Dict[str, Handler] = {
    "numpy.random.rand": lambda a: _make(_varargs_shape(a), "float64", a),
    "numpy.random.randn": lambda a: _make(_varargs_shape(a), "float64", a),
    "numpy.random.random": lambda a: _make(a.get(0, "size"), "float64", a),
    "numpy.random.normal": _sized(2, "float64"),
    "numpy.random.uniform": _sized(2, "float64"),
    "numpy.random.randint": _randint,
    "numpy.random.choice": _choice,
    "numpy.random.default_rng": _generator,
    "numpy.random.Generator.choice": _choice,
    "numpy.random.Generator.random": lambda a: _make(a.get(0, "size"), "float64", a),
    "numpy.random.Generator.standard_normal": lambda a: _make(a.get(0, "size"), "float64", a),
    "numpy.random.Generator.normal": _sized(2, "float64"),
    "numpy.random.Generator.uniform": _sized(2, "float64"),
    "numpy.random.Generator.integers": _randint,
    "numpy.zeros": _filled(1, "float64"),
    "numpy.ones": _filled(1, "float64"),
    "numpy.empty": _filled(1, "float64"),
    "numpy.full": _full,
    "numpy.zeros_like": _like,
    "numpy.ones_like": _like,
    "numpy.empty_like": _like,
    "numpy.full_like": _like,
    "numpy.arange": _arange,
    "numpy.linspace": _linspace,
    "numpy.array": _np_array,
    "numpy.reshape": _array_op(arrays.reshape, "newshape"),
    "numpy.expand_dims": _array_op(arrays.expand_dims, "axis"),
    "numpy.squeeze": _array_op(arrays.squeeze, "axis"),
    "numpy.transpose": _array_op(arrays.transpose, "axes"),
    "numpy.eye": _eye,
    "numpy.identity": _identity,
    "numpy.tile": _array_call(arrays.tile, (1, "reps")),
    "numpy.repeat": _array_call(arrays.repeat, (1, "repeats"), (2, "axis", None)),
    "numpy.argmax": _array_call(arrays.argmax, (1, "axis", None)),
    "numpy.argmin": _array_call(arrays.argmax, (1, "axis", None)),
    "numpy.column_stack": _sequence_op(arrays.column_stack, None),
    "numpy.dstack": _sequence_op(arrays.dstack, None),
    "numpy.stack": _sequence_op(arrays.stack, 0),
    "numpy.concatenate": _sequence_op(lambda v, axis, node: arrays.join_arrays(v, axis, node, new_axis=False), 0),
    "numpy.vstack": _sequence_op(arrays.vstack, None),
    "numpy.hstack": _sequence_op(arrays.hstack, None),
    "tensorflow.constant": _tf_constant,
    "tensorflow.convert_to_tensor": _tf_constant,
    "tensorflow.zeros": _tf_filled,
    "tensorflow.ones": _tf_filled,
    "tensorflow.random.normal": _tf_random,
    "tensorflow.random.uniform": _tf_random,
    "tensorflow.reshape": _tf_reshape,
    "tensorflow.range": _tf_range,
    "tensorflow.expand_dims": _array_op(arrays.expand_dims, "axis"),
    "tensorflow.squeeze": _array_op(arrays.squeeze, "axis"),
    "tensorflow.transpose": _array_op(arrays.transpose, "perm"),
    "tensorflow.stack": _sequence_op(arrays.stack, 0),
    "tensorflow.concat": _sequence_op(lambda v, axis, node: arrays.join_arrays(v, axis, node, new_axis=False), 0),
    "tensorflow.cast": _cast,
    "tensorflow.one_hot": _one_hot,
    "keras.utils.to_categorical": _to_categorical,
    "keras.utils.pad_sequences": _pad_sequences,
}

DATA_CALLS.update({f"numpy.{name}": _ufunc(True) for name in _FLOAT_UFUNCS})
DATA_CALLS.update({f"numpy.{name}": _ufunc(False, keeps_ints=name in _ROUNDING) for name in _KEEP_UFUNCS})
DATA_CALLS.update({f"numpy.{name}": _reduction for name in _REDUCTIONS})
