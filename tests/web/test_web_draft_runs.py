"""When the page runs through Prefect, drafting is a run elsewhere too (`issue: draft`), as
`vanban web serve --runs prefect` sets it up (`create_app(drafter=…)`). The runner here is a
stand-in for the deployment (flows/web_runs.py against a real server:
tests/web/test_web_deployment_runs.py): it reports the run as the deployment runner does and drafts
the way the run would, from the request it was given, in the page's register.

- input checked in the page first: problems are the table with row and column, and no run starts;
- a clean input starts one run, named and asking only for a draft by the signed-in clerk, from the
  uploaded files the run can read; the page waits for it and shows the draft found by its id;
- a run that takes longer shows the waiting state of the issue page (state, link to the run), and
  the draft when it is done; a failed run, or one that wrote elsewhere, says why in Vietnamese.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from support.award_docs import individual, write_list
from support.paths import PLAN_EXAMPLE, ROOT
from support.web import signed_in

from vanban import drafts
from vanban.web import audit
from vanban.web.cli import run_name
from vanban.web.jobs import RunFailed, RunSeen

DATA = ROOT / "tests" / "data" / "award"
URL = "http://127.0.0.1:4200/runs/flow-run/d4af-run"


class Deployment:
    """The kind's deployment as the page sees it through the runner: each call a run."""

    def __init__(self, *, fail: str | None = None, draft: bool = True, hold: threading.Event | None = None) -> None:
        self.fail, self.draft, self.hold = fail, draft, hold
        self.runs: list[tuple[str, object, str]] = []

    def __call__(self, kind, request, report):
        self.runs.append((kind.id, request, run_name(kind, request)))
        report.run(RunSeen(state="Scheduled", run_id="d4af-run", url=URL))
        if self.hold is not None:
            report.run(RunSeen(state="Scheduled", run_id="d4af-run", url=URL, waiting_long=True))
            assert self.hold.wait(30)
        report.run(RunSeen(state="Running", run_id="d4af-run", url=URL))
        if self.fail:
            raise RunFailed(self.fail)
        if self.draft:  # what the run does, in `vanban serve`'s process
            drafts.draft(kind.id, request)
        report.run(RunSeen(state="Completed", run_id="d4af-run", url=URL))


@pytest.fixture
def deployment(web) -> Deployment:
    from vanban.web.app import create_app
    from vanban.web.config import WebSettings

    runs = Deployment()
    web.app = create_app(WebSettings(secret="test-secret", max_upload_mb=0.5), drafter=runs)
    return runs


def _upload(client, token):
    return client.post(
        "/moi/award",
        data={"csrf": token, "mode": "full"},
        files={
            "list": ("small.yaml", (DATA / "small.yaml").read_bytes()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
        follow_redirects=False,
    )


def test_a_clean_list_is_drafted_by_one_run_and_shown_from_the_register(web, deployment):
    client, token = signed_in(web, "soanthao")
    made = _upload(client, token)
    assert made.status_code == 303, made.text[:2000]
    assert re.fullmatch(r"/du-thao/[0-9a-f]{10}", made.headers["location"])
    draft_id = made.headers["location"].rsplit("/", 1)[1]

    [(kind, request, name)] = deployment.runs
    assert kind == "award" and name == "award · small.yaml · dự thảo"
    assert (request.issue, request.drafted_by, request.draft_id, request.mode) == (
        "draft",
        "Nguyễn Thị Soạn",
        None,
        "full",
    )
    # The run reads the uploads where the page keeps them: the data folder it shares with vanban serve.
    uploads = (web.data / "web-uploads").resolve()
    assert Path(request.list_path).resolve().is_relative_to(uploads)
    assert Path(request.session_path).resolve().is_relative_to(uploads)

    record = drafts.get(draft_id)
    assert (record.status, record.created_by) == ("draft", "Nguyễn Thị Soạn")
    page = client.get(made.headers["location"]).text
    assert "Xem trước dự thảo" in page and f'src="/xem-truoc/{draft_id}/' in page
    assert "Lượt soạn" in page and f'href="{URL}"' in page  # the drafting run, with its preview artifacts
    logged = [(line.username, line.action, line.target) for line in audit.recent()]
    assert ("soanthao", "draft", draft_id) in logged

    # The same list again: the same draft, by a new run (the run hands it back as it is).
    again = _upload(client, token)
    assert again.headers["location"] == made.headers["location"] and len(deployment.runs) == 2


def test_a_markdown_document_is_drafted_by_a_run_too(web, deployment):
    client, token = signed_in(web, "soanthao")
    made = client.post(
        "/moi/written",
        data={"csrf": token},
        files={"source": (PLAN_EXAMPLE.name, PLAN_EXAMPLE.read_bytes())},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:2000]
    [(kind, request, name)] = deployment.runs
    assert (kind, request.issue, name) == ("written", "draft", f"written · {PLAN_EXAMPLE.name} · dự thảo")
    assert drafts.get(made.headers["location"].rsplit("/", 1)[1]).kind == "written"


def test_bad_input_is_the_problem_table_and_starts_no_run(web, deployment, tmp_path):
    client, token = signed_in(web, "soanthao")
    folder = tmp_path / "in"
    bad = write_list(
        folder,
        [],
        [individual("Nguyễn Văn An", "Nam", amount="bảy trăm nghìn")],
        name="danh-sach-loi.xlsx",
        issuer="ldld-lai-chau",
        number=15,
        date="2026-01-05",
    )
    shown = client.post(
        "/moi/award",
        data={"csrf": token},
        files={
            "list": (bad.name, bad.read_bytes()),
            "session": ("session.yaml", (folder / "session.yaml").read_bytes()),
        },
    )
    assert shown.status_code == 422 and "Dữ liệu vào có 1 lỗi" in shown.text
    assert re.search(r"<td>danh-sach-loi.xlsx</td>\s*<td>Cá nhân</td>\s*<td>2</td>\s*<td>H</td>", shown.text)
    # Past reading: a name too long for the certificate is refused by the page's check as well.
    crowded = (
        (DATA / "small.yaml")
        .read_text(encoding="utf-8")
        .replace("- name: Công đoàn ngành Y tế tỉnh Lai Châu", "- name: " + " ".join(["Nậm Na"] * 170), 1)
    )
    too_long = client.post(
        "/moi/award",
        data={"csrf": token},
        files={
            "list": ("small.yaml", crowded.encode()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
    )
    assert too_long.status_code == 422 and "quá dài so với ô trên giấy khen" in too_long.text
    # An account acting for another issuer is refused before any run, too.
    other, other_token = signed_in(web, "khac")
    refused = _upload(other, other_token)
    assert refused.status_code == 403 and "ldld-lai-chau" in refused.text
    assert deployment.runs == [] and drafts.list_drafts() == []


def test_a_failed_run_says_why_in_vietnamese(web, deployment):
    deployment.fail = "Lượt chạy trên Prefect không thành công (Crashed): máy chạy bị tắt"
    client, token = signed_in(web, "soanthao")
    made = _upload(client, token)
    assert made.status_code == 303 and made.headers["location"].startswith("/soan/")
    page = client.get(made.headers["location"])
    assert page.status_code == 200
    assert "Chưa soạn được dự thảo" in page.text and "máy chạy bị tắt" in page.text
    assert "RunFailed" not in page.text and f'href="{URL}"' in page.text
    assert drafts.list_drafts() == []
    assert "draft" not in {line.action for line in audit.recent()}


def test_a_run_that_wrote_elsewhere_is_said_not_shown(web, deployment):
    """Completed, but the draft is not in the page's register: `vanban serve` uses another
    register or outputs folder. The page says what they must share."""
    deployment.draft = False
    client, token = signed_in(web, "soanthao")
    made = _upload(client, token)
    page = client.get(made.headers["location"]).text
    assert "sổ đăng ký không có dự thảo" in page and "VANBAN_DATA_DIR" in page and "vanban serve" in page


def test_a_run_waiting_for_a_machine_shows_the_waiting_state_then_the_draft(web, deployment):
    deployment.hold = threading.Event()
    web.app.state.drafting.wait_s = 0.2
    client, token = signed_in(web, "soanthao")
    try:
        made = _upload(client, token)
        assert made.status_code == 303 and made.headers["location"].startswith("/soan/")
        draft_id = made.headers["location"].rsplit("/", 1)[1]
        page = client.get(made.headers["location"]).text
        assert "Đang soạn dự thảo" in page and f'href="{URL}"' in page
        assert "Chưa có máy nào chạy lượt này (Scheduled)" in page and "cần chạy vanban serve" in page
        state = client.get(f"/soan/{draft_id}/tien-do").json()
        assert state["state"] == "running" and state["waiting_long"] and state["run_url"] == URL
        # Another issuer's account cannot see it; nor may anyone signed out.
        other, _ = signed_in(web, "khac")
        assert other.get(f"/soan/{draft_id}").status_code == 404
        assert other.get(f"/soan/{draft_id}/tien-do").status_code == 404
        assert web.client().get(f"/soan/{draft_id}", follow_redirects=False).headers["location"] == "/dang-nhap"
    finally:
        deployment.hold.set()
    job = web.app.state.drafting.wait(draft_id, timeout=30)
    assert job is not None and job.state == "done"
    assert client.get(f"/soan/{draft_id}/tien-do").json()["state"] == "done"
    shown = client.get(f"/soan/{draft_id}")
    assert shown.url.path == f"/du-thao/{draft_id}" and "Xem trước dự thảo" in shown.text


def test_without_a_drafter_the_page_drafts_in_its_own_process(web):
    """`--runs here` (and every page made without a drafter): as before, no run, no waiting."""
    client, token = signed_in(web, "soanthao")
    made = _upload(client, token)
    assert made.status_code == 303 and made.headers["location"].startswith("/du-thao/")
    assert web.app.state.drafting.runner is None
    assert drafts.get(made.headers["location"].rsplit("/", 1)[1]).created_by == "Nguyễn Thị Soạn"


def test_vanban_web_serve_drafts_through_the_deployment_runner_only(monkeypatch):
    """`serve` hands its runner to the page for drafting too, unless it runs here."""
    import uvicorn

    from vanban.web import cli

    made: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setattr("vanban.web.app.create_app", lambda config, **kw: made.append(kw))
    elsewhere = object()
    monkeypatch.setattr(cli, "choose_runs", lambda runs: (elsewhere if runs == "prefect" else cli.flow_runner, ""))
    cli.serve(runs="prefect", host="127.0.0.1", port=0, root_path=None, forwarded_allow_ips=None)
    cli.serve(runs="here", host="127.0.0.1", port=0, root_path=None, forwarded_allow_ips=None)
    assert made == [{"runner": elsewhere, "drafter": elsewhere}, {"runner": cli.flow_runner, "drafter": None}]
