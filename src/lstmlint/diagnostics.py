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

    def to_json(self) -> Dict[str, Any]:
        return {"filename": self.filename, "line": self.line, "column": self.column, "message": self.message}


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

    def sort_key(self) -> tuple:
        return (self.filename, self.line, self.column, self.code)

    def to_json(self) -> Dict[str, Any]:
        return {
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
