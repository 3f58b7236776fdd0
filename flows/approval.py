"""Approval in Prefect (trình ký): render the draft, show it, pause until a person decides.

A run whose request says `issue: after_approval` (the deployments' default) first renders the
draft through `vanban.drafts` (no number taken), publishes what a person needs to judge it — the
decision's first page and a certificate as images, the list as a table, the totals and the law
used — then pauses with a typed form (`Approval`): approve with the signing date (and the number
if the văn thư already gave one by hand), or reject with a reason. Approval returns the request to
issue with; rejection abandons the draft (with the approver's reason: what was signed for is
not what will be issued, so drafting the corrected input makes a new draft); a time-out leaves it
a draft, to be issued later with `vanban issue`. Neither takes a number.

A run on an input whose draft was already issued pauses for nothing: it hands back the issued
package (a deployment run started twice, a retry after the issue went through).
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Literal

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import BaseModel, Field

from vanban import drafts
from vanban.drafts.preview import first_page_png
from vanban.i18n import both

#: How long a paused run waits for a decision (seconds): a working week.
APPROVAL_TIMEOUT_S = 5 * 24 * 3600
#: How often a paused run asks the server whether a person decided (seconds).
APPROVAL_POLL_S = 10


class Approval(RunInput):
    """Duyệt dự thảo — the approver's decision on a draft."""

    decision: Literal["approve", "reject"] = Field(
        default="approve", description="approve: ký ban hành; reject: không ban hành — approve or reject"
    )
    approver: str = Field(min_length=1, description="Người duyệt (họ tên) — who decides")
    signing_date: dt.date | None = Field(
        default=None, description="Ngày ký; để trống: hôm nay — signing date; empty: today"
    )
    number: int | None = Field(
        default=None, ge=1, description="Số văn thư đã cấp (nếu có) — a number given by hand, if any"
    )
    reason: str | None = Field(default=None, description="Lý do không duyệt — why it is rejected")


class Decided(BaseModel):
    """What the approval step decided: the draft, and the request to issue it with (or None)."""

    draft: drafts.Draft
    issue_request: BaseModel | None
    outcome: Literal["approved", "rejected", "timed_out", "already_issued"]


def already_issued(draft: drafts.Draft) -> Decided | None:
    """The decision when the draft was issued before: nothing to approve, nothing to number."""
    if draft.status != "issued":
        return None
    get_run_logger().info(
        both(
            "Dự thảo {id} đã được ban hành (số {number}): trả lại gói đã có, không lấy số mới",
            id=draft.id,
            number=draft.number_symbol or "—",
        )
    )
    return Decided(draft=draft, issue_request=None, outcome="already_issued")


def _image(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    data = first_page_png(path)
    if data is None:
        return ""
    return f"![{path.name}](data:image/png;base64,{base64.b64encode(data).decode()})"


def publish_draft(draft: drafts.Draft, summary: list[str], table: list[dict] | None = None) -> None:
    """The draft's preview artifacts: first pages as images, the list as a table, the summary."""
    files = drafts.files_of(draft)
    pdfs = [p for p in files if p.suffix == ".pdf"]
    lines = [f"# Dự thảo {draft.id}: {draft.subject}", "", *(f"- {line}" for line in summary), ""]
    for pdf in pdfs:
        lines += [f"## {pdf.name}", _image(pdf), ""]
    lines += [f"- [{p.name}]({p.as_uri()})" for p in files]
    create_markdown_artifact(key="draft-preview", markdown="\n".join(lines), description=f"Dự thảo {draft.id}")
    if table:
        create_table_artifact(key="draft-list", table=table, description="Danh sách trong dự thảo")


def wait_for_approval(draft: drafts.Draft, request: BaseModel, timeout: int | None = None) -> Decided:
    """Pause the run until a person approves or rejects the draft (or `timeout` seconds pass,
    by default `APPROVAL_TIMEOUT_S`)."""
    logger = get_run_logger()
    form = Approval.with_initial_data(
        description=f"Dự thảo {draft.id}: {draft.subject}. Duyệt để lấy số và ban hành, hoặc không duyệt.",
        decision="approve",
    )
    try:
        answer = pause_flow_run(
            wait_for_input=form, timeout=timeout or APPROVAL_TIMEOUT_S, poll_interval=APPROVAL_POLL_S
        )
    except FlowPauseTimeout:
        logger.warning(both("Hết thời gian chờ duyệt; dự thảo {id} vẫn là dự thảo, chưa lấy số", id=draft.id))
        return Decided(draft=draft, issue_request=None, outcome="timed_out")
    if answer.decision == "reject":
        reason = (answer.reason or "").strip() or "không duyệt"
        abandoned = drafts.abandon(draft.id, f"{reason} ({answer.approver})")
        logger.info(both("Dự thảo {id} không được duyệt: {reason}", id=draft.id, reason=reason))
        return Decided(draft=abandoned, issue_request=None, outcome="rejected")
    signing = answer.signing_date or drafts.today()
    drafts.check_unchanged(draft, signing, answer.number)
    issue_request = request.model_copy(
        update={
            "issue": "now",
            "date": signing,
            "number": answer.number,
            "draft_id": draft.id,
            "approved_by": answer.approver,
        }
    )
    return Decided(draft=draft, issue_request=issue_request, outcome="approved")
