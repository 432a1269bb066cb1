"""Output formats: each is a view of the same diagnostic records."""

from __future__ import annotations

import importlib
from typing import Callable, Dict, List, TextIO, Tuple

from ..diagnostics import Diagnostic

Formatter = Callable[[List[Diagnostic], int, TextIO, dict], None]

# name -> (module, function): imported only when chosen
_FORMATTERS: Dict[str, Tuple[str, str]] = {
    "text": ("text", "write_text"),
    "concise": ("concise", "write_concise"),
    "json": ("json_format", "write_json"),
    "json-lines": ("json_format", "write_json_lines"),
    "sarif": ("sarif", "write_sarif"),
    "github": ("github", "write_github"),
    "junit": ("junit", "write_junit"),
}
FORMATS = tuple(_FORMATTERS)
FIX_HINT = "fixable with `lstmlint --fix`"


def formatter(name: str) -> Formatter:
    module, function = _FORMATTERS[name]
    return getattr(importlib.import_module(f".{module}", __name__), function)


def location(d: Diagnostic) -> str:
    return d.location()


def message_with_fix(d: Diagnostic) -> str:
    """The message, saying so when ``--fix`` can fix it (for formats without a marker)."""
    return f"{d.message} ({FIX_HINT})" if d.fixable else d.message


def fixable_summary(diagnostics: List[Diagnostic]) -> str:
    count = sum(1 for d in diagnostics if d.fixable)
    return f" {count} fixable with `lstmlint --fix`." if count else ""
