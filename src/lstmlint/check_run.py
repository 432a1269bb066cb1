"""The ``check`` command's work once settings are known: lint files or stdin,
apply fixes, and write the report where it was asked for."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, TextIO, Tuple

import click

from .api import RunResult, lint_paths, lint_source
from .progress import progress_bar, wanted
from .system_codes import INTERNAL_ERROR
from .settings import Settings


def run_check(
    paths: Tuple[str, ...],
    settings: Settings,
    output_format: str,
    *,
    stdin_filename: Optional[str],
    fix: bool,
    diff: bool,
    statistics: bool,
    output_file: Optional[str],
    quiet: bool,
    jobs: int = 1,
    cache_dir: Optional[Path] = None,
    show_fixes: bool = False,
) -> int:
    """Run the check; the exit status (0 clean, 1 problems, 2 crashed)."""
    if paths == ("-",):
        return _run_stdin(settings, output_format, stdin_filename or "-", fix, statistics, output_file, quiet)
    with progress_bar(wanted(output_format, quiet or output_file is not None)) as progress:
        result = lint_paths(paths, settings, jobs=jobs, cache_dir=cache_dir, progress=progress)
    if result.files_checked == 0 and not result.diagnostics:
        click.echo("warning: no Python files or notebooks found under the given paths", err=True)
    fixed = 0
    if fix or diff:
        from .fix import fix_files, unified_diff

        targets = sorted({d.filename for d in result.diagnostics if d.fixable})
        changes = fix_files(targets, settings, write=not diff)
        if diff:
            with _output(output_file) as out:
                for change in changes:
                    out.write(unified_diff(change))
            return 1 if changes else 0
        fixed = sum(change.count for change in changes)
        if changes:
            result = lint_paths(paths, settings, jobs=jobs, cache_dir=cache_dir)
        if show_fixes and changes:
            from .fix import fixes_listing

            click.echo(fixes_listing(changes), err=output_format not in ("text", "concise"), nl=False)
            fixed = 0  # listed already
    with _output(output_file) as out:
        _report(result, output_format, statistics, out, quiet, fixed)
    return _status(result)


def _run_stdin(settings: Settings, output_format: str, name: str, fix: bool, statistics: bool, output_file: Optional[str], quiet: bool) -> int:
    """``-``: read stdin as ``name``; with ``--fix`` the fixed source goes to
    stdout and the report to stderr (as editors expect)."""
    data = sys.stdin.buffer.read()
    result = RunResult(files_checked=1)
    if not settings.excluded(name, explicit=True):
        result.diagnostics = lint_source(data, name, settings)
    result.crashed = any(d.code == INTERNAL_ERROR.code for d in result.diagnostics)
    fixed = 0
    if fix:
        from .fix import fix_text

        text = data.decode("utf-8", errors="surrogateescape")
        if any(d.fixable for d in result.diagnostics):
            text, fixed = fix_text(text, name, settings)
            result.diagnostics = lint_source(text.encode("utf-8", errors="surrogateescape"), name, settings)
        sys.stdout.write(text)
        sys.stdout.flush()
    with _output(output_file, sys.stderr if fix else sys.stdout) as out:
        _report(result, output_format, statistics, out, quiet, fixed)
    return _status(result)


def _report(result: RunResult, output_format: str, statistics: bool, out: TextIO, quiet: bool, fixed: int) -> None:
    from .report import formatter

    if statistics:
        from .report.statistics import write_statistics

        write_statistics(result.diagnostics, out, as_json=output_format == "json")
        return
    formatter(output_format)(result.diagnostics, result.files_checked, out, {"quiet": quiet})
    if fixed and output_format in ("text", "concise") and not quiet:
        out.write(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.\n")


def _status(result: RunResult) -> int:
    if result.crashed:
        return 2
    return 1 if result.diagnostics else 0


@contextmanager
def _output(output_file: Optional[str], default: Optional[TextIO] = None) -> Iterator[TextIO]:
    if output_file is None:
        yield default or sys.stdout
        return
    with open(output_file, "w", encoding="utf-8", newline="") as handle:
        yield handle


