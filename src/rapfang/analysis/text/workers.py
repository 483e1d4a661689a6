"""Run a function over chunks of a list in worker processes, results in order; inline for small inputs."""

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 25_000


def default_workers() -> int:
    """One worker per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_chunks(
    function: Callable[[Sequence[Item]], Result],
    items: Sequence[Item],
    workers: int,
    on_chunk: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> list[Result]:
    """``function`` applied to consecutive chunks of ``items``; ``on_chunk(n)`` after each chunk of n items.

    Uses a process pool when there are several workers and at least two chunks, otherwise runs in this
    process. Workers start from a fresh interpreter (forkserver where the platform has it, else spawn), not
    from a fork of this possibly large process, so their memory is their own and no thread state is copied.
    ``function`` must be a module-level function (picklable)."""
    parts = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    if workers <= 1 or len(parts) < 2:
        return [_run(function, part, on_chunk) for part in parts]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=context) as pool:
        futures = [pool.submit(function, part) for part in parts]
        results = []
        for part, future in zip(parts, futures, strict=True):
            results.append(future.result())
            if on_chunk:
                on_chunk(len(part))
    return results


def _run(function: Callable[[Sequence[Item]], Result], part: Sequence[Item], on_chunk) -> Result:
    result = function(part)
    if on_chunk:
        on_chunk(len(part))
    return result
