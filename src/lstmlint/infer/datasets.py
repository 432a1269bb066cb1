"""Data that comes from Keras and TensorFlow themselves.

``keras.datasets.*.load_data()`` have fixed, documented shapes and dtypes
(imdb and reuters give ragged sequences of word ids: object arrays).
``tf.data.Dataset.from_tensor_slices(...).batch(n)`` is an :class:`Instance`
whose batches ``fit`` reads; ``.window(n, drop_remainder=True).flat_map(lambda w:
w.batch(n))`` (the time-series idiom) makes elements of n steps.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .callargs import CallArgs
from .shapes import UNKNOWN, Shape, is_known
from .values import Array, Instance

# name -> ((train x shape, train y shape), (test x shape, test y shape), x dtype, y dtype)
_KERAS_DATASETS: Dict[str, Tuple[Tuple[tuple, tuple], Tuple[tuple, tuple], str, str]] = {
    "mnist": (((60000, 28, 28), (60000,)), ((10000, 28, 28), (10000,)), "uint8", "uint8"),
    "fashion_mnist": (((60000, 28, 28), (60000,)), ((10000, 28, 28), (10000,)), "uint8", "uint8"),
    "cifar10": (((50000, 32, 32, 3), (50000, 1)), ((10000, 32, 32, 3), (10000, 1)), "uint8", "uint8"),
    "cifar100": (((50000, 32, 32, 3), (50000, 1)), ((10000, 32, 32, 3), (10000, 1)), "uint8", "int64"),
    "boston_housing": (((404, 13), (404,)), ((102, 13), (102,)), "float64", "float64"),
    "imdb": (((25000,), (25000,)), ((25000,), (25000,)), "object", "int64"),
    "reuters": (((8982,), (8982,)), ((2246,), (2246,)), "object", "int64"),
}


def _load_data(name: str):
    (train, test, x_dtype, y_dtype) = _KERAS_DATASETS[name]

    def handler(a: CallArgs) -> Any:
        def split(shapes: tuple) -> tuple:
            x_shape, y_shape = shapes
            ragged = x_dtype == "object"
            return (
                Array(Shape(x_shape), x_dtype, a.node, ragged=ragged, items=Shape((UNKNOWN,)) if ragged else None),
                Array(Shape(y_shape), y_dtype, a.node),
            )

        return (split(train), split(test))

    return handler


def _from_tensor_slices(a: CallArgs) -> Any:
    return Instance("tensorflow.data.Dataset", {"element": a.get(0, "tensors"), "batched": False})


def dataset_method(dataset: Instance, name: str, a: CallArgs) -> Any:
    """``.batch`` marks batches; order-only methods keep the dataset; others are
    unknown (and every method of a Keras image iterator)."""
    if dataset.attrs.get("iterator") or "windows" in dataset.attrs:
        return UNKNOWN  # a dataset of windows is followed through ``flat_map`` only
    if name == "batch":
        return Instance(dataset.type_name, {**dataset.attrs, "batched": True, "batch_size": a.get(0, "batch_size")})
    if name == "window":
        return _windows(dataset, a)
    if name in ("shuffle", "prefetch", "cache", "repeat", "take", "skip"):
        return Instance(dataset.type_name, dict(dataset.attrs))
    return UNKNOWN


def _windows(dataset: Instance, a: CallArgs) -> Any:
    """``.window(size, shift, stride, drop_remainder)`` of single arrays: each
    window holds ``size`` elements only when the short ones at the end are dropped."""
    element = dataset.attrs.get("element")
    if dataset.attrs.get("batched") or not isinstance(element, Array) or not element.shape.rank:
        return UNKNOWN
    size, drop = a.get(0, "size"), a.get(3, "drop_remainder", False)
    return Instance(dataset.type_name, {"element": element, "batched": False, "windows": size if is_known(size) and drop is True else UNKNOWN})


def one_window(windows: Instance) -> Instance:
    """What ``flat_map``'s function receives: one window, a dataset of ``size`` elements."""
    return Instance(windows.type_name, {"element": windows.attrs["element"], "batched": False, "window_size": windows.attrs["windows"]})


def flattened(windows: Instance, result: Any) -> Any:
    """``flat_map(lambda w: w.batch(size))``: one element per window, ``size`` steps long."""
    if not isinstance(result, Instance) or result.type_name != windows.type_name or not result.attrs.get("batched"):
        return UNKNOWN
    element, size = result.attrs.get("element"), result.attrs.get("window_size", UNKNOWN)
    if not isinstance(element, Array) or not element.shape.rank:
        return UNKNOWN
    steps = size if is_known(size) and result.attrs.get("batch_size") == size else UNKNOWN
    if steps is UNKNOWN and not is_known(size):
        return UNKNOWN
    shape = Shape((UNKNOWN, steps) + element.shape.dims[1:])  # type: ignore[operator]
    return Instance(windows.type_name, {"element": element.derive(shape, element.origin), "batched": False})


def map_arguments(dataset: Instance) -> Optional[List[Any]]:
    """What ``.map(fn)`` passes ``fn``: each part of one element (one batch,
    with an unknown batch axis, once batched); None when not known."""
    if dataset.attrs.get("iterator") or "element" not in dataset.attrs or "windows" in dataset.attrs:
        return None
    element = dataset.attrs["element"]
    parts = list(element) if isinstance(element, tuple) else [element]
    if not all(isinstance(p, Array) and p.shape.rank for p in parts):
        return None
    if dataset.attrs.get("batched"):
        return [_batched(p) for p in parts]
    return [p.derive(Shape(p.shape.dims[1:]), p.origin) for p in parts]  # type: ignore[index]


def mapped(dataset: Instance, result: Any) -> Any:
    """The dataset of what the mapped function returned (a tuple is (x, y))."""
    parts = list(result) if isinstance(result, tuple) else [result]
    if not all(isinstance(p, Array) and p.shape.dims is not None for p in parts):
        return UNKNOWN
    if not dataset.attrs.get("batched"):
        parts = [p.derive(Shape((UNKNOWN,) + p.shape.dims), p.origin) for p in parts]  # type: ignore[operator]
    elif any(not p.shape.rank for p in parts):
        return UNKNOWN
    element = tuple(parts) if isinstance(result, tuple) else parts[0]
    return Instance(dataset.type_name, {**dataset.attrs, "element": element})


def batches(dataset: Instance) -> Tuple[Any, Any]:
    """(x, y) as ``fit`` sees them: each array with an unknown batch axis."""
    if not dataset.attrs.get("batched"):
        return UNKNOWN, UNKNOWN
    element = dataset.attrs.get("element")
    parts = element if isinstance(element, tuple) and len(element) == 2 else (element, UNKNOWN)
    return tuple(_batched(part) for part in parts)  # type: ignore[return-value]


def _batched(value: Any) -> Any:
    if not isinstance(value, Array) or value.shape.dims is None or not value.shape.dims:
        return UNKNOWN
    return value.derive(value.shape.with_dim(0, UNKNOWN), value.origin)  # type: ignore[arg-type]


DATASET_CALLS: Dict[str, Any] = {
    **{f"keras.datasets.{name}.load_data": _load_data(name) for name in _KERAS_DATASETS},
    "tensorflow.data.Dataset.from_tensor_slices": _from_tensor_slices,
}
