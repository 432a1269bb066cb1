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
from .layer_table import LayerEntry, int_arg
from .shapes import UNKNOWN, UNKNOWN_SHAPE, Dim, Shape, Sym, declared_dims, dims_equal, is_known
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
    certain: bool = True,
) -> Tensor:
    """Apply ``layer`` to ``inputs``, report the application, return the output tensor.

    The first application builds the layer: its weights are sized from that
    input (``layer.built_on``).  ``certain`` says this call surely runs after
    the earlier ones (not in an exclusive branch): only then is an input the
    built weights cannot take reported (``LayerCall.built_on``)."""
    entry = layer.entry
    shapes = [t.shape for t in inputs]
    certain = certain and (model is None or model.certain)
    accepted, output = layer_output(entry, shapes, layer, keras_version)
    if model is not None and not accepted:
        model.certain = False  # Keras fails building it: later checks would only echo that
    built_on = layer.built_on[0] if layer.built_on is not None and layer.built_certain and certain and len(shapes) == 1 else None
    if built_on is not None and rebuild_conflict(entry, built_on, shapes[0], keras_version):
        output = UNKNOWN_SHAPE  # Keras raises: what follows is unknown
    sink(LayerCall(layer, list(inputs), output, site, model, via_data, accepted, built_on))
    if layer.built_on is None and accepted:
        layer.built_on, layer.built_certain = shapes, certain
    for tensor in inputs:
        tensor.consumers.append(layer)
    if output.dims is not None and any(is_known(d) and d <= 0 for d in output.dims):
        output = UNKNOWN_SHAPE  # Keras raises here (LS103): later layers would only echo it
        if model is not None:
            model.certain = False
    return Tensor(output, None, producer=layer, parents=list(inputs))


def layer_output(entry: LayerEntry, shapes: Sequence[Shape], layer: Layer, keras_version: int) -> Tuple[bool, Shape]:
    """(whether the layer takes inputs of these ranks, its output shape)."""
    if entry.merge is not None:
        return True, entry.merge(shapes, layer)
    if len(shapes) != 1:
        return True, UNKNOWN_SHAPE
    shape = shapes[0]
    if shape.rank is None:
        return True, UNKNOWN_SHAPE
    if not entry.accepts_rank(shape.rank, keras_version):
        return False, UNKNOWN_SHAPE
    return True, entry.output(shape, layer)


def rebuild_conflict(entry: LayerEntry, built: Shape, new: Shape, keras_version: int) -> Optional[int]:
    """The axis on which a built layer's weights cannot take ``new`` (Keras raises), if certain."""
    if keras_version not in entry.rebuild_checked or built.rank != new.rank or built.rank is None:
        return None
    for axis in entry.weight_axes:
        old, now = built[axis], new[axis]
        if is_known(old) and is_known(now) and old != now:
            return axis % built.rank
    return None


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


# -- models used as layers ---------------------------------------------------


def accepts_input(declared: Shape, given: Shape) -> bool:
    """Whether a model input declared as ``declared`` surely takes ``given``
    (same rank, no axis that certainly differs): Keras 3 checks every axis."""
    if declared.dims is None or given.dims is None or declared.rank != given.rank:
        return False
    return all(dims_equal(a, b) is not False for a, b in zip(declared.dims[1:], given.dims[1:]))


def replay(model: Model, shapes: Sequence[Shape], keras_version: int) -> Shape:
    """The output shape of ``model`` called on inputs of ``shapes``, computed
    without reporting anything; unknown where the model would not surely run."""
    if not model.certain or len(model.outputs) != 1 or len(shapes) != len(model.inputs) or not model.inputs:
        return UNKNOWN_SHAPE
    if not all(accepts_input(t.shape, s) for t, s in zip(model.inputs, shapes)):
        return UNKNOWN_SHAPE
    if model.kind == "sequential":
        shape = shapes[0]
        for layer in model.layers:
            accepted, shape = layer_output(layer.entry, [shape], layer, keras_version)
            if not accepted:
                return UNKNOWN_SHAPE
        return shape
    if model.kind != "functional":
        return UNKNOWN_SHAPE
    known = {id(t): s for t, s in zip(model.inputs, shapes)}

    def shape_of(tensor: Tensor, depth: int) -> Shape:
        if id(tensor) in known:
            return known[id(tensor)]
        if tensor.producer is None or depth > 200:
            return UNKNOWN_SHAPE
        parents = [shape_of(p, depth + 1) for p in tensor.parents]
        accepted, out = layer_output(tensor.producer.entry, parents, tensor.producer, keras_version)
        known[id(tensor)] = out if accepted else UNKNOWN_SHAPE
        return known[id(tensor)]

    return shape_of(model.outputs[0], 0)


def graph_layers(model: Model) -> List[Layer]:
    """Every layer of a model once, inputs first (Functional: walked from the outputs)."""
    if model.kind == "sequential":
        return list(model.layers)
    found: List[Layer] = []
    seen: set = set()

    def visit(tensor: Tensor, depth: int) -> None:
        if tensor.producer is None or depth > 200 or id(tensor) in seen:
            return
        seen.add(id(tensor))
        for parent in tensor.parents:
            visit(parent, depth + 1)
        if all(layer is not tensor.producer for layer in found):
            found.append(tensor.producer)

    for output in model.outputs:
        visit(output, 0)
    return found


def model_params(model: Model) -> Dim:
    """The weights of every layer of a model, each counted once, when all are known."""
    total: Dim = 0
    for layer in graph_layers(model):
        rule, built = layer.entry.param_count, layer.built_on
        count = rule(built[0], layer) if rule is not None and built else UNKNOWN
        if not is_known(count):
            return UNKNOWN
        total += count  # type: ignore[operator]
    return total if model.certain else UNKNOWN


def model_as_layer(model: Model, keras_version: int) -> Layer:
    """A model nested in another (``encoder(x)``, ``TimeDistributed(model)``):
    a layer whose output is the model replayed on its input."""
    entry = LayerEntry(
        "Sequential" if model.kind == "sequential" else "Functional",
        lambda shape, layer: replay(model, [shape], keras_version),
        param_count=lambda shape, layer: model_params(model),
        merge=(lambda shapes, layer: replay(model, shapes, keras_version)) if len(model.inputs) > 1 else None,
    )
    name = model.attrs.get("name")
    return Layer(entry, {"name": name} if isinstance(name, str) else {}, {}, model.node)  # type: ignore[arg-type]
