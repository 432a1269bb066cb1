"""lstmlint's records as LSP types: diagnostics with their related locations,
and positions in the client's units (UTF-16 by default; lstmlint counts code
points)."""

from __future__ import annotations

from typing import Callable, Dict, List

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition

from ..diagnostics import Diagnostic, Severity
from .documents import Program

SOURCE = "lstmlint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

Documents = Callable[[str], TextDocument]


def position(document: TextDocument, line: int, column: int) -> types.Position:
    """A 0-based line and code-point column in client units."""
    return document.position_to_client_units(ServerTextPosition(line, column))


def server_position(document: TextDocument, where: types.Position) -> ServerTextPosition:
    return document.position_from_client_units(types.Position(where.line, where.character))


def span(document: TextDocument, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    return types.Range(position(document, line, column), position(document, end_line, end_column))


def lsp_diagnostic(d: Diagnostic, program: Program, documents: Documents) -> types.Diagnostic:
    """One diagnostic as ``check`` reports it: code, message (its help on a second
    line), severity, and the other lines involved as related information."""
    document = documents(program.document_of(d.cell))
    end_line, end_column = (d.end_line, d.end_column) if (d.end_line, d.end_column) > (d.line, d.column) else (d.line, d.column)
    related = []
    for r in d.related:
        uri = program.document_of(r.cell)
        at = position(documents(uri), r.line - 1, r.column - 1)
        related.append(types.DiagnosticRelatedInformation(types.Location(uri, types.Range(at, at)), r.message))
    return types.Diagnostic(
        range=span(document, d.line - 1, d.column - 1, end_line - 1, end_column - 1),
        message=d.message + (f"\nhelp: {d.fix}" if d.fix else ""),
        severity=_SEVERITIES[d.severity],
        code=d.code,
        source=SOURCE,
        related_information=related or None,
    )


def by_document(diagnostics: List[Diagnostic], program: Program, documents: Documents) -> Dict[str, List[types.Diagnostic]]:
    """Every document of the program (each notebook cell) with its diagnostics,
    empty lists included so fixed problems disappear."""
    found: Dict[str, List[types.Diagnostic]] = {uri: [] for uri in program.documents}
    for d in diagnostics:
        found.setdefault(program.document_of(d.cell), []).append(lsp_diagnostic(d, program, documents))
    return found
