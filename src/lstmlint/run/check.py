"""The ``check`` command's work once settings are known: lint files or stdin,
apply fixes, and write the report where it was asked for."""

from __future__ import annotations

import dataclasses
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, TextIO, Tuple

import click

from ..api import RunResult, lint_paths, lint_source
from ..diagnostics import Diagnostic
from .progress import progress_bar, wanted
from ..system_codes import INTERNAL_ERROR
from ..config.settings import Settings


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
    """Run the check; the exit status (0 clean, 1 problems, 2 crashed or a fix not applied)."""
    if output_file is not None:
        _check_output_file(output_file, paths)  # before the work, not after it
    if paths == ("-",):
        return _run_stdin(settings, output_format, stdin_filename or "-", fix, diff, statistics, output_file, quiet)
    with progress_bar(wanted(output_format, quiet or output_file is not None)) as progress:
        result = lint_paths(paths, settings, jobs=jobs, cache_dir=cache_dir, progress=progress)
    if result.files_checked == 0 and not result.diagnostics:
        click.echo("warning: no Python files or notebooks found under the given paths", err=True)
    fixed = 0
    if fix or diff:
        from ..fix import fix_files, unified_diff

        targets = sorted({d.filename for d in result.diagnostics if d.fixable})
        changes = fix_files(targets, settings, write=not diff)
        for change in changes:
            if change.refused is not None:
                click.echo(f"{printable(change.filename)}: {change.refused}", err=True)
                result.crashed = True
        changes = [change for change in changes if change.refused is None]
        if diff:  # the diff is the output; what it leaves unfixed still counts, on stderr
            with _output(output_file) as out:
                for change in changes:
                    out.write(printable(unified_diff(change)))
            _report_unfixed(result)
            return _status(result)
        fixed = sum(change.count for change in changes)
        if changes:
            crashed = result.crashed
            result = lint_paths(paths, settings, jobs=jobs, cache_dir=cache_dir)
            result.crashed |= crashed
        if show_fixes and changes:
            from ..fix import fixes_listing

            click.echo(fixes_listing(changes), err=output_format not in ("text", "concise"), nl=False)
            fixed = 0  # listed already
    with _output(output_file) as out:
        _report(result, output_format, statistics, out, quiet, fixed)
    return _status(result)


def _run_stdin(settings: Settings, output_format: str, name: str, fix: bool, diff: bool, statistics: bool, output_file: Optional[str], quiet: bool) -> int:
    """``-``: read stdin as ``name``; with ``--fix`` the fixed source goes to
    stdout and the report to stderr (as editors expect); with ``--diff`` the
    diff goes to stdout instead."""
    data = sys.stdin.buffer.read()
    result = RunResult(files_checked=1)
    if not settings.excluded(name, explicit=True):
        result.diagnostics = lint_source(data, name, settings)
    result.crashed = any(d.code == INTERNAL_ERROR.code for d in result.diagnostics)
    fixed = 0
    if fix or diff:
        from ..fix import FileFix, checked_fix_text, unified_diff

        before = text = data.decode("utf-8", errors="surrogateescape")
        if any(d.fixable for d in result.diagnostics):
            text, fixed, refused = checked_fix_text(text, name, settings)
            if refused is not None:
                click.echo(f"{printable(name)}: {refused}", err=True)
                result.crashed = True
            elif not diff:
                result.diagnostics = lint_source(text.encode("utf-8", errors="surrogateescape"), name, settings)
        if diff:
            sys.stdout.write(printable(unified_diff(FileFix(name, before, text, fixed))) if text != before else "")
            sys.stdout.flush()
            _report_unfixed(result)
            return _status(result)
        sys.stdout.buffer.write(text.encode("utf-8", errors="surrogateescape"))
        sys.stdout.flush()
    with _output(output_file, sys.stderr if fix else sys.stdout) as out:
        _report(result, output_format, statistics, out, quiet, fixed)
    return _status(result)


def _report_unfixed(result: RunResult) -> None:
    """With ``--diff``: the problems the diff does not fix, one line each on stderr."""
    from ..report import formatter

    unfixed = [d for d in result.diagnostics if not d.fixable]
    if unfixed:
        formatter("concise")(_printable_names(unfixed), result.files_checked, sys.stderr, {"quiet": True})


def _check_output_file(output_file: str, paths: Tuple[str, ...]) -> None:
    """Refuse a report file that cannot be written, or that is one of the files checked."""
    target = Path(output_file).resolve()
    if not target.parent.is_dir():
        raise click.UsageError(f"--output-file {output_file}: the folder {target.parent} does not exist")
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw).resolve()
        linted = target == path or (path.is_dir() and path in target.parents and target.suffix in (".py", ".ipynb"))
        if linted and target.exists():
            raise click.UsageError(f"--output-file {output_file} is one of the files being checked; it would be overwritten")


def printable(text: str) -> str:
    """Text that can be written as UTF-8: a file name's undecodable bytes
    (surrogate escapes) become ``\\xe9``-style escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _printable_names(diagnostics: List[Diagnostic]) -> List[Diagnostic]:
    return [
        dataclasses.replace(d, filename=printable(d.filename), related=[dataclasses.replace(r, filename=printable(r.filename)) for r in d.related])
        for d in diagnostics
    ]


def _report(result: RunResult, output_format: str, statistics: bool, out: TextIO, quiet: bool, fixed: int) -> None:
    from ..report import formatter

    if statistics:
        from ..report.statistics import write_statistics

        write_statistics(_printable_names(result.diagnostics), out, as_json=output_format == "json")
        return
    formatter(output_format)(_printable_names(result.diagnostics), result.files_checked, out, {"quiet": quiet})
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


