"""Diagnostics: data first (every output format is a view of these records)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Related:
    filename: str
    line: int
    column: int
    message: str
    cell: Optional[int] = None  # notebooks: the cell; ``line`` counts within it
    raw_line: Optional[int] = None  # notebooks: the position in the notebook file itself
    raw_column: Optional[int] = None

    def to_json(self) -> Dict[str, Any]:
        record: Dict[str, Any] = {"filename": self.filename, "line": self.line, "column": self.column, "message": self.message}
        if self.cell is not None:
            record.update(cell=self.cell, raw_line=self.raw_line, raw_column=self.raw_column)
        return record

    def file_position(self) -> Tuple[int, int]:
        """(line, column) in the file as stored: for a notebook, its JSON."""
        return (self.raw_line or 1, self.raw_column or 1) if self.cell is not None else (self.line, self.column)

    def location(self) -> str:
        return _location(self.filename, self.cell, self.line, self.column)


@dataclass
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    filename: str
    line: int
    column: int
    end_line: int
    end_column: int
    expected: Optional[List[Any]] = None
    actual: Optional[List[Any]] = None
    related: List[Related] = field(default_factory=list)
    fix: Optional[str] = None  # help: how to fix it by hand
    fixable: bool = False  # `lstmlint --fix` can fix it
    cell: Optional[int] = None  # notebooks: the cell; line numbers count within it
    raw_line: Optional[int] = None  # notebooks: the span in the notebook file itself (its JSON),
    raw_column: Optional[int] = None  # where CI platforms annotate
    raw_end_line: Optional[int] = None
    raw_end_column: Optional[int] = None
    fix_data: Dict[str, str] = field(default_factory=dict)  # from the rule to its fixer (like LSP's Diagnostic.data); not output

    def sort_key(self) -> tuple:
        return (self.filename, self.cell or 0, self.line, raise_rank(self.code), self.column, self.code)

    def location(self) -> str:
        """``path:line:col``, or ``nb.ipynb:cell 3:2:5`` in a notebook."""
        return _location(self.filename, self.cell, self.line, self.column)

    def to_json(self) -> Dict[str, Any]:
        record = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "filename": self.filename,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "expected": self.expected,
            "actual": self.actual,
            "related": [r.to_json() for r in self.related],
            "fix": self.fix,
            "fixable": self.fixable,
        }
        if self.cell is not None:
            record.update(cell=self.cell, raw_line=self.raw_line, raw_column=self.raw_column,
                          raw_end_line=self.raw_end_line, raw_end_column=self.raw_end_column)
        return record

    def file_span(self) -> Tuple[int, int, int, int]:
        """(line, column, end line, end column) in the file as stored: for a
        notebook, its JSON (what CI annotations and code scanning point at)."""
        if self.cell is None:
            return self.line, self.column, self.end_line, self.end_column
        line, column = self.raw_line or 1, self.raw_column or 1
        return line, column, self.raw_end_line or line, self.raw_end_column or column


def _location(filename: str, cell: Optional[int], line: int, column: int) -> str:
    return f"{filename}:cell {cell}:{line}:{column}" if cell is not None else f"{filename}:{line}:{column}"


# When two problems meet on one line, the one Keras raises first comes first:
# rejected arguments at construction, then the model's layers, then fit's own
# checks (compile, conversion of the data, sample counts, input count), then the
# first batch through the model, then the loss. Prefixes; the first match wins.
RAISE_ORDER = (
    "LS106", "LS111", "LS112", "LS6",
    "LS1",
    "LS501",
    "LS404", "LS401", "LS205", "LS206",
    "LS201", "LS203", "LS204", "LS202", "LS402", "LS403",
    "LS3",
)


def raise_rank(code: str) -> int:
    return next((i for i, prefix in enumerate(RAISE_ORDER) if code.startswith(prefix)), len(RAISE_ORDER))

