"""Human-readable text: `path:line:col: CODE message`, a code frame, help."""

from __future__ import annotations

import os
from typing import Dict, List, Optional, TextIO

from ..diagnostics import Diagnostic, Severity
from . import fixable_summary, location

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def use_colour(out: TextIO) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(out, "isatty") and out.isatty()


def write_text(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    quiet = options.get("quiet", False)
    colour = use_colour(out)
    console = None
    if colour:
        from rich.console import Console

        console = Console(file=out, highlight=False, soft_wrap=True)
    lines_cache: Dict[str, Optional[List[str]]] = {}
    for d in diagnostics:
        head = f"{location(d)}: {_code(d)} {d.message}"
        if quiet:
            _emit(out, console, head, None)
            continue
        _emit(out, console, head, _STYLES[d.severity], d)
        for line, style in _frame(d, lines_cache):
            _emit(out, console, line, style)
    if quiet:
        return
    files = len({d.filename for d in diagnostics})
    if diagnostics:
        counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
        detail = ", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        noun = "problem" if len(diagnostics) == 1 else "problems"
        summary = f"Found {len(diagnostics)} {noun} in {files} file{'s' if files != 1 else ''} ({detail})."
        _emit(out, console, summary + fixable_summary(diagnostics), "bold")
    else:
        _emit(out, console, f"All checks passed ({files_checked} file{'s' if files_checked != 1 else ''} checked).", "bold green")


def _emit(out: TextIO, console, text: str, style: Optional[str], d: Optional[Diagnostic] = None) -> None:
    if console is None:
        out.write(text + "\n")
        return
    from rich.text import Text

    if d is not None:
        rendered = Text(f"{location(d)}: ", style="bold")
        rendered.append(_code(d), style=style or "")
        rendered.append(" " + d.message)
        console.print(rendered)
    else:
        console.print(Text(text, style=style or ""))


def _code(d: Diagnostic) -> str:
    """The code, with ruff's ``[*]`` when ``--fix`` can fix it."""
    return f"{d.code} [*]" if d.fixable else d.code


def _frame(d: Diagnostic, cache: Dict[str, Optional[List[str]]]):
    lines = _source_lines(d.filename, cache) if d.cell is None else None  # a notebook's file is JSON
    gutter = " " * len(str(d.line))
    if lines is not None and 0 < d.line <= len(lines):
        code = lines[d.line - 1].rstrip("\n").replace("\t", " ")
        width = (d.end_column - d.column) if d.end_line == d.line and d.end_column > d.column else 1
        yield f"{gutter} |", "blue"
        yield f"{d.line} | {code}", None
        yield f"{gutter} | {' ' * (d.column - 1)}{'^' * max(width, 1)} {d.severity.value}", _STYLES[d.severity]
    for r in d.related:
        yield f"{gutter} = note: {r.location()}: {r.message}", "cyan"
    if d.fix:
        yield f"{gutter} = help: {d.fix}", "green"


def _source_lines(filename: str, cache: Dict[str, Optional[List[str]]]) -> Optional[List[str]]:
    if filename not in cache:
        try:
            with open(filename, encoding="utf-8", errors="replace") as handle:
                cache[filename] = handle.readlines()
        except OSError:
            cache[filename] = None
    return cache[filename]
