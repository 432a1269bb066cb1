"""GitHub Actions workflow commands: ``::error file=…,line=…::message``.

GitHub shows at most 10 error and 10 warning annotations per step (50 per
job), so the most severe come first, the rest are printed as plain log lines,
and a last line counts what was not annotated.
"""

from __future__ import annotations

from typing import List, TextIO

from ..diagnostics import Diagnostic, Severity
from . import location, message_with_fix

PER_LEVEL = 10
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    ordered = sorted(diagnostics, key=lambda d: (d.severity.rank, d.sort_key()))
    shown = {level: 0 for level in _LEVELS}
    left_out: List[Diagnostic] = []
    for d in ordered:
        if shown[d.severity] >= PER_LEVEL:
            left_out.append(d)
            continue
        shown[d.severity] += 1
        line, column, end_line, end_column = d.file_span()  # a notebook: its JSON line, where GitHub shows it
        props = ",".join(
            f"{key}={_property(str(value))}"
            for key, value in (
                ("file", d.filename),
                ("line", line),
                ("col", column),
                ("endLine", end_line),
                ("endColumn", end_column),
                ("title", f"{d.code} {d.name}"),
            )
        )
        out.write(f"::{_LEVELS[d.severity]} {props}::{_data(message_with_fix(d))}\n")
    for d in left_out:
        out.write(f"{location(d)}: {d.code} {message_with_fix(d)}\n")
    if left_out:
        out.write(
            f"lstmlint: {len(left_out)} more problem{'s' if len(left_out) != 1 else ''} not shown as annotations "
            f"(GitHub shows at most {PER_LEVEL} per severity and step); they are listed above\n"
        )
