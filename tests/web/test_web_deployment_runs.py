"""The page drafts an uploaded list and issues the draft as Prefect flow runs of the `award`
deployment that `vanban serve` serves, and follows them through the API (flows/web_runs.py), as
`vanban web serve --runs prefect` does: the drafting run (`issue: draft`) is in the API under the
clerk's name for it, Completed with the draft's preview artifact, and the page shows the draft it
finds in the register by id; the issuing run ends Completed with its progress artifact, the job
reports certificates done and links to the run, and the package is downloaded from the page. A temporary Prefect server (the test harness) and `vanban serve` in a subprocess
(its own process group, stopped whatever happens), sharing the test's register and outputs."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator

import pytest
from support.paths import ROOT
from support.web import signed_in

from vanban.web.jobs import Report

pytestmark = pytest.mark.slow

DATA = ROOT / "tests" / "data" / "award"
STARTUP_SECONDS = 120


@pytest.fixture
def served(web, prefect_harness, tmp_path) -> Iterator[str]:
    """`vanban serve` on the harness's server, with the page's register and outputs; the API URL."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    api = str(PREFECT_API_URL.value())
    env = dict(
        os.environ,  # VANBAN_DATA_DIR and VANBAN_OUTPUTS of the page (tests/web/conftest.py)
        PREFECT_API_URL=api,
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PYTHONPATH=str(ROOT),
    )
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [sys.executable, "-m", "vanban.cli", "serve", "--inbox", str(tmp_path / "inbox"), "--inbox-cron", "0 7 1 1 *"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        with get_client(sync_client=True) as client:
            while {"award", "document"} - {d.name for d in client.read_deployments()}:
                assert serve.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")
                assert time.monotonic() < deadline, "vanban serve registered no deployments"
                time.sleep(0.5)
        yield api
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait(timeout=10)
        log.close()


def test_the_page_issues_through_the_award_deployment_and_follows_it(web, served, monkeypatch, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.web_runs import DeploymentRunner
    from vanban import drafts
    from vanban.web.cli import choose_runs

    # `vanban web serve` (--runs auto) picks the deployments for a configured server that answers.
    monkeypatch.setenv("PREFECT_API_URL", served)
    for quiet in ("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "PREFECT_LOGGING_LOG_PRINTS"):
        monkeypatch.setenv(quiet, os.environ.get(quiet, "WARNING" if "LEVEL" in quiet else "false"))
    chosen, said = choose_runs("auto")
    assert isinstance(chosen, DeploymentRunner) and served in said

    counts: list[tuple[int, int]] = []
    states: list[str] = []
    following = DeploymentRunner(poll_s=0.3)

    def watched(kind, request, report):
        def count(done, total):
            counts.append((done, total))
            report(done, total)

        def seen(run):
            states.append(run.state)
            report.run(run)

        return following(kind, request, Report(count, seen))

    web.app.state.jobs.runner = watched
    web.app.state.drafting.runner = DeploymentRunner(poll_s=0.3)  # as `serve` sets it: drafting too

    # Drafting: a run of the deployment with `issue: draft`, from the uploads vanban serve reads.
    drafter, token = signed_in(web, "soanthao")
    made = drafter.post(
        "/moi/award",
        data={"csrf": token, "mode": "full"},
        files={
            "list": ("small.yaml", (DATA / "small.yaml").read_bytes()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:2000]
    assert made.headers["location"].startswith(("/du-thao/", "/soan/"))  # the waiting page past 20 s
    draft_id = made.headers["location"].rsplit("/", 1)[1]
    drafting = web.app.state.drafting.wait(draft_id, timeout=300)
    assert drafting is not None and drafting.state == "done", (drafting.error, drafting.problems) if drafting else None
    shown = drafter.get(f"/soan/{draft_id}")
    assert shown.url.path == f"/du-thao/{draft_id}" and "Xem trước dự thảo" in shown.text
    assert drafting.run_url == f"{served.removesuffix('/api')}/runs/flow-run/{drafting.flow_run_id}"
    assert f'href="{drafting.run_url}"' in shown.text  # "Lượt soạn": the run with the draft's artifacts
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(drafting.flow_run_id)
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]))
        )
        deployment = client.read_deployment(run.deployment_id)
    assert run.name == "award · small.yaml · dự thảo" and {"vanban-web", "draft"} <= set(run.tags)
    assert run.state is not None and run.state.is_completed() and deployment.name == "award"
    assert (
        run.parameters["request"]["issue"] == "draft" and run.parameters["request"]["drafted_by"] == "Nguyễn Thị Soạn"
    )
    assert f"Dự thảo {draft_id}" in str(next(a.data for a in artifacts if a.key == "draft-preview"))
    assert drafts.get(draft_id).created_by == "Nguyễn Thị Soạn"  # recorded by vanban serve's run

    clerk, clerk_token = signed_in(web, "vanthu")
    clerk.post(f"/du-thao/{draft_id}/ban-hanh", data={"csrf": clerk_token, "date": "2026-01-09", "number": ""})
    job = web.app.state.jobs.wait(draft_id, timeout=600)
    assert job is not None and job.state == "done", (job.error, [str(p) for p in job.problems]) if job else None

    # The run, as the Prefect UI shows it: the clerk's name for it, Completed, its progress artifact.
    assert job.flow_run_id and job.run_url == f"{served.removesuffix('/api')}/runs/flow-run/{job.flow_run_id}"
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(job.flow_run_id)
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]))
        )
        deployment = client.read_deployment(run.deployment_id)
    assert run.name == f"award · small.yaml · dự thảo {draft_id}"
    assert run.state is not None and run.state.is_completed() and deployment.name == "award"
    assert "vanban-web" in run.tags
    progress = [a for a in artifacts if a.key == "award-progress"]
    assert progress and progress[0].data == 100.0
    assert states[0] == "Scheduled" and states[-1] == "Completed"
    assert counts and counts[-1] == (4, 4)  # read from the artifact, not from the flow's memory

    # The page: issued, its link to the run, and the package downloaded by id.
    page = clerk.get(f"/du-thao/{draft_id}").text
    assert "Đã ban hành" in page and f'href="{job.run_url}"' in page
    links = dict((name, href) for href, name in re.findall(rf'href="(/tep/{draft_id}/ban-hanh/\d+)">([^<]+)</a>', page))
    zip_name = next(n for n in links if n.endswith(".zip"))
    got = clerk.get(links[zip_name])
    assert got.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(got.content)).namelist()
    assert zip_name == "15-QD-LDLD.zip" and "15-QD-LDLD/manifest.json" in names
    assert len([n for n in names if n.startswith("15-QD-LDLD/certificates/") and n.endswith(".pdf")]) == 4
    printed = clerk.get(links["in-giay-khen.pdf"])
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")


def test_a_deployment_nobody_serves_is_said_then_cancelled_and_a_missing_one_named(prefect_harness):
    """On the real API: a run of a registered deployment that no `vanban serve` serves waits in
    Scheduled, is said to be unserved, then cancelled (the server accepts it); a deployment the
    server does not have is named, with what to do."""
    import dataclasses

    from prefect.client.orchestration import get_client

    from flows.award import award_flow
    from flows.web_runs import DeploymentRunner
    from vanban import kinds
    from vanban.requests import AwardRequest
    from vanban.web.jobs import RunFailed

    unserved = dataclasses.replace(kinds.get("award"), deployment="nobody-serves-this")
    award_flow.to_deployment(name=unserved.deployment).apply()  # registered, not served
    request = AwardRequest(list_path="/srv/ds.xlsx", issue="now", date="2026-01-09", draft_id="0123456789")
    seen = []
    runner = DeploymentRunner(poll_s=0.2, waiting_long_s=0.5, give_up_s=2)
    with pytest.raises(RunFailed) as failed:
        runner(unserved, request, Report(None, seen.append))
    assert "Không có máy nào chạy lượt này" in str(failed.value)
    assert any(s.waiting_long for s in seen) and seen[-1].state in ("Scheduled", "Late")
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(seen[-1].run_id)
    assert run.state is not None and run.state.is_cancelled() and run.name == "award · ds.xlsx · dự thảo 0123456789"

    missing = dataclasses.replace(kinds.get("award"), deployment="not-there")
    with pytest.raises(RunFailed) as failed:
        runner(missing, request, Report())
    assert "chưa có deployment “award/not-there”" in str(failed.value) and "vanban serve" in str(failed.value)
