"""While a draft is issued through a run elsewhere (a Prefect deployment run), the page shows the
run's state in the clerk's words and links to it; a run that failed says why, without a Python
exception name. The runner here is a stand-in that reports as flows/web_runs.py does."""

from __future__ import annotations

import threading

from support.paths import ROOT
from support.web import signed_in

from vanban.web.jobs import RunFailed, RunSeen

DATA = ROOT / "tests" / "data" / "award"
URL = "http://127.0.0.1:4200/runs/flow-run/0b4e-run"


def test_the_page_shows_the_run_state_its_link_and_why_it_failed(web):
    go_on = threading.Event()

    def runner(kind, request, report):
        report.run(RunSeen(state="Scheduled", run_id="0b4e-run", url=URL))
        report.run(RunSeen(state="Scheduled", run_id="0b4e-run", url=URL, waiting_long=True))
        go_on.wait(30)
        report(1, 4)
        raise RunFailed("Lượt chạy trên Prefect không thành công (Crashed): máy chạy bị tắt")

    web.app.state.jobs.runner = runner
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
    draft_id = made.headers["location"].rsplit("/", 1)[1]
    clerk, clerk_token = signed_in(web, "vanthu")
    clerk.post(f"/du-thao/{draft_id}/ban-hanh", data={"csrf": clerk_token, "date": "2026-01-09", "number": ""})
    try:
        for _ in range(200):
            state = clerk.get(f"/du-thao/{draft_id}/tien-do").json()
            if state.get("waiting_long"):
                break
            threading.Event().wait(0.05)
        assert state["state"] == "running" and state["run_url"] == URL
        assert "Chưa có máy nào chạy lượt này (Scheduled)" in state["run"] and "vanban serve" in state["run"]
        page = clerk.get(f"/du-thao/{draft_id}").text
        assert "Lượt chạy trên Prefect:" in page and f'href="{URL}"' in page and "cần chạy vanban serve" in page
    finally:
        go_on.set()
    job = web.app.state.jobs.wait(draft_id, timeout=30)
    assert job is not None and job.state == "failed"
    assert job.error == "Lượt chạy trên Prefect không thành công (Crashed): máy chạy bị tắt"  # no "RunFailed:"
    page = clerk.get(f"/du-thao/{draft_id}").text
    assert "máy chạy bị tắt" in page and "RunFailed" not in page and f'href="{URL}"' in page
