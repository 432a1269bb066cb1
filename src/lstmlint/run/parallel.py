"""Checking many files across processes, with results in input order so the
output is identical to a serial run."""

from __future__ import annotations

import os
import signal
from typing import Callable, Dict, List, Optional, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    return os.cpu_count() or 1


def capped_jobs(requested: Optional[int]) -> int:
    """``--jobs``, at most the CPU count: more processes only cost memory
    (each holds a parser), never time."""
    limit = default_jobs()
    if requested is None:
        return limit
    if requested > limit:
        import click

        click.echo(f"note: --jobs {requested} capped at {limit}, the number of CPUs", err=True)
    return min(requested, limit)


def map_in_order(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int,
    on_lost: Callable[[Item], Result],
    progress: Optional[Callable[[int, int], None]] = None,
) -> List[Result]:
    """``[work(item) for item in items]``, on up to ``jobs`` processes.

    ``work`` must not raise (lstmlint's per-file work turns errors into
    diagnostics). A worker that dies outright (a segfault, the OOM killer)
    breaks the whole pool and loses every unfinished item, not only its own:
    those are checked again one at a time in a fresh worker, so only the item
    that kills a worker gets ``on_lost(item)``.
    """
    jobs = min(jobs, len(items))
    if jobs <= 1:
        results = []
        for item in items:
            results.append(work(item))
            if progress is not None:
                progress(len(results), len(items))
        return results
    done: Dict[int, Result] = {}

    def finished(index: int, result: Result) -> None:
        done[index] = result
        if progress is not None:
            progress(len(done), len(items))

    _run_pool(work, items, range(len(items)), jobs, finished)
    left = [i for i in range(len(items)) if i not in done]
    while left:  # one worker, items in order: the first one without a result killed it
        _run_pool(work, items, left, 1, finished)
        if left[0] not in done:
            finished(left[0], on_lost(items[left[0]]))
        left = [i for i in left if i not in done]
    return [done[i] for i in range(len(items))]


def _run_pool(work, items, indices, jobs: int, finished: Callable[[int, object], None]) -> None:
    """Run ``work`` on ``items[i]`` for each index; report each result as it
    arrives; stop quietly when a worker dies."""
    from concurrent.futures import ProcessPoolExecutor  # not on the one-file path: it costs start-up time
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        futures = [(index, pool.submit(work, items[index])) for index in indices]
        for index, future in futures:
            try:
                finished(index, future.result())
            except BrokenProcessPool:
                if jobs == 1:
                    break  # the rest were never started; the caller retries them
                continue  # later items may have finished before the pool broke
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the group; only the parent handles it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
