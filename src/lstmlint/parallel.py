"""Checking many files across processes, with results in input order so the
output is identical to a serial run."""

from __future__ import annotations

import os
from typing import Callable, List, Optional, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    return os.cpu_count() or 1


def map_in_order(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    on_lost: Callable[[Item], Result],
    progress: Optional[Callable[[int, int], None]] = None,
) -> List[Result]:
    """``[work(item) for item in items]``, on up to ``jobs`` processes.

    ``work`` must not raise (lstmlint's per-file work turns errors into
    diagnostics); if a worker process dies outright, the items it left
    unfinished get ``on_lost(item)`` instead of taking the run down.
    """
    jobs = min(jobs, len(items))
    if jobs <= 1:
        results = []
        for item in items:
            results.append(work(item))
            if progress is not None:
                progress(len(results), len(items))
        return results
    from concurrent.futures import ProcessPoolExecutor  # not on the one-file path: it costs start-up time
    from concurrent.futures.process import BrokenProcessPool

    results: List[Result] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        try:
            for result in pool.map(work, items, chunksize=1):
                results.append(result)
                if progress is not None:
                    progress(len(results), len(items))
        except BrokenProcessPool:
            results.extend(on_lost(item) for item in items[len(results):])
    return results
