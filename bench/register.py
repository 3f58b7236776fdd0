"""Allocation rate of the document register on SQLite and PostgreSQL (a benchmark, not a test).

    .venv/bin/python bench/register.py [--processes 8] [--allocations 200] [--postgres-url URL]

Each process allocates its share one batch at a time (one number per transaction, the worst
case: every allocation pays a commit), all processes starting together. SQLite runs on a fresh
file in a temporary folder; PostgreSQL on a fresh schema that is dropped afterwards (skipped when
no server answers). Prints: database, processes, allocations, seconds, allocations/s, and checks
that the numbers are exactly 1..N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ISSUER = dict(
    id="bench",
    system="state",
    name=["ỦY BAN NHÂN DÂN XÃ A"],
    full_name="Ủy ban nhân dân xã A",
    abbreviation="UBND",
    place="Lai Châu",
)


def worker(url: str, worker_id: int, count: int, barrier, results) -> None:
    from vanban.model import IssuerProfile
    from vanban.register import NumberRequest, Register

    issuer = IssuerProfile(**ISSUER)
    reg = Register(url)
    request = NumberRequest(
        kind="document",
        doc_type="QĐ",
        date=dt.date(2026, 6, 1),
        subject="Benchmark",
        signer="Trần Văn B",
        recipients=["Lưu: VT"],
        ref="decision",
    )
    keys = [Register.batch_key(issuer.id, "bench", f"{worker_id}:{i}".encode()) for i in range(count)]
    barrier.wait()
    numbers = [reg.reserve(issuer=issuer, batch_key=k, requests=[request])[0].number for k in keys]
    results.put(numbers)


def run(url: str, processes: int, allocations: int) -> float:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    share = allocations // processes
    procs = [ctx.Process(target=worker, args=(url, w, share, barrier, results)) for w in range(processes)]
    for p in procs:
        p.start()
    barrier.wait()  # every worker has imported and migrated: time only the allocations
    start = time.perf_counter()
    numbers = [n for _ in procs for n in results.get(timeout=600)]
    seconds = time.perf_counter() - start
    for p in procs:
        p.join()
    if sorted(numbers) != list(range(1, share * processes + 1)):
        raise SystemExit(f"{url}: numbers are not exactly 1..{share * processes}!")
    return seconds


def postgres_schema_url(base: str) -> tuple[str, sa.Engine, str] | None:
    engine = sa.create_engine(base, connect_args={"connect_timeout": 3})
    try:
        with engine.begin() as conn:
            schema = f"vanban_bench_{uuid.uuid4().hex[:12]}"
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001
        print(f"PostgreSQL skipped: not reachable at {base}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return None
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), engine, schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--allocations", type=int, default=1600, help="total, split between processes")
    parser.add_argument("--postgres-url", default=os.environ.get("VANBAN_TEST_POSTGRES_URL") or DEFAULT_PG)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    total = args.allocations // args.processes * args.processes
    rows = []
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            seconds = run(f"sqlite:///{Path(tmp) / 'register.sqlite3'}", args.processes, total)
            rows.append(("SQLite (WAL, synchronous=FULL)", seconds))
    if args.only in (None, "postgresql") and (pg := postgres_schema_url(args.postgres_url)):
        url, engine, schema = pg
        try:
            with engine.connect() as conn:
                version = conn.exec_driver_sql("SHOW server_version").scalar()
            rows.append((f"PostgreSQL {version}", run(url, args.processes, total)))
        finally:
            with engine.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            engine.dispose()
    header = ("database", "processes", "allocations", "seconds", "allocations/s")
    table = [header] + [(name, str(args.processes), str(total), f"{s:.2f}", f"{total / s:.0f}") for name, s in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
