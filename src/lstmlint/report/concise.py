"""Concise: one line per diagnostic, ``[*]`` marking the ones ``--fix`` fixes (as ruff)."""

from __future__ import annotations

from typing import List, TextIO

from ..diagnostics import Diagnostic
from . import fixable_summary, location


def write_concise(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    for d in diagnostics:
        out.write(f"{location(d)}: {d.code}{' [*]' if d.fixable else ''} {d.message}\n")
    if options.get("quiet"):
        return
    if diagnostics:
        noun = "problem" if len(diagnostics) == 1 else "problems"
        out.write(f"Found {len(diagnostics)} {noun}.{fixable_summary(diagnostics)}\n")
    else:
        out.write(f"All checks passed ({files_checked} file{'s' if files_checked != 1 else ''} checked).\n")
