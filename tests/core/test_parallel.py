"""The one fork pool: state handed to workers, work really done there, failures loud."""

from __future__ import annotations

import logging
import os

import pytest

from sharehub.parallel import ForkPool, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork (Linux)")


def _square_plus_state(state, n):
    return os.getpid(), n * n + state["offset"]


def _die_in_worker(state, n):
    if os.getpid() != state["parent"]:
        os._exit(3)  # a worker dying mid-task (OOM killer, segfault)
    return n


def test_tasks_run_in_workers_that_inherit_the_state():
    state = {"offset": 1000, "blob": "x" * 1_000_000}  # inherited by fork, never pickled
    with ForkPool(state, 2, name="test") as pool:
        results = pool.map(_square_plus_state, [(n,) for n in range(20)])
    assert [value for _pid, value in results] == [n * n + 1000 for n in range(20)]
    assert {pid for pid, _value in results} - {os.getpid()}, "no task ran in a worker"
    assert pool.worker_tasks == 20 and pool.inline_tasks == 0


def test_one_worker_means_inline_and_says_so():
    with ForkPool({"offset": 0}, 1) as pool:
        results = pool.map(_square_plus_state, [(3,)])
    assert results == [(os.getpid(), 9)]
    assert not pool.forked and pool.worker_tasks == 0 and pool.inline_tasks == 1


def test_a_dead_worker_is_logged_and_its_task_done_here(caplog):
    caplog.set_level(logging.WARNING, logger="sharehub.parallel")
    with ForkPool({"parent": os.getpid()}, 2, name="test") as pool:
        assert pool.map(_die_in_worker, [(1,), (2,)]) == [1, 2]
    assert pool.inline_tasks == 2
    assert any("worker" in r.getMessage() and "failed" in r.getMessage()
               for r in caplog.records)
