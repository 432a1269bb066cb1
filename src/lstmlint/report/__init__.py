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
    "gitlab": ("gitlab", "write_gitlab"),
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


def report_path(filename: str) -> str:
    """A path as CI platforms match it to the repository: relative to the
    directory lstmlint runs in (POSIX separators), else as given."""
    from pathlib import Path

    try:
        return Path(filename).absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(filename).as_posix()


def fingerprints(diagnostics: List[Diagnostic]) -> List[str]:
    """One stable id per diagnostic, across runs and across edits that only move
    code: its file, code, message (no line numbers) and which repeat it is."""
    import hashlib
    from collections import Counter

    seen: Counter = Counter()
    found = []
    for d in diagnostics:
        key = f"{report_path(d.filename)}|{d.code}|{d.message}"
        seen[key] += 1
        found.append(hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:32])
    return found


def fixable_summary(diagnostics: List[Diagnostic]) -> str:
    count = sum(1 for d in diagnostics if d.fixable)
    return f" {count} fixable with `lstmlint --fix`." if count else ""
