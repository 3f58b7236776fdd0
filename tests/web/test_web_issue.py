"""The whole path a clerk takes on the page: upload the approved list, look at the draft, the văn
thư issues it (progress per certificate), downloads the ZIP and the print PDF by id, finds it in
the register, voids a number with a reason, exports the book. Through the real award flow."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook
from support.paths import ROOT
from support.web import signed_in

from vanban import drafts
from vanban.register import Register
from vanban.web import audit

DATA = ROOT / "tests" / "data" / "award"


@pytest.fixture
def web_flow(web, prefect_harness):
    """The page issuing through the award flow in this process, as `vanban web serve` does."""
    from vanban.web.app import create_app
    from vanban.web.cli import flow_runner
    from vanban.web.config import WebSettings

    web.app = create_app(WebSettings(secret="test-secret"), runner=flow_runner)
    seen: list[tuple[int, int]] = []

    def counting(kind, request, report):
        def spy(done, total):
            seen.append((done, total))
            report(done, total)

        return flow_runner(kind, request, spy)

    web.app.state.jobs.runner = counting
    web.progress = seen  # type: ignore[attr-defined]
    return web


@pytest.mark.slow
def test_upload_preview_issue_download_register_void(web_flow):
    web = web_flow
    drafter, token = signed_in(web, "soanthao")
    made = drafter.post(
        "/moi/award",
        data={"csrf": token, "mode": "full", "order": "name"},
        files={
            "list": ("small.yaml", (DATA / "small.yaml").read_bytes()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:2000]
    draft_id = made.headers["location"].rsplit("/", 1)[1]
    assert Register().entries() == []  # drafting takes no number

    clerk, clerk_token = signed_in(web, "vanthu")
    page = clerk.get(f"/du-thao/{draft_id}").text
    assert "Ban hành (văn thư)" in page
    started = clerk.post(
        f"/du-thao/{draft_id}/ban-hanh", data={"csrf": clerk_token, "date": "2026-01-09", "number": ""}
    )
    assert started.status_code == 200
    job = web.app.state.jobs.wait(draft_id, timeout=600)
    assert job is not None and job.state == "done", ([str(p) for p in job.problems], job.error) if job else None
    assert web.progress and web.progress[-1] == (4, 4)  # one step per certificate, all four
    assert clerk.get(f"/du-thao/{draft_id}/tien-do").json()["state"] == "done"

    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as prefect:
        names = [run.name for run in prefect.read_flow_runs()]
    assert f"award · small.yaml · dự thảo {draft_id}" in names  # the run a clerk finds in the Prefect UI

    issued = drafts.get(draft_id)
    assert (issued.status, issued.number_symbol, issued.approved_by) == ("issued", "15/QĐ-LĐLĐ", "Lê Thị Văn Thư")
    page = clerk.get(f"/du-thao/{draft_id}").text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "15/QĐ-LĐLĐ" in text and "09/01/2026" in text and "Quyết định số 15/QĐ-LĐLĐ" in text
    links = dict(
        (name, href) for href, name in re.findall(rf'<a href="(/tep/{draft_id}/ban-hanh/\d+)">([^<]+)</a>', page)
    )
    assert {"15-QD-LDLD.zip", "in-giay-khen.pdf"} <= set(links)
    package = clerk.get(links["15-QD-LDLD.zip"])
    assert package.status_code == 200 and "attachment" in package.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(package.content)) as zf:
        names = zf.namelist()
        assert "15-QD-LDLD/manifest.json" in names
        assert len([n for n in names if n.startswith("15-QD-LDLD/certificates/") and n.endswith(".pdf")]) == 4
    printed = clerk.get(links["in-giay-khen.pdf"])
    pages = subprocess.run(["pdfinfo", "-"], input=printed.content, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Pages:\s+4\b", pages)
    # the drafting clerk sees the issued files too, the other issuer's clerk does not
    assert drafter.get(links["in-giay-khen.pdf"]).status_code == 200
    other, _ = signed_in(web, "khac")
    assert other.get(links["15-QD-LDLD.zip"]).status_code == 404

    book = clerk.get("/so-dang-ky?year=2026&q=15/QĐ")
    assert "15/QĐ-LĐLĐ" in book.text
    [decision] = [e for e in Register().entries() if e.number_symbol == "15/QĐ-LĐLĐ"]
    no_reason = clerk.post("/so-dang-ky/huy-so", data={"csrf": clerk_token, "entry": str(decision.id), "reason": ""})
    assert no_reason.status_code == 422 and "cần ghi lý do hủy số" in no_reason.text
    assert (
        drafter.post("/so-dang-ky/huy-so", data={"csrf": token, "entry": str(decision.id), "reason": "x"}).status_code
        == 403
    )
    voided = clerk.post(
        "/so-dang-ky/huy-so", data={"csrf": clerk_token, "entry": str(decision.id), "reason": "Ghi nhầm trích yếu"}
    )
    assert voided.status_code == 200 and "Đã hủy: Ghi nhầm trích yếu" in voided.text
    exported = clerk.get("/so-dang-ky/xuat?year=2026")
    wb = load_workbook(io.BytesIO(exported.content))
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "15/QĐ-LĐLĐ" in cells and any("Ghi nhầm trích yếu" in c for c in cells)

    actions = [(a.username, a.action) for a in audit.recent()]
    for expected in [
        ("soanthao", "draft"),
        ("vanthu", "issue"),
        ("vanthu", "download"),
        ("vanthu", "void"),
        ("vanthu", "export"),
    ]:
        assert expected in actions, expected
