"""Several machines, on one: a Prefect server on PostgreSQL, a process work pool, a worker that
pulls the `award` deployment, the register in the same PostgreSQL — as docs/operations.md sets
them up ("Several machines"), each piece a separate process as it would be on its own machine.

The test creates a fresh database for the server and a fresh schema for the register, starts
`prefect server start` and `prefect worker start` as subprocesses (each in its own process
group), registers the deployments with `flows.pool.deploy_to_pool`, triggers `award/award` with
`run_deployment` and waits for it, then reads the package from disk and the register from
PostgreSQL. Whatever happens, the worker and the server are stopped (their whole process groups:
the worker's flow-run process and its render pool too) and the database is dropped.

No PostgreSQL → skipped with the reason, unless `VANBAN_REQUIRE_POSTGRES` is set (CI): failed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.paths import ROOT
from support.register_fixtures import postgres_base_url

pytestmark = pytest.mark.slow

DATA = ROOT / "tests" / "data" / "award"
PREFECT = [sys.executable, "-m", "prefect"]
STARTUP_SECONDS = 60
RUN_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM to the process group (the process and everything it started), SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(path: Path, lines: int = 60) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return f"\n--- {path.name} (last {lines} lines) ---\n" + "\n".join(text.splitlines()[-lines:])


def _spawn(args: list[str], env: dict, log: Path, cwd: Path) -> subprocess.Popen:
    with log.open("wb") as out:  # the child keeps its own descriptor
        return subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _base_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "VANBAN_"))}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def prefect_database(postgres_url) -> Iterator[str]:
    """A fresh, empty database for the Prefect server (asyncpg URL); dropped afterwards.

    Depends on `postgres_url` (the register's fresh schema) for its skip/fail on no server."""
    base = sa.make_url(postgres_base_url())
    name = f"vanban_prefect_ci_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(
        base.set(database="postgres"), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(drivername="postgresql+asyncpg", database=name, query={}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def prefect_server(prefect_database, tmp_path) -> Iterator[str]:
    """`prefect server start` on the fresh database; yields the API URL once /api/health answers."""
    port = _free_port()
    env = _base_env(tmp_path)
    env.update(
        PREFECT_API_DATABASE_CONNECTION_URL=prefect_database,
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
    )
    log = tmp_path / "server.log"
    proc = _spawn([*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env, log, tmp_path)
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail("the Prefect server exited" + _tail(log))
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the Prefect server did not answer in {STARTUP_SECONDS} s" + _tail(log))
            time.sleep(0.5)
        yield api
    finally:
        _stop(proc)


@pytest.fixture
def worker(prefect_server, tmp_path) -> Iterator[tuple[str, Path]]:
    """A process worker on a new pool, started like on another machine: its own environment,
    its own working directory (not the repository: the deployment's pull step sets that)."""
    pool = f"vanban-ci-{uuid.uuid4().hex[:6]}"
    env = _base_env(tmp_path)
    env.update(
        PREFECT_API_URL=prefect_server,
        PREFECT_WORKER_QUERY_SECONDS="1",
        PREFECT_WORKER_PREFETCH_SECONDS="5",
        VANBAN_DATA_DIR=str(tmp_path / "data"),
    )
    log = tmp_path / "worker.log"
    home = tmp_path / "worker-cwd"
    home.mkdir()
    proc = _spawn([*PREFECT, "worker", "start", "--pool", pool, "--type", "process"], env, log, home)
    try:
        yield pool, log
    finally:
        _stop(proc)


def test_award_through_server_pool_and_worker(prefect_server, worker, postgres_url, tmp_path):
    from prefect import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.pool import deploy_to_pool
    from vanban.register import Register

    pool, worker_log = worker
    inputs = tmp_path / "shared" / "in"
    inputs.mkdir(parents=True)
    list_path = Path(shutil.copy(DATA / "small.yaml", inputs / "small.yaml"))
    session_path = Path(shutil.copy(DATA / "session.yaml", inputs / "session.yaml"))
    out = tmp_path / "shared" / "out"
    request = {
        "list_path": str(list_path),
        "session_path": str(session_path),
        "output_dir": str(out),
        "chunk_size": 2,
        "issue": "now",
    }

    with temporary_settings(updates={PREFECT_API_URL: prefect_server}):
        # The register's URL travels with the deployment (job variables), not with the worker.
        names = deploy_to_pool(pool, database_url=postgres_url)
        assert names == ["document/document", "award/award", "inbox/inbox"]
        run = run_deployment("award/award", parameters={"request": request}, timeout=RUN_SECONDS)
        # Switching award to a Dask cluster re-registers the same deployment with another entrypoint.
        assert deploy_to_pool(
            pool, names=["award"], database_url=postgres_url, dask_address="tcp://render-1.example:8786"
        ) == ["award/award"]
        with get_client(sync_client=True) as client:
            on_dask = client.read_deployment_by_name("award/award")
    assert run.state is not None and run.state.type == StateType.COMPLETED, f"flow run {run.name}: {run.state}" + _tail(
        worker_log
    )

    assert on_dask.entrypoint == "flows.dask_runner.award_flow_on_dask" and on_dask.work_pool_name == pool
    assert on_dask.job_variables["env"] == {
        "VANBAN_DATABASE_URL": postgres_url,
        "VANBAN_DASK_ADDRESS": "tcp://render-1.example:8786",
    }
    steps = [step["prefect.deployments.steps.set_working_directory"]["directory"] for step in on_dask.pull_steps]
    assert steps == [str(ROOT)]  # the shared code folder, used in place

    package = out / "ldld-lai-chau" / "2026" / "15-QD-LDLD"
    assert package.is_dir(), sorted(str(p) for p in out.rglob("*"))
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"collectives": 2, "individuals": 2, "households": 0, "certificates": 4}
    assert len(list(package.glob("*.docx"))) == 1 and len(list(package.glob("*.pdf"))) == 2  # decision, print
    assert len(list((package / "certificates").glob("*.docx"))) == 4
    assert len(list((package / "certificates").glob("*.pdf"))) == 4
    assert (package / "in-giay-khen.pdf").is_file() and (package / "15-QD-LDLD.zip").is_file()
    assert not list(package.parent.glob(".staging-*"))

    entries = Register(postgres_url).entries(issuer_id="ldld-lai-chau", year=2026)
    decisions = [e for e in entries if e.kind != "so_vang"]
    golden = [e for e in entries if e.kind == "so_vang"]
    assert [e.number_symbol for e in decisions] == ["15/QĐ-LĐLĐ"]
    assert len(golden) == 4
    assert {e.status for e in entries} == {"issued"}
    published = {Path(p).resolve() for e in entries for p, _sha in e.files}
    assert published and all(p.is_file() and package in p.parents for p in published)
