"""`vanban serve` serves the plan, award and inbox deployments; a run started as the UI would
(a deployment run with the form's parameters) writes its files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from support.paths import PLAN_EXAMPLE, ROOT

pytestmark = pytest.mark.slow


def test_serve_runs_a_deployment_started_like_the_ui(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ, PREFECT_API_URL=PREFECT_API_URL.value(), PREFECT_LOGGING_LEVEL="WARNING")
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vanban.cli",
            "serve",
            "--inbox",
            str(tmp_path / "inbox"),
            "--inbox-cron",
            "0 7 * * 1-5",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        names: set[str] = set()
        deadline = time.time() + 90
        with get_client(sync_client=True) as client:
            while time.time() < deadline and not {"document", "award", "inbox"} <= names:
                names = {d.name for d in client.read_deployments()}
                time.sleep(0.5)
            assert {"document", "award", "inbox"} <= names
            inbox = client.read_deployment_by_name("inbox/inbox")
            [schedule] = inbox.schedules
            assert schedule.schedule.cron == "0 7 * * 1-5" and schedule.schedule.timezone == "Asia/Ho_Chi_Minh"
            assert inbox.global_concurrency_limit is not None and inbox.global_concurrency_limit.limit == 1
            plan = client.read_deployment_by_name("document/document")
            assert "request" in plan.parameter_openapi_schema["properties"], "the UI builds its form from this"
        run = run_deployment(
            "document/document",
            timeout=120,
            parameters={
                "request": {
                    "source": str(PLAN_EXAMPLE),
                    "output_dir": str(tmp_path / "out"),
                    "formats": ["pdf"],
                    "issue": "now",
                }
            },
        )
        assert run.state.is_completed(), run.state
        assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".pdf"]
        assert "Giao diện Prefect:" in _read_available(serve)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)


def _read_available(proc: subprocess.Popen) -> str:
    os.set_blocking(proc.stdout.fileno(), False)
    return proc.stdout.read() or ""
