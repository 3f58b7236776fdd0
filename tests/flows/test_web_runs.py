"""The web page's deployment runner against a fake Prefect client: the run it starts (name,
parameters, tags), the states it reports, the progress it reads from the run's artifact, and how a
failed, crashed, cancelled, missing or never-started run fails the job — in the clerk's words.
The real server and `vanban serve`: tests/web/test_web_deployment_runs.py."""

from __future__ import annotations

import contextlib
import uuid
from types import SimpleNamespace

import pytest
from prefect.client.schemas.objects import StateType
from prefect.exceptions import ObjectNotFound

from flows.web_runs import DeploymentRunner, deployment_name, run_url
from vanban import kinds
from vanban.requests import AwardRequest, DocumentRequest
from vanban.web.jobs import Report, RunFailed, RunSeen, waiting_words

API = "http://prefect.example:4200/api"
STATES = {
    "Scheduled": StateType.SCHEDULED,
    "Late": StateType.SCHEDULED,
    "AwaitingRetry": StateType.SCHEDULED,
    "Pending": StateType.PENDING,
    "Running": StateType.RUNNING,
    "Completed": StateType.COMPLETED,
    "Failed": StateType.FAILED,
    "Crashed": StateType.CRASHED,
    "Cancelled": StateType.CANCELLED,
}


def _run(run_id, name: str, message: str | None = None):
    return SimpleNamespace(id=run_id, state=SimpleNamespace(type=STATES[name], name=name, message=message))


class FakePrefect:
    """A server with one deployment run: its states one per look, its progress artifact."""

    def __init__(self, states: list[str], progress: list[float] | None = None, total: int = 4, message=None):
        self.run_id = uuid.uuid4()
        self.states, self.progress, self.total, self.message = list(states), list(progress or []), total, message
        self.started: list[dict] = []
        self.cancelled: list[object] = []
        self.artifact_filters: list[dict] = []
        self.missing = False

    # run_deployment(name, parameters=…, flow_run_name=…, tags=…, timeout=0)
    def start(self, name, **kwargs):
        if self.missing:
            raise ObjectNotFound(http_exc=Exception("404"))
        self.started.append({"name": name, **kwargs})
        return _run(self.run_id, "Scheduled")

    @contextlib.contextmanager
    def client(self):
        yield self

    def read_flow_run(self, flow_run_id):
        assert flow_run_id == self.run_id
        name = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        return _run(self.run_id, name, self.message if name in ("Failed", "Crashed", "Cancelled") else None)

    def read_artifacts(self, **kwargs):
        self.artifact_filters.append(kwargs)
        if not self.progress:
            return []
        percent = self.progress.pop(0) if len(self.progress) > 1 else self.progress[0]
        return [SimpleNamespace(data=percent, description=f"Giấy khen đã tạo / {self.total}")]

    def set_flow_run_state(self, flow_run_id, state, force=False):
        self.cancelled.append((flow_run_id, state.type))
        return SimpleNamespace(status=SimpleNamespace(value="ACCEPT"))


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _runner(fake: FakePrefect, clock: Clock | None = None, **options) -> DeploymentRunner:
    clock = clock or Clock()
    return DeploymentRunner(
        api_url=API, client=fake.client, start=fake.start, clock=clock, sleep=clock.sleep, poll_s=1.0, **options
    )


def _report():
    counts: list[tuple[int, int]] = []
    seen: list[RunSeen] = []
    return Report(lambda done, total: counts.append((done, total)), seen.append), counts, seen


AWARD = AwardRequest(
    list_path="/srv/uploads/ds-khen-thuong.xlsx",
    issue="now",
    date="2026-01-09",
    draft_id="1c2231e6d7",
    approved_by="Lê Thị Văn Thư",
)


def test_the_run_is_the_kinds_deployment_named_for_the_clerk_and_followed_to_the_end():
    fake = FakePrefect(["Scheduled", "Pending", "Running", "Running", "Completed"], progress=[50.0, 75.0, 100.0])
    report, counts, seen = _report()
    run = _runner(fake)(kinds.get("award"), AWARD, report)
    assert run.state.type == StateType.COMPLETED

    [started] = fake.started
    assert started["name"] == deployment_name(kinds.get("award")) == "award/award"
    assert started["flow_run_name"] == "award · ds-khen-thuong.xlsx · dự thảo 1c2231e6d7"
    request = started["parameters"]["request"]
    assert request["draft_id"] == "1c2231e6d7" and request["date"] == "2026-01-09" and request["issue"] == "now"
    assert None not in request.values() and "number" not in request  # the server refuses null for a choice
    assert "vanban" in started["tags"] and "award" in started["tags"]

    url = f"http://prefect.example:4200/runs/flow-run/{fake.run_id}"
    assert {s.url for s in seen} == {url} and {s.run_id for s in seen} == {str(fake.run_id)}
    assert [s.state for s in seen] == ["Scheduled", "Scheduled", "Pending", "Running", "Running", "Completed"]
    assert not any(s.waiting_long for s in seen)
    assert counts == [(2, 4), (3, 4), (4, 4)]  # from the artifact's percent and its total
    keys = fake.artifact_filters[0]["artifact_filter"]
    assert keys.flow_run_id.any_ == [fake.run_id] and keys.key.any_ == ["award-progress"]


def test_a_document_run_has_no_progress_artifact_and_needs_none():
    fake = FakePrefect(["Running", "Completed"])
    report, counts, seen = _report()
    request = DocumentRequest(source="/srv/uploads/ke-hoach.md", issue="now", draft_id="abcdef1234")
    _runner(fake)(kinds.get("written"), request, report)
    assert fake.started[0]["name"] == "document/document" and counts == []
    assert seen[-1].state == "Completed"


@pytest.mark.parametrize("state", ["Failed", "Crashed", "Cancelled"])
def test_a_run_that_does_not_complete_fails_the_job_with_its_message(state):
    fake = FakePrefect(["Pending", "Running", state], message="Flow run encountered an exception: InputError: dòng 3")
    report, _counts, seen = _report()
    with pytest.raises(RunFailed) as failed:
        _runner(fake)(kinds.get("award"), AWARD, report)
    text = str(failed.value)
    assert f"Lượt chạy trên Prefect không thành công ({state})" in text and "InputError: dòng 3" in text
    assert seen[-1].state == state and seen[-1].url  # the page still links to the run


def test_a_missing_deployment_says_to_run_vanban_serve():
    fake = FakePrefect(["Scheduled"])
    fake.missing = True
    report, _counts, seen = _report()
    with pytest.raises(RunFailed) as failed:
        _runner(fake)(kinds.get("award"), AWARD, report)
    assert "chưa có deployment “award/award”" in str(failed.value) and "vanban serve" in str(failed.value)
    assert API in str(failed.value) and seen == []


def test_a_run_nobody_picks_up_says_so_then_is_cancelled():
    fake = FakePrefect(["Scheduled"])
    report, _counts, seen = _report()
    with pytest.raises(RunFailed) as failed:
        _runner(fake, waiting_long_s=30, give_up_s=120)(kinds.get("award"), AWARD, report)
    assert [s.waiting_long for s in seen[:31]] == [False] * 31 and seen[-1].waiting_long
    assert "Không có máy nào chạy lượt này sau 2 phút" in str(failed.value)
    assert fake.cancelled == [(fake.run_id, StateType.CANCELLED)]  # it cannot issue behind the page's back
    assert "cần chạy vanban serve" in waiting_words("Scheduled", True)
    assert waiting_words("Scheduled", False) == "Đang chờ máy chạy (Scheduled)"
    assert waiting_words("Running", False) == "Đang chạy"


def test_a_drafting_run_is_named_and_tagged_as_one_and_its_failures_say_to_upload_again():
    """The page's drafting run (`issue: draft`): the same deployment, `… · dự thảo` without an id
    (the draft does not exist yet), tagged `draft`; the issuing run is tagged `issue`. When no
    machine serves it, or the server lacks the deployment, the clerk is told to upload again
    (there is nothing to issue yet)."""
    drafting = AwardRequest(
        list_path="/srv/data/web-uploads/ab12/ds-khen-thuong.xlsx", issue="draft", drafted_by="Nguyễn Thị Soạn"
    )
    fake = FakePrefect(["Pending", "Running", "Completed"])
    report, counts, seen = _report()
    _runner(fake)(kinds.get("award"), drafting, report)
    [started] = fake.started
    assert started["name"] == "award/award" and started["flow_run_name"] == "award · ds-khen-thuong.xlsx · dự thảo"
    assert started["parameters"]["request"] == {
        **drafting.model_dump(mode="json", exclude_none=True),
        "issue": "draft",
        "drafted_by": "Nguyễn Thị Soạn",
    }
    assert "draft" in started["tags"] and "issue" not in started["tags"] and "vanban-web" in started["tags"]
    assert seen[-1].state == "Completed" and counts == []

    issuing = FakePrefect(["Completed"])
    _runner(issuing)(kinds.get("award"), AWARD, _report()[0])
    assert "issue" in issuing.started[0]["tags"] and "draft" not in issuing.started[0]["tags"]

    unserved = FakePrefect(["Scheduled"])
    with pytest.raises(RunFailed) as failed:
        _runner(unserved, waiting_long_s=30, give_up_s=120)(kinds.get("award"), drafting, _report()[0])
    assert "sau 2 phút" in str(failed.value) and "hãy tải lên lại" in str(failed.value)
    missing = FakePrefect(["Scheduled"])
    missing.missing = True
    with pytest.raises(RunFailed) as failed:
        _runner(missing)(kinds.get("award"), drafting, _report()[0])
    assert "chưa có deployment “award/award”" in str(failed.value) and "rồi tải lên lại" in str(failed.value)


def test_a_run_scheduled_again_after_it_ran_is_not_unserved():
    """A retry waits in Scheduled (AwaitingRetry) on a machine that did take the run: no warning,
    no cancelling, however long; and Pending means a machine took it."""
    fake = FakePrefect(["Pending"] * 50 + ["Running"] + ["AwaitingRetry"] * 200 + ["Completed"])
    report, _counts, seen = _report()
    _runner(fake, waiting_long_s=30, give_up_s=120)(kinds.get("award"), AWARD, report)
    assert not any(s.waiting_long for s in seen) and fake.cancelled == []
    assert seen[-1].state == "Completed" and "AwaitingRetry" in {s.state for s in seen}


def test_a_server_that_stops_answering_fails_the_job_after_a_while():
    fake = FakePrefect(["Running"])

    def down(flow_run_id):
        raise ConnectionError("connection refused")

    fake.read_flow_run = down  # type: ignore[method-assign]
    report, _counts, _seen = _report()
    with pytest.raises(RunFailed) as failed:
        _runner(fake, api_down_s=10)(kinds.get("award"), AWARD, report)
    assert "không trả lời quá 10 giây" in str(failed.value) and "connection refused" in str(failed.value)


def test_the_ui_link_is_the_api_address_without_api():
    assert run_url("http://127.0.0.1:4200/api", "abc") == "http://127.0.0.1:4200/runs/flow-run/abc"
    assert run_url("https://vanban.example/prefect/api/", "abc") == "https://vanban.example/prefect/runs/flow-run/abc"
    assert run_url("", "abc") is None
