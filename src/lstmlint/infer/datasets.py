"""Data that comes from Keras and TensorFlow themselves.

``keras.datasets.*.load_data()`` have fixed, documented shapes and dtypes
(imdb and reuters give ragged sequences of word ids: object arrays).
``tf.data.Dataset.from_tensor_slices(...).batch(n)`` is an :class:`Instance`
whose batches ``fit`` reads.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .callargs import CallArgs
from .shapes import UNKNOWN, Shape
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
    if dataset.attrs.get("iterator"):
        return UNKNOWN
    if name == "batch":
        return Instance(dataset.type_name, {**dataset.attrs, "batched": True})
    if name in ("shuffle", "prefetch", "cache", "repeat", "take", "skip"):
        return Instance(dataset.type_name, dict(dataset.attrs))
    return UNKNOWN


def map_arguments(dataset: Instance) -> Optional[List[Any]]:
    """What ``.map(fn)`` passes ``fn``: each part of one element (one batch,
    with an unknown batch axis, once batched); None when not known."""
    if dataset.attrs.get("iterator") or "element" not in dataset.attrs:
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
