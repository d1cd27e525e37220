"""Where tasks run: in this process, in local worker processes (``-j N``, the standard library's
process pool), or on a Dask distributed cluster (``--scheduler ADDRESS``, optional extra
``bilingual[dask]``). All three take the same picklable function and items and yield results as
they finish; at most a few tasks per worker are in flight, so a long archive is streamed, never
submitted (or held) all at once.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from bilingual.errors import BilingualError, UsageError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2
"""Tasks submitted ahead per worker: keeps workers busy without queueing the whole archive."""
CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler before giving up."""


@dataclass(frozen=True)
class ExecutorChoice:
    """``jobs`` local processes (1: in this process), or a Dask scheduler address."""

    jobs: int = 1
    scheduler: str | None = None

    def describe(self) -> str:
        """For summaries: ``in-process``, ``2 processes`` or ``dask tcp://…``."""
        if self.scheduler:
            return f"dask {self.scheduler}"
        return "in-process" if self.jobs <= 1 else f"{self.jobs} processes"


def run_all(choice: ExecutorChoice, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``func(item)`` for every item, yielded in completion order."""
    if choice.scheduler:
        yield from _dask(choice.scheduler, func, items)
    elif choice.jobs <= 1:
        for item in items:
            yield func(item)
    else:
        yield from _processes(choice.jobs, func, items)


def _processes(jobs: int, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    # spawn: workers start clean (no inherited SQLite connections or threads from this process)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: set[Future[R]] = set()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < jobs * IN_FLIGHT_PER_WORKER:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                pending.add(pool.submit(func, item))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    raise BilingualError(
                        "a worker process died (out of memory, or killed)",
                        "run the same command again: finished documents are kept; try a smaller -j",
                    ) from None
                yield result


def _dask(address: str, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask distributed, which is not installed",
            "install it with: pip install 'bilingual[dask]'",
        ) from None
    try:
        client: Any = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address} ({exc})",
            "start it (dask scheduler; dask worker ADDRESS) or check the address",
        ) from None
    try:
        slots = max(sum(client.nthreads().values()), 1)  # every worker thread, however many workers
        source = iter(items)
        first = [
            client.submit(func, item, pure=False) for item in itertools.islice(source, slots * IN_FLIGHT_PER_WORKER)
        ]
        if not first:
            return
        pending = as_completed(first, loop=client.loop)
        for future in pending:
            try:
                result = future.result()
            except Exception as exc:  # the cluster lost the task (a killed worker, a lost connection)
                raise BilingualError(
                    f"the Dask cluster could not run a task: {type(exc).__name__}: {exc}",
                    "check the workers, then run the same command again: finished documents are kept",
                ) from None
            yield result
            future.release()
            item = next(source, None)
            if item is not None:
                pending.add(client.submit(func, item, pure=False))
    finally:
        client.close()
