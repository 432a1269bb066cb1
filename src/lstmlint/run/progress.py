"""A progress bar while many files are checked: on a terminal only.

Never in CI logs, pipes, machine-readable formats or ``--quiet`` runs, where
it would only be noise; it draws on stderr and disappears when done.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

Update = Callable[[int, int], None]  # (files done, files to check)


def wanted(output_format: str, quiet: bool, stream=None, environ=None) -> bool:
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    interactive = hasattr(stream, "isatty") and stream.isatty()
    return interactive and not quiet and output_format in ("text", "concise") and not environ.get("CI")


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Optional[Update]]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
