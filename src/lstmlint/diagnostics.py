"""Diagnostics: data first (every output format is a view of these records)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


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

    def to_json(self) -> Dict[str, Any]:
        record: Dict[str, Any] = {"filename": self.filename, "line": self.line, "column": self.column, "message": self.message}
        if self.cell is not None:
            record["cell"] = self.cell
        return record

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
    fix_data: Dict[str, str] = field(default_factory=dict)  # from the rule to its fixer (like LSP's Diagnostic.data); not output

    def sort_key(self) -> tuple:
        return (self.filename, self.cell or 0, self.line, self.column, self.code)

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
            record["cell"] = self.cell
        return record


def _location(filename: str, cell: Optional[int], line: int, column: int) -> str:
    return f"{filename}:cell {cell}:{line}:{column}" if cell is not None else f"{filename}:{line}:{column}"
