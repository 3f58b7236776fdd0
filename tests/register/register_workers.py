"""Worker processes for the register concurrency tests (imported by the spawned children).

A plain module beside the tests, imported by its bare name: a spawned child re-imports a worker's
module by name, and the test modules themselves are not importable outside pytest.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import queue
import time
import traceback

from vanban.model import IssuerProfile
from vanban.register import NumberRequest, Register

PROCESSES = 8
ALLOCATIONS = 200
DATE = dt.date(2026, 6, 1)
ISSUER = dict(
    id="conc",
    system="state",
    name=["ỦY BAN NHÂN DÂN XÃ A"],
    full_name="Ủy ban nhân dân xã A",
    abbreviation="UBND",
    place="Lai Châu",
)


def _request(ref: str) -> NumberRequest:
    return NumberRequest(
        kind="document",
        doc_type="QĐ",
        date=DATE,
        subject=f"Quyết định {ref}",
        signer="Trần Văn B",
        recipients=["Lưu: VT"],
        ref=ref,
    )


def allocate_one_by_one(url: str, worker: int, count: int, barrier, results) -> None:
    """A clerk's process: `count` single-document batches, as fast as it can."""
    try:
        issuer = IssuerProfile(**ISSUER)
        reg = Register(url)  # first use: migrates (under the lock) or finds it done
        barrier.wait(timeout=120)
        got = []
        for i in range(count):
            key = Register.batch_key(issuer.id, "conc", f"{worker}:{i}".encode())
            got.append(reg.reserve(issuer=issuer, batch_key=key, requests=[_request("decision")])[0].number)
        results.put((worker, got, None))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put((worker, [], traceback.format_exc()))


def allocate_batch(url: str, worker: int, count: int, barrier, results) -> None:
    """A scheduled batch of `count` documents in one reservation."""
    try:
        issuer = IssuerProfile(**ISSUER)
        reg = Register(url)
        key = Register.batch_key(issuer.id, "conc", f"batch {worker}".encode())
        requests = [_request(f"cert:{i:04d}") for i in range(count)]
        barrier.wait(timeout=120)
        got = reg.reserve(issuer=issuer, batch_key=key, requests=requests)
        results.put((worker, [e.number for e in got], None))
    except BaseException:  # noqa: BLE001
        results.put((worker, [], traceback.format_exc()))


def run_workers(target, url: str, processes: int, count: int) -> dict[int, list[int]]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes)
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(url, w, count, barrier, results)) for w in range(processes)]
    for p in procs:
        p.start()
    out: dict[int, list[int]] = {}
    errors: list[str] = []
    deadline = time.monotonic() + 180
    try:
        while len(out) < processes:
            try:
                worker, numbers, error = results.get(timeout=1)
            except queue.Empty:
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:  # died before reporting (e.g. could not even import); don't wait it out
                    errors.append(f"{len(dead)} worker(s) died with exit codes {[p.exitcode for p in dead]}")
                    break
                if time.monotonic() > deadline:
                    errors.append("a worker did not report within 180 s")
                    break
                continue
            out[worker] = numbers
            if error:
                errors.append(f"worker {worker}:\n{error}")
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    assert not errors, "\n".join(errors)
    return out


def allocate_same_batch(url: str, worker: int, count: int, barrier, results) -> None:
    """Several clerks start the very same approved list at once: one batch key for all."""
    try:
        issuer = IssuerProfile(**ISSUER)
        reg = Register(url)
        key = Register.batch_key(issuer.id, "conc", b"the same approved list")
        requests = [_request(f"cert:{i:04d}") for i in range(count)]
        barrier.wait(timeout=120)
        got = reg.reserve(issuer=issuer, batch_key=key, requests=requests)
        results.put((worker, [e.number for e in got], None))
    except BaseException:  # noqa: BLE001
        results.put((worker, [], traceback.format_exc()))


def crash_while_allocating(url: str) -> None:
    """Die (no cleanup, no rollback) after taking numbers but before the transaction commits."""
    import os

    issuer = IssuerProfile(**ISSUER)
    reg = Register(url)
    take = Register._take

    def take_then_die(self, *args, **kwargs):
        take(self, *args, **kwargs)
        os._exit(3)

    Register._take = take_then_die
    reg.reserve(
        issuer=issuer, batch_key=Register.batch_key(issuer.id, "conc", b"crash"), requests=[_request("decision")]
    )


def crash(url: str) -> int:
    ctx = mp.get_context("spawn")
    p = ctx.Process(target=crash_while_allocating, args=(url,))
    p.start()
    p.join(timeout=120)
    return p.exitcode
