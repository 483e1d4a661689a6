"""Run a function over chunks of a list in worker processes, results in order; inline for small inputs."""

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 25_000
IN_FLIGHT = 2  # chunks handed to each worker ahead of the one being read


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
    """``function`` applied to consecutive chunks of ``items``; ``on_chunk(n)`` after each chunk of n items."""
    return list(iterate_chunks(function, items, workers, on_chunk, chunk))


def iterate_chunks(
    function: Callable[[Sequence[Item]], Result],
    items: Sequence[Item],
    workers: int,
    on_chunk: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> Iterator[Result]:
    """The results of ``function`` over consecutive chunks of ``items``, in order, as they come.

    Uses a process pool when there are several workers and at least two chunks, otherwise runs in this
    process. Workers start from a fresh interpreter (forkserver where the platform has it, else spawn), not
    from a fork of this possibly large process, so their memory is their own and no thread state is copied.
    Only ``IN_FLIGHT`` chunks per worker are handed out ahead of the one read, so a caller that consumes the
    results one by one never holds them all. ``function`` must be a module-level function (picklable)."""
    starts = range(0, len(items), chunk)
    if workers <= 1 or len(starts) < 2:
        for start in starts:
            yield _run(function, items[start : start + chunk], on_chunk)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    waiting = iter(starts)
    with ProcessPoolExecutor(max_workers=min(workers, len(starts)), mp_context=context) as pool:
        pending: deque[tuple[int, Future]] = deque()

        def submit() -> None:
            start = next(waiting, None)
            if start is not None:
                part = items[start : start + chunk]
                pending.append((len(part), pool.submit(function, part)))

        for _ in range(workers * (IN_FLIGHT + 1)):
            submit()
        while pending:
            size, future = pending.popleft()
            result = future.result()
            del future
            submit()
            if on_chunk:
                on_chunk(size)
            yield result


def _run(function: Callable[[Sequence[Item]], Result], part: Sequence[Item], on_chunk) -> Result:
    result = function(part)
    if on_chunk:
        on_chunk(len(part))
    return result
