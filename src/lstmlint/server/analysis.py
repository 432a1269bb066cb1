"""What hovers and inlay hints read: one inference pass over a program that
keeps what ``lstmlint check`` throws away once the rules have run.

:func:`lstmlint.report.shapes.summarize_module` (the engine of ``lstmlint shapes``)
gives every model's layers with their output shapes and parameter counts; the
interpreter's ``on_name`` hook gives the value of every name where it is bound
or read; the ``DataCall`` facts give each ``fit``/``predict`` call's data.
Positions are libcst's, in program coordinates (1-based lines, 0-based columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import libcst as cst
from libcst.metadata import CodeRange

from ..diagnostics import Diagnostic
from ..infer.facts import DataCall
from ..infer.scope import join_values
from ..parse.positions import ReusedPositions
from ..config.settings import Settings
from ..parse.source import parse, source_of
from ..report.shapes import FileSummary, ModelSummary, Row, summarize_module
from .documents import Program

Point = Tuple[int, int]  # line (1-based), column (0-based), as libcst counts


@dataclass
class NameAt:
    """A name and the value it holds there (joined over every time the code ran)."""

    node: cst.Name
    value: Any


@dataclass
class LayerAt:
    """A layer's constructor, with its rows in the model summaries."""

    rows: List[Tuple[ModelSummary, Row]]


@dataclass
class FitAt:
    """A ``fit``/``predict``/``evaluate`` call and the data it was given."""

    node: cst.Call
    calls: List[DataCall]


Target = Union[NameAt, LayerAt, FitAt]


@dataclass
class Analysis:
    program: Program
    module: Optional[cst.Module] = None
    summary: Optional[FileSummary] = None
    positions: Mapping[cst.CSTNode, CodeRange] = field(default_factory=dict)
    names: Dict[int, Tuple[cst.Name, List[Any]]] = field(default_factory=dict)
    data_calls: Dict[int, Tuple[cst.Call, List[DataCall]]] = field(default_factory=dict)
    layers: Dict[int, Tuple[cst.CSTNode, List[Tuple[ModelSummary, Row]]]] = field(default_factory=dict)  # by constructor

    # -- what is where -----------------------------------------------------------

    def targets_at(self, at: Point) -> List[Tuple[CodeRange, Target]]:
        """What is under ``at`` that a hover may describe, innermost first."""
        found: List[Tuple[CodeRange, Target]] = []
        for node, values in self.names.values():
            where = self.positions.get(node)
            if where is not None and _contains(where, at):
                found.append((where, NameAt(node, join_values(values))))
        for node, rows in self.layers.values():
            where = self.positions.get(node)
            if where is not None and _contains(where, at):
                found.append((where, LayerAt(rows)))
        for node, calls in self.data_calls.values():
            where = self.positions.get(node)
            if where is not None and _contains(where, at):
                found.append((where, FitAt(node, calls)))
        return sorted(found, key=lambda item: _size(item[0]))

    def model_of(self, node: Optional[cst.CSTNode]) -> Optional[ModelSummary]:
        if self.summary is None or node is None:
            return None
        return next((m for m in self.summary.models if m.node is node), None)

    def rows_of(self, node: Optional[cst.CSTNode]) -> List[Tuple[ModelSummary, Row]]:
        found = self.layers.get(id(node)) if node is not None else None
        return found[1] if found is not None else []

    def layer_hints(self) -> List[Tuple[Point, Row]]:
        """Where each applied layer's output shape goes: the end of the line its
        application ends on, or right after it when several end on one line."""
        ends: List[Tuple[Point, Row]] = []
        seen = set()
        for model in self.summary.models if self.summary is not None else ():
            for row in model.rows:
                site = row.site or row.node
                where = self.positions.get(site) if site is not None else None
                if row.is_input or where is None or row.output.dims is None or id(site) in seen:
                    continue
                seen.add(id(site))
                ends.append(((where.end.line, where.end.column), row))
        per_line: Dict[int, int] = {}
        for (line, _), _row in ends:
            per_line[line] = per_line.get(line, 0) + 1
        lines = self.program.text.splitlines()
        placed = []
        for (line, column), row in ends:
            if per_line[line] == 1 and line <= len(lines):
                column = _end_of_code(lines[line - 1], column)
            placed.append(((line, column), row))
        return sorted(placed, key=lambda item: item[0])


def _end_of_code(line: str, after: int) -> int:
    """The end of ``line``'s code after column ``after`` (before a trailing comment);
    ``after`` itself when the rest holds a string a ``#`` could be part of."""
    rest = line[after:]
    cut = rest.find("#")
    code = rest if cut < 0 else rest[:cut]
    if "'" in code or '"' in code:
        return after
    return after + len(code.rstrip())


def _contains(where: CodeRange, at: Point) -> bool:
    return (where.start.line, where.start.column) <= at <= (where.end.line, where.end.column)


def _size(where: CodeRange) -> Tuple[int, int]:
    return (where.end.line - where.start.line, where.end.column - where.start.column)


def analyse(program: Program, settings: Settings, reused: Optional[ReusedPositions] = None) -> Analysis:
    """The program's models, names and data calls; empty for code lstmlint
    does not check (no Keras, a syntax error). ``reused`` keeps the positions
    of statements the last version of this program had too."""
    analysis = Analysis(program)
    if not source_of(program.text).may_use_keras:
        return analysis
    module = parse(program.text, program.filename)
    if isinstance(module, Diagnostic):
        return analysis
    version = int(settings.for_file(program.filename, program.text).keras_version)

    def on_name(node: cst.Name, value: Any) -> None:
        analysis.names.setdefault(id(node), (node, []))[1].append(value)

    def on_fact(fact: object) -> None:
        if isinstance(fact, DataCall):
            analysis.data_calls.setdefault(id(fact.node), (fact.node, []))[1].append(fact)

    analysis.module = module
    analysis.positions = (reused or ReusedPositions()).of(module)
    analysis.summary = summarize_module(module, program.filename, version, on_fact=on_fact, on_name=on_name, positions=analysis.positions)
    for model in analysis.summary.models:
        for row in model.rows:
            if not row.is_input and row.node is not None:
                analysis.layers.setdefault(id(row.node), (row.node, []))[1].append((model, row))
    return analysis
