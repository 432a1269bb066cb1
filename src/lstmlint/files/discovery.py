"""Which files a run checks: walk directories for Python files, skipping
hidden folders, virtual environments and build output."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .notebooks import MAX_NOTEBOOK_BYTES
from ..parse.source import MAX_BYTES

SKIPPED_DIRS = frozenset({"__pycache__", "build", "dist", "node_modules", "site-packages", "venv", "env"})


def _skip_dir(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name in SKIPPED_DIRS or (path / "pyvenv.cfg").exists()


def discover(paths: Iterable[str]) -> Iterator[Path]:
    """Files to check, in a stable order; explicit files are always included."""
    seen = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            found = _walk(root)
        else:
            found = iter([root])
        for path in found:
            key = os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                yield path


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        current = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(current / d))
        for name in sorted(filenames):
            if name.endswith((".py", ".ipynb")):
                yield current / name


def read_capped(path: Path, limit: Optional[int] = None) -> bytes:
    """The file's bytes, but never more than one byte past the size cap (of a
    notebook or of source, unless ``limit`` is given), so a huge file costs no
    memory before :func:`~lstmlint.parse.source.decode` rejects it.

    Regular files only: opening a FIFO named ``*.py`` would wait forever for a
    writer, reading a device would never end. Raises ``OSError`` for those."""
    if limit is None:
        limit = MAX_NOTEBOOK_BYTES if str(path).endswith(".ipynb") else MAX_BYTES
    with open(path, "rb", opener=_open_nonblocking) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, device or socket); not read", str(path))
        return handle.read(limit + 1)


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens at once, with no writer
