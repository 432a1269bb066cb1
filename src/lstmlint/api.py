"""Linting as a library: one source text, or many paths.

The CLI is a thin layer over :func:`lint_paths`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from .diagnostics import Diagnostic, Severity
from .run.cache import ResultCache, file_digest
from .files.discovery import discover, read_capped
from .run.parallel import map_in_order
from .system_codes import INTERNAL_ERROR, UNREADABLE
from .config.settings import Settings
from .parse.source import Source, decode, parse, source_of, system_diagnostic
from .parse.suppressions import apply_directives, directive_problems, find_directives


@dataclass
class RunResult:
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    crashed: bool = False


def lint_source(data: bytes, filename: str, settings: Settings, *, prefilter: bool = True) -> List[Diagnostic]:
    """Every diagnostic for one file's bytes, suppressions applied.

    ``prefilter=False`` checks even files that never mention Keras (benchmarks
    and crash tests use it to make every file reach the parser).
    """
    if filename.endswith(".ipynb"):
        return _lint_notebook(data, filename, settings, prefilter)
    decoded = decode(data, filename)
    if isinstance(decoded, Diagnostic):
        return _selected([decoded], settings.for_file(filename, ""))
    return lint_text(decoded, filename, settings, prefilter=prefilter)


def _lint_notebook(data: bytes, filename: str, settings: Settings, prefilter: bool) -> List[Diagnostic]:
    """A notebook's code cells as one program; positions mapped back to (cell, line)."""
    from .files.notebooks import read_notebook

    notebook = read_notebook(data)
    if isinstance(notebook, str):
        return _selected([system_diagnostic(UNREADABLE, filename, notebook)], settings.for_file(filename, ""))
    found = lint_text(source_of(notebook.text), filename, settings, prefilter=prefilter)
    for d in found:
        place_in_notebook(notebook, d)
    return found


def place_in_notebook(notebook, d: Diagnostic) -> None:
    """Positions in the notebook's joined program become (cell, line) and the
    position in the notebook file."""
    if d.cell is not None:
        return
    d.raw_line, d.raw_column = notebook.raw_position(d.line, d.column)
    d.raw_end_line, d.raw_end_column = notebook.raw_position(d.end_line, d.end_column)
    d.cell, d.line = notebook.locate(d.line)
    end_cell, end_line = notebook.locate(d.end_line)
    d.end_line = end_line if end_cell == d.cell else d.line
    d.related = [
        dataclasses.replace(r, cell=cell, line=line, raw_line=raw[0], raw_column=raw[1])
        for r in d.related for (cell, line), raw in [(notebook.locate(r.line), notebook.raw_position(r.line, r.column))]
    ]


def lint_text(source: Source, filename: str, settings: Settings, *, prefilter: bool = True) -> List[Diagnostic]:
    """Like :func:`lint_source`; never raises: a crash anywhere in the per-file
    work is one LS902 diagnostic, and the run goes on."""
    if prefilter and not source.may_use_keras:
        return []  # cheap pre-filter: no Keras, nothing to check
    try:
        with deep_recursion():
            return _lint_text(source, filename, settings)
    except RecursionError:
        crash = system_diagnostic(INTERNAL_ERROR, filename, "code nested too deeply to analyse")
    except Exception as exc:  # noqa: BLE001 - one file must never stop the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        crash = system_diagnostic(
            INTERNAL_ERROR,
            filename,
            f"internal error ({type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}); "
            "please report this with the file",
        )
    return _selected([crash], settings)


@contextlib.contextmanager
def deep_recursion() -> Iterator[None]:
    """Room for libcst's recursive walks over any nesting CPython accepts (about
    3000 levels, several frames each). Only from 3.11 on, where Python-to-Python
    calls no longer use the C stack; before, a deep limit could segfault."""
    limit = sys.getrecursionlimit()
    if sys.version_info >= (3, 11):
        sys.setrecursionlimit(max(limit, 30_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _lint_text(source: Source, filename: str, settings: Settings) -> List[Diagnostic]:
    settings = settings.for_file(filename, source.text)
    module = parse(source.text, filename)
    if isinstance(module, Diagnostic):
        return _selected([module], settings)
    directives = find_directives(source.text)
    if directives.skip_file:
        return []
    from .run.engine import check_module

    found = check_module(module, filename, settings, source.text)
    kept = apply_directives(found, directives) + directive_problems(directives, filename, settings)
    from .fix import mark_fixable

    mark_fixable(module, kept, settings.unsafe_fixes, source.text)
    return sorted(_selected(kept, settings), key=Diagnostic.sort_key)


def _selected(diagnostics: List[Diagnostic], settings: Settings) -> List[Diagnostic]:
    """The enabled diagnostics, with configured severities."""
    kept = []
    for d in diagnostics:
        if settings.enabled(d.code):
            level = settings.severity_override(d.code)
            kept.append(dataclasses.replace(d, severity=Severity(level)) if level else d)
    return kept


def lint_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    jobs: int = 1,
    cache_dir: Optional[Path] = None,
    prefilter: bool = True,
    progress: Optional[Callable[[int, int], None]] = None,
) -> RunResult:
    """Check every file under ``paths``; diagnostics come in file order, the
    same for any ``jobs``. With ``cache_dir``, unchanged files are not re-checked."""
    result = RunResult()
    paths = list(paths)
    explicit = {os.path.normcase(os.path.abspath(p)) for p in paths}
    cache = ResultCache.load(cache_dir, settings) if cache_dir is not None else None
    per_file: List[List[Diagnostic]] = []
    pending: List[Tuple[int, str, Source, Optional[str]]] = []  # files that need the parser
    for path in discover(paths):
        name = str(path)
        if settings.exclude and settings.excluded(name, os.path.normcase(os.path.abspath(path)) in explicit):
            continue
        try:
            data = read_capped(path)
        except OSError as exc:
            per_file.append(_selected([system_diagnostic(UNREADABLE, name, f"cannot read file: {exc.strerror or exc}")], settings))
            continue
        result.files_checked += 1
        digest = file_digest(data, name, settings) if cache is not None else None
        cached = cache.get(name, digest) if cache is not None else None
        if cached is not None:
            per_file.append(cached)
            continue
        decoded = None if name.endswith(".ipynb") else decode(data, name)  # notebooks: lint_source converts them
        if isinstance(decoded, Source) and (decoded.may_use_keras or not prefilter):
            pending.append((len(per_file), name, decoded, digest))
            per_file.append([])
            continue
        found = lint_source(data, name, settings, prefilter=prefilter)
        per_file.append(found)
        if cache is not None and not _crashed(found):
            cache.put(name, digest, found)
    work = functools.partial(_check_pending, settings=settings)
    for (index, name, _, digest), found in zip(pending, map_in_order(work, pending, jobs, on_lost=_lost, progress=progress)):
        per_file[index] = found
        if cache is not None and not _crashed(found):  # a crash is checked again next time
            cache.put(name, digest, found)
    if cache is not None:
        cache.save()
    for found in per_file:
        result.crashed |= _crashed(found)
        result.diagnostics.extend(found)
    return result


def _crashed(found: List[Diagnostic]) -> bool:
    return any(d.code == INTERNAL_ERROR.code for d in found)


def _check_pending(item: Tuple[int, str, Source, Optional[str]], settings: Settings) -> List[Diagnostic]:
    _, name, source, _ = item
    return lint_text(source, name, settings, prefilter=False)


def _lost(item: Tuple[int, str, Source, Optional[str]]) -> List[Diagnostic]:
    return [system_diagnostic(INTERNAL_ERROR, item[1], "lstmlint's worker process died while checking this file; please report this with the file")]
