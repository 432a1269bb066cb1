"""pandas and scikit-learn, as far as shapes go.

A DataFrame is an :class:`Array` of kind ``"frame"`` (2D) and a Series one of
kind ``"series"`` (1D); ``.values``/``.to_numpy()`` turn them into NumPy data.
scikit-learn transformers are :class:`Instance` objects whose methods keep
the sample axis. Keras' text ``Tokenizer`` is in :mod:`.tokenizer`.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, List, Tuple

from .arrays import dtype_name, literal_array
from .callargs import CallArgs
from .shapes import ANONYMOUS, UNKNOWN, Shape, Sym, dim_arith, fresh_sym, is_known
from .tokenizer import TOKENIZER, TOKENIZER_METHODS, tokenizer
from .values import Array, Instance, length_of

Handler = Callable[[CallArgs], Any]
MethodHandler = Callable[[Instance, CallArgs], Any]


# -- pandas -----------------------------------------------------------------


def _frame(rows: Any, cols: Any, dtype: Any, a: CallArgs) -> Array:
    return Array(Shape((rows, cols)), dtype, a.node, kind="frame")


def _read_table(a: CallArgs) -> Array:
    return _frame(fresh_sym("rows"), UNKNOWN, None, a)


def _data_frame(a: CallArgs) -> Any:
    data = a.get(0, "data", None)
    columns = a.get(None, "columns", None)
    width = len(columns) if isinstance(columns, (list, tuple)) else UNKNOWN
    if isinstance(data, dict):
        lengths = {length_of(v) for v in data.values()}
        rows = lengths.pop() if len(lengths) == 1 else UNKNOWN
        dtypes = {v.dtype if isinstance(v, Array) else None for v in data.values()}
        return _frame(rows, len(data), dtypes.pop() if len(dtypes) == 1 else None, a)
    array = literal_array(data, a.node) if isinstance(data, (list, tuple)) else data
    if isinstance(array, Array) and array.shape.rank == 2:
        cols = array.shape[1] if width is UNKNOWN else width
        return array.derive(Shape((array.shape[0], cols)), a.node, kind="frame")
    return _frame(UNKNOWN, width, None, a)


def frame_column(frame: Array, key: Any, origin: Any) -> Any:
    """``df["a"]`` is a Series; ``df[["a", "b"]]`` a two-column frame."""
    if isinstance(key, str):
        return frame.derive(Shape((frame.shape[0],)), origin, kind="series", dtype=None)
    if isinstance(key, list) and all(isinstance(k, str) for k in key):
        return frame.derive(Shape((frame.shape[0], len(key))), origin, dtype=None if len(key) > 1 else frame.dtype)
    return UNKNOWN


def frame_method(frame: Array, name: str, a: CallArgs) -> Any:
    if name == "to_numpy":
        dtype = a.get(0, "dtype", None)
        return frame.derive(frame.shape, a.node, kind="numpy", dtype=dtype_name(dtype) if dtype is not None else frame.dtype)
    if name == "drop":
        return _drop(frame, a)
    if name in ("copy", "fillna", "astype", "ffill", "bfill"):
        dtype = dtype_name(a.get(0, "dtype")) if name == "astype" else frame.dtype
        return frame.derive(frame.shape, a.node, dtype=dtype)
    if name in ("dropna", "sample", "head", "tail", "drop_duplicates"):
        return frame.derive(frame.shape.with_dim(0, UNKNOWN), a.node)
    return UNKNOWN


def _drop(frame: Array, a: CallArgs) -> Any:
    columns = a.get(None, "columns", None)
    if columns is None and a.get(1, "axis", 0) in (1, "columns"):
        columns = a.get(0, "labels", None)
    if columns is None:
        return frame.derive(frame.shape.with_dim(0, UNKNOWN), a.node)
    count = 1 if isinstance(columns, str) else len(columns) if isinstance(columns, (list, tuple)) else UNKNOWN
    return frame.derive(frame.shape.with_dim(1, dim_arith("-", frame.shape[1], count)), a.node)


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
