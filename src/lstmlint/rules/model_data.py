"""What data-call rules share: the data and the model input it meets."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

import libcst as cst

from ..infer.facts import DataCall
from ..infer.models import first_weight_conflict
from ..infer.shapes import Dim, Shape, dims_differ, dims_equal, is_known
from ..infer.values import Array, Layer, Tensor

if TYPE_CHECKING:
    from .base import CheckContext


def data_and_input(call: DataCall) -> Optional[Tuple[Array, Tensor]]:
    """The ``x`` array and the model input it feeds, both of known rank."""
    model = call.model
    inp = model.inputs[call.input_index] if call.input_index < len(model.inputs) else None
    x = call.x
    if not model.certain or inp is None or not isinstance(x, Array):
        return None
    if x.shape.dims is None or inp.shape.dims is None or not x.shape.dims or x.ragged:
        return None  # ragged rows have no shape Keras could compare (LS401 reports them)
    return x, inp


def one_sample(x: Shape, inp: Shape) -> bool:
    """Whether ``x`` is exactly one sample of the input (the batch axis missing),
    e.g. ``X[0]`` of shape (5, 2) for an input (None, 5, 2)."""
    if x.dims is None or inp.dims is None or len(x.dims) != len(inp.dims) - 1 or not x.dims:
        return False
    return all(is_known(a) and dims_equal(a, b) is True for a, b in zip(x.dims, inp.dims[1:]))


def batch_axis_fix(call: DataCall, ctx: "CheckContext") -> str:
    node = call.x_node
    name = ctx.code(node) if node is not None else "x"
    row = _row_index(node)
    if row is not None:
        base, index = ctx.code(node.value), ctx.code(row)  # type: ignore[union-attr]
        end = str(int(index) + 1) if index.isdigit() else f"{index} + 1"
        return f"pass a batch of one: `{base}[{index}:{end}]` (or `{name}[None]`)"
    return f"add the batch axis: `{name}[None]` or `np.expand_dims({name}, 0)`"


def _row_index(node: Optional[cst.CSTNode]) -> Optional[cst.BaseExpression]:
    """``i`` in ``X[i]``: one row taken from an array."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    index = node.slice[0].slice.value
    return index if isinstance(index, (cst.Integer, cst.Name)) else None


def adjusted_rank(data: Shape, expected: Shape) -> Optional[Shape]:
    """The data shape after Keras's implicit rank fix-up, or None when it cannot fit.

    Keras expands a missing last axis of size 1, and squeezes an extra one.
    """
    if data.dims is None or expected.dims is None:
        return None
    if data.rank == expected.rank:
        return data
    if data.rank == expected.rank - 1 and expected[-1] == 1:
        return Shape(data.dims + (1,))
    if data.rank == expected.rank + 1 and data[-1] == 1:
        return Shape(data.dims[:-1])
    return None


def model_output(call: DataCall) -> Optional[Tensor]:
    model = call.model
    out = model.output
    if not model.certain or out is None or out.shape.dims is None:
        return None
    return out


# The calls that take targets (and need a compiled model).
TARGET_METHODS = ("fit", "evaluate", "train_on_batch", "test_on_batch")


def call_name(call: DataCall) -> str:
    """How messages name the call: `fit`, `model(...)`, `validation_data=`."""
    if call.validation:
        return "`validation_data=`"
    return "`model(...)`" if call.method == "__call__" else f"`{call.method}`"


def data_noun(call: DataCall) -> str:
    if call.method == "__call__":
        return "data the model is called on"
    return "validation data" if call.validation else f"data passed to `{call.method}`"


def origins(x: Array, inp: Tensor) -> list:
    """The two lines a data/model disagreement spans: where each shape comes from."""
    related = []
    if inp.declared_at is not None:
        related.append((inp.declared_at, f"model input declared here as {inp.shape}"))
    if x.origin is not None:
        related.append((x.origin, f"data of shape {x.shape} made here"))
    return related


def declaration(inp: Tensor, ctx: "CheckContext") -> str:
    """How the source declared the input: `input_shape=(5, 1)`, `keras.Input(shape=(5, 3))`."""
    code = ctx.code(inp.declared_at)
    return f"`{inp.declared_by}={code}`" if inp.declared_by else f"`{code}`"


def keras_checks_input(call: DataCall, data: Shape, ctx: "CheckContext", keras2_checks_sequential: bool) -> Tuple[bool, Optional[Layer]]:
    """Whether Keras raises for data that differs from the declared input on a
    non-batch axis, and the layer whose weights disagree (if that is why).

    Functional models check the whole declared input shape; so does a Keras 2
    Sequential model for the axes ``keras2_checks_sequential`` is about (its
    timesteps; a feature count, Keras 2 leaves to the layers' weights). A
    Keras 3 Sequential model, and any model Keras built from its first data,
    only fails where a layer's weights were sized for another shape.
    """
    model = call.model
    conflict = first_weight_conflict(model, data, ctx.keras_version) if model.kind == "sequential" else None
    layer = conflict[0] if conflict else None
    declared = not model.inputs[call.input_index].from_data
    strict = model.kind == "functional" or (ctx.keras_version == 2 and keras2_checks_sequential)
    if declared and strict:
        return True, layer
    return layer is not None, layer


def cardinality_fails(call: DataCall) -> bool:
    """Whether Keras rejects ``x`` and ``y`` for their sample counts (before any loss runs)."""
    x, y = call.x, call.y
    if not (isinstance(x, Array) and isinstance(y, Array)) or not x.shape.rank or not y.shape.rank:
        return False
    if not dims_differ(x.shape[0], y.shape[0]):
        return False
    if call.validation_split:  # Keras slices every array by len(x): only a shorter y fails
        return is_known(x.shape[0]) and is_known(y.shape[0]) and y.shape[0] < x.shape[0]
    return True


def targets_and_output(call: DataCall) -> Optional[Tuple[Array, Tensor, str]]:
    """``y``, the model's single output, and the loss name, all known; None also
    when Keras first fails on the sample counts (LS205 reports that)."""
    out = model_output(call)
    y = call.y
    if out is None or not isinstance(y, Array) or y.shape.dims is None or not isinstance(call.loss, str):
        return None
    if cardinality_fails(call):
        return None
    return y, out, call.loss


def target_origins(y: Array, out: Tensor, call: DataCall) -> list:
    related = []
    if out.producer is not None:
        related.append((out.producer.node, f"model output {out.shape} comes from this layer"))
    if y.origin is not None:
        related.append((y.origin, f"targets of shape {y.shape} made here"))
    if call.loss_node is not None:
        related.append((call.loss_node, f"loss `{call.loss}` set here"))
    return related


REGRESSION_LOSSES = frozenset(
    {
        "mean_squared_error",
        "mean_absolute_error",
        "mean_absolute_percentage_error",
        "mean_squared_logarithmic_error",
        "huber",
        "log_cosh",
    }
)


def aligned_targets(y: Shape, out: Shape) -> Optional[Tuple[List[Dim], List[Dim]]]:
    """Targets and output as the loss sees them, batch axis dropped.

    When the ranks differ by one and the larger has a last axis of 1, Keras
    squeezes that axis first (``squeeze_or_expand_to_same_rank``).
    """
    if y.dims is None or out.dims is None or not y.dims:
        return None
    t, p = list(y.dims[1:]), list(out.dims[1:])
    if len(t) == len(p) + 1 and t and t[-1] == 1:
        t.pop()
    elif len(p) == len(t) + 1 and p and p[-1] == 1:
        p.pop()
    return t, p


def flat_targets_vs_units(y: Shape, out: Shape) -> Optional[int]:
    """``k`` when 1D targets (n,) meet a (None, k) output with k > 1. Keras 2
    expands the targets to (n, 1) and broadcasts; Keras 3 leaves them (n,),
    so they broadcast against the k units only in a batch of exactly k."""
    if y.rank != 1 or out.rank != 2 or not is_known(out[-1]) or out[-1] <= 1:  # type: ignore[operator]
        return None
    return out[-1]  # type: ignore[return-value]


def batch_fails_broadcast(call: DataCall, size: int) -> bool:
    """Whether some batch of the call surely holds neither ``size`` samples nor 1
    (the two batch sizes that broadcast against ``size`` units). ``fit`` and
    ``evaluate`` batch 32 unless told; ``*_on_batch`` take one batch."""
    count = call.x.shape[0] if isinstance(call.x, Array) and call.x.shape.rank else UNKNOWN
    if call.method in ("train_on_batch", "test_on_batch"):
        return is_known(count) and count not in (size, 1)
    batch = 32 if call.batch_size is None else call.batch_size
    if not is_known(batch) or batch <= 0:
        return False
    if not is_known(count) or call.validation_split:
        return batch not in (size, 1)  # the first batch has `batch` samples unless all the data is one smaller batch
    sizes = {min(batch, count)} | ({count % batch} if count > batch and count % batch else set())
    return any(b not in (size, 1) for b in sizes)


def silent_broadcast(y: Shape, out: Shape) -> bool:
    """True when an elementwise loss runs but broadcasts targets against outputs:
    same rank (after the squeeze), known sizes, and a 1 meeting a larger size."""
    aligned = aligned_targets(y, out)
    if aligned is None:
        return False
    t, p = aligned
    if len(t) != len(p) or not all(is_known(d) for d in t + p) or t == p:
        return False
    return all(a == b or a == 1 or b == 1 for a, b in zip(t, p))


def static_mismatch(y: Shape, out: Shape) -> Optional[Tuple[Dim, Dim]]:
    """Two known sizes, right-aligned, that cannot broadcast: Keras fails while
    tracing the loss (``Dimensions must be equal``). Axes that meet the batch
    axis are left alone: those fail, if at all, only for some batch sizes."""
    aligned = aligned_targets(y, out)
    if aligned is None:
        return None
    t, p = aligned
    for a, b in zip(reversed(t), reversed(p)):
        if is_known(a) and is_known(b) and a != b and a != 1 and b != 1:
            return a, b
    return None


def plural(count: Dim, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
