"""Reliability under concurrency, against real databases (SQLite file, PostgreSQL server).

Eight spawned processes allocate 200 numbers each, one batch per number, all starting at the
same moment (a Barrier) on a register none of them has migrated yet — so first-use migration
races too. The final set of numbers must be exactly 1..1600: no duplicate, no gap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vanban.register import Register

sys.path.insert(0, str(Path(__file__).parent))  # children find `register_workers` by name
from register_fixtures import db_url, postgres_url, sqlite_url  # noqa: E402,F401
from register_workers import (  # noqa: E402
    ALLOCATIONS,
    DATE,
    ISSUER,
    PROCESSES,
    _request,
    allocate_batch,
    allocate_one_by_one,
    allocate_same_batch,
    crash,
    run_workers,
)


def check_no_duplicate_no_gap(url: str, out: dict[int, list[int]], total: int) -> None:
    numbers = [n for got in out.values() for n in got]
    assert len(numbers) == total
    assert sorted(numbers) == list(range(1, total + 1))  # no duplicate, no gap
    for got in out.values():  # one process's own numbers only ever grow
        assert got == sorted(got)
    stored = Register(url).entries(issuer_id=ISSUER["id"], year=DATE.year)
    assert sorted(e.number for e in stored) == list(range(1, total + 1))
    assert len({e.batch_key for e in stored}) == total


@pytest.mark.slow
def test_eight_processes_sqlite(sqlite_url):
    out = run_workers(allocate_one_by_one, sqlite_url, PROCESSES, ALLOCATIONS)
    check_no_duplicate_no_gap(sqlite_url, out, PROCESSES * ALLOCATIONS)


@pytest.mark.slow
def test_eight_processes_postgres(postgres_url):
    out = run_workers(allocate_one_by_one, postgres_url, PROCESSES, ALLOCATIONS)
    check_no_duplicate_no_gap(postgres_url, out, PROCESSES * ALLOCATIONS)


@pytest.mark.slow
def test_two_batches_started_together_get_disjoint_consecutive_runs(db_url):
    out = run_workers(allocate_batch, db_url, 2, 50)
    runs = sorted(out.values())
    assert runs[0] == list(range(1, 51)) and runs[1] == list(range(51, 101))


@pytest.mark.slow
def test_same_batch_started_by_four_clerks_at_once_is_numbered_once(db_url):
    out = run_workers(allocate_same_batch, db_url, 4, 30)
    assert all(got == list(range(1, 31)) for got in out.values())
    assert len(Register(db_url).entries()) == 30


@pytest.mark.slow
def test_process_killed_inside_the_transaction_consumes_nothing(db_url):
    from vanban.model import IssuerProfile

    assert crash(db_url) == 3
    issuer = IssuerProfile(**ISSUER)
    reg = Register(db_url)
    assert reg.entries() == []  # the dead transaction was rolled back, lock released
    got = reg.reserve(
        issuer=issuer, batch_key=Register.batch_key(issuer.id, "conc", b"crash"), requests=[_request("decision")]
    )
    assert got[0].number == 1
