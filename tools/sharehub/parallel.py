"""One pool of forked worker processes for CPU-bound work (validation, panels, feeds).

Threads cannot spread YAML parsing, validation or HTML rendering over cores
(the GIL), so large jobs run in processes forked from the current one. A
fork inherits memory: the shared state (a hub, a list of items) is handed
to the workers once, explicitly, through :class:`ForkPool`'s ``state``
argument, and never pickled. Tasks are module-level functions called as
``fn(state, *args)``; their arguments and results are pickled.

Where ``fork`` does not exist, with one worker, or when a worker dies, the
work runs in the calling process with the same function, so results never
depend on the pool. A worker's failure is logged, not hidden, and
:attr:`ForkPool.worker_tasks` says how many tasks really ran in workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable

log = logging.getLogger("sharehub.parallel")

# Set in each worker by the pool's initializer (the parent never sets it).
_worker_state: Any = None


def _install(state: Any) -> None:
    global _worker_state
    _worker_state = state
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that forked it is gone (killed, SIGKILL).

    An idle worker waits on a queue whose pipe it holds open itself, so it
    never sees its parent die: without this it would live on, holding
    whatever the parent had open.
    """
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _call(fn: Callable, args: tuple) -> tuple[int, Any]:
    return os.getpid(), fn(_worker_state, *args)


def can_fork() -> bool:
    """Whether this platform can fork worker processes."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """One worker per core, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


class ForkPool:
    """Forked workers that share ``state`` and run ``fn(state, *args)`` tasks.

    Args:
        state: what every task needs (inherited by the fork, not pickled).
        workers: processes to fork; fewer than ``fork_from`` (or no
            ``fork``) runs every task inline.
        name: what the pool is for, in log messages.
        fork_from: the fewest workers worth forking (2 by default; 1 for a
            single helper process beside a busy caller, as the site build).

    Fork before starting any thread: a fork copies only the calling thread.
    Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, state: Any, workers: int, *, name: str = "work", fork_from: int = 2):
        self.state = state
        self.name = name
        self.worker_tasks = 0
        self.inline_tasks = 0
        self._parent = os.getpid()
        self._executor: ProcessPoolExecutor | None = None
        if workers >= max(1, fork_from) and can_fork():
            self._executor = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_install, initargs=(state,))
            # Fork every worker now, while the caller knows no thread is running.
            for future in [self._executor.submit(os.getpid) for _ in range(workers)]:
                future.result()

    @property
    def forked(self) -> bool:
        """Whether worker processes exist (they may still fail)."""
        return self._executor is not None

    def submit(self, fn: Callable, *args: Any) -> "Task":
        """Start ``fn(state, *args)`` in a worker (or inline without workers)."""
        if self._executor is None:
            return Task(self, fn, args, None)
        try:
            return Task(self, fn, args, self._executor.submit(_call, fn, args))
        except RuntimeError as exc:  # the pool broke or shut down
            log.warning("sharehub %s: worker pool unavailable (%s); running in this process",
                        self.name, exc)
            self._executor = None
            return Task(self, fn, args, None)

    def map(self, fn: Callable, chunks: Iterable[tuple]) -> list[Any]:
        """``fn(state, *chunk)`` for every chunk, results in order."""
        tasks = [self.submit(fn, *chunk) for chunk in chunks]
        return [task.result() for task in tasks]

    def close(self) -> None:
        """Stop the workers (pending tasks are cancelled)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "ForkPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Task:
    """One submitted task; :meth:`result` runs it inline if its worker failed."""

    def __init__(self, pool: ForkPool, fn: Callable, args: tuple, future: Future | None):
        self.pool, self.fn, self.args, self.future = pool, fn, args, future
        self._done = False
        self._value: Any = None

    def ready(self) -> bool:
        """Whether :meth:`result` would return without waiting for a worker."""
        return self._done or self.future is None or self.future.done()

    def result(self) -> Any:
        if self._done:
            return self._value
        value, ran_in_worker = None, False
        if self.future is not None:
            try:
                pid, value = self.future.result()
                ran_in_worker = pid != self.pool._parent
            except Exception as exc:  # noqa: BLE001 - any worker failure falls back, loudly
                log.warning("sharehub %s: a worker failed (%s: %s); running that part in "
                            "this process", self.pool.name, type(exc).__name__, exc)
        if ran_in_worker:
            self.pool.worker_tasks += 1
        else:
            value = self.fn(self.pool.state, *self.args)
            self.pool.inline_tasks += 1
        self._done, self._value = True, value
        return value
