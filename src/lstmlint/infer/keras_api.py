"""Keras API calls: building layers and models, and giving models data.

These handlers need more than their arguments (the fact sink, the target
Keras version, how deep in branches the code runs), so they receive the
interpreter's :class:`KerasContext`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, List, Optional

from . import models
from .arrays import as_data, dtype_name, shape_arg
from .callargs import CallArgs
from .datasets import batches
from .facts import Compiled, DataCall, ModelMethodCall, NestedModelCall
from .layer_table import MERGE_FUNCTIONS, OPAQUE, LayerEntry, accepted_keywords, lookup, required_parameters
from .losses import loss_name
from .removed_api import METHODS as REMOVED_METHODS
from .shapes import UNKNOWN, UNKNOWN_SHAPE, Shape, declared_dims, is_known
from .values import Array, Instance, Layer, Model, Tensor


@dataclass
class KerasContext:
    sink: Callable[[object], None]
    keras_version: int
    depth: int  # branches and loops entered: code this deep may not run
    run_model_call: Callable[[Model, Tensor], Any]  # traces a subclassed model's call()
    surely_runs: bool = True  # not in a branch or loop, nor in a function the module never calls


# Callbacks whose arguments rules check when they are constructed.
CHECKED_CALLBACKS = frozenset({"keras.callbacks.ModelCheckpoint"})

# Keras 2's generator methods (Keras 3 has only fit/evaluate/predict).

_DATA_METHODS = {
    "fit": True,
    "evaluate": True,
    "train_on_batch": True,
    "test_on_batch": True,
    "predict": False,
    "predict_on_batch": False,
    "__call__": False,  # model(x) on arrays: a prediction
}


def is_layer_name(qualname: str) -> bool:
    module, _, name = qualname.rpartition(".")
    return module == "keras.layers" and name[:1].isupper() and name not in ("Input", "Layer")


_DATA_FORMAT_LAYERS = ("Conv", "Pool", "UpSampling", "ZeroPadding", "Cropping", "SpatialDropout", "Flatten")


def _takes_data_format(name: str) -> bool:
    return any(part in name for part in _DATA_FORMAT_LAYERS)


def lacks_required_argument(name: str, a: CallArgs, keras_version: int) -> bool:
    """No ``units``/``filters``/``kernel_size`` (Keras 1 spelt them ``output_dim=``,
    ``nb_filter=``...), no ``pool_size`` for Keras 3's AveragePooling, no
    ``target_shape`` for Reshape...: the constructor raises TypeError before any
    shape or other argument matters.  The required parameters are data
    (``layer_keywords.REQUIRED``, observed under real Keras)."""
    if lookup(name, keras_version) is None or a.has_star:
        return False
    required = required_parameters(name, keras_version)
    return any(i >= len(a.positional) and param not in a.keywords for i, param in enumerate(required))


def rejects_keyword(name: str, a: CallArgs, keras_version: int) -> bool:
    """A keyword this Keras refuses (Keras 1 ``border_mode=``...: LS602): the
    layer is never built, and reading its shape without that argument would be a guess."""
    from .removed_api import keyword_entry

    return any((entry := keyword_entry(name, keyword)) is not None and keras_version in entry.raises for keyword in a.keywords)


# Keras 2's input declarations Keras 3 refuses (LS106): what follows is judged as if
# they were dropped (``SimpleRNN(4, input_length=3, input_dim=1)`` still declares
# (None, 1), and LS101 says what Keras raises next).
_DROPPED_INPUT_DECLARATIONS = frozenset({"input_length", "batch_input_shape"})


def unknown_keywords(name: str, a: CallArgs, keras_version: int) -> List[str]:
    """The keywords of the call that this Keras's constructor of layer ``name``
    refuses as unknown (``LSTM(4, return_sequence=True)``), in call order: the
    layer is never built.  Empty when the layer's keywords are not known or it
    takes any."""
    accepted = accepted_keywords(name, keras_version)
    if accepted is None:
        return []
    return [keyword for keyword in a.keywords if keyword not in accepted]


def make_layer(ctx: KerasContext, qualname: str, a: CallArgs, data_format: Any = "channels_last") -> Layer:
    """A layer from its constructor call; ``data_format`` is the program's
    default (``set_image_data_format``), used where the call gives none."""
    name = qualname.rpartition(".")[2]
    entry: LayerEntry = lookup(name, ctx.keras_version) or OPAQUE
    values, nodes = a.bind(entry.params)
    if data_format != "channels_last" and _takes_data_format(entry.name):
        # 2D/3D layers default to the program's format; 1D ones do under Keras 3
        # but not Keras 2: unknown there.
        values.setdefault("data_format", data_format if not entry.name.endswith("1D") else UNKNOWN)
    if (
        a.has_star
        or lacks_required_argument(name, a, ctx.keras_version)
        or rejects_keyword(name, a, ctx.keras_version)
        or [k for k in unknown_keywords(name, a, ctx.keras_version) if k not in _DROPPED_INPUT_DECLARATIONS]
    ):
        entry = OPAQUE  # never built (or not knowably so): nothing is read from its arguments
    inner = values.get("layer") if "layer" in entry.params else None
    if isinstance(inner, Model) and inner.kind != "subclassed":
        inner = models.model_as_layer(inner, ctx.keras_version)  # TimeDistributed(some_model)
    return Layer(entry, values, nodes, a.node, inner=inner if isinstance(inner, Layer) else None)


def merge_function(ctx: KerasContext, qualname: str, a: CallArgs) -> Any:
    """``layers.concatenate([a, b], axis=1)`` and kin: the layer made and called at once."""
    name = MERGE_FUNCTIONS[qualname.rpartition(".")[2]]
    rest = CallArgs(a.node, a.positional[1:], {k: v for k, v in a.keywords.items() if k != "inputs"}, a.positional_nodes[1:], dict(a.keyword_nodes), a.has_star)
    rest.keyword_nodes.pop("inputs", None)
    layer = make_layer(ctx, name, rest)
    return call_layer(ctx, layer, CallArgs(a.node, [a.get(0, "inputs")], positional_nodes=[a.node_of(0, "inputs") or a.node]))


def make_input(a: CallArgs) -> Tensor:
    shape = shape_arg(declared_dims(a.get(0, "shape", None)))
    batch_shape = shape_arg(declared_dims(a.get(None, "batch_shape", None)))
    if batch_shape is not None:
        full = batch_shape
    elif shape is not None and shape.dims is not None:
        full = Shape((a.get(1, "batch_size", None) or UNKNOWN,) + shape.dims)
    else:
        full = UNKNOWN_SHAPE
    return Tensor(full, a.node, dtype=dtype_name(a.get(None, "dtype", None)))


def _named(model: Model, a: CallArgs) -> Model:
    """``name=`` of the model (``model.name``, and its name nested in another model)."""
    name = a.get(None, "name", None)
    if isinstance(name, str):
        model.attrs["name"] = name
    return model


def make_sequential(ctx: KerasContext, a: CallArgs) -> Model:
    model = _named(Model("sequential", a.node, created_depth=ctx.depth), a)
    items = a.get(0, "layers", None)
    if items is None:
        return model
    if not isinstance(items, (list, tuple)):
        model.certain = False
        return model
    for item in items:
        _add(ctx, model, item, a.node)
    return model


def _add(ctx: KerasContext, model: Model, item: Any, node: Any) -> None:
    if isinstance(item, Layer):
        models.add_layer(model, item, ctx.sink, ctx.keras_version)
    elif isinstance(item, Tensor) and item.producer is None:
        models.add_input_tensor(model, item)
    else:
        models.add_layer(model, Layer(OPAQUE, {}, {}, node), ctx.sink, ctx.keras_version)


def make_functional(a: CallArgs) -> Model:
    inputs = _tensors(a.get(0, "inputs"))
    outputs = _tensors(a.get(1, "outputs"))
    if inputs is None or outputs is None:
        model = Model("functional", a.node)
        model.certain = False
        return model
    return _named(models.functional_model(a.node, inputs, outputs), a)


def _tensors(value: Any) -> Optional[List[Tensor]]:
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    return items if items and all(isinstance(t, Tensor) for t in items) else None


def call_layer(ctx: KerasContext, layer: Layer, a: CallArgs) -> Any:
    """``layer(tensor)``, ``layer([t1, t2])`` (merge layers), or
    ``layer(query, value, key)`` (MultiHeadAttention) in the Functional API."""
    if layer.entry.call == "attention":
        arg: Any = [a.get(i, name, None) for i, name in enumerate(("query", "value", "key"))]
        arg = arg[:2] if arg[2] is None else arg
    else:
        arg = a.get(0, "inputs")
    tensors = _tensors(arg)
    if tensors is None:
        return UNKNOWN
    if (isinstance(arg, Tensor) or layer.entry.merge is None) and len(tensors) != 1:
        return UNKNOWN
    return models.apply_layer(layer, tensors, a.node, ctx.sink, ctx.keras_version, certain=ctx.surely_runs)


def call_model(ctx: KerasContext, model: Model, a: CallArgs) -> Any:
    """A model used as a layer: a subclassed model's ``call`` traced, another
    model one layer of the outer graph (its output replayed on the new input)."""
    tensor = a.get(0, "inputs")
    arrays = tensor if isinstance(tensor, list) and tensor and all(isinstance(t, Array) for t in tensor) else [tensor]
    if all(isinstance(t, Array) and t.kind in ("numpy", "tensor") for t in arrays) and model.kind != "subclassed":
        _data_call(ctx, model, "__call__", a)
        return UNKNOWN
    if model.kind == "subclassed" and isinstance(tensor, Tensor):
        return ctx.run_model_call(model, tensor)
    if model.kind == "subclassed" or _tensors(tensor) is None or not model.certain:
        return UNKNOWN
    if model.kind == "sequential" and not model.inputs and isinstance(tensor, Tensor):
        current = tensor  # an unbuilt stack: this call builds it
        for layer in model.layers:
            current = models.apply_layer(layer, [current], a.node, ctx.sink, ctx.keras_version, model, certain=ctx.surely_runs)
        return current
    if isinstance(tensor, Tensor) and len(model.inputs) == 1:
        ctx.sink(NestedModelCall(model, tensor, a.node))
    return call_layer(ctx, models.model_as_layer(model, ctx.keras_version), a)


def model_attribute(model: Model, attr: str) -> Any:
    """``model.layers`` (Sequential), ``model.input``/``output`` (Functional); else None."""
    if attr == "layers" and model.kind == "sequential" and model.certain:
        return list(model.layers)
    if model.kind == "functional" and attr in ("input", "output", "inputs", "outputs"):
        tensors = model.inputs if attr.startswith("input") else model.outputs
        if attr.endswith("s"):
            return list(tensors)
        return tensors[0] if len(tensors) == 1 else UNKNOWN
    return None


def get_layer(model: Model, a: CallArgs) -> Any:
    """``model.get_layer("name")`` / ``get_layer(index=i)``: the layer, when certain."""
    if not model.certain or a.has_star:
        return UNKNOWN
    found = models.graph_layers(model)
    name = a.get(0, "name", None)
    if isinstance(name, str):
        named = [layer for layer in found if layer.args.get("name") == name]
        return named[0] if len(named) == 1 else UNKNOWN
    index = a.get(1, "index", None)
    if model.kind == "sequential" and is_known(index) and -len(found) <= index < len(found):
        return found[index]
    return UNKNOWN


def model_method(ctx: KerasContext, model: Model, method: str, a: CallArgs) -> Any:
    ctx.sink(ModelMethodCall(model, method, a))
    removed = REMOVED_METHODS.get(method)
    if removed is not None:  # old code: fit_generator(g, 10) is fit(g, steps_per_epoch=10)
        method, a = removed.modern, modern_args(a, removed.old_positional, removed.old_first)
    if method == "get_layer":
        return get_layer(model, a)
    if method == "add":
        layer = a.get(0, "layer")
        if ctx.depth > model.created_depth:
            model.certain = False  # added in a branch or loop the model does not share
        _add(ctx, model, layer, a.node)
        return None
    if method == "compile":
        loss = a.get(1, "loss", None)
        model.loss = loss_name(loss) if loss is not None else None
        model.loss_arg = loss
        model.loss_node = a.node_of(1, "loss")
        model.compiled = True if ctx.depth <= model.created_depth or model.compiled else None
        model.metrics = a.get(None, "metrics", None)
        model.metrics_node = a.node_of(None, "metrics")
        ctx.sink(Compiled(model, a))
        return None
    if method == "build" and model.kind == "subclassed":
        shape = shape_arg(a.get(0, "input_shape"))
        if shape is not None and not model.outputs:
            _trace(ctx, model, Tensor(shape, a.node))
        return None
    if method == "build":
        shape = shape_arg(a.get(0, "input_shape"))
        if shape is not None and not model.inputs and model.kind == "sequential":
            start = Tensor(shape, a.node)
            model.inputs = [start]
            models.run_stack(model, start, ctx.sink, ctx.keras_version)
        return None
    if method in _DATA_METHODS:
        _data_call(ctx, model, method, a)
    return UNKNOWN


def _data_call(ctx: KerasContext, model: Model, method: str, a: CallArgs) -> None:
    x_node = a.node_of(0, "x")
    raw_x = a.get(0, "x")
    takes_y = _DATA_METHODS[method]
    y_node = a.node_of(1, "y") if takes_y else None
    if isinstance(raw_x, Instance) and raw_x.type_name == "tensorflow.data.Dataset":
        x, y = batches(raw_x)
        y = y if takes_y else UNKNOWN
    else:
        x = _data(raw_x, x_node, len(model.inputs))
        y = _data(a.get(1, "y"), y_node, len(model.outputs)) if takes_y else UNKNOWN
        if isinstance(y, list):
            y = UNKNOWN  # one target per output: checked by no rule yet
    if model.kind == "subclassed" and not model.outputs and isinstance(x, Array) and x.shape.dims:
        _trace(ctx, model, Tensor(Shape((UNKNOWN,) + x.shape.dims[1:]), x.origin))
    if model.kind == "sequential" and not model.inputs and model.certain and isinstance(x, Array):
        if x.dtype not in ("object", "str") and not x.ragged and not _keras2_squeezes(ctx, model, x):
            models.build_from_data(model, x.shape, x.origin or a.node, a.node, ctx.sink, ctx.keras_version)
    targets = a.get(1, "y") if takes_y else UNKNOWN
    feeds = _feeds(model, x, y, x_node, y_node, False)
    validation = a.get(None, "validation_data", None)
    val_targets = UNKNOWN
    if method == "fit" and isinstance(validation, tuple) and len(validation) >= 2:
        v_node = a.node_of(None, "validation_data")
        val_targets = validation[1]
        feeds += _feeds(model, _data(validation[0], v_node, len(model.inputs)), as_data(val_targets, v_node), v_node, v_node, True)
    for px, py, pxn, pyn, is_validation, index, given in feeds:
        ctx.sink(
            DataCall(
                method=method,
                model=model,
                node=a.node,
                x=px,
                y=py,
                x_node=pxn,
                y_node=pyn,
                compiled=model.compiled,
                loss=model.loss,
                loss_node=model.loss_node,
                validation=is_validation,
                input_layers=models.input_layers(model, index),
                input_index=index,
                arrays_given=given,
                validation_split=a.get(None, "validation_split", 0) not in (0, 0.0, None),
                metrics=model.metrics,
                metrics_node=model.metrics_node,
                targets=_as_targets(val_targets, pyn) if is_validation else _as_targets(targets, y_node),
                batch_size=a.get(2, "batch_size", None) if takes_y else a.get(1, "batch_size", None),
            )
        )


def _as_targets(value: Any, node: Any) -> Any:
    """``y`` as written, its arrays made data: one array, or a list/tuple/dict of them."""
    if isinstance(value, dict):
        return {key: as_data(item, node) for key, item in value.items()} if all(isinstance(k, str) for k in value) else UNKNOWN
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (Array, Tensor)) for v in value):
        return type(value)(as_data(item, node) for item in value)
    return as_data(value, node)


def _data(value: Any, node: Any, count: int = 1) -> Any:
    """Data for the model's input(s): one array, or a list of arrays for several
    inputs (a list as long as the model has inputs is one item per input)."""
    parts = list(value) if isinstance(value, (list, tuple)) else []
    if count > 1 and len(parts) == count:
        return [v if isinstance(v, (Array, Tensor)) else UNKNOWN for v in parts]
    if len(parts) > 1 and all(isinstance(v, (Array, Tensor)) or v is UNKNOWN for v in parts) and parts.count(UNKNOWN) < len(parts):
        return parts
    return as_data(value, node)


def _feeds(model: Model, x: Any, y: Any, x_node: Any, y_node: Any, validation: bool) -> list:
    """One (x, y, ...) per model input: a list of arrays feeds a multi-input model."""
    if isinstance(x, list) and len(model.inputs) == len(x):
        return [(part, y, x_node, y_node, validation, index, len(x)) for index, part in enumerate(x)]
    if isinstance(x, list):
        return [(UNKNOWN, y, x_node, y_node, validation, 0, len(x))]
    return [(x, y, x_node, y_node, validation, 0, 1)]


def _trace(ctx: KerasContext, model: Model, inputs: Tensor) -> None:
    """Keras builds a subclassed model by running ``call`` on its first input."""
    output = ctx.run_model_call(model, inputs)
    if isinstance(output, Tensor):
        model.outputs = [output]


def _keras2_squeezes(ctx: KerasContext, model: Model, x: Array) -> bool:
    """Keras 2 drops a trailing axis of size 1 before an unbuilt Embedding: ids
    of shape (n, t, 1) work there (and fail under Keras 3)."""
    return (
        ctx.keras_version == 2
        and model.layers[:1] != []
        and model.layers[0].name == "Embedding"
        and x.shape.rank is not None
        and x.shape.rank >= 3
        and x.shape[-1] == 1
    )


def make_loss(qualname: str, a: CallArgs) -> Instance:
    """``keras.losses.SparseCategoricalCrossentropy(...)``, ``keras.metrics.AUC()`` and kin: only the class matters."""
    return Instance(qualname)


def modern_args(a: CallArgs, old_positional, old_first: str) -> CallArgs:
    """The arguments of an old method call as the modern method reads them: those
    after the first named as the old signature named them, ``generator=`` as ``x=``."""
    if len(a.positional) <= 1 and old_first not in a.keywords:
        return a
    named = dict(zip(old_positional, a.positional[1:]))
    nodes = dict(zip(old_positional, a.positional_nodes[1:]))
    rename = {old_first: "x"}
    keywords = {rename.get(k, k): v for k, v in a.keywords.items()}
    keyword_nodes = {rename.get(k, k): v for k, v in a.keyword_nodes.items()}
    return CallArgs(a.node, a.positional[:1], {**named, **keywords}, a.positional_nodes[:1], {**nodes, **keyword_nodes}, a.has_star)
