"""Source positions for the few nodes a diagnostic mentions.

libcst's PositionProvider regenerates the whole module to place any node,
which costs about as much as parsing it. Here only the statement holding a
reported node is regenerated, with libcst's own position-tracking code
generator, started at that statement's line (from CPython's ``ast``, a small
fraction of the cost) and indentation. Anything that does not line up falls
back to the full pass, so the answer is always libcst's.
"""

from __future__ import annotations

import ast
from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodeRange, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

Place = Tuple[int, List[str]]  # first token's line, indentation of its block


class Positions:
    def __init__(self, module: cst.Module, text: Optional[str], statement_of: Dict[int, Tuple[int, Optional[cst.CSTNode]]]):
        self.module = module
        self.text = text  # the source libcst parsed (None: regenerate it)
        self.statement_of = statement_of  # id(node) -> (top-level index, innermost simple statement)
        self._places: Optional[Dict[int, Place]] = None
        self._local: Dict[int, Dict[cst.CSTNode, CodeRange]] = {}
        self._full: Optional[Dict[cst.CSTNode, CodeRange]] = None

    def get(self, node: cst.CSTNode) -> Optional[CodeRange]:
        where = self.statement_of.get(id(node))
        if where is not None:
            index, inner = where
            for stmt in (inner, self.module.body[index]):
                if stmt is not None:
                    found = self._in_statement(stmt).get(node)
                    if found is not None:
                        return found
        return self._whole_module().get(node)

    def _whole_module(self) -> Dict[cst.CSTNode, CodeRange]:
        if self._full is None:
            self._full = every_position(self.module)
        return self._full

    def _in_statement(self, stmt: cst.CSTNode) -> Dict[cst.CSTNode, CodeRange]:
        if id(stmt) not in self._local:
            if self._places is None:
                self._places = _statement_places(self.module, self.text if self.text is not None else self.module.code)
            place = self._places.get(id(stmt))
            self._local[id(stmt)] = _generate(self.module, stmt, place) if place is not None else {}
        return self._local[id(stmt)]


def _generate(module: cst.Module, stmt: cst.CSTNode, place: Place) -> Dict[cst.CSTNode, CodeRange]:
    """Positions of every node of ``stmt``, generated as if in place."""
    line, indents = place
    lines_before = len(getattr(stmt, "leading_lines", ()))
    decorators = getattr(stmt, "decorators", ())
    if decorators:
        lines_before += len(decorators[0].leading_lines)
    provider = PositionProvider()
    state = PositionProvidingCodegenState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        provider=provider,
        indent_tokens=list(indents),
        line=line - lines_before,
    )
    stmt._codegen(state)  # type: ignore[attr-defined]
    return provider._computed  # type: ignore[attr-defined]


class _Mismatch(Exception):
    pass


def _statement_places(module: cst.Module, text: str) -> Dict[int, Place]:
    """Where every statement starts, by walking libcst's and ast's statement lists together."""
    places: Dict[int, Place] = {}
    try:
        _walk(module.body, ast.parse(text).body, [], module, places)
    except (_Mismatch, SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return places


def _walk(statements: Sequence[cst.CSTNode], nodes: List[ast.stmt], indents: List[str], module: cst.Module, places: Dict[int, Place]) -> None:
    queue = iter(nodes)
    for stmt in statements:
        count = len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
        parts = [next(queue, None) for _ in range(count)]
        first = parts[0]
        if first is None or parts[-1] is None:
            raise _Mismatch
        decorators = getattr(first, "decorator_list", [])
        places[id(stmt)] = (min([first.lineno] + [d.lineno for d in decorators]), indents)
        if not isinstance(stmt, cst.SimpleStatementLine):
            outer = indents
            if isinstance(stmt, cst.Match):  # cases sit one indentation deeper than `match`
                outer = indents + [stmt.indent if stmt.indent is not None else module.default_indent]
            for inner, ast_body in _bodies(stmt, first):
                if isinstance(inner, cst.If):  # an `elif`: same indentation, no new block
                    _walk([inner], ast_body, indents, module, places)
                elif isinstance(inner, cst.IndentedBlock):
                    indent = inner.indent if inner.indent is not None else module.default_indent
                    _walk(inner.body, ast_body, outer + [indent], module, places)
                # `if x: y` on one line: its statements are left to the enclosing statement
    if next(queue, None) is not None:
        raise _Mismatch


def _bodies(stmt: cst.CSTNode, node: ast.stmt):
    """Pairs of (libcst suite, ast statement list) inside one compound statement."""
    if isinstance(stmt, cst.If) and isinstance(node, ast.If):
        yield stmt.body, node.body
        if isinstance(stmt.orelse, cst.If):
            yield stmt.orelse, node.orelse
        elif isinstance(stmt.orelse, cst.Else):
            yield stmt.orelse.body, node.orelse
    elif isinstance(stmt, (cst.For, cst.While)) and isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
        yield stmt.body, node.body
        if stmt.orelse is not None:
            yield stmt.orelse.body, node.orelse
    elif isinstance(stmt, (cst.Try, cst.TryStar)) and isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        yield stmt.body, node.body
        for handler, ast_handler in zip(stmt.handlers, node.handlers):
            yield handler.body, ast_handler.body
        if stmt.orelse is not None:
            yield stmt.orelse.body, node.orelse
        if stmt.finalbody is not None:
            yield stmt.finalbody.body, node.finalbody
    elif isinstance(stmt, (cst.With, cst.FunctionDef, cst.ClassDef)) and hasattr(node, "body"):
        yield stmt.body, node.body  # type: ignore[attr-defined]
    elif isinstance(stmt, cst.Match) and isinstance(node, getattr(ast, "Match", ())):
        for case, ast_case in zip(stmt.cases, node.cases):  # type: ignore[attr-defined]
            yield case.body, ast_case.body



def statements_on_lines(module: cst.Module, text: Optional[str], lines: "set") -> Tuple[List[cst.CSTNode], Dict[cst.CSTNode, CodeRange]]:
    """The top-level statements that hold any of ``lines``, and the positions of
    their nodes (the whole module's when the statements cannot be placed)."""
    places = _statement_places(module, text if text is not None else module.code)
    starts = [places.get(id(stmt)) for stmt in module.body]
    if any(place is None for place in starts):
        return list(module.body), every_position(module)
    chosen: List[cst.CSTNode] = []
    positions: Dict[cst.CSTNode, CodeRange] = {}
    bounds = [place[0] for place in starts] + [float("inf")]  # type: ignore[index]
    for i, stmt in enumerate(module.body):
        if any(bounds[i] <= line < bounds[i + 1] for line in lines):
            chosen.append(stmt)
            positions.update(_generate(module, stmt, starts[i]))  # type: ignore[arg-type]
    return chosen, positions


def every_position(module: cst.Module) -> Dict[cst.CSTNode, CodeRange]:
    """libcst's ``PositionProvider`` for every node, by its position-tracking
    code generator alone (``MetadataWrapper.resolve`` adds a second, empty walk
    of the whole module for batchable providers)."""
    provider = PositionProvider()
    state = PositionProvidingCodegenState(default_indent=module.default_indent, default_newline=module.default_newline, provider=provider)
    module._codegen(state)  # type: ignore[attr-defined]
    return provider._computed  # type: ignore[attr-defined]


class ReusedPositions:
    """Positions of every node of a module's statements (not of the module
    itself or its header and footer lines), for a process that places the same
    (reused) top-level statements again and again (the language server, see
    :mod:`.incremental`): each statement is generated once, from line 1, and
    shifted to wherever it now starts."""

    def __init__(self) -> None:
        self._relative: Dict[Tuple[int, str, str], Tuple[cst.CSTNode, Dict[cst.CSTNode, CodeRange], int]] = {}

    def of(self, module: cst.Module) -> "ShiftedPositions":
        placed: List[Tuple[int, Dict[cst.CSTNode, CodeRange]]] = []
        kept = {}
        line = 1 + len(module.header)
        for stmt in module.body:
            key = (id(stmt), module.default_indent, module.default_newline)
            found = self._relative.get(key) or (stmt, *_relative_positions(module, stmt))
            kept[key] = found
            placed.append((line - 1, found[1]))
            line += found[2]
        self._relative = kept  # only the statements of the latest module stay
        return ShiftedPositions(placed)


def _relative_positions(module: cst.Module, stmt: cst.CSTNode) -> Tuple[Dict[cst.CSTNode, CodeRange], int]:
    """A statement's node positions as if its first line (leading lines
    included) were line 1, and how many lines it spans."""
    provider = PositionProvider()
    state = PositionProvidingCodegenState(default_indent=module.default_indent, default_newline=module.default_newline, provider=provider)
    stmt._codegen(state)  # type: ignore[attr-defined]
    return provider._computed, state.line - 1  # type: ignore[attr-defined]


class ShiftedPositions(Mapping[cst.CSTNode, CodeRange]):
    def __init__(self, placed: List[Tuple[int, Dict[cst.CSTNode, CodeRange]]]):
        self._placed = placed  # (lines before the statement, its relative positions)

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        for shift, relative in self._placed:
            where = relative.get(node)
            if where is not None:
                if not shift:
                    return where
                return CodeRange((where.start.line + shift, where.start.column), (where.end.line + shift, where.end.column))
        raise KeyError(node)

    def __iter__(self) -> Iterator[cst.CSTNode]:
        return (node for _, relative in self._placed for node in relative)

    def __len__(self) -> int:
        return sum(len(relative) for _, relative in self._placed)
