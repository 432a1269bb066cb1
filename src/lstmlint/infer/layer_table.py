"""The layer table: one entry per Keras layer, as data.

An entry says which input ranks the layer accepts (counting the batch axis),
which input axes size its weights once built, its positional parameters, and
a function from (input shape, layer) to output shape.  Shape functions answer
``UNKNOWN`` where they cannot be sure; the checks live in ``rules/``, which read
the shapes these functions compute.  Adding a layer means adding one entry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from . import layer_keywords

from .shapes import (
    UNKNOWN,
    UNKNOWN_SHAPE,
    Dim,
    Shape,
    dim_arith,
    dims_differ,
    dims_equal,
    is_known,
    is_variable,
    variable_dim,
    normalize_axis,
)
from .values import Layer

ShapeRule = Callable[[Shape, Layer], Shape]
ParamRule = Callable[[Shape, Layer], Dim]  # (input shape, layer) -> number of weights, or UNKNOWN
MergeRule = Callable[[Sequence[Shape], Layer], Shape]


@dataclass(frozen=True)
class LayerEntry:
    name: str
    output: ShapeRule
    params: Tuple[str, ...] = ()
    ranks: Optional[Tuple[int, ...]] = None  # accepted input ranks, batch axis included
    weight_axes: Tuple[int, ...] = ()  # input axes whose size is fixed at build
    family: str = ""  # "recurrent", "embedding", "window", "merge", "input", "strings" (takes text)
    param_count: Optional[ParamRule] = None  # None: the count is not known statically

    folds_extra_axes_keras2: bool = False  # Keras 2 folds extra leading axes into the batch
    versions: Tuple[int, ...] = (2, 3)  # the Keras versions that have it
    rebuild_checked: Tuple[int, ...] = (2, 3)  # versions that raise when a built layer meets other ``weight_axes`` sizes
    merge: Optional["MergeRule"] = None  # layers of several inputs: their shapes -> the output shape
    call: str = "tensor"  # call signature: "tensor", "list" (``layer([a, b])``), "attention" (``layer(query, value, key)``)

    def accepts_rank(self, rank: int, keras_version: int) -> bool:
        if self.ranks is None or rank in self.ranks:
            return True
        return keras_version == 2 and self.folds_extra_axes_keras2 and rank > max(self.ranks)


def int_arg(layer: Layer, name: str, default: Dim = UNKNOWN) -> Dim:
    value = layer.args.get(name, default)
    if isinstance(value, (tuple, list)) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return UNKNOWN
    return value if is_known(value) else UNKNOWN


def bool_arg(layer: Layer, name: str, default: bool = False) -> Optional[bool]:
    """The flag's value, or None when it was given but is not a known bool."""
    value = layer.args.get(name, default)
    return value if isinstance(value, bool) else None


def str_arg(layer: Layer, name: str, default: str) -> Optional[str]:
    value = layer.args.get(name, default)
    return value.lower() if isinstance(value, str) else None


def _channels_first(layer: Layer) -> Optional[bool]:
    fmt = str_arg(layer, "data_format", "channels_last")
    return None if fmt is None else fmt == "channels_first"


# -- shape rules -----------------------------------------------------------


def same_shape(shape: Shape, layer: Layer) -> Shape:
    return shape


def last_axis_to(arg: str) -> ShapeRule:
    def rule(shape: Shape, layer: Layer) -> Shape:
        if shape.dims is None:
            return UNKNOWN_SHAPE
        return Shape(shape.dims[:-1] + (int_arg(layer, arg),))

    return rule


def recurrent_output(shape: Shape, layer: Layer) -> Shape:
    units = int_arg(layer, "units")
    sequences = bool_arg(layer, "return_sequences")
    if bool_arg(layer, "return_state") is not False or sequences is None:
        return UNKNOWN_SHAPE
    if shape.dims is None:
        return UNKNOWN_SHAPE
    if sequences:
        return Shape((shape[0], shape[1], units))
    return Shape((shape[0], units))


def bidirectional_output(shape: Shape, layer: Layer) -> Shape:
    if layer.inner is None:
        return UNKNOWN_SHAPE
    inner = recurrent_output(shape, layer.inner)
    mode = str_arg(layer, "merge_mode", "concat")
    if inner.dims is None or mode is None:
        return UNKNOWN_SHAPE
    if mode == "concat":
        return inner.with_dim(-1, dim_arith("*", inner[-1], 2))
    if mode in ("sum", "mul", "ave"):
        return inner
    return UNKNOWN_SHAPE


def time_distributed_output(shape: Shape, layer: Layer) -> Shape:
    if layer.inner is None or shape.dims is None or len(shape.dims) < 3:
        return UNKNOWN_SHAPE
    inner_in = Shape((shape[0],) + shape.dims[2:])
    inner_out = layer.inner.entry.output(inner_in, layer.inner)
    if inner_out.dims is None:
        return UNKNOWN_SHAPE
    return Shape((inner_out[0], shape[1]) + inner_out.dims[1:])


def embedding_output(shape: Shape, layer: Layer) -> Shape:
    if shape.dims is None:
        return UNKNOWN_SHAPE
    return Shape(shape.dims + (int_arg(layer, "output_dim"),))


def flatten_output(shape: Shape, layer: Layer) -> Shape:
    if shape.dims is None:
        return UNKNOWN_SHAPE
    rest = Shape(shape.dims[1:]).size()
    if not is_known(rest) and any(is_variable(d) for d in shape.dims[1:]):
        rest = variable_dim()  # flattening a declared None axis: Keras too cannot size it
    return Shape((shape[0], rest))


def reshape_output(shape: Shape, layer: Layer) -> Shape:
    target = layer.args.get("target_shape")
    if not isinstance(target, (tuple, list)) or shape.dims is None:
        return UNKNOWN_SHAPE
    dims: List[Dim] = [d if is_known(d) else UNKNOWN for d in target]
    if dims.count(-1) == 1:
        dims[dims.index(-1)] = _inferred_axis(Shape(shape.dims[1:]).size(), dims)
    return Shape((shape[0],) + tuple(dims))


def _inferred_axis(size: Dim, dims: Sequence[Dim]) -> Dim:
    """The size of the ``-1`` axis of a reshape, when it divides evenly."""
    rest = [d for d in dims if d != -1]
    if not is_known(size) or not all(is_known(d) for d in rest):
        return UNKNOWN
    known = math.prod(rest)  # type: ignore[arg-type]
    return size // known if known and size % known == 0 else UNKNOWN


def repeat_vector_output(shape: Shape, layer: Layer) -> Shape:
    if shape.dims is None:
        return UNKNOWN_SHAPE
    return Shape((shape[0], int_arg(layer, "n")) + shape.dims[1:])


def _window_length(length: Dim, window: Dim, stride: Dim, padding: Optional[str], dilation: Dim = 1) -> Dim:
    if not (is_known(length) and is_known(window) and is_known(stride) and is_known(dilation)):
        return UNKNOWN
    if padding in ("same", "causal"):
        return -(-length // stride)
    if padding == "valid":
        return (length - dilation * (window - 1) - 1) // stride + 1
    return UNKNOWN


def _transposed_length(length: Dim, window: Dim, stride: Dim, padding: Optional[str], dilation: Dim = 1, extra: Dim = None) -> Dim:  # type: ignore[assignment]
    if not (is_known(length) and is_known(window) and is_known(stride)) or dilation != 1:
        return UNKNOWN
    if extra is not None:  # ``output_padding``: Keras's deconv_output_length
        if not is_known(extra) or padding not in ("same", "valid"):
            return UNKNOWN
        pad = window // 2 if padding == "same" else 0
        return (length - 1) * stride + window - 2 * pad + extra
    if padding == "same":
        return length * stride
    if padding == "valid":
        return length * stride + max(window - stride, 0)
    return UNKNOWN


def _per_axis(layer: Layer, name: str, nd: int, default: object) -> List[Dim]:
    """An int-or-tuple argument (``kernel_size=3`` or ``(3, 3)``), one value per spatial axis."""
    value = layer.args.get(name, default)
    if isinstance(value, (tuple, list)):
        return [v if is_known(v) else UNKNOWN for v in value] if len(value) == nd else [UNKNOWN] * nd
    return [value if is_known(value) or value is None else UNKNOWN] * nd  # type: ignore[list-item]


def _spatial_axes(shape: Shape, layer: Layer, nd: int) -> Optional[Tuple[List[int], int]]:
    """(spatial axes, channel axis) of an (nd + 2)-D input, per ``data_format``."""
    first = _channels_first(layer)
    if shape.rank != nd + 2 or first is None:
        return None
    return (list(range(2, nd + 2)), 1) if first else (list(range(1, nd + 1)), nd + 1)


def conv_output(nd: int, transpose: bool = False, depthwise: bool = False) -> ShapeRule:
    """Conv/SeparableConv (``filters`` channels out), Conv*Transpose, and
    DepthwiseConv (``depth_multiplier`` channels per input channel)."""

    def rule(shape: Shape, layer: Layer) -> Shape:
        where = _spatial_axes(shape, layer, nd)
        if where is None:
            return UNKNOWN_SHAPE
        axes, channel = where
        padding = str_arg(layer, "padding", "valid")
        sizes = zip(
            axes,
            _per_axis(layer, "kernel_size", nd, UNKNOWN),
            _per_axis(layer, "strides", nd, 1),
            _per_axis(layer, "dilation_rate", nd, 1),
            _per_axis(layer, "output_padding", nd, None),
        )
        out = shape
        for axis, kernel, stride, dilation, extra in sizes:
            if transpose:
                size = _transposed_length(shape[axis], kernel, stride, padding, dilation, extra)
            else:
                size = _window_length(shape[axis], kernel, stride, padding, dilation)
            out = out.with_dim(axis, size)
        if depthwise:
            return out.with_dim(channel, dim_arith("*", shape[channel], int_arg(layer, "depth_multiplier", 1)))
        return out.with_dim(channel, int_arg(layer, "filters"))

    return rule


def pooling_output(nd: int) -> ShapeRule:
    def rule(shape: Shape, layer: Layer) -> Shape:
        where = _spatial_axes(shape, layer, nd)
        if where is None:
            return UNKNOWN_SHAPE
        pools = _per_axis(layer, "pool_size", nd, 2)
        strides = [p if s is None else s for p, s in zip(pools, _per_axis(layer, "strides", nd, None))]
        padding = str_arg(layer, "padding", "valid")
        out = shape
        for axis, pool, stride in zip(where[0], pools, strides):
            out = out.with_dim(axis, _window_length(shape[axis], pool, stride, padding))
        return out

    return rule


def global_pooling_output(nd: int) -> ShapeRule:
    def rule(shape: Shape, layer: Layer) -> Shape:
        where = _spatial_axes(shape, layer, nd)
        keepdims = bool_arg(layer, "keepdims")
        if where is None or keepdims is None:
            return UNKNOWN_SHAPE
        axes, channel = where
        if keepdims:
            out = shape
            for axis in axes:
                out = out.with_dim(axis, 1)
            return out
        return Shape((shape[0], shape[channel]))

    return rule


def resize_output(nd: int, arg: str, default: object, op: str) -> ShapeRule:
    """UpSampling (``*`` size), ZeroPadding (``+`` both sides), Cropping (``-`` both sides)."""

    def rule(shape: Shape, layer: Layer) -> Shape:
        where = _spatial_axes(shape, layer, nd)
        if where is None:
            return UNKNOWN_SHAPE
        value = layer.args.get(arg, default)
        if nd == 1 and op != "*" and isinstance(value, (tuple, list)) and len(value) == 2 and all(is_known(v) for v in value):
            value = [value]  # 1D padding/cropping: (before, after) of the one axis
        per_axis = [value] * nd if not isinstance(value, (tuple, list)) else list(value)
        if len(per_axis) != nd:
            return UNKNOWN_SHAPE
        out = shape
        for axis, amount in zip(where[0], per_axis):
            if isinstance(amount, (tuple, list)) and len(amount) == 2 and op != "*":
                amount = dim_arith("+", amount[0], amount[1])
            elif op != "*":
                amount = dim_arith("*", amount, 2) if is_known(amount) else UNKNOWN
            out = out.with_dim(axis, dim_arith(op, shape[axis], amount) if is_known(amount) else UNKNOWN)
        return out

    return rule


def conv_lstm2d_output(shape: Shape, layer: Layer) -> Shape:
    """ConvLSTM2D: a Conv2D over each step of (batch, time, rows, cols, channels)."""
    sequences = bool_arg(layer, "return_sequences")
    if shape.dims is None or shape.rank != 5 or sequences is None or bool_arg(layer, "return_state") is not False:
        return UNKNOWN_SHAPE
    frame = conv_output(2)(Shape((shape[0],) + shape.dims[2:]), layer)
    if frame.dims is None:
        return UNKNOWN_SHAPE
    return Shape((shape[0], shape[1]) + frame.dims[1:]) if sequences else frame


def text_vectorization_output(shape: Shape, layer: Layer) -> Shape:
    """Strings in, (batch, output_sequence_length) integer ids out (``output_mode="int"``)."""
    mode = str_arg(layer, "output_mode", "int")
    length = int_arg(layer, "output_sequence_length")
    if mode != "int" or shape.dims is None or not is_known(length):
        return UNKNOWN_SHAPE
    return Shape((shape[0], length))


def permute_output(shape: Shape, layer: Layer) -> Shape:
    order = layer.args.get("dims")
    if shape.dims is None or not isinstance(order, (tuple, list)):
        return UNKNOWN_SHAPE
    if sorted(order) != list(range(1, len(shape.dims))):
        return UNKNOWN_SHAPE
    return Shape((shape[0],) + tuple(shape[i] for i in order))


def unknown_output(shape: Shape, layer: Layer) -> Shape:
    """Lambda and layers whose output depends on data (RandomHeight, ...)."""
    return UNKNOWN_SHAPE


def image_size_output(shape: Shape, layer: Layer) -> Shape:
    """Resizing / CenterCrop / RandomCrop: a batch of images to ``height`` x ``width``."""
    if shape.rank != 4 or str_arg(layer, "data_format", "channels_last") != "channels_last":
        return UNKNOWN_SHAPE
    return Shape((shape[0], int_arg(layer, "height"), int_arg(layer, "width"), shape[3]))


def category_encoding_output(shape: Shape, layer: Layer) -> Shape:
    """Ids of shape (batch,) or (batch, n) to (batch, num_tokens); one_hot only of (batch, 1)."""
    mode = str_arg(layer, "output_mode", "multi_hot")
    if shape.rank not in (1, 2) or mode not in ("multi_hot", "count", "one_hot"):
        return UNKNOWN_SHAPE
    if mode == "one_hot" and shape.rank == 2 and shape[1] != 1:
        return UNKNOWN_SHAPE  # Keras 3 adds an axis, Keras 2 raises
    return Shape((shape[0], int_arg(layer, "num_tokens")))


def lookup_output(shape: Shape, layer: Layer) -> Shape:
    """StringLookup / IntegerLookup / Hashing: ``output_mode="int"`` keeps the shape."""
    return shape if str_arg(layer, "output_mode", "int") == "int" else UNKNOWN_SHAPE


def attention_output(shapes: Sequence[Shape], layer: Layer) -> Shape:
    """Attention/AdditiveAttention on [query, value(, key)]: (batch, Tq, value features)."""
    if len(shapes) not in (2, 3) or any(s.rank != 3 for s in shapes) or bool_arg(layer, "return_attention_scores") is not False:
        return UNKNOWN_SHAPE
    query, value = shapes[0], shapes[1]
    return Shape((query[0], query[1], value[2]))


def multi_head_attention_output(shapes: Sequence[Shape], layer: Layer) -> Shape:
    """MultiHeadAttention(query, value, key): the query's shape, last axis ``output_shape`` if given."""
    if len(shapes) not in (2, 3) or any(s.dims is None for s in shapes) or bool_arg(layer, "return_attention_scores") is not False:
        return UNKNOWN_SHAPE
    query = shapes[0]
    width = layer.args.get("output_shape")
    if width is None:
        return query
    return query.with_dim(-1, width) if is_known(width) else UNKNOWN_SHAPE


def elementwise_merge_output(shapes: Sequence[Shape], layer: Layer) -> Shape:
    """Add/Subtract/Multiply/Average/Maximum/Minimum: the inputs broadcast
    against each other (axes aligned from the right, a 1 stretches)."""
    if not shapes or any(s.dims is None for s in shapes) or (layer.name == "Subtract" and len(shapes) != 2):
        return UNKNOWN_SHAPE
    out: List[Dim] = list(shapes[0].dims[1:])  # type: ignore[index]
    for shape in shapes[1:]:
        rest = list(shape.dims[1:])  # type: ignore[index]
        width = max(len(out), len(rest))
        out = [1] * (width - len(out)) + out
        rest = [1] * (width - len(rest)) + rest
        merged: List[Dim] = []
        for a, b in zip(out, rest):
            if a == 1 or dims_equal(a, b):
                merged.append(b)
            elif b == 1:
                merged.append(a)
            else:
                merged.append(UNKNOWN)
        out = merged
    batch = shapes[0][0] if all(dims_equal(s[0], shapes[0][0]) for s in shapes) else UNKNOWN
    return Shape((batch,) + tuple(out))


def broadcast_conflict(shapes: Sequence[Shape]) -> Optional[Tuple[Shape, Shape]]:
    """The first two inputs of an elementwise merge that cannot broadcast, when certain."""
    if any(s.dims is None for s in shapes):
        return None
    for i, first in enumerate(shapes):
        for second in shapes[i + 1:]:
            for a, b in zip(reversed(first.dims[1:]), reversed(second.dims[1:])):  # type: ignore[index]
                if is_known(a) and is_known(b) and a != b and 1 not in (a, b):
                    return first, second
    return None


def dot_axes(shapes: Sequence[Shape], layer: Layer) -> Optional[Tuple[int, int]]:
    """The (normalized) axes ``Dot`` contracts on its two inputs, when known."""
    value = layer.args.get("axes")
    if len(shapes) != 2 or any(s.dims is None for s in shapes):
        return None
    pair = tuple(value) if isinstance(value, (tuple, list)) and len(value) == 2 else (value, value)
    if not all(is_known(a) for a in pair):
        return None
    axes = tuple(normalize_axis(a, s.rank) for a, s in zip(pair, shapes))  # type: ignore[arg-type]
    return None if None in axes or 0 in axes else axes  # type: ignore[return-value]


def dot_output(shapes: Sequence[Shape], layer: Layer) -> Shape:
    """Dot: a batch dot product; the contracted axes go, (batch, 1) when nothing is left."""
    axes = dot_axes(shapes, layer)
    if axes is None or any(s.rank not in (2, 3) for s in shapes) or dims_differ(shapes[0][axes[0]], shapes[1][axes[1]]):
        return UNKNOWN_SHAPE
    rest = [d for i, d in enumerate(shapes[0].dims) if i not in (0, axes[0])]  # type: ignore[union-attr, arg-type]
    rest += [d for i, d in enumerate(shapes[1].dims) if i not in (0, axes[1])]  # type: ignore[union-attr, arg-type]
    return Shape((shapes[0][0],) + (tuple(rest) if rest else (1,)))


def concatenate_output(shapes: Sequence[Shape], layer: Layer) -> Shape:
    """Multi-input rule: the axis sizes add up, every other axis is shared."""
    axis_arg = int_arg(layer, "axis", -1)
    if not shapes or any(s.dims is None for s in shapes) or not is_known(axis_arg):
        return UNKNOWN_SHAPE
    rank = shapes[0].rank
    if any(s.rank != rank for s in shapes):
        return UNKNOWN_SHAPE
    axis = normalize_axis(axis_arg, rank)  # type: ignore[arg-type]
    if axis is None:
        return UNKNOWN_SHAPE
    dims: List[Dim] = []
    for i in range(rank):  # type: ignore[arg-type]
        column = [s[i] for s in shapes]
        dims.append(column[0] if all(dims_equal(c, column[0]) for c in column) else UNKNOWN)
    total: Dim = 0
    for s in shapes:
        total = dim_arith("+", total, s[axis])
    dims[axis] = total
    return Shape(tuple(dims))


# -- parameter counts --------------------------------------------------------
# What ``layer.count_params()`` answers once built on an input of this shape
# (every weight, trainable or not, as ``model.summary()`` totals them).


def _known(*dims: object) -> bool:
    return all(is_known(d) for d in dims)


def _bias(layer: Layer, size: Dim) -> Dim:
    use_bias = bool_arg(layer, "use_bias", True)
    if use_bias is None or not is_known(size):
        return UNKNOWN
    return size if use_bias else 0


def no_params(shape: Shape, layer: Layer) -> Dim:
    return 0


def _last_axis(shape: Shape) -> Dim:
    return shape[-1] if shape.dims else UNKNOWN


def dense_params(shape: Shape, layer: Layer) -> Dim:
    units, features = int_arg(layer, "units"), _last_axis(shape)
    bias = _bias(layer, units)
    return features * units + bias if _known(units, features, bias) else UNKNOWN  # type: ignore[operator]


def recurrent_params(gates: int) -> ParamRule:
    """LSTM (4 gates), GRU (3), SimpleRNN (1): kernel, recurrent kernel, bias per gate.

    GRU's ``reset_after=True`` (the default of Keras 2 and 3) doubles its bias."""

    def rule(shape: Shape, layer: Layer) -> Dim:
        units, features = int_arg(layer, "units"), _last_axis(shape)
        bias = _bias(layer, units)
        if gates == 3 and is_known(bias):
            reset_after = bool_arg(layer, "reset_after", True)
            bias = UNKNOWN if reset_after is None else bias * (2 if reset_after else 1)  # type: ignore[operator]
        if not _known(units, features, bias):
            return UNKNOWN
        return gates * (units * (features + units) + bias)  # type: ignore[operator]

    return rule


def bidirectional_params(shape: Shape, layer: Layer) -> Dim:
    """A forward and a backward copy of the wrapped layer (whatever ``merge_mode``)."""
    if layer.inner is None or layer.inner.entry.param_count is None or "backward_layer" in layer.args:
        return UNKNOWN
    inner = layer.inner.entry.param_count(shape, layer.inner)
    return 2 * inner if is_known(inner) else UNKNOWN  # type: ignore[operator]


def time_distributed_params(shape: Shape, layer: Layer) -> Dim:
    """The wrapped layer, built on one time step."""
    if layer.inner is None or layer.inner.entry.param_count is None or shape.dims is None or len(shape.dims) < 3:
        return UNKNOWN
    return layer.inner.entry.param_count(Shape((shape[0],) + shape.dims[2:]), layer.inner)


def embedding_params(shape: Shape, layer: Layer) -> Dim:
    vocabulary, width = int_arg(layer, "input_dim"), int_arg(layer, "output_dim")
    return vocabulary * width if _known(vocabulary, width) else UNKNOWN  # type: ignore[operator]


def _kernel_and_channels(shape: Shape, layer: Layer, nd: int) -> Optional[Tuple[int, int]]:
    """(kernel window size, input channels) of an (nd + 2)-D input, when known."""
    where = _spatial_axes(shape, layer, nd)
    if where is None:
        return None
    window = _per_axis(layer, "kernel_size", nd, UNKNOWN)
    channels = shape[where[1]]
    if not _known(channels, *window):
        return None
    return math.prod(window), channels  # type: ignore[arg-type, return-value]


def conv_params(nd: int, transpose: bool = False) -> ParamRule:
    def rule(shape: Shape, layer: Layer) -> Dim:
        found = _kernel_and_channels(shape, layer, nd)
        filters = int_arg(layer, "filters")
        groups = 1 if transpose else int_arg(layer, "groups", 1)
        bias = _bias(layer, filters)
        if found is None or not _known(filters, groups, bias) or groups <= 0 or found[1] % groups:  # type: ignore[operator]
            return UNKNOWN
        window, channels = found
        return window * (channels // groups) * filters + bias  # type: ignore[operator]

    return rule


def separable_conv_params(nd: int) -> ParamRule:
    """A depthwise kernel per input channel, then a 1x1 pointwise kernel."""

    def rule(shape: Shape, layer: Layer) -> Dim:
        found = _kernel_and_channels(shape, layer, nd)
        filters, multiplier = int_arg(layer, "filters"), int_arg(layer, "depth_multiplier", 1)
        bias = _bias(layer, filters)
        if found is None or not _known(filters, multiplier, bias):
            return UNKNOWN
        window, channels = found
        return window * channels * multiplier + channels * multiplier * filters + bias  # type: ignore[operator]

    return rule


def conv_lstm2d_params(shape: Shape, layer: Layer) -> Dim:
    """Four gates, each a convolution of the input and one of the state."""
    if shape.dims is None or shape.rank != 5:
        return UNKNOWN
    found = _kernel_and_channels(Shape((shape[0],) + shape.dims[2:]), layer, 2)
    filters = int_arg(layer, "filters")
    bias = _bias(layer, filters)
    if found is None or not _known(filters, bias):
        return UNKNOWN
    window, channels = found
    return 4 * (window * (channels + filters) * filters + bias)  # type: ignore[operator]


def normalization_params(per_channel: int) -> ParamRule:
    """BatchNormalization (gamma, beta, moving mean and variance: 4 per channel)
    and LayerNormalization (gamma, beta); ``center``/``scale`` drop beta/gamma."""

    def rule(shape: Shape, layer: Layer) -> Dim:
        axis = int_arg(layer, "axis", -1)
        center, scale = bool_arg(layer, "center", True), bool_arg(layer, "scale", True)
        if shape.dims is None or not is_known(axis) or center is None or scale is None:
            return UNKNOWN
        index = normalize_axis(axis, len(shape.dims))  # type: ignore[arg-type]
        if index is None or index == 0 or not is_known(shape[index]):
            return UNKNOWN
        return shape[index] * (per_channel - (not center) - (not scale))  # type: ignore[operator]

    return rule


def depthwise_conv_params(nd: int) -> ParamRule:
    def rule(shape: Shape, layer: Layer) -> Dim:
        found = _kernel_and_channels(shape, layer, nd)
        multiplier = int_arg(layer, "depth_multiplier", 1)
        if found is None or not is_known(multiplier):
            return UNKNOWN
        window, channels = found
        bias = _bias(layer, channels * multiplier)  # type: ignore[operator]
        return window * channels * multiplier + bias if is_known(bias) else UNKNOWN  # type: ignore[operator]

    return rule


def prelu_params(shape: Shape, layer: Layer) -> Dim:
    """One slope per input value, shared along ``shared_axes``."""
    shared = layer.args.get("shared_axes")
    shared = [shared] if is_known(shared) else shared
    if shape.dims is None or not (shared is None or isinstance(shared, (tuple, list)) and all(is_known(a) for a in shared)):
        return UNKNOWN
    sizes = [1 if shared and axis in shared else d for axis, d in enumerate(shape.dims) if axis]
    return math.prod(sizes) if _known(*sizes) else UNKNOWN  # type: ignore[arg-type]


def preprocessing_normalization_params(shape: Shape, layer: Layer) -> Dim:
    """Normalization keeps a mean and a variance per feature and a sample count."""
    axis = layer.args.get("axis", -1)
    if axis is None:
        return 3
    if axis != -1 or not _known(_last_axis(shape)):
        return UNKNOWN
    return 2 * _last_axis(shape) + 1  # type: ignore[operator]


def attention_params(shape: Shape, layer: Layer) -> Dim:
    """Attention: a learnt scale (``use_scale``) and a concat score weight."""
    scale, mode = bool_arg(layer, "use_scale"), str_arg(layer, "score_mode", "dot")
    if scale is None or mode not in ("dot", "concat"):
        return UNKNOWN
    return int(scale) + int(mode == "concat")


def additive_attention_params(shape: Shape, layer: Layer) -> Dim:
    """AdditiveAttention: a scale vector as wide as the query (``use_scale``, default on)."""
    scale = bool_arg(layer, "use_scale", True)
    if scale is None:
        return UNKNOWN
    return _last_axis(shape) if scale else 0


def multi_head_attention_params(shape: Shape, layer: Layer) -> Dim:
    """Query, key and value projections to ``num_heads`` heads, then the output projection."""
    built = layer.built_on
    if built is None or len(built) not in (2, 3):
        return UNKNOWN
    query, value = _last_axis(built[0]), _last_axis(built[1])
    key = _last_axis(built[2]) if len(built) == 3 else value
    heads, key_dim = int_arg(layer, "num_heads"), int_arg(layer, "key_dim")
    value_dim = int_arg(layer, "value_dim", key_dim) if layer.args.get("value_dim") is not None else key_dim
    width = layer.args.get("output_shape")
    width = query if width is None else width
    bias = bool_arg(layer, "use_bias", True)
    if not _known(query, value, key, heads, key_dim, value_dim, width) or bias is None:
        return UNKNOWN
    b = int(bias)
    qk = (query + key) * heads * key_dim + 2 * b * heads * key_dim  # type: ignore[operator]
    v = value * heads * value_dim + b * heads * value_dim  # type: ignore[operator]
    return qk + v + heads * value_dim * width + b * width  # type: ignore[operator]


# -- the table -------------------------------------------------------------

_AT_LEAST_2D = (2, 3, 4, 5, 6)
_RNN = ("units",)
_CONV = ("filters", "kernel_size", "strides", "padding")
_DEPTHWISE = ("kernel_size", "strides", "padding", "depth_multiplier")
_POOL = ("pool_size", "strides", "padding")
_SAME = same_shape
_BOTH = (2, 3)
_KERAS3 = (3,)


def _conv(name: str, nd: int) -> LayerEntry:
    return LayerEntry(
        name, conv_output(nd), _CONV, ranks=(nd + 2,), weight_axes=(-1,), family="window",
        folds_extra_axes_keras2=True, param_count=conv_params(nd),
    )


def _windowed(name: str, nd: int, output: ShapeRule, params: Tuple[str, ...], family: str = "") -> LayerEntry:
    """A weightless layer over the ``nd`` spatial axes of an (nd + 2)-D input."""
    return LayerEntry(name, output, params, ranks=(nd + 2,), family=family, param_count=no_params)


# Keras's default ``cropping=`` per spatial rank.
_CROPPING = {1: (1, 1), 2: ((0, 0), (0, 0)), 3: ((1, 1), (1, 1), (1, 1))}


def _spatial_family(nd: int) -> Tuple[LayerEntry, ...]:
    """The pooling, resizing and dropout layers of one spatial rank."""
    d = f"{nd}D"
    return (
        _windowed(f"MaxPooling{d}", nd, pooling_output(nd), _POOL, family="window"),
        _windowed(f"AveragePooling{d}", nd, pooling_output(nd), _POOL, family="window"),
        _windowed(f"GlobalAveragePooling{d}", nd, global_pooling_output(nd), ("data_format",)),
        _windowed(f"GlobalMaxPooling{d}", nd, global_pooling_output(nd), ("data_format",)),
        _windowed(f"UpSampling{d}", nd, resize_output(nd, "size", 2, "*"), ("size",)),
        _windowed(f"ZeroPadding{d}", nd, resize_output(nd, "padding", 1, "+"), ("padding",)),
        _windowed(f"Cropping{d}", nd, resize_output(nd, "cropping", _CROPPING[nd], "-"), ("cropping",)),
        _windowed(f"SpatialDropout{d}", nd, _SAME, ("rate",)),
    )


# Shape-preserving image augmentation (weightless; active only in training).
_AUGMENTATION = ("RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness")
_AUGMENTATION_KERAS3 = (
    "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear", "RandomInvert", "RandomPosterization",
    "RandomColorDegeneration", "RandomColorJitter", "RandomErasing", "RandomGaussianBlur", "RandomPerspective",
    "AutoContrast", "Solarization",
)
_ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")

ENTRIES: Tuple[LayerEntry, ...] = (
    LayerEntry("LSTM", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(4), rebuild_checked=(2,)),
    LayerEntry("GRU", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(3), rebuild_checked=(2,)),
    LayerEntry("SimpleRNN", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(1), rebuild_checked=(2,)),
    LayerEntry("Bidirectional", bidirectional_output, ("layer", "merge_mode"), ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=bidirectional_params, rebuild_checked=(2,)),
    LayerEntry("TimeDistributed", time_distributed_output, ("layer",), ranks=(3, 4, 5, 6), param_count=time_distributed_params),
    LayerEntry("Dense", last_axis_to("units"), ("units", "activation"), ranks=_AT_LEAST_2D, weight_axes=(-1,), param_count=dense_params),
    LayerEntry("Embedding", embedding_output, ("input_dim", "output_dim"), family="embedding", param_count=embedding_params),
    LayerEntry("Dropout", _SAME, ("rate",), param_count=no_params),
    LayerEntry("GaussianNoise", _SAME, ("stddev",), param_count=no_params),
    LayerEntry("GaussianDropout", _SAME, ("rate",), param_count=no_params),
    LayerEntry("AlphaDropout", _SAME, ("rate",), param_count=no_params),
    LayerEntry("ActivityRegularization", _SAME, param_count=no_params),
    LayerEntry("Identity", _SAME, param_count=no_params),
    LayerEntry("Flatten", flatten_output, param_count=no_params),
    LayerEntry("Reshape", reshape_output, ("target_shape",), param_count=no_params),
    LayerEntry("RepeatVector", repeat_vector_output, ("n",), ranks=(2,), param_count=no_params),
    LayerEntry("Permute", permute_output, ("dims",), param_count=no_params),
    LayerEntry("Lambda", unknown_output, ("function",), param_count=no_params),
    _conv("Conv1D", 1),
    _conv("Conv2D", 2),
    _conv("Conv3D", 3),
    LayerEntry("SeparableConv1D", conv_output(1), _CONV, ranks=(3,), weight_axes=(-1,), family="window", param_count=separable_conv_params(1)),
    LayerEntry("SeparableConv2D", conv_output(2), _CONV, ranks=(4,), weight_axes=(-1,), family="window", param_count=separable_conv_params(2)),
    LayerEntry("DepthwiseConv1D", conv_output(1, depthwise=True), _DEPTHWISE, ranks=(3,), weight_axes=(-1,), family="window", param_count=depthwise_conv_params(1)),
    LayerEntry("DepthwiseConv2D", conv_output(2, depthwise=True), _DEPTHWISE, ranks=(4,), weight_axes=(-1,), family="window", param_count=depthwise_conv_params(2)),
    LayerEntry("Conv1DTranspose", conv_output(1, transpose=True), _CONV, ranks=(3,), weight_axes=(-1,), param_count=conv_params(1, transpose=True)),
    LayerEntry("Conv2DTranspose", conv_output(2, transpose=True), _CONV, ranks=(4,), weight_axes=(-1,), param_count=conv_params(2, transpose=True)),
    LayerEntry("Conv3DTranspose", conv_output(3, transpose=True), _CONV, ranks=(5,), weight_axes=(-1,), param_count=conv_params(3, transpose=True)),
    *_spatial_family(1),
    *_spatial_family(2),
    *_spatial_family(3),
    LayerEntry("ConvLSTM2D", conv_lstm2d_output, _CONV, ranks=(5,), weight_axes=(-1,), family="window", param_count=conv_lstm2d_params),
    LayerEntry("BatchNormalization", _SAME, ("axis",), weight_axes=(-1,), param_count=normalization_params(4)),
    LayerEntry("LayerNormalization", _SAME, ("axis",), weight_axes=(-1,), param_count=normalization_params(2)),
    LayerEntry("UnitNormalization", _SAME, ("axis",), param_count=no_params),
    LayerEntry("Activation", _SAME, ("activation",), param_count=no_params),
    LayerEntry("LeakyReLU", _SAME, param_count=no_params),
    LayerEntry("ReLU", _SAME, ("max_value", "negative_slope", "threshold"), param_count=no_params),
    LayerEntry("ELU", _SAME, ("alpha",), param_count=no_params),
    LayerEntry("Softmax", _SAME, ("axis",), param_count=no_params),
    LayerEntry("ThresholdedReLU", _SAME, ("theta",), param_count=no_params),
    LayerEntry("PReLU", _SAME, param_count=prelu_params),
    LayerEntry("Masking", _SAME, ("mask_value",), param_count=no_params),
    LayerEntry("Concatenate", unknown_output, ("axis",), family="merge", merge=concatenate_output, call="list", param_count=no_params),
    *(LayerEntry(name, unknown_output, (), family="merge", merge=elementwise_merge_output, call="list", param_count=no_params) for name in _ELEMENTWISE),
    LayerEntry("Dot", unknown_output, ("axes", "normalize"), family="merge", merge=dot_output, call="list", param_count=no_params),
    LayerEntry("Attention", unknown_output, ("use_scale", "score_mode"), family="merge", merge=attention_output, call="list", param_count=attention_params),
    LayerEntry("AdditiveAttention", unknown_output, ("use_scale",), family="merge", merge=attention_output, call="list", param_count=additive_attention_params),
    LayerEntry(
        "MultiHeadAttention", unknown_output, ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape"),
        family="merge", merge=multi_head_attention_output, call="attention", param_count=multi_head_attention_params,
    ),
    LayerEntry("InputLayer", _SAME, ("input_shape",), family="input", param_count=no_params),
    LayerEntry("TextVectorization", text_vectorization_output, ("max_tokens",), family="strings"),
    LayerEntry("StringLookup", lookup_output, family="strings"),
    LayerEntry("IntegerLookup", lookup_output, param_count=no_params),
    LayerEntry("Hashing", lookup_output, ("num_bins",), family="strings", param_count=no_params),
    LayerEntry("CategoryEncoding", category_encoding_output, ("num_tokens", "output_mode"), param_count=no_params),
    LayerEntry("Normalization", _SAME, ("axis",), param_count=preprocessing_normalization_params),
    LayerEntry("Rescaling", _SAME, ("scale", "offset"), param_count=no_params),
    LayerEntry("Resizing", image_size_output, ("height", "width"), param_count=no_params),
    LayerEntry("CenterCrop", image_size_output, ("height", "width"), param_count=no_params),
    LayerEntry("RandomCrop", image_size_output, ("height", "width"), param_count=no_params),
    LayerEntry("RandomHeight", unknown_output, ("factor",), param_count=no_params),
    LayerEntry("RandomWidth", unknown_output, ("factor",), param_count=no_params),
    *(LayerEntry(name, _SAME, param_count=no_params) for name in _AUGMENTATION),
    *(LayerEntry(name, _SAME, versions=_KERAS3, param_count=no_params) for name in _AUGMENTATION_KERAS3),
)

LAYERS: Dict[str, LayerEntry] = {entry.name: entry for entry in ENTRIES}

# Other names of the same classes, as ``keras.layers`` exports them (Keras 1/2
# spellings kept importable in Keras 2 and 3): alias -> the entry's name.
ALIASES: Dict[str, str] = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "Convolution1DTranspose": "Conv1DTranspose",
    "Convolution2DTranspose": "Conv2DTranspose",
    "Convolution3DTranspose": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D",
    **{f"MaxPool{d}D": f"MaxPooling{d}D" for d in (1, 2, 3)},
    **{f"AvgPool{d}D": f"AveragePooling{d}D" for d in (1, 2, 3)},
    **{f"GlobalMaxPool{d}D": f"GlobalMaxPooling{d}D" for d in (1, 2, 3)},
    **{f"GlobalAvgPool{d}D": f"GlobalAveragePooling{d}D" for d in (1, 2, 3)},
}

# ``keras.layers.concatenate(inputs, ...)`` and kin: make the layer and call it
# on ``inputs`` at once; the remaining arguments are the layer's.
MERGE_FUNCTIONS: Dict[str, str] = {name.lower(): name for name in (*_ELEMENTWISE, "Concatenate", "Dot")}

# Layers that exist but are not in the table: their output shape is unknown.
OPAQUE = LayerEntry("?", lambda shape, layer: UNKNOWN_SHAPE)


def lookup(name: str, keras_version: Optional[int] = None) -> Optional[LayerEntry]:
    """The entry of a layer class name or alias, if that Keras version has it."""
    entry = LAYERS.get(ALIASES.get(name, name))
    if entry is None or (keras_version is not None and keras_version not in entry.versions):
        return None
    return entry


_COLUMN = {3: 0, 2: 1}  # layer_keywords rows: (Keras 3, Keras 2)


@lru_cache(maxsize=None)
def accepted_keywords(name: str, keras_version: int) -> Optional[FrozenSet[str]]:
    """The keywords the constructor of layer ``name`` (or an alias) accepts under
    that Keras, as real construction showed (``layer_keywords``, written by
    ``python -m lstmlint.oracle.keywords``); None when that is not known, the
    version has no such layer, or the layer takes any keyword."""
    row = layer_keywords.LAYERS.get(name) or layer_keywords.LAYERS.get(ALIASES.get(name, ""))
    if row is None or keras_version not in layer_keywords.BASE:
        return None
    spelled = row[_COLUMN[keras_version]]
    if spelled is None or spelled == "*":
        return None
    words = spelled.split()
    base = set(layer_keywords.BASE[keras_version].split())
    return frozenset((base - {w[1:] for w in words if w.startswith("-")}) | {w for w in words if not w.startswith("-")})


def required_parameters(name: str, keras_version: int) -> Tuple[str, ...]:
    """The constructor parameters of layer ``name`` without a default, in order
    (they lead its signature: ``units``; ``filters, kernel_size``), as observed."""
    row = layer_keywords.REQUIRED.get(ALIASES.get(name, name))
    return tuple(row[_COLUMN[keras_version]].split()) if row is not None and keras_version in _COLUMN else ()


def unknown_keyword_message(name: str, keyword: str, keras_version: int) -> str:
    """What Keras raises when the constructor of ``name`` is given ``keyword``."""
    canonical = ALIASES.get(name, name)
    template = layer_keywords.MESSAGES.get((name, keras_version)) or layer_keywords.MESSAGES.get((canonical, keras_version))
    template = template or layer_keywords.MESSAGE[keras_version]
    return template.replace("{layer}", canonical).replace("{kw}", keyword)
