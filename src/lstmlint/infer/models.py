"""Model graphs: how layers are stacked or wired, and what shapes flow through.

Sequential models are built as Keras builds them: from a declared input
(``Input`` first in the list, ``InputLayer``, or the first layer's
``input_shape=``/``input_dim=``/``batch_input_shape=``), else from the first
data they are given.  Each layer application is reported as a
:class:`~.facts.LayerCall`.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

import libcst as cst

from .facts import LayerCall
from .layer_table import MULTI_INPUT_RULES, int_arg
from .shapes import UNKNOWN, UNKNOWN_SHAPE, Shape, Sym, declared_dims, is_known
from .values import Layer, Model, Tensor

Sink = Callable[[object], None]


def _tuple_dims(value: object) -> Optional[tuple]:
    if isinstance(value, list):
        value = tuple(value)
    if isinstance(value, tuple):
        return tuple(d if is_known(d) or isinstance(d, Sym) else UNKNOWN for d in declared_dims(value))
    if is_known(value):
        return (value,)
    return None


def declared_input(layer: Layer, keras_version: int) -> Optional[Tensor]:
    """The input a layer declares through its constructor arguments, if any.

    Keras 3 reads ``input_shape`` and, on every layer but Embedding, ``input_dim``;
    it rejects ``batch_input_shape`` and ignores ``input_length``.  Keras 2 also
    reads ``batch_input_shape``, and ``input_dim``/``input_length`` on recurrent
    layers and Embedding.
    """
    args, nodes = layer.args, layer.arg_nodes
    if layer.entry.family == "input":
        key = next((k for k in ("shape", "input_shape", "batch_shape", "batch_input_shape") if k in args), None)
        if key is None:
            return None
        dims = _tuple_dims(args[key])
        if dims is None:
            return Tensor(UNKNOWN_SHAPE, nodes[key], declared_by=key)
        full = dims if key.startswith("batch") else (UNKNOWN,) + dims
        return Tensor(Shape(full), nodes[key], declared_by=key)
    if "batch_input_shape" in args and keras_version == 2:
        dims = _tuple_dims(args["batch_input_shape"])
        return _declared(Shape(dims) if dims is not None else UNKNOWN_SHAPE, layer, "batch_input_shape")
    if "input_shape" in args:
        dims = _tuple_dims(args["input_shape"])
        return _declared(Shape((UNKNOWN,) + dims) if dims is not None else UNKNOWN_SHAPE, layer, "input_shape")
    family = layer.entry.family
    if keras_version == 3:
        if "input_dim" in args and family != "embedding":
            return _declared(Shape((UNKNOWN, int_arg(layer, "input_dim"))), layer, "input_dim")
        return None
    if family == "recurrent" and ("input_dim" in args or "input_length" in args):
        key = "input_dim" if "input_dim" in args else "input_length"
        return _declared(Shape((UNKNOWN, int_arg(layer, "input_length"), int_arg(layer, "input_dim"))), layer, key)
    if family == "embedding" and "input_length" in args:
        return _declared(Shape((UNKNOWN, int_arg(layer, "input_length"))), layer, "input_length")
    if "input_dim" in args and family != "embedding":
        return _declared(Shape((UNKNOWN, int_arg(layer, "input_dim"))), layer, "input_dim")
    return None


def _declared(shape: Shape, layer: Layer, key: str) -> Tensor:
    return Tensor(shape, layer.arg_nodes[key], declared_by=key)


def apply_layer(
    layer: Layer,
    inputs: Sequence[Tensor],
    site: cst.CSTNode,
    sink: Sink,
    keras_version: int,
    model: Optional[Model] = None,
    via_data: Optional[cst.CSTNode] = None,
) -> Tensor:
    """Apply ``layer`` to ``inputs``, report the application, return the output tensor."""
    entry = layer.entry
    accepted = True
    if entry.name in MULTI_INPUT_RULES:
        output = MULTI_INPUT_RULES[entry.name]([t.shape for t in inputs], layer)
    elif len(inputs) != 1:
        output = UNKNOWN_SHAPE
    else:
        shape = inputs[0].shape
        accepted = shape.rank is None or entry.accepts_rank(shape.rank, keras_version)
        output = entry.output(shape, layer) if accepted and shape.rank is not None else UNKNOWN_SHAPE
        if model is not None and not accepted:
            model.certain = False  # Keras fails building it: later checks would only echo that
    sink(LayerCall(layer, list(inputs), output, site, model, via_data, accepted))
    for tensor in inputs:
        tensor.consumers.append(layer)
    if output.dims is not None and any(is_known(d) and d <= 0 for d in output.dims):
        output = UNKNOWN_SHAPE  # Keras raises here (LS103): later layers would only echo it
        if model is not None:
            model.certain = False
    return Tensor(output, None, producer=layer, parents=list(inputs))


def run_stack(model: Model, start: Tensor, sink: Sink, keras_version: int, via_data: Optional[cst.CSTNode] = None) -> Tensor:
    """Push ``start`` through every layer of a Sequential model, recording build shapes."""
    current = start
    model.built_shapes = []
    for layer in model.layers:
        model.built_shapes.append((layer, current.shape))
        current = apply_layer(layer, [current], layer.node, sink, keras_version, model, via_data)
    model.outputs = [current]
    return current


def add_layer(model: Model, layer: Layer, sink: Sink, keras_version: int) -> None:
    """``model.add(layer)`` (and each item of ``Sequential([...])``)."""
    if layer.entry.family == "input" and not model.layers:
        declared = declared_input(layer, keras_version)
        if declared is not None:
            _declare(model, declared)
        return
    if not model.layers and not model.inputs and layer.entry.name != "?":  # an opaque layer declares nothing we trust
        declared = declared_input(layer, keras_version)
        if declared is not None:
            _declare(model, declared)
    model.layers.append(layer)
    if model.outputs:
        model.built_shapes.append((layer, model.outputs[0].shape))
        model.outputs = [apply_layer(layer, [model.outputs[0]], layer.node, sink, keras_version, model)]


def add_input_tensor(model: Model, tensor: Tensor) -> None:
    """``Sequential([keras.Input(...), ...])``: an Input as the first item."""
    if not model.layers and not model.inputs:
        _declare(model, tensor)


def _declare(model: Model, tensor: Tensor) -> None:
    declared = Tensor(tensor.shape, tensor.declared_at, declared_by=tensor.declared_by)
    model.inputs = [declared]
    model.outputs = [declared]


def build_from_data(model: Model, data_shape: Shape, origin: cst.CSTNode, call: cst.CSTNode, sink: Sink, keras_version: int) -> None:
    """An unbuilt Sequential model meets its first data: Keras builds it from that shape."""
    if data_shape.dims is None or not model.layers:
        return
    start = Tensor(Shape((UNKNOWN,) + data_shape.dims[1:]), origin, from_data=True)
    model.inputs = [start]
    run_stack(model, start, sink, keras_version, via_data=call)


def first_weight_conflict(model: Model, data_shape: Shape, keras_version: int) -> Optional[Tuple[Layer, Shape, Shape]]:
    """For data that differs from a Sequential model's built input: the first layer
    whose weights were sized for another input (layer, built input, new input)."""
    if data_shape.dims is None:
        return None
    current = Shape((UNKNOWN,) + data_shape.dims[1:])
    for layer, built in model.built_shapes:
        if current.dims is None or built.dims is None or current.rank != built.rank:
            return None
        if layer.args.get("data_format", "channels_last") != "channels_last":
            return None  # channels first (or not known): the weights' axis is not the last
        for axis in layer.entry.weight_axes:
            new, old = current[axis], built[axis]
            if is_known(new) and is_known(old) and new != old:
                return layer, built, current
        if not layer.entry.accepts_rank(current.rank, keras_version):
            return None
        current = layer.entry.output(current, layer)
    return None


def functional_model(node: cst.CSTNode, inputs: List[Tensor], outputs: List[Tensor]) -> Model:
    return Model(
        kind="functional",
        node=node,
        inputs=inputs,
        outputs=outputs,
        input_consumers=[list(t.consumers) for t in inputs],
    )


def input_layers(model: Model, index: int = 0) -> List[Layer]:
    """The layers that receive the model's input number ``index`` directly."""
    if model.kind == "sequential":
        return model.layers[:1]
    return model.input_consumers[index] if index < len(model.input_consumers) else []
