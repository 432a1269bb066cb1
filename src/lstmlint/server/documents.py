"""What the server checks: an open file, or a notebook's cells as one program.

A document becomes the bytes ``lstmlint check`` would read from disk (for a
notebook, the JSON of its cells in order), so the server and the command line
share one entry point, :func:`lstmlint.api.lint_source`, and one notebook
reader, :mod:`lstmlint.files.notebooks`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import Workspace

from ..files.notebooks import Notebook, read_notebook


@dataclass
class Program:
    """One unit of checking, and how its lines map back to editor documents."""

    uri: str  # the text document, or the notebook
    filename: str  # a path: settings are found from its folder
    data: bytes  # what ``lint_source`` reads
    text: str  # the Python program (a notebook's code cells joined)
    notebook: Optional[Notebook] = None
    cell_uris: List[str] = field(default_factory=list)  # cell n (1-based, every kind) is cell_uris[n - 1]

    def document_of(self, cell: Optional[int]) -> str:
        """The editor document a diagnostic's ``cell`` (or none) lives in."""
        return self.cell_uris[cell - 1] if cell is not None and self.notebook is not None else self.uri

    def to_document(self, line: int) -> Tuple[str, int]:
        """A program line (1-based) as (document uri, 0-based line in it)."""
        if self.notebook is None:
            return self.uri, line - 1
        cell, within = self.notebook.locate(line)
        return self.cell_uris[cell - 1], within - 1

    def from_document(self, uri: str, line: int) -> Optional[int]:
        """A document's 0-based line as a program line (1-based); None: not code."""
        if self.notebook is None:
            return line + 1 if uri == self.uri else None
        if uri not in self.cell_uris:
            return None
        number = self.cell_uris.index(uri) + 1
        if number not in self.notebook.cell_numbers:
            return None  # a markdown cell
        return self.notebook.cell_starts[self.notebook.cell_numbers.index(number)] + line

    @property
    def documents(self) -> List[str]:
        return list(self.cell_uris) if self.notebook is not None else [self.uri]


def filename_of(uri: str) -> str:
    """A path for the uri; an unsaved (``untitled:``) document gets a name in the
    working folder, so the folder's settings apply."""
    path = to_fs_path(uri)
    if path:
        return path
    name = uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or "untitled"
    return str(Path.cwd() / name)


def program_for(workspace: Workspace, uri: str) -> Optional[Program]:
    """The program holding ``uri`` (a text document, a notebook, or one of its cells)."""
    notebook = workspace.get_notebook_document(notebook_uri=uri) or workspace.get_notebook_document(cell_uri=uri)
    if notebook is not None:
        return _notebook_program(workspace, notebook)
    document = workspace.text_documents.get(uri)
    if document is None:
        return None
    text = document.source
    return Program(uri, filename_of(uri), text.encode("utf-8", errors="surrogateescape"), text)


def _notebook_program(workspace: Workspace, notebook: types.NotebookDocument) -> Program:
    cells = []
    for cell in notebook.cells:
        document = workspace.text_documents.get(cell.document)
        source = document.source if document is not None else ""
        kind = "code" if cell.kind == types.NotebookCellKind.Code and _is_python(document) else "markdown"
        cells.append({"cell_type": kind, "source": source})
    data = json.dumps({"cells": cells}).encode("utf-8")
    filename = filename_of(notebook.uri)
    if not filename.endswith(".ipynb"):
        filename += ".ipynb"  # how lint_source knows a notebook
    parsed = read_notebook(data)
    assert isinstance(parsed, Notebook)  # the JSON built here is always a notebook
    return Program(notebook.uri, filename, data, parsed.text, parsed, [cell.document for cell in notebook.cells])


def _is_python(document) -> bool:
    language = getattr(document, "language_id", None)
    return language in (None, "", "python")
