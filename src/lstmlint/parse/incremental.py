"""Re-parsing an edited file statement by statement (the language server).

A process that checks the same file after every keystroke parses it again and
again, though an edit changes one or two top-level statements. With
:func:`enable` (the server calls it; ``check`` never does), :func:`lstmlint.parse.source.parse`
cuts the text into its top-level statements at the lines CPython's ``ast``
gives (it has just parsed the file to vet its nesting), reuses the libcst
nodes of every statement whose text it has parsed before, parses only the
others, and joins them into one module that prints back to exactly the text.

The joined tree can differ from a whole-file parse only in which node owns a
comment line between two statements (libcst's module header, a block's
footer, or the next statement's leading lines), never in code or positions.
Whenever the pieces do not fit together — mixed indentation or newline
styles, a piece libcst rejects, a statement text seen twice in one file —
the whole file is parsed as usual.
"""

from __future__ import annotations

import ast
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import libcst as cst

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # CPython's line breaks, not str.splitlines()'s


@dataclass(frozen=True)
class _Piece:
    """One chunk of the file parsed alone: its statements and what the module
    around them needs to print them back."""

    header: Sequence[cst.EmptyLine]
    body: Sequence[cst.BaseStatement]
    footer: Sequence[cst.EmptyLine]
    indent: Optional[str]  # the indentation its blocks use (None: it has no block)
    newline: str
    trailing_newline: bool


class StatementCache:
    def __init__(self, size: int = 4096):
        self.size = size
        self._pieces: "OrderedDict[Tuple[str, bool], _Piece]" = OrderedDict()

    def parse(self, text: str, tree: ast.Module) -> Optional[cst.Module]:
        """The module of ``text`` (which CPython parsed as ``tree``), or None
        when it must be parsed whole."""
        chunks = _chunks(text, tree)
        if len(chunks) < 2:
            return None
        pieces: List[_Piece] = []
        used = set()
        for index, chunk in enumerate(chunks):
            key = (chunk, index == 0)
            piece = None if key in used else self._pieces.get(key)
            if piece is None:
                piece = _parse_piece(chunk, first=index == 0)
                if piece is None:
                    return None
                if key not in used:
                    self._remember(key, piece)
            else:
                self._pieces.move_to_end(key)
            used.add(key)
            pieces.append(piece)
        indents = {p.indent for p in pieces if p.indent is not None}
        if len(indents) > 1 or len({p.newline for p in pieces}) > 1 or any(p.footer for p in pieces[:-1]):
            return None
        return cst.Module(
            body=[stmt for piece in pieces for stmt in piece.body],
            header=pieces[0].header,
            footer=pieces[-1].footer,
            default_indent=indents.pop() if indents else "    ",
            default_newline=pieces[0].newline,
            has_trailing_newline=pieces[-1].trailing_newline,
        )

    def _remember(self, key: Tuple[str, bool], piece: _Piece) -> None:
        self._pieces[key] = piece
        if len(self._pieces) > self.size:
            self._pieces.popitem(last=False)


def _chunks(text: str, tree: ast.Module) -> List[str]:
    """The text cut after the last line of each top-level statement (statements
    sharing a line stay together; the lines after the last go with it)."""
    ends: List[int] = []
    for stmt in tree.body:
        end = stmt.end_lineno or stmt.lineno
        if ends and stmt.lineno <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            ends.append(end)
    lines = _LINES.findall(text)
    if not ends or "".join(lines) != text:
        return []
    cuts = [0] + ends[:-1] + [len(lines)]
    return ["".join(lines[start:stop]) for start, stop in zip(cuts, cuts[1:])]


def _parse_piece(chunk: str, first: bool) -> Optional[_Piece]:
    try:
        module = cst.parse_module(chunk)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    if not module.body:
        return None
    body = list(module.body)
    header = module.header
    if not first and header:  # the comment lines before a statement are its own, mid-file
        body[0] = body[0].with_changes(leading_lines=[*header, *body[0].leading_lines])
        header = []
    has_block = any(isinstance(stmt, cst.BaseCompoundStatement) for stmt in body)
    return _Piece(header, body, module.footer, module.default_indent if has_block else None, module.default_newline, module.has_trailing_newline)


_cache: Optional[StatementCache] = None


def enable(size: int = 4096) -> None:
    """Reuse parsed statements from now on, in this process."""
    global _cache
    _cache = StatementCache(size)


def cached_parse(text: str, tree: Optional[ast.Module]) -> Optional[cst.Module]:
    """The module from reused statements, or None (not enabled, or parse it whole)."""
    if _cache is None or tree is None:
        return None
    return _cache.parse(text, tree)
