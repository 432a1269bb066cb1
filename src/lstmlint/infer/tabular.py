"""pandas and scikit-learn, as far as shapes go.

A DataFrame is an :class:`Array` of kind ``"frame"`` (2D) and a Series one of
kind ``"series"`` (1D); ``.values``/``.to_numpy()`` turn them into NumPy data.
scikit-learn transformers are :class:`Instance` objects whose methods keep
the sample axis. Keras' text ``Tokenizer`` is in :mod:`.tokenizer`.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import arrays

from .arrays import SliceValue, dtype_name, literal_array
from .callargs import CallArgs
from .shapes import ANONYMOUS, UNKNOWN, Shape, Sym, dim_arith, fresh_sym, is_known
from .tokenizer import TOKENIZER, TOKENIZER_METHODS, tokenizer
from .values import Array, Instance, length_of

Handler = Callable[[CallArgs], Any]
MethodHandler = Callable[[Instance, CallArgs], Any]


# -- pandas -----------------------------------------------------------------


Columns = Tuple[Tuple[Any, Optional[str]], ...]  # (name, dtype) of each column, in order

_NUMERIC = ("int64", "float64")


def _frame(rows: Any, cols: Any, dtype: Any, a: CallArgs, columns: Optional[Columns] = None) -> Array:
    return Array(Shape((rows, cols)), dtype, a.node, kind="frame", columns=columns)


def _read_table(a: CallArgs) -> Array:
    return _frame(fresh_sym("rows"), UNKNOWN, None, a)


def _column_dtype(values: Any) -> Optional[str]:
    """The dtype pandas gives a column made of ``values``: int64, float64, bool
    or str (a string column); None when not known (or holding missing values)."""
    if isinstance(values, Array):
        return values.dtype if values.dtype in (*_NUMERIC, "bool") and values.shape.rank == 1 else None
    if not isinstance(values, (list, tuple)) or not values or not all(isinstance(v, (bool, int, float, str)) for v in values):
        return None
    if all(isinstance(v, str) for v in values):
        return "str"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if any(isinstance(v, (bool, str)) for v in values):
        return None  # pandas keeps such a mix as objects
    return "float64" if any(isinstance(v, float) for v in values) else "int64"


def frame_dtype(columns: Optional[Columns]) -> Optional[str]:
    """What ``.values`` / ``.to_numpy()`` of these columns gives: one numeric
    dtype for numeric columns, but ``object`` for strings beside other
    columns, or bools beside numbers (pandas finds no common type)."""
    if not columns:
        return None
    dtypes = [dtype for _, dtype in columns]
    known = [d for d in dtypes if d is not None]
    if "str" in known and any(d != "str" for d in known):
        return "object"
    if None in dtypes:
        return None
    if all(d == "bool" for d in dtypes):
        return "bool"
    if "bool" in dtypes or "str" in dtypes:
        return "object" if "bool" in dtypes else None  # strings alone: a text column, left to the text rules
    return "float64" if "float64" in dtypes else "int64"


def _with_columns(frame: Array, columns: Optional[Columns], origin: Any, rows: Any = None) -> Array:
    shape = Shape((frame.shape[0] if rows is None else rows, len(columns) if columns is not None else UNKNOWN))
    return frame.derive(shape, origin, dtype=frame_dtype(columns), columns=columns)


def _data_frame(a: CallArgs) -> Any:
    data = a.get(0, "data", None)
    columns = a.get(None, "columns", None)
    width = len(columns) if isinstance(columns, (list, tuple)) else UNKNOWN
    if isinstance(data, dict):
        lengths = {length_of(v) for v in data.values()}
        rows = lengths.pop() if len(lengths) == 1 else UNKNOWN
        dtypes = {v.dtype if isinstance(v, Array) else None for v in data.values()}
        if columns is None and data:
            known: Columns = tuple((name, _column_dtype(values)) for name, values in data.items())
            return _frame(rows, len(data), frame_dtype(known) or (dtypes.pop() if len(dtypes) == 1 else None), a, known)
        return _frame(rows, len(data), dtypes.pop() if len(dtypes) == 1 else None, a)
    array = literal_array(data, a.node) if isinstance(data, (list, tuple)) else data
    if isinstance(array, Array) and array.shape.rank == 2:
        cols = array.shape[1] if width is UNKNOWN else width
        frame = array.derive(Shape((array.shape[0], cols)), a.node, kind="frame")
        known = _row_columns(data, columns)
        if known is not None:
            frame.columns, frame.dtype = known, frame_dtype(known)
        return frame
    return _frame(UNKNOWN, width, None, a)


def _row_columns(data: Any, names: Any) -> Optional[Columns]:
    """The columns of a literal list of rows, e.g. ``[[23, "a"], [35, "b"]]``."""
    if not isinstance(data, (list, tuple)) or not data or not all(isinstance(row, (list, tuple)) for row in data):
        return None
    width = len(data[0])
    if not width or any(len(row) != width for row in data):
        return None
    if names is None:
        names = list(range(width))
    if not isinstance(names, (list, tuple)) or len(names) != width:
        return None
    return tuple((name, _column_dtype([row[j] for row in data])) for j, name in enumerate(names))


def _select(columns: Columns, key: Any) -> Optional[Columns]:
    """The columns ``key`` names (a KeyError when one is missing: unknown)."""
    names = [name for name, _ in columns]
    keys = [key] if isinstance(key, str) else key
    if not isinstance(keys, list) or any(k not in names for k in keys):
        return None
    return tuple(columns[names.index(k)] for k in keys)


def frame_column(frame: Array, key: Any, origin: Any) -> Any:
    """``df["a"]`` is a Series; ``df[["a", "b"]]`` a two-column frame."""
    if frame.columns is not None:
        picked = _select(frame.columns, key)
        if picked is None:
            return UNKNOWN
        if isinstance(key, str):
            dtype = picked[0][1]
            return frame.derive(Shape((frame.shape[0],)), origin, kind="series", dtype=dtype if dtype != "str" else None, columns=None)
        return _with_columns(frame, picked, origin)
    if isinstance(key, str):
        return frame.derive(Shape((frame.shape[0],)), origin, kind="series", dtype=None)
    if isinstance(key, list) and all(isinstance(k, str) for k in key):
        return frame.derive(Shape((frame.shape[0], len(key))), origin, dtype=None if len(key) > 1 else _part_dtype(frame))
    return UNKNOWN


def _part_dtype(frame: Array) -> Optional[str]:
    """The dtype of some of a frame's columns, when its columns are not known:
    its own unless it is a mix (``object`` may hide numbers)."""
    return None if frame.dtype == "object" else frame.dtype


def frame_subscript(frame: Array, index: Any, origin: Any) -> Any:
    """``df[rows]``, ``df.iloc[rows, cols]`` and ``df.loc[rows, cols]``: rows as
    for arrays; columns by position (``iloc``) or by name (``loc``)."""
    if not (isinstance(index, tuple) and len(index) == 2):
        result = arrays.subscript(frame, index, origin)
        if isinstance(result, Array) and result.kind == "frame":
            result.columns = frame.columns
        return result
    rows, cols = index
    picked = arrays.subscript(frame, (rows, SliceValue(None, None, None)), origin)
    if not isinstance(picked, Array) or picked.shape.rank != 2:
        return UNKNOWN
    picked.columns = frame.columns
    if isinstance(cols, (str, list)) and (not isinstance(cols, list) or all(isinstance(c, str) for c in cols)):
        return frame_column(picked, cols, origin)
    if frame.columns is None:
        result = arrays.subscript(frame, index, origin)
        if isinstance(result, Array):
            result.dtype = _part_dtype(frame) if result.shape.rank == 2 else None
        return result
    positions = list(range(len(frame.columns)))
    if is_known(cols) and -len(positions) <= cols < len(positions):  # type: ignore[operator]
        dtype = frame.columns[cols][1]  # type: ignore[index]
        return picked.derive(Shape((picked.shape[0],)), origin, kind="series", dtype=dtype if dtype != "str" else None, columns=None)
    if isinstance(cols, SliceValue) and all(v is None or is_known(v) for v in (cols.start, cols.stop, cols.step)) and cols.step != 0:
        return _with_columns(picked, tuple(frame.columns[slice(cols.start, cols.stop, cols.step)]), origin)
    if isinstance(cols, list) and cols and all(is_known(c) and -len(positions) <= c < len(positions) for c in cols):
        return _with_columns(picked, tuple(frame.columns[c] for c in cols), origin)
    return UNKNOWN


def frame_method(frame: Array, name: str, a: CallArgs) -> Any:
    if name == "to_numpy":
        dtype = a.get(0, "dtype", None)
        if dtype is not None:
            return frame.derive(frame.shape, a.node, kind="numpy", dtype=dtype_name(dtype))
        return frame.derive(frame.shape, a.node, kind="numpy", columns=frame.columns)  # the columns: for messages
    if name == "drop":
        return _drop(frame, a)
    if name == "astype":
        dtype = dtype_name(a.get(0, "dtype"))
        columns = tuple((n, dtype) for n, _ in frame.columns) if frame.columns is not None and dtype in (*_NUMERIC, "bool") else None
        return frame.derive(frame.shape, a.node, dtype=dtype, columns=columns)
    if name in ("copy", "fillna", "ffill", "bfill"):
        return frame.derive(frame.shape, a.node, columns=frame.columns)
    if name in ("dropna", "sample", "head", "tail", "drop_duplicates"):
        return frame.derive(frame.shape.with_dim(0, UNKNOWN), a.node, columns=frame.columns)
    return UNKNOWN


def forget_columns(frame: Array, key: Any = None) -> None:
    """A frame changed in place (``df["c"] = ...``, ``df.pop("c")``, ``inplace=True``):
    its columns are no longer known; ``df[key] = ...`` of a column it has keeps the others."""
    if frame.kind != "frame":
        return
    names = [name for name, _ in frame.columns] if frame.columns is not None else []
    if isinstance(key, str) and key in names:
        frame.columns = tuple((name, None if name == key else dtype) for name, dtype in frame.columns)  # type: ignore[union-attr]
        frame.dtype = frame_dtype(frame.columns)
        return
    frame.columns, frame.dtype = None, None
    frame.shape = frame.shape.with_dim(1, UNKNOWN) if frame.shape.rank == 2 else frame.shape


_CHANGES_IN_PLACE = ("pop", "insert", "update", "__setitem__", "__delitem__")


def changes_frame(name: str, a: CallArgs) -> bool:
    return name in _CHANGES_IN_PLACE or a.get(None, "inplace", False) is not False


def _drop(frame: Array, a: CallArgs) -> Any:
    columns = a.get(None, "columns", None)
    if columns is None and a.get(1, "axis", 0) in (1, "columns"):
        columns = a.get(0, "labels", None)
    if columns is None:
        return frame.derive(frame.shape.with_dim(0, UNKNOWN), a.node, columns=frame.columns)
    if frame.columns is not None:
        dropped = _select(frame.columns, columns if isinstance(columns, str) else list(columns) if isinstance(columns, (list, tuple)) else None)
        if dropped is None:
            return UNKNOWN  # a KeyError, or labels not known
        return _with_columns(frame, tuple(c for c in frame.columns if c not in dropped), a.node)
    count = 1 if isinstance(columns, str) else len(columns) if isinstance(columns, (list, tuple)) else UNKNOWN
    return frame.derive(frame.shape.with_dim(1, dim_arith("-", frame.shape[1], count)), a.node, dtype=_part_dtype(frame))


def _get_dummies(a: CallArgs) -> Any:
    """``pd.get_dummies(df)``: the string columns (or ``columns=``) become one
    indicator column per value, of ``dtype`` (bool by default since pandas 2)."""
    frame = a.get(0, "data")
    if not isinstance(frame, Array) or frame.kind != "frame" or frame.columns is None or a.has_star:
        return UNKNOWN
    chosen = a.get(None, "columns", None)
    if chosen is None:
        encoded = tuple(c for c in frame.columns if c[1] == "str")
        if any(dtype is None for _, dtype in frame.columns):
            return UNKNOWN  # a column of unknown dtype may be encoded too
    else:
        encoded = _select(frame.columns, list(chosen) if isinstance(chosen, (list, tuple)) else None)  # type: ignore[assignment]
        if encoded is None:
            return UNKNOWN
    dtype = a.get(None, "dtype", None)
    dummy = "bool" if dtype is None else dtype_name(dtype)
    if dummy not in (*_NUMERIC, "bool", "float32", "int32", "uint8"):
        return UNKNOWN
    dummy = {"float32": "float64", "int32": "int64", "uint8": "int64"}.get(dummy, dummy)  # the same kind, for the common dtype
    kept = tuple(c for c in frame.columns if c not in encoded)
    dtype_of = frame_dtype(kept + (("<dummies>", dummy),)) if encoded else frame_dtype(kept)
    return frame.derive(Shape((frame.shape[0], UNKNOWN if encoded else frame.shape[1])), a.node, dtype=dtype_of, columns=None if encoded else kept)


# -- scikit-learn ---------------------------------------------------------------

_SCALERS = ("MinMaxScaler", "StandardScaler", "RobustScaler", "MaxAbsScaler", "Normalizer", "QuantileTransformer", "PowerTransformer")


def _split_sizes(n: Any, test_size: Any, train_size: Any) -> Tuple[Any, Any]:
    """sklearn's rule: n_test = ceil(test_size * n) (or the int given), n_train = n - n_test."""
    if test_size is None and train_size is None:
        test_size = 0.25
    if is_known(n) and test_size is not None and train_size is None:
        n_test = test_size if is_known(test_size) else math.ceil(test_size * n) if isinstance(test_size, float) else None
        if n_test is not None:
            return n - n_test, n_test
    return fresh_sym(), fresh_sym()


def _train_test_split(a: CallArgs) -> Any:
    if a.has_star or not a.positional:
        return UNKNOWN
    first = a.positional[0]
    n = first.shape[0] if isinstance(first, Array) else UNKNOWN
    n_train, n_test = _split_sizes(n, a.get(None, "test_size", None), a.get(None, "train_size", None))
    parts: List[Any] = []
    for value in a.positional:
        if not isinstance(value, Array) or value.shape.dims is None or not value.shape.dims:
            parts += [UNKNOWN, UNKNOWN]
            continue
        parts += [value.derive(value.shape.with_dim(0, size), a.node) for size in (n_train, n_test)]
    return parts


def _instance(type_name: str) -> Handler:
    def handler(a: CallArgs) -> Instance:
        return Instance(type_name, dict(a.keywords))

    return handler


def _scaler_transform(obj: Instance, a: CallArgs) -> Any:
    data = a.get(0, "X")
    if not isinstance(data, Array):
        return UNKNOWN
    return data.derive(data.shape, a.node, dtype="float64", kind="numpy", int_range=None)


def _label_encode(obj: Instance, a: CallArgs) -> Any:
    """Class ids 0..k-1; ``encoder.classes_`` holds the k classes."""
    data = a.get(0, "y")
    if not isinstance(data, Array) or data.shape.dims is None:
        return UNKNOWN
    classes = data.categories if data.categories is not None else obj.attrs.setdefault("n_classes", fresh_sym())
    obj.attrs["classes_"] = Array(Shape((classes,)), data.dtype, a.node)
    bounds = (0, classes - 1) if is_known(classes) else None
    return Array(Shape(data.shape.dims[:1]), "int64", a.node, int_range=bounds, random=data.random and bounds is not None)


def _one_hot_encode(obj: Instance, a: CallArgs) -> Any:
    data = a.get(0, "X")
    dense = obj.attrs.get("sparse_output", obj.attrs.get("sparse", True)) is False
    if not dense or not isinstance(data, Array) or data.shape.dims is None:
        return UNKNOWN  # a SciPy sparse matrix by default
    return Array(Shape((data.shape[0], Sym(ANONYMOUS, ("categories", id(obj))))), "float64", a.node)


TABULAR_CALLS: Dict[str, Handler] = {
    "pandas.read_csv": _read_table,
    "pandas.read_excel": _read_table,
    "pandas.read_parquet": _read_table,
    "pandas.read_json": _read_table,
    "pandas.DataFrame": _data_frame,
    "pandas.get_dummies": _get_dummies,
    "sklearn.model_selection.train_test_split": _train_test_split,
    TOKENIZER: tokenizer,
    "sklearn.preprocessing.LabelEncoder": _instance("sklearn.preprocessing.LabelEncoder"),
    "sklearn.preprocessing.OneHotEncoder": _instance("sklearn.preprocessing.OneHotEncoder"),
    **{f"sklearn.preprocessing.{name}": _instance("sklearn.preprocessing.Scaler") for name in _SCALERS},
}

INSTANCE_METHODS: Dict[Tuple[str, str], MethodHandler] = {
    **{("sklearn.preprocessing.Scaler", m): _scaler_transform for m in ("fit_transform", "transform", "inverse_transform")},
    **TOKENIZER_METHODS,
    ("sklearn.preprocessing.LabelEncoder", "fit_transform"): _label_encode,
    ("sklearn.preprocessing.LabelEncoder", "transform"): _label_encode,
    ("sklearn.preprocessing.OneHotEncoder", "fit_transform"): _one_hot_encode,
    ("sklearn.preprocessing.OneHotEncoder", "transform"): _one_hot_encode,
}
