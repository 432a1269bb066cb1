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
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .shapes import (
    UNKNOWN,
    UNKNOWN_SHAPE,
    Dim,
    Shape,
    dim_arith,
    dims_equal,
    is_known,
    is_variable,
    variable_dim,
    normalize_axis,
)
from .removed_api import LAYER_ALIASES
from .values import Layer

ShapeRule = Callable[[Shape, Layer], Shape]
ParamRule = Callable[[Shape, Layer], Dim]  # (input shape, layer) -> number of weights, or UNKNOWN


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


def _transposed_length(length: Dim, window: Dim, stride: Dim, padding: Optional[str], dilation: Dim = 1) -> Dim:
    if not (is_known(length) and is_known(window) and is_known(stride)) or dilation != 1:
        return UNKNOWN
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


def conv_output(nd: int, transpose: bool = False) -> ShapeRule:
    length = _transposed_length if transpose else _window_length

    def rule(shape: Shape, layer: Layer) -> Shape:
        where = _spatial_axes(shape, layer, nd)
        if where is None:
            return UNKNOWN_SHAPE
        axes, channel = where
        padding = str_arg(layer, "padding", "valid")
        sizes = zip(axes, _per_axis(layer, "kernel_size", nd, UNKNOWN), _per_axis(layer, "strides", nd, 1), _per_axis(layer, "dilation_rate", nd, 1))
        out = shape
        for axis, kernel, stride, dilation in sizes:
            out = out.with_dim(axis, length(shape[axis], kernel, stride, padding, dilation))
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


# -- the table -------------------------------------------------------------

_AT_LEAST_2D = (2, 3, 4, 5, 6)
_RNN = ("units",)
_CONV = ("filters", "kernel_size", "strides", "padding")
_POOL = ("pool_size", "strides", "padding")
_SAME = same_shape

ENTRIES: Tuple[LayerEntry, ...] = (
    LayerEntry("LSTM", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(4)),
    LayerEntry("GRU", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(3)),
    LayerEntry("SimpleRNN", recurrent_output, _RNN, ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=recurrent_params(1)),
    LayerEntry("Bidirectional", bidirectional_output, ("layer", "merge_mode"), ranks=(3,), weight_axes=(-1,), family="recurrent", param_count=bidirectional_params),
    LayerEntry("TimeDistributed", time_distributed_output, ("layer",), ranks=(3, 4, 5, 6), param_count=time_distributed_params),
    LayerEntry("Dense", last_axis_to("units"), ("units", "activation"), ranks=_AT_LEAST_2D, weight_axes=(-1,), param_count=dense_params),
    LayerEntry("Embedding", embedding_output, ("input_dim", "output_dim"), family="embedding", param_count=embedding_params),
    LayerEntry("Dropout", _SAME, ("rate",), param_count=no_params),
    LayerEntry("SpatialDropout1D", _SAME, ("rate",), ranks=(3,), param_count=no_params),
    LayerEntry("GaussianNoise", _SAME, ("stddev",), param_count=no_params),
    LayerEntry("Flatten", flatten_output, param_count=no_params),
    LayerEntry("Reshape", reshape_output, ("target_shape",), param_count=no_params),
    LayerEntry("RepeatVector", repeat_vector_output, ("n",), ranks=(2,), param_count=no_params),
    LayerEntry("Permute", permute_output, ("dims",), param_count=no_params),
    LayerEntry("Conv1D", conv_output(1), _CONV, ranks=(3,), weight_axes=(-1,), family="window", folds_extra_axes_keras2=True, param_count=conv_params(1)),
    LayerEntry("MaxPooling1D", pooling_output(1), _POOL, ranks=(3,), family="window", param_count=no_params),
    LayerEntry("AveragePooling1D", pooling_output(1), _POOL, ranks=(3,), family="window", param_count=no_params),
    LayerEntry("GlobalAveragePooling1D", global_pooling_output(1), ("data_format",), ranks=(3,), param_count=no_params),
    LayerEntry("GlobalMaxPooling1D", global_pooling_output(1), ("data_format",), ranks=(3,), param_count=no_params),
    LayerEntry("UpSampling1D", resize_output(1, "size", 2, "*"), ("size",), ranks=(3,), param_count=no_params),
    LayerEntry("ZeroPadding1D", resize_output(1, "padding", 1, "+"), ("padding",), ranks=(3,), param_count=no_params),
    LayerEntry("Cropping1D", resize_output(1, "cropping", (1, 1), "-"), ("cropping",), ranks=(3,), param_count=no_params),
    LayerEntry("Conv2D", conv_output(2), _CONV, ranks=(4,), weight_axes=(-1,), family="window", folds_extra_axes_keras2=True, param_count=conv_params(2)),
    LayerEntry("SeparableConv2D", conv_output(2), _CONV, ranks=(4,), weight_axes=(-1,), family="window", param_count=separable_conv_params(2)),
    LayerEntry("Conv2DTranspose", conv_output(2, transpose=True), _CONV, ranks=(4,), weight_axes=(-1,), param_count=conv_params(2, transpose=True)),
    LayerEntry("MaxPooling2D", pooling_output(2), _POOL, ranks=(4,), family="window", param_count=no_params),
    LayerEntry("AveragePooling2D", pooling_output(2), _POOL, ranks=(4,), family="window", param_count=no_params),
    LayerEntry("GlobalAveragePooling2D", global_pooling_output(2), ("data_format",), ranks=(4,), param_count=no_params),
    LayerEntry("GlobalMaxPooling2D", global_pooling_output(2), ("data_format",), ranks=(4,), param_count=no_params),
    LayerEntry("UpSampling2D", resize_output(2, "size", 2, "*"), ("size",), ranks=(4,), param_count=no_params),
    LayerEntry("ZeroPadding2D", resize_output(2, "padding", 1, "+"), ("padding",), ranks=(4,), param_count=no_params),
    LayerEntry("Cropping2D", resize_output(2, "cropping", ((0, 0), (0, 0)), "-"), ("cropping",), ranks=(4,), param_count=no_params),
    LayerEntry("ConvLSTM2D", conv_lstm2d_output, _CONV, ranks=(5,), weight_axes=(-1,), family="window", param_count=conv_lstm2d_params),
    LayerEntry("BatchNormalization", _SAME, ("axis",), weight_axes=(-1,), param_count=normalization_params(4)),
    LayerEntry("LayerNormalization", _SAME, ("axis",), weight_axes=(-1,), param_count=normalization_params(2)),
    LayerEntry("Activation", _SAME, ("activation",), param_count=no_params),
    LayerEntry("Masking", _SAME, ("mask_value",), param_count=no_params),
    LayerEntry("Concatenate", _SAME, ("axis",), family="merge", param_count=no_params),
    LayerEntry("InputLayer", _SAME, ("input_shape",), family="input", param_count=no_params),
    LayerEntry("TextVectorization", text_vectorization_output, ("max_tokens",), family="strings"),
    LayerEntry("StringLookup", _SAME, family="strings"),
    LayerEntry("Hashing", _SAME, ("num_bins",), family="strings", param_count=no_params),
)

LAYERS: Dict[str, LayerEntry] = {entry.name: entry for entry in ENTRIES}

# Layers that exist but are not in the table: their output shape is unknown.
OPAQUE = LayerEntry("?", lambda shape, layer: UNKNOWN_SHAPE)

MULTI_INPUT_RULES = {"Concatenate": concatenate_output}


def lookup(name: str) -> Optional[LayerEntry]:
    return LAYERS.get(LAYER_ALIASES.get(name, name))
