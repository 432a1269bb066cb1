"""``lstmlint shapes``: a static ``model.summary()`` for every model in a file.

Inference runs once on the file; the :class:`~.infer.facts.ModelCreated` and
:class:`~.infer.facts.LayerCall` facts it emits give each model's layers, the
shape every layer outputs, and (from the layer table's ``param_count``) how
many weights each one has, without TensorFlow.  The file's diagnostics are
matched to the layers they point at, so the table marks where a problem is.

Renderers: a text table (rich on a terminal), JSON, and the model graph as
Mermaid or Graphviz DOT with the shapes on the edges.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, TextIO, Tuple

import libcst as cst
from libcst.metadata import CodeRange

from ..diagnostics import Diagnostic
from ..infer.facts import LayerCall, ModelCreated
from ..infer.interpreter import Interpreter
from ..infer.shapes import ANONYMOUS, Dim, Shape, Sym, Unknown, dim_json, is_known
from ..infer.values import Layer, Model, Tensor
from ..parse.positions import every_position
from ..config.settings import Settings

FORMATS = ("text", "json", "mermaid", "dot")


@dataclass
class Row:
    """One node of a model: an input, or one application of a layer."""

    name: str
    type: str
    output: Shape
    params: Optional[int]  # None: unknown; shared layers count on their first row only
    line: int
    inputs: List[int] = field(default_factory=list)  # indexes of the rows feeding this one
    diagnostics: List[Diagnostic] = field(default_factory=list)
    is_input: bool = False
    shared: bool = False  # a layer applied again (its weights are on an earlier row)
    cell: Optional[int] = None  # notebooks: the cell ``line`` counts in
    node: Optional[cst.CSTNode] = None  # the layer's constructor (an input's declaration)
    site: Optional[cst.CSTNode] = None  # where it is applied: the constructor in a stack, the call on a tensor


@dataclass
class ModelSummary:
    name: str
    kind: str
    line: int
    filename: str
    rows: List[Row]
    outputs: List[int]  # rows whose tensors the model returns
    certain: bool = True
    built: bool = True
    cell: Optional[int] = None  # notebooks: the cell ``line`` counts in
    node: Optional[cst.CSTNode] = None  # the expression that made the model

    @property
    def total_params(self) -> Optional[int]:
        counts = [r.params for r in self.rows if not r.shared]
        return None if any(c is None for c in counts) else sum(c for c in counts if c is not None)

    @property
    def known_params(self) -> int:
        return sum(r.params or 0 for r in self.rows if not r.shared)


@dataclass
class FileSummary:
    filename: str
    models: List[ModelSummary]
    diagnostics: List[Diagnostic]  # all of the file's diagnostics
    error: Optional[str] = None  # why the file could not be analysed
    aliases: Dict[str, str] = field(default_factory=dict)  # symbol name -> the variable it was assigned to

    @property
    def unplaced(self) -> List[Diagnostic]:
        """Diagnostics that mark no row of any model."""
        placed = {id(d) for m in self.models for r in m.rows for d in r.diagnostics}
        return [d for d in self.diagnostics if id(d) not in placed]


# -- building summaries -------------------------------------------------------


def summarize_source(data: bytes, filename: str, settings: Settings) -> FileSummary:
    """One file's models; a notebook's code cells as one program, its lines
    then named by cell."""
    from ..api import lint_text, place_in_notebook
    from ..files.notebooks import read_notebook
    from ..parse.source import decode, parse

    notebook = read_notebook(data) if filename.endswith(".ipynb") else None
    if isinstance(notebook, str):
        return FileSummary(filename, [], [], error=notebook)
    decoded = decode(notebook.text.encode() if notebook is not None else data, filename)
    if isinstance(decoded, Diagnostic):
        return FileSummary(filename, [], [decoded], error=decoded.message)
    file_settings = settings.for_file(filename, decoded.text)
    module = parse(decoded.text, filename)
    if isinstance(module, Diagnostic):
        return FileSummary(filename, [], [module], error=f"{module.message} (line {module.line})")
    diagnostics = lint_text(decoded, filename, settings)
    try:
        summary = summarize_module(module, filename, int(file_settings.keras_version), diagnostics)
        if notebook is not None:
            for d in diagnostics:
                place_in_notebook(notebook, d)
            for item in [m for m in summary.models] + [r for m in summary.models for r in m.rows]:
                if item.line > 0:
                    item.cell, item.line = notebook.locate(item.line)
        return summary
    except RecursionError:
        return FileSummary(filename, [], diagnostics, error="code nested too deeply to analyse")
    except Exception as exc:  # noqa: BLE001 - one file must never stop the run
        return FileSummary(filename, [], diagnostics, error=f"internal error ({type(exc).__name__}: {exc}); please report this with the file")


def summarize_module(
    module: cst.Module,
    filename: str,
    keras_version: int,
    diagnostics: Sequence[Diagnostic] = (),
    *,
    on_fact: Optional[Callable[[object], None]] = None,
    on_name: Optional[Callable[[cst.Name, Any], None]] = None,
    positions: Optional[Mapping[cst.CSTNode, CodeRange]] = None,
) -> FileSummary:
    """``on_fact`` / ``on_name`` also see every fact and name value of the
    inference pass, and ``positions`` (libcst's, when the caller has them)
    saves a second position pass: the language server's hovers use all three."""
    models: List[Model] = []
    calls: List[LayerCall] = []

    def sink(fact: object) -> None:
        if isinstance(fact, ModelCreated):
            models.append(fact.model)
        elif isinstance(fact, LayerCall):
            calls.append(fact)
        if on_fact is not None:
            on_fact(fact)

    Interpreter(module, keras_version, sink, on_name=on_name).run()
    if positions is None:
        positions = every_position(module)
    builder = _Builder(module, positions, calls, list(diagnostics), filename)
    names = _assigned_names(module)
    summaries: List[ModelSummary] = []
    seen: set = set()
    for model in models:
        if id(model.node) in seen:
            continue  # the same code building a model again (a function called twice)
        seen.add(id(model.node))
        summaries.append(builder.summary(model, names))
    return FileSummary(filename, summaries, list(diagnostics), aliases=_dim_aliases(module))


class _Builder:
    def __init__(self, module: cst.Module, positions, calls: List[LayerCall], diagnostics: List[Diagnostic], filename: str):
        self.module = module
        self.positions = positions
        self.diagnostics = diagnostics
        self.filename = filename
        self.by_model: Dict[Tuple[int, int], LayerCall] = {}
        self.by_inputs: Dict[Tuple[int, Tuple[int, ...]], LayerCall] = {}
        self.calls = calls
        for call in calls:
            if call.model is not None:
                self.by_model.setdefault((id(call.model), id(call.layer)), call)
            self.by_inputs.setdefault((id(call.layer), tuple(id(t) for t in call.inputs)), call)

    # positions

    def line(self, node: Optional[cst.CSTNode]) -> int:
        where = self.positions.get(node) if node is not None else None
        return where.start.line if where is not None else 0

    def _covers(self, node: Optional[cst.CSTNode], line: int, column: int) -> bool:
        where = self.positions.get(node) if node is not None else None
        if where is None:
            return False
        return (where.start.line, where.start.column) <= (line, column - 1) <= (where.end.line, where.end.column)

    def _marks(self, nodes: Sequence[Optional[cst.CSTNode]]) -> List[Diagnostic]:
        found = []
        for d in self.diagnostics:
            if d.filename != self.filename:
                continue
            if any(self._covers(n, d.line, d.column) for n in nodes):
                found.append(d)
        return found

    # models

    def summary(self, model: Model, names: Dict[int, str]) -> ModelSummary:
        line = self.line(model.node)
        name = names.get(id(model.node)) or f"model at line {line}"
        if model.kind == "sequential":
            rows, outputs, built = self._sequential(model)
        else:
            rows, outputs, built = self._graph(model)
        on_layers = {id(d) for r in rows if not r.is_input for d in r.diagnostics}
        for row in rows:
            if row.is_input:  # a layer's own input_shape= belongs to the layer
                row.diagnostics = [d for d in row.diagnostics if id(d) not in on_layers]
        _name_rows(rows)
        return ModelSummary(name, model.kind, line, self.filename, rows, outputs, model.certain, built, node=model.node)

    def _input_row(self, tensor: Tensor, index: int) -> Row:
        row = Row(
            name=f"input_layer{'_' + str(index) if index else ''}",
            type="InputLayer",
            output=tensor.shape,
            params=0,
            line=self.line(tensor.declared_at),
            is_input=True,
            node=tensor.declared_at,
        )
        row.diagnostics = self._marks([tensor.declared_at]) if tensor.declared_at is not None and tensor.declared_by != "input_shape" else []
        return row

    def _layer_row(self, layer: Layer, call: Optional[LayerCall], inputs: List[int], seen: Dict[int, int]) -> Row:
        shared = id(layer) in seen
        params: Optional[int] = None
        if call is not None and layer.entry.param_count is not None and call.accepted:
            count = layer.entry.param_count(call.inputs[0].shape, layer)
            params = count if is_known(count) else None
        if shared:
            params = 0
        seen.setdefault(id(layer), 1)
        user_name = layer.args.get("name")
        row = Row(
            name=user_name if isinstance(user_name, str) else "",
            type=_type_name(self.module, layer),
            output=call.output if call is not None else Shape(None),
            params=params,
            line=self.line(layer.node),
            inputs=inputs,
            shared=shared,
            node=layer.node,
            site=call.site if call is not None else None,
        )
        row.diagnostics = self._marks([layer.node] + ([call.site] if call is not None and call.site is not layer.node else []))
        return row

    def _sequential(self, model: Model) -> Tuple[List[Row], List[int], bool]:
        rows: List[Row] = []
        if model.inputs:
            rows.append(self._input_row(model.inputs[0], 0))
        seen: Dict[int, int] = {}
        built = True
        for layer in model.layers:
            call = self.by_model.get((id(model), id(layer)))
            built = built and call is not None
            previous = [len(rows) - 1] if rows else []
            rows.append(self._layer_row(layer, call, previous, seen))
        return rows, [len(rows) - 1] if rows else [], built and bool(model.layers)

    def _graph(self, model: Model) -> Tuple[List[Row], List[int], bool]:
        """Functional and subclassed models: the layer graph from the outputs back
        to the inputs, in topological order (inputs first)."""
        rows: List[Row] = []
        index: Dict[tuple, int] = {}
        seen: Dict[int, int] = {}

        def key(tensor: Tensor) -> tuple:
            if tensor.producer is None:
                return ("input", id(tensor))
            return (id(tensor.producer), tuple(id(t) for t in tensor.parents))

        def add_input(tensor: Tensor) -> int:
            index[key(tensor)] = len(rows)
            rows.append(self._input_row(tensor, sum(1 for r in rows if r.is_input)))
            return len(rows) - 1

        def add_call(layer: Layer, parents: Sequence[Tensor], shape: Optional[Shape], depth: int) -> int:
            sources = [visit(parent, depth + 1) for parent in parents]
            call = self.by_inputs.get((id(layer), tuple(id(t) for t in parents)))
            row = self._layer_row(layer, call, [p for p in sources if p is not None], seen)
            if shape is not None:
                row.output = shape
            index[(id(layer), tuple(id(t) for t in parents))] = len(rows)
            rows.append(row)
            return len(rows) - 1

        def visit(tensor: Tensor, depth: int = 0) -> Optional[int]:
            if key(tensor) in index:
                return index[key(tensor)]
            if depth > 500:
                return None
            if tensor.producer is None:
                return add_input(tensor)
            return add_call(tensor.producer, tensor.parents, tensor.shape, depth)

        for tensor in model.inputs:
            if key(tensor) not in index:
                add_input(tensor)
        outputs = [visit(t) for t in model.outputs]
        if model.kind == "subclassed" and not model.outputs:
            # Called on a tensor without Keras building it through fit/build:
            # follow the calls of the layers the model holds.
            mine = {id(v) for v in _attr_layers(model)}
            for call in self.calls:
                if id(call.layer) in mine and (id(call.layer), tuple(id(t) for t in call.inputs)) not in index:
                    add_call(call.layer, call.inputs, None, 0)
            consumed = {i for r in rows for i in r.inputs}
            outputs = [i for i, r in enumerate(rows) if not r.is_input and i not in consumed]
        if model.kind == "subclassed":
            _name_attrs(model, rows, self)
        return rows, [o for o in outputs if o is not None], any(not r.is_input for r in rows)


def _attr_layers(model: Model) -> List[Layer]:
    found: List[Layer] = []
    for value in model.attrs.values():
        items = value if isinstance(value, (list, tuple)) else [value]
        found.extend(item for item in items if isinstance(item, Layer))
    return found


def _name_rows(rows: List[Row]) -> None:
    """Keras's automatic names (``lstm``, ``lstm_1``, ...) for unnamed layers."""
    counts: Dict[str, int] = {}
    taken = {r.name for r in rows if r.name}
    for row in rows:
        if row.name:
            continue
        base = _snake_case(row.type)
        while True:
            n = counts.get(base, 0)
            counts[base] = n + 1
            candidate = base if n == 0 else f"{base}_{n}"
            if candidate not in taken:
                break
        row.name = candidate
        taken.add(candidate)


def _name_attrs(model: Model, rows: List[Row], builder: _Builder) -> None:
    """Subclassed models: a layer stored as ``self.encoder`` is called ``encoder``."""
    by_line = {}
    for attr, value in model.attrs.items():
        if isinstance(value, Layer) and not isinstance(value.args.get("name"), str):
            by_line[builder.line(value.node)] = attr
    for row in rows:
        if not row.is_input and not row.name and row.line in by_line:
            row.name = by_line[row.line]


def _snake_case(name: str) -> str:
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower() or "layer"


def _type_name(module: cst.Module, layer: Layer) -> str:
    if layer.entry.name != "?":
        return layer.entry.name
    func = layer.node.func if isinstance(layer.node, cst.Call) else None
    if func is None:
        return "?"
    return module.code_for_node(func).rpartition(".")[2] or "?"


def _small_statements(body: Sequence[cst.CSTNode], function: Optional[str] = None) -> Iterator[Tuple[cst.BaseSmallStatement, Optional[str]]]:
    """Every simple statement of a block and the blocks inside it, with the
    function it is in. Statements only: expressions hold none, so this walk
    skips most of a module's nodes (a libcst visitor would visit them all)."""
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                yield small, function
            continue
        inner = stmt.name.value if isinstance(stmt, cst.FunctionDef) else function
        for suite in _suites(stmt):
            if isinstance(suite, cst.SimpleStatementSuite):
                for small in suite.body:
                    yield small, inner
            else:
                yield from _small_statements(suite.body, inner)


def _suites(part: cst.CSTNode) -> List[cst.BaseSuite]:
    """The blocks of a compound statement in source order (body, handlers or
    cases, else, finally)."""
    if isinstance(part, cst.BaseSuite):
        return [part]
    found: List[cst.BaseSuite] = []
    for child in (getattr(part, "body", None), *getattr(part, "handlers", ()), *getattr(part, "cases", ()), getattr(part, "orelse", None), getattr(part, "finalbody", None)):
        if child is not None:
            found.extend(_suites(child))
    return found


def _assigned_names(module: cst.Module) -> Dict[int, str]:
    """Where a model call's value goes: ``model = Sequential(...)`` names it ``model``;
    ``return Model(...)`` in ``def build():`` names it ``build()``."""
    names: Dict[int, str] = {}
    for small, function in _small_statements(module.body):
        if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call) and len(small.targets) == 1:
            names.setdefault(id(small.value), module.code_for_node(small.targets[0].target))
        elif isinstance(small, cst.AnnAssign) and isinstance(small.value, cst.Call):
            names.setdefault(id(small.value), module.code_for_node(small.target))
        elif isinstance(small, cst.Return) and isinstance(small.value, cst.Call) and function is not None:
            names.setdefault(id(small.value), f"{function}()")
    return names


def _shape_of(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Attribute) and node.attr.value == "shape" and isinstance(node.value, cst.Name):
        return node.value.value
    return None


def _dim_aliases(module: cst.Module) -> Dict[str, str]:
    """``n_steps = X.shape[1]`` and ``_, n_steps, n_features = X.shape``: the
    names the code gives to sizes read from data, for display."""
    aliases: Dict[str, str] = {}
    for small, _ in _small_statements(module.body):
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            continue
        target, value = small.targets[0].target, small.value
        if isinstance(target, cst.Name) and isinstance(value, cst.Subscript) and len(value.slice) == 1:
            array = _shape_of(value.value)
            index = value.slice[0].slice
            if array and isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
                aliases.setdefault(f"{array}.shape[{index.value.evaluated_value}]", target.value)
        elif isinstance(target, (cst.Tuple, cst.List)) and _shape_of(value):
            array = _shape_of(value)
            for i, element in enumerate(target.elements):
                if isinstance(element, cst.StarredElement):
                    break  # the sizes after it are counted from the end
                if isinstance(element.value, cst.Name) and element.value.value != "_":
                    aliases.setdefault(f"{array}.shape[{i}]", element.value.value)
    return aliases


# -- rendering helpers ----------------------------------------------------------


def dim_text(dim: Dim, aliases: Dict[str, str], leading: bool = False) -> str:
    """As :func:`dim_str`, with sizes named after the user's variables."""
    if isinstance(dim, Unknown) or (isinstance(dim, Sym) and dim.name == ANONYMOUS):
        return "None" if leading else "?"
    if isinstance(dim, Sym):
        name = dim.name
        for key in sorted(aliases, key=len, reverse=True):
            name = name.replace(key, aliases[key])
        return name
    return str(dim)


def shape_text(shape: Shape, aliases: Dict[str, str]) -> str:
    if shape.dims is None:
        return "?"
    inner = ", ".join(dim_text(d, aliases, leading=i == 0) for i, d in enumerate(shape.dims))
    return f"({inner},)" if len(shape.dims) == 1 else f"({inner})"


def shape_json(shape: Shape, aliases: Dict[str, str]) -> Optional[list]:
    if shape.dims is None:
        return None
    return [d if is_known(d) else (None if dim_json(d) is None else dim_text(d, aliases)) for d in shape.dims]


def params_text(row: Row) -> str:
    if row.shared:
        return "0 (shared)"
    return "?" if row.params is None else f"{row.params:,}"


def total_text(model: ModelSummary) -> str:
    total = model.total_params
    if total is not None:
        return f"{total:,}"
    unknown = sum(1 for r in model.rows if r.params is None and not r.shared)
    return f"at least {model.known_params:,} ({unknown} layer{'s' if unknown != 1 else ''} unknown)"


def _kind_label(model: ModelSummary) -> str:
    return {"sequential": "Sequential", "functional": "Functional", "subclassed": "subclassed Model"}.get(model.kind, model.kind)


# -- text ------------------------------------------------------------------------


def write_text(files: List[FileSummary], out: TextIO) -> None:
    from .text import use_colour

    console = None
    if use_colour(out):
        from rich.console import Console

        console = Console(file=out, highlight=False, soft_wrap=True)
    first = True
    for summary in files:
        if summary.error:
            _line(out, console, f"{summary.filename}: not analysed: {summary.error}", "bold red")
            first = False
            continue
        if not summary.models:
            _line(out, console, f"{summary.filename}: no Keras model found", "dim")
            first = False
            continue
        for model in summary.models:
            if not first:
                _line(out, console, "", None)
            first = False
            _model_text(model, summary, out, console)
        unplaced = summary.unplaced
        if unplaced:
            _line(out, console, "", None)
            _line(out, console, "Other diagnostics in this file:", "bold")
            for d in unplaced:
                _line(out, console, f"  {d.location()}: {d.code} {d.message}", _style(d))


def _style(d: Diagnostic) -> str:
    from .text import _STYLES

    return _STYLES[d.severity]


def _line(out: TextIO, console, text: str, style: Optional[str]) -> None:
    if console is None:
        out.write(text + "\n")
    else:
        from rich.text import Text

        console.print(Text(text, style=style or ""))


def _model_text(model: ModelSummary, summary: FileSummary, out: TextIO, console) -> None:
    aliases = summary.aliases
    where = f"cell {model.cell}:{model.line}" if model.cell is not None else model.line
    title = f'Model: "{model.name}" ({_kind_label(model)}, {model.filename}:{where})'
    graph = model.kind != "sequential"
    header = ["Layer (type)", "Output Shape", "Param #"] + (["Connected to"] if graph else []) + [""]
    body = []
    for row in model.rows:
        cells = [f"{row.name} ({row.type})", shape_text(row.output, aliases), params_text(row)]
        if graph:
            cells.append(", ".join(model.rows[i].name for i in row.inputs) or "-")
        cells.append("  ".join(f"<- {d.code}" for d in row.diagnostics))
        body.append((cells, row))
    notes = []
    if not model.built:
        notes.append("The model is never built here (no input shape and no data): shapes are unknown.")
    if not model.certain and not any(r.diagnostics for r in model.rows):
        notes.append("The model changes where lstmlint cannot follow (a branch, loop or unknown code): it may differ at run time.")
    footer = [f"Total params: {total_text(model)}"]
    if console is not None:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
        for i, name in enumerate(header):
            folds = name == "Connected to"
            table.add_column(name, justify="right" if name == "Param #" else "left", no_wrap=not folds, overflow="fold" if folds else "ellipsis", min_width=12 if folds else None)
        for cells, row in body:
            style = _style(row.diagnostics[0]) if row.diagnostics else None
            rendered = [Text(c) for c in cells[:-1]] + [Text(cells[-1], style=style or "")]
            table.add_row(*rendered)
        console.print(table)
        for line in footer:
            console.print(Text(line, style="bold"))
    else:
        _line(out, console, title, None)
        widths = [max(len(header[i]), *(len(cells[i]) for cells, _ in body)) for i in range(len(header))] if body else [len(h) for h in header]
        rule_width = sum(widths[:-1]) + 2 * (len(widths) - 2) + (2 + widths[-1] if widths[-1] else 0)

        def fmt(cells: List[str]) -> str:
            parts = [cells[i].rjust(widths[i]) if header[i] == "Param #" else cells[i].ljust(widths[i]) for i in range(len(cells) - 1)]
            text = "  ".join(parts)
            return (text + "  " + cells[-1]).rstrip() if cells[-1] else text.rstrip()

        _line(out, console, "=" * rule_width, None)
        _line(out, console, fmt(header), None)
        _line(out, console, "=" * rule_width, None)
        for cells, _ in body:
            _line(out, console, fmt(cells), None)
        _line(out, console, "=" * rule_width, None)
        for line in footer:
            _line(out, console, line, None)
    for note in notes:
        _line(out, console, note, "yellow")
    for row in model.rows:
        for d in row.diagnostics:
            _line(out, console, f"{row.name}: {d.location()}: {d.code} {d.message}", _style(d))


# -- JSON -----------------------------------------------------------------------


def to_json(files: List[FileSummary]) -> Dict[str, Any]:
    models = []
    for summary in files:
        for model in summary.models:
            models.append(_model_json(model, summary.aliases))
    return {
        "models": models,
        "files": [
            {
                "filename": s.filename,
                "error": s.error,
                "models": len(s.models),
                "unplaced_diagnostics": [d.to_json() for d in s.unplaced],
            }
            for s in files
        ],
    }


def _model_json(model: ModelSummary, aliases: Dict[str, str]) -> Dict[str, Any]:
    return {
        "name": model.name,
        "kind": model.kind,
        "filename": model.filename,
        "line": model.line,
        **({"cell": model.cell} if model.cell is not None else {}),
        "built": model.built,
        "certain": model.certain,
        "total_params": model.total_params,
        "layers": [
            {
                "name": row.name,
                "type": row.type,
                "output_shape": shape_json(row.output, aliases),
                "output_shape_text": shape_text(row.output, aliases),
                "params": row.params,
                "shared": row.shared,
                "line": row.line,
                **({"cell": row.cell} if row.cell is not None else {}),
                "inputs": [model.rows[i].name for i in row.inputs],
                "diagnostics": [{"code": d.code, "message": d.message, "line": d.line, "column": d.column} for d in row.diagnostics],
            }
            for row in model.rows
        ],
        "outputs": [model.rows[i].name for i in model.outputs],
    }


def write_json(files: List[FileSummary], out: TextIO) -> None:
    json.dump(to_json(files), out, indent=2)
    out.write("\n")


# -- graphs -----------------------------------------------------------------------


def _edges(model: ModelSummary) -> List[Tuple[int, int]]:
    return [(src, dst) for dst, row in enumerate(model.rows) for src in row.inputs]


def _node_label(row: Row) -> List[str]:
    lines = [f"{row.name}: {row.type}"]
    if not row.is_input:
        lines.append(f"params: {params_text(row)}")
    if row.diagnostics:
        lines.append(" ".join(sorted({d.code for d in row.diagnostics})))
    return lines


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def write_mermaid(files: List[FileSummary], out: TextIO) -> None:
    lines = ["flowchart TD"]
    flagged: List[str] = []
    count = 0
    for summary in files:
        for model in summary.models:
            prefix = f"m{count}"
            count += 1
            lines.append(f'    subgraph {prefix}["{_mermaid_text(model.name)} ({_kind_label(model)})"]')
            for i, row in enumerate(model.rows):
                label = "<br/>".join(_mermaid_text(part) for part in _node_label(row))
                opening, closing = ("([", "])") if row.is_input else ("[", "]")
                lines.append(f'        {prefix}_{i}{opening}"{label}"{closing}')
                if row.diagnostics:
                    flagged.append(f"{prefix}_{i}")
            for src, dst in _edges(model):
                shape = _mermaid_text(shape_text(model.rows[src].output, summary.aliases))
                lines.append(f'        {prefix}_{src} -->|"{shape}"| {prefix}_{dst}')
            for n, src in enumerate(model.outputs):
                shape = _mermaid_text(shape_text(model.rows[src].output, summary.aliases))
                lines.append(f'        {prefix}_out{n}((output))')
                lines.append(f'        {prefix}_{src} -->|"{shape}"| {prefix}_out{n}')
            lines.append("    end")
    if flagged:
        lines.append("    classDef diagnostic fill:#fdd,stroke:#c00,stroke-width:2px")
        lines.append(f"    class {','.join(flagged)} diagnostic")
    out.write("\n".join(lines) + "\n")


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(files: List[FileSummary], out: TextIO) -> None:
    lines = ["digraph lstmlint {", "    rankdir=TB;", '    node [shape=box, style="rounded", fontname="Helvetica"];', '    edge [fontname="Helvetica", fontsize=10];']
    count = 0
    for summary in files:
        for model in summary.models:
            prefix = f"m{count}"
            count += 1
            lines.append(f"    subgraph cluster_{prefix} {{")
            lines.append(f"        label={_dot_string(f'{model.name} ({_kind_label(model)})')};")
            for i, row in enumerate(model.rows):
                attrs = [f"label={_dot_string(chr(10).join(_node_label(row)))}"]
                if row.is_input:
                    attrs.append("shape=ellipse")
                if row.diagnostics:
                    attrs.append('color="#cc0000", penwidth=2, fontcolor="#cc0000"')
                lines.append(f"        {prefix}_{i} [{', '.join(attrs)}];")
            for src, dst in _edges(model):
                lines.append(f"        {prefix}_{src} -> {prefix}_{dst} [label={_dot_string(shape_text(model.rows[src].output, summary.aliases))}];")
            for n, src in enumerate(model.outputs):
                lines.append(f'        {prefix}_out{n} [label="output", shape=plaintext];')
                lines.append(f"        {prefix}_{src} -> {prefix}_out{n} [label={_dot_string(shape_text(model.rows[src].output, summary.aliases))}];")
            lines.append("    }")
    lines.append("}")
    out.write("\n".join(lines) + "\n")


WRITERS = {"text": write_text, "json": write_json, "mermaid": write_mermaid, "dot": write_dot}


def summarize_paths(paths: Sequence[str], settings: Settings) -> List[FileSummary]:
    from ..files.discovery import discover, read_capped

    result = []
    if list(paths) == ["-"]:
        return [summarize_source(sys.stdin.buffer.read(), "-", settings)]
    for path in discover(paths):
        try:
            data = read_capped(path)
        except OSError as exc:
            result.append(FileSummary(str(path), [], [], error=f"cannot read file: {exc.strerror or exc}"))
            continue
        result.append(summarize_source(data, str(path), settings))
    return result
