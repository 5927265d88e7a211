"""
Mapping work over a process pool with the results in input order, in bounded memory,
and with workers that leave when their parent dies.
"""

from __future__ import annotations

import collections
import gc
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from vnclean.io import signals

if TYPE_CHECKING:
    import concurrent.futures

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[object, ...] = (),
) -> Iterator[R]:
    """
    `map(function, items)` over `jobs` processes, results in input order. At most a
    few items per process are in flight, so a long stream is consumed as it goes, in
    bounded memory. One job, or a single item, runs in this process.
    """
    iterator = iter(items)
    head = list(itertools.islice(iterator, 2))
    if jobs <= 1 or len(head) < 2:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, itertools.chain(head, iterator))
        return
    import concurrent.futures  # loaded only for a run with workers

    window = jobs * 2
    pool = concurrent.futures.ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )
    pending: collections.deque[concurrent.futures.Future[R]] = collections.deque()
    try:
        for item in itertools.chain(head, iterator):
            pending.append(pool.submit(function, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[object, ...]
) -> None:
    # What the worker inherits from the parent (modules, tables) lives as long as
    # it does: leaving it out of the garbage collector's rounds keeps those pages
    # shared with the parent instead of copied into each worker.
    gc.freeze()
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()
    signals.ignore_group_signals()
    if initializer is not None:
        initializer(*initargs)


def _exit_without(parent: int) -> None:
    # A parent killed outright (SIGKILL, the OOM killer) cannot shut its pool down,
    # and its workers would wait for work forever: each leaves once it is orphaned.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


PARENT_CHECK_SECONDS = 0.5
