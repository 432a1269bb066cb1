"""Settings of one run: command line over config file over defaults.

A run has one :class:`Settings`; :meth:`Settings.for_file` narrows it to one
file (its per-file ignores, the Keras version it targets), so the engine only
ever sees plain, concrete settings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Iterable, Optional, Tuple, Union

DEFAULT_KERAS_VERSION = 3  # what "auto" falls back to when nothing says otherwise
KERAS_VERSION_CHOICES = ("2", "3", "auto")
SEVERITY_CHOICES = ("error", "warning", "info")


Selection = Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]  # select, extend-select, ignore


@dataclass(frozen=True)
class Settings:
    keras_version: Union[int, str] = "auto"  # 2, 3, or "auto" (decided per file)
    # The command line's selection (code prefixes); an empty select keeps what
    # ``config_selection``, the config file's, decided (every rule by default).
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    config_selection: Optional[Selection] = None
    file_ignores: Tuple[str, ...] = ()  # this file's per-file ignores (set by for_file)
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()  # (glob, code prefixes)
    exclude: Tuple[str, ...] = ()  # globs, on top of the built-in skips (hidden dirs, venvs, build/)
    severity: Tuple[Tuple[str, str], ...] = ()  # (code prefix, "error" | "warning" | "info")
    root: str = "."  # the directory that relative globs start from (the config file's)
    force_exclude: bool = False  # exclude even files named on the command line
    report_unused_noqa: bool = False
    unsafe_fixes: bool = False  # --fix / --diff also apply the fixes that may change what the code means

    def enabled(self, code: str) -> bool:
        """ruff's rule selection: the config file's choice, then the command
        line's on top. A layer with ``select`` starts afresh (so ``--select
        LS203`` overrides a config ``ignore = ["LS2"]``); within a layer the more
        specific prefix wins, ``ignore`` on a tie. Per-file ignores always apply."""
        on = True
        for select, extend, ignore in (self.config_selection or ((), (), ()), (self.select, self.extend_select, self.ignore)):
            chosen, dropped = _longest_prefix(code, select + extend), _longest_prefix(code, ignore)
            if select or chosen >= 0 or dropped >= 0:
                on = chosen > dropped
        return on and not any(code.startswith(p) for p in self.file_ignores)

    def for_file(self, filename: str, text: str) -> "Settings":
        """These settings for one file: its per-file ignores folded into ``ignore``,
        and a concrete Keras version."""
        from .keras_target import keras_version_for

        extra = tuple(code for glob, codes in self.per_file_ignores if matches(filename, glob, self.root) for code in codes)
        version = keras_version_for(filename, text) if self.keras_version == "auto" else int(self.keras_version)
        return dataclasses.replace(self, file_ignores=self.file_ignores + extra, keras_version=version)

    def severity_override(self, code: str) -> Union[str, None]:
        """The configured severity for ``code`` (the longest matching prefix wins)."""
        best = max((p for p, _ in self.severity if code.startswith(p)), key=len, default=None)
        return dict(self.severity)[best] if best is not None else None

    def excluded(self, path: str, explicit: bool) -> bool:
        """Whether ``exclude`` drops this file (files named on the command line only
        with ``--force-exclude``, as pre-commit passes every file by name)."""
        if explicit and not self.force_exclude:
            return False
        return any(matches(path, glob, self.root) for glob in self.exclude)


def _longest_prefix(code: str, prefixes: Iterable[str]) -> int:
    """The length of the longest of ``prefixes`` that ``code`` starts with; -1 for none."""
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def matches(path: str, glob: str, root: str) -> bool:
    """ruff-style glob matching: a pattern without ``/`` matches any path component
    (``migrations``, ``*_test.py``); one with ``/`` matches the path relative to
    ``root`` or any directory prefix of it (``src/legacy``, ``tests/**``)."""
    relative = _relative(path, root)
    if "/" not in glob.rstrip("/"):
        name = glob.rstrip("/")
        return any(fnmatch(part, name) for part in relative.parts)
    pattern = glob.rstrip("/")
    candidates = [str(PurePosixPath(*relative.parts[: i + 1])) for i in range(len(relative.parts))]
    return any(fnmatch(candidate, pattern) for candidate in candidates)


def _relative(path: str, root: str) -> PurePosixPath:
    absolute = Path(path).absolute()
    try:
        return PurePosixPath(absolute.relative_to(Path(root).absolute()).as_posix())
    except ValueError:
        return PurePosixPath(Path(path).as_posix())
