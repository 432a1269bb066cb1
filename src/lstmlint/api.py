"""Linting as a library: one source text, or many paths.

The CLI is a thin layer over :func:`lint_paths`.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List

from .diagnostics import Diagnostic
from .files import discover
from .rules.system import INTERNAL_ERROR, UNREADABLE
from .settings import Settings
from .source import Source, decode, parse, system_diagnostic
from .suppressions import find_suppressions, is_suppressed


@dataclass
class RunResult:
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    crashed: bool = False


def lint_source(data: bytes, filename: str, settings: Settings) -> List[Diagnostic]:
    """Every diagnostic for one file's bytes, suppressions applied."""
    decoded = decode(data, filename)
    if isinstance(decoded, Diagnostic):
        return _selected([decoded], settings)
    return lint_text(decoded, filename, settings)


def lint_text(source: Source, filename: str, settings: Settings) -> List[Diagnostic]:
    if not source.may_use_keras:
        return []  # cheap pre-filter: no Keras, nothing to check
    module = parse(source.text, filename)
    if isinstance(module, Diagnostic):
        return _selected([module], settings)
    from .engine import check_module

    try:
        found = check_module(module, filename, settings)
    except RecursionError:
        found = [system_diagnostic(INTERNAL_ERROR, filename, "code nested too deeply to analyse")]
    except Exception as exc:  # noqa: BLE001 - one file must never stop the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        found = [
            system_diagnostic(
                INTERNAL_ERROR,
                filename,
                f"internal error ({type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}); "
                "please report this with the file",
            )
        ]
    suppressions = find_suppressions(source.text)
    kept = [d for d in found if not is_suppressed(suppressions, d.line, d.code)]
    return sorted(_selected(kept, settings), key=Diagnostic.sort_key)


def _selected(diagnostics: List[Diagnostic], settings: Settings) -> List[Diagnostic]:
    return [d for d in diagnostics if settings.enabled(d.code)]


def lint_paths(paths: Iterable[str], settings: Settings) -> RunResult:
    result = RunResult()
    for path in discover(paths):
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.diagnostics.extend(_selected([system_diagnostic(UNREADABLE, name, f"cannot read file: {exc.strerror or exc}")], settings))
            continue
        result.files_checked += 1
        found = lint_source(data, name, settings)
        result.crashed |= any(d.code == INTERNAL_ERROR.code for d in found)
        result.diagnostics.extend(found)
    return result


