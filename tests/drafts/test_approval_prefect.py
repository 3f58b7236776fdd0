"""Approval in Prefect against a real (temporary) Prefect server: the award run drafts, publishes
its previews, pauses with the approval form, and a person's answer — sent to the server as the
Prefect UI sends it (`resume_flow_run` with the form's input) — decides what happens.

- approve with the signing date and a number the văn thư gave by hand → issued under that
  number and date, the approver's name in the register;
- reject with a reason, or no answer before the time-out → the draft stays (abandoned with the
  reason, or still waiting), and the register holds no number;
- a form without the approver's name is refused by the server and the run stays paused;
- a run on an input already issued hands back the issued package without pausing.

The session has no number of its own (the register would give 01): the hand-given 07 shows that
the approver's number is the one used.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest
from support.paths import ROOT

from vanban import drafts
from vanban.register import Register

pytestmark = pytest.mark.slow

DATA = ROOT / "tests" / "data" / "award"


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    """small.yaml (4 awardees) and its session without a number; a register of this test's own;
    a paused run asks the server every second."""
    import flows.approval

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(flows.approval, "APPROVAL_POLL_S", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "small.yaml")
    session = (DATA / "session.yaml").read_text(encoding="utf-8").replace("number: 15\n", "")
    (folder / "session.yaml").write_text(session, encoding="utf-8")
    return folder


class Run:
    """An award run on the deployment's default (`issue: after_approval`) in a thread of its own,
    as a worker runs it; the test plays the person at the Prefect UI."""

    def __init__(self, folder: Path, out: Path) -> None:
        from flows.award import run_award

        self.list_path = str(folder / "small.yaml")
        self.outcome = None
        self.error: BaseException | None = None

        def target() -> None:
            try:
                self.outcome = run_award(
                    workers=1,
                    issue="after_approval",
                    list_path=self.list_path,
                    session_path=str(folder / "session.yaml"),
                    output_dir=str(out),
                )
            except BaseException as exc:  # reported by finish()
                self.error = exc

        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()

    def paused(self, within: float = 180) -> UUID:
        """The run's id once the server shows it paused, waiting for the approval form."""
        from prefect import get_client

        deadline = time.monotonic() + within
        with get_client(sync_client=True) as client:
            while time.monotonic() < deadline:
                assert self.thread.is_alive(), f"the run ended before pausing: {self.error or self.outcome}"
                for run in client.read_flow_runs(limit=50):
                    request = run.parameters.get("request") or {}
                    if request.get("list_path") == self.list_path and run.state and run.state.is_paused():
                        return run.id
                time.sleep(0.5)
        raise AssertionError("the run did not pause for approval")

    def finish(self, within: float = 300):
        self.thread.join(within)
        assert not self.thread.is_alive(), "the run did not finish after the decision"
        if self.error is not None:
            raise self.error
        return self.outcome


def _artifacts(run_id: UUID) -> dict[str, object]:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    return {a.key: a.data for a in found if a.key}


def _form(run_id: UUID) -> dict:
    """The approval form's JSON schema, as the server hands it to the Prefect UI."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
        keyset = run.state.state_details.run_input_keyset  # type: ignore[union-attr]
        assert keyset is not None, "the run paused without a form"
        return json.loads(client.read_flow_run_input(run_id, keyset["schema"]))


def test_approve_with_date_and_hand_number_issues_with_the_approver_in_the_register(prefect_harness, inputs, tmp_path):
    from prefect.flow_runs import resume_flow_run

    run = Run(inputs, tmp_path / "out")
    run_id = run.paused()
    [waiting] = drafts.list_drafts(status="draft")
    assert Register().entries() == []  # paused: nothing taken

    # What the approver sees: the decision's first page and the sample certificate as pictures,
    # the list as a table; the form asks for decision, approver, signing date, number, reason.
    shown = _artifacts(run_id)
    preview = str(shown["draft-preview"])
    assert preview.startswith(f"# Dự thảo {waiting.id}: Về việc tặng Giấy khen")
    assert preview.count("](data:image/png;base64,") == 2  # decision and certificate, page 1
    assert "du-thao-quyet-dinh" in preview and "du-thao-giay-khen-mau.pdf" in preview
    table = json.loads(str(shown["draft-list"]))
    assert [row["TT"] for row in table] == [1, 2, 3, 4]
    assert {"Hoàng Thị Hà", "Công đoàn ngành Y tế tỉnh Lai Châu"} <= {row["Tên"] for row in table}
    form = _form(run_id)
    assert {"decision", "approver", "signing_date", "number", "reason"} <= set(form["properties"])
    assert "approver" in form["required"]

    # A form without the approver's name is refused; the run keeps waiting.
    with pytest.raises(RuntimeError, match="Cannot resume"):
        resume_flow_run(run_id, run_input={"decision": "approve", "signing_date": "2026-01-09"})
    assert run.thread.is_alive() and Register().entries() == []

    resume_flow_run(
        run_id, run_input={"decision": "approve", "approver": "Trần Văn C", "signing_date": "2026-01-09", "number": 7}
    )
    outcome = run.finish()
    assert (outcome.status, outcome.draft_id, outcome.awardees) == ("issued", waiting.id, 4)
    issued = drafts.get(waiting.id)
    assert (issued.status, issued.approved_by, issued.issue_date, issued.number_symbol) == (
        "issued",
        "Trần Văn C",
        dt.date(2026, 1, 9),
        "07/QĐ-LĐLĐ",
    )
    package = Path(outcome.folder)
    assert package.name == "07-QD-LDLD" and (package / "manifest.json").is_file()
    assert len(list((package / "certificates").glob("*.pdf"))) == 4
    [decision] = [e for e in Register().entries() if e.kind == "document"]
    assert (decision.number_symbol, decision.date, decision.status) == ("07/QĐ-LĐLĐ", dt.date(2026, 1, 9), "issued")

    # The same input run again (a second click on the deployment): the issued package, no pause,
    # no new number.
    again = Run(inputs, tmp_path / "out").finish(within=120)
    assert (again.status, again.folder, again.draft_id, again.awardees) == ("issued", str(package), waiting.id, 4)
    assert len(Register().entries()) == 5  # the decision and four sổ vàng numbers, once


def test_reject_with_a_reason_keeps_the_draft_and_takes_no_number(prefect_harness, inputs, tmp_path):
    from prefect.flow_runs import resume_flow_run

    run = Run(inputs, tmp_path / "out")
    run_id = run.paused()
    resume_flow_run(
        run_id,
        run_input={"decision": "reject", "approver": "Trần Văn C", "reason": "Sai đơn vị của bà Hoàng Thị Hà"},
    )
    outcome = run.finish()
    assert outcome.status == "rejected" and Register().entries() == []
    record = drafts.get(outcome.draft_id)
    assert (record.status, record.reason) == ("abandoned", "Sai đơn vị của bà Hoàng Thị Hà (Trần Văn C)")
    assert record.number_symbol is None and record.approved_by is None
    assert Path(outcome.folder) == Path(record.folder) and drafts.files_of(record)  # the draft's files stay
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["du-thao"]  # no package


def test_no_answer_before_the_time_out_leaves_a_draft_to_issue_later(prefect_harness, inputs, tmp_path, monkeypatch):
    import flows.approval

    monkeypatch.setattr(flows.approval, "APPROVAL_TIMEOUT_S", 4)
    outcome = Run(inputs, tmp_path / "out").finish()
    assert outcome.status == "draft" and Register().entries() == []
    record = drafts.get(outcome.draft_id)
    assert record.status == "draft" and record.number_symbol is None
    assert [d.id for d in drafts.list_drafts(status="draft")] == [record.id]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["du-thao"]


def test_a_single_document_kind_pauses_and_issues_the_same_way(prefect_harness, tmp_path, monkeypatch):
    """The `document` flow (here the Tờ trình of the list, kind `submission`) drafts, pauses with
    the same form, and issues on approval with the approver in the register."""
    from prefect import get_client
    from prefect.flow_runs import resume_flow_run

    import flows.approval
    from flows.document import document_flow
    from vanban.requests import DocumentRequest

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(flows.approval, "APPROVAL_POLL_S", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "small.yaml")
    shutil.copy(DATA / "to-trinh" / "session.yaml", folder / "session.yaml")
    request = DocumentRequest(kind="submission", source=str(folder / "small.yaml"), output_dir=str(tmp_path / "out"))
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(paths=document_flow(request=request).files), daemon=True)
    thread.start()
    deadline, run_id = time.monotonic() + 120, None
    with get_client(sync_client=True) as client:
        while run_id is None and time.monotonic() < deadline:
            for run in client.read_flow_runs(limit=50):
                if (run.parameters.get("request") or {}).get("kind") == "submission" and run.state.is_paused():
                    run_id = run.id
            time.sleep(0.5)
    assert run_id is not None, "the document run did not pause"
    [waiting] = drafts.list_drafts(status="draft")
    assert waiting.kind == "submission" and Register().entries() == []
    resume_flow_run(run_id, run_input={"approver": "Lò Thị D", "signing_date": "2026-01-02"})
    thread.join(120)
    assert not thread.is_alive()
    issued = drafts.get(waiting.id)
    assert (issued.status, issued.number_symbol, issued.approved_by) == ("issued", "01/TTr-LĐLĐ", "Lò Thị D")
    assert sorted(Path(p).suffix for p in box["paths"]) == [".docx", ".pdf"]
    assert all(Path(p).name.startswith("01-TTr-LDLD") for p in box["paths"])


def test_a_draft_only_run_shows_the_draft_and_ends_without_pausing(prefect_harness, inputs, tmp_path):
    """`issue: draft`, the web page's drafting run: the draft is rendered and recorded with who
    drafted it, its previews are the run's artifacts, and the run completes without ever pausing;
    nothing is taken from the register. The document flow does the same for a single document."""
    from prefect import get_client
    from support.paths import PLAN_EXAMPLE

    from flows.award import run_award
    from flows.document import document_flow
    from vanban.requests import DocumentRequest

    list_path = str(inputs / "small.yaml")
    outcome = run_award(
        workers=1,
        issue="draft",
        list_path=list_path,
        session_path=str(inputs / "session.yaml"),
        output_dir=str(tmp_path / "out"),
        drafted_by="Nguyễn Thị Soạn",
    )
    assert (outcome.status, outcome.awardees) == ("draft", 4) and Register().entries() == []
    record = drafts.get(outcome.draft_id)
    assert (record.status, record.created_by, Path(record.folder)) == ("draft", "Nguyễn Thị Soạn", Path(outcome.folder))
    with get_client(sync_client=True) as client:
        [run] = [
            r
            for r in client.read_flow_runs(limit=50)
            if (r.parameters.get("request") or {}).get("list_path") == list_path
        ]
        states = {s.type.value for s in client.read_flow_run_states(run.id)}
    assert run.state is not None and run.state.is_completed() and "PAUSED" not in states
    assert str(_artifacts(run.id)["draft-preview"]).startswith(f"# Dự thảo {record.id}: Về việc tặng Giấy khen")

    document = document_flow(
        request=DocumentRequest(source=str(PLAN_EXAMPLE), issue="draft", output_dir=str(tmp_path / "doc"))
    )
    written = drafts.get(document.draft_id or "")
    assert document.status == "draft" and written.status == "draft" and Register().entries() == []
    assert sorted(Path(p).suffix for p in document.files) == [".docx", ".pdf"]
    assert all(Path(p).parent == Path(written.folder) for p in document.files)
