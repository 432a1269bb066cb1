"""Hover text: what lstmlint inferred about the thing under the cursor.

- a layer constructor, or a variable holding a layer or its output: the
  output shape and parameter count (from the static model summary);
- an array variable: its shape, dtype and the expression that made it;
- a model variable: its input and output shapes and parameter total;
- ``fit(...)`` / ``predict(...)``: the data and target shapes beside the
  model's input and output.

Only what inference knows is said: an unknown value gives no hover.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ..infer.facts import DataCall
from ..infer.values import Array, Layer, Model, Tensor
from ..infer.shapes import Shape, Unknown
from ..report.shapes import ModelSummary, Row, dim_text, params_text, total_text
from .analysis import Analysis, FitAt, LayerAt, NameAt, Target

_MAX_CODE = 80  # longer origins are cut (a hover is a glance)


def hover_text(analysis: Analysis, target: Target) -> Optional[str]:
    if isinstance(target, LayerAt):
        return _layer(analysis, target.rows)
    if isinstance(target, FitAt):
        return _fit(analysis, target.calls)
    return _value(analysis, target)


def _aliases(analysis: Analysis) -> Dict[str, str]:
    return analysis.summary.aliases if analysis.summary is not None else {}


def shape_label(shape: Shape, aliases: Dict[str, str], batch_first: bool = True) -> str:
    """Like ``lstmlint shapes`` shows it, except that a size inference does not
    know is ``?`` (``None`` is only the batch axis or a declared variable size)."""
    if shape.dims is None:
        return "?"
    dims = ["None" if i == 0 and batch_first else "?" if isinstance(d, Unknown) else dim_text(d, aliases) for i, d in enumerate(shape.dims)]
    return f"({dims[0]},)" if len(dims) == 1 else f"({', '.join(dims)})"


def fully_known(shape: Shape) -> bool:
    """Every size known but the batch axis."""
    return shape.dims is not None and not any(isinstance(d, Unknown) for d in shape.dims[1:])


def _shape(analysis: Analysis, shape: Shape, batch_first: bool = True) -> str:
    return f"`{shape_label(shape, _aliases(analysis), batch_first)}`"


def _layer(analysis: Analysis, rows: List) -> Optional[str]:
    known = [(model, row) for model, row in rows if row.output.dims is not None]
    if not known:
        return None
    model, row = known[0]
    lines = [f"**{row.type}** `{row.name}` → output {_shape(analysis, row.output)}", "", f"parameters: {_params(rows)}"]
    for _, other in known[1:]:
        lines.append(f"applied again → output {_shape(analysis, other.output)}")
    lines.append(f"in {_model_label(analysis, model)}")
    return "\n".join(lines)


def _params(rows: List) -> str:
    first = next((row for _, row in rows if not row.shared), rows[0][1])
    return params_text(first)


def _model_label(analysis: Analysis, model: ModelSummary) -> str:
    kind = {"sequential": "Sequential", "functional": "Functional", "subclassed": "subclassed"}.get(model.kind, model.kind)
    return f"{kind} model `{model.name}` ({_line_label(analysis, model.line)})"


def _value(analysis: Analysis, target: NameAt) -> Optional[str]:
    name, value = target.node.value, target.value
    if isinstance(value, Array):
        return _array(analysis, name, value)
    if isinstance(value, Tensor):
        if value.shape.dims is None:
            return None
        lines = [f"**{name}**: Keras tensor {_shape(analysis, value.shape)}"]
        rows = analysis.rows_of(value.producer.node) if value.producer is not None else []
        if rows:
            lines += ["", f"output of **{rows[0][1].type}** ({_line_label(analysis, rows[0][1].line)}), parameters: {_params(rows)}"]
        return "\n".join(lines)
    if isinstance(value, Layer):
        text = _layer(analysis, analysis.rows_of(value.node))
        return f"**{name}**: {text}" if text else None
    if isinstance(value, Model):
        model = analysis.model_of(value.node)
        return _model(analysis, name, model) if model is not None else None
    return None


def _array(analysis: Analysis, name: str, value: Array) -> Optional[str]:
    if value.shape.dims is None:
        return None
    what = {"list": "Python list", "tensor": "tensor"}.get(value.kind, "array")
    lines = [f"**{name}**: {what} {_shape(analysis, value.shape, batch_first=False)}" + (f", dtype `{value.dtype}`" if value.dtype else "")]
    where = analysis.positions.get(value.origin) if value.origin is not None else None
    if where is not None and analysis.module is not None:
        code = analysis.module.code_for_node(value.origin).strip().splitlines()[0]
        code = code if len(code) <= _MAX_CODE else code[: _MAX_CODE - 1] + "…"
        lines += ["", f"made at {_line_label(analysis, where.start.line)}: `{code}`"]
    return "\n".join(lines)


def _model(analysis: Analysis, name: str, model: ModelSummary) -> Optional[str]:
    inputs = [row for row in model.rows if row.is_input]
    outputs = [model.rows[i] for i in model.outputs]
    if not model.built or not outputs:
        return None
    lines = [f"**{name}**: {_model_label(analysis, model)}", ""]
    if inputs:
        lines.append("input " + ", ".join(_shape(analysis, row.output) for row in inputs))
    lines.append("output " + ", ".join(_shape(analysis, row.output) for row in outputs))
    lines.append(f"total parameters: {total_text(model)}")
    return "\n".join(lines)


def _fit(analysis: Analysis, calls: List[DataCall]) -> Optional[str]:
    """The data of each input beside the model's, then the targets."""
    xs: List[str] = []
    ys: List[str] = []
    for call in sorted(calls, key=lambda c: (c.validation, c.input_index)):
        label = "validation_data" if call.validation else f"`{call.method}`"
        which = f"x[{call.input_index}]" if len(call.model.inputs) > 1 else "x"
        xs.append(f"{label} {which} {_data(analysis, call.x)} → model input {_model_input(analysis, call)}")
        if call.y is not None and call.method not in ("predict", "predict_on_batch"):
            ys.append(f"{label} y {_data(analysis, call.y)} → model output {_model_output(analysis, analysis.model_of(call.model.node))}")
    lines = list(dict.fromkeys(xs + ys))
    return "\n\n".join(lines) if lines else None


def _data(analysis: Analysis, value: Any) -> str:
    if isinstance(value, (Array, Tensor)) and value.shape.dims is not None:
        return _shape(analysis, value.shape, batch_first=isinstance(value, Tensor))
    return "(unknown)"


def _model_input(analysis: Analysis, call: DataCall) -> str:
    inputs = call.model.inputs
    if len(inputs) > call.input_index and inputs[call.input_index].shape.dims is not None:
        tensor = inputs[call.input_index]
        return _shape(analysis, tensor.shape) + (" (built from this data)" if tensor.from_data else "")
    return "(unknown)"


def _model_output(analysis: Analysis, model: Optional[ModelSummary]) -> str:
    if model is None or len(model.outputs) != 1:
        return "(unknown)"
    row: Row = model.rows[model.outputs[0]]
    return _shape(analysis, row.output) if row.output.dims is not None else "(unknown)"


def _line_label(analysis: Analysis, line: int) -> str:
    """``line 5``, or ``cell 2, line 3`` in a notebook."""
    if analysis.program.notebook is None:
        return f"line {line}"
    cell, within = analysis.program.notebook.locate(line)
    return f"cell {cell}, line {within}"
