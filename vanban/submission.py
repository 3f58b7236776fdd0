"""The Tờ trình đề nghị khen thưởng: the submission an award decision answers, from the same list.

Before a leader signs an award decision, the unit that reviewed the list submits it: a Tờ trình
(`Số: 05/TTr-…`) asking the deciding body to award the people on the attached list. The decision
then cites it: "Xét đề nghị của {proposer} tại Tờ trình số 05/TTr-… ngày 02 tháng 01 năm 2026".

Both come from the same approved list and session file. The session's `submission:` block says who
submits (the issuer profile that numbers it, default the decision's issuer), to whom (Kính gửi),
the proposer as the decision names it, and the signer. The Tờ trình is a single document of its
own (kind `submission`: `vanban doc LIST --kind submission`): drafted with a blank number, issued
with its number from the register. Once issued, reading the list for the decision fills the
session's `proposer` and `proposal` from the register (`cite`): nobody retypes the number and the
date, and the decision cannot be issued before the Tờ trình it answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from vanban import rules
from vanban.award.decision import build_annex, content_dir, deciding_body
from vanban.award.decision_text import decision_context
from vanban.award.model import AwardList, Submission
from vanban.award.pricing import AwardBatch, price
from vanban.document_model import Centered, Document, Run
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.inputs.markdown_body import markdown_escape, parse_body
from vanban.issuers import load_issuer
from vanban.model import Recipient
from vanban.register.batches import canonical
from vanban.written.builder import build_written
from vanban.written.reader import FrontMatter, WrittenInput

TEMPLATE = "to-trinh-khen-thuong.md.j2"
KIND = "submission"


class SubmissionInput(WrittenInput):
    """The Tờ trình as a written document, with the list it submits (for its annex)."""

    award: AwardList


@functools.cache
def _template(path: Path):
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=lambda v: markdown_escape(v) if v is not None else "",
    )
    return env.from_string(path.read_text(encoding="utf-8"))


def content(award_list: AwardList) -> bytes:
    """What the Tờ trình says, as the list and session say it, without its own number and date and
    without the decision's citation of it (filled in from the register afterwards)."""
    session = award_list.session.model_dump(
        mode="json", exclude={"number", "date", "order", "proposal", "proposal_line"}
    )
    return canonical(
        {
            "kind": KIND,
            "session": session,
            "year": award_list.session.date.year,
            "awardees": [a.model_dump(exclude={"source", "seq"}) for a in award_list.awardees],
        }
    )


def content_hash(award_list: AwardList) -> str:
    return hashlib.sha256(content(award_list)).hexdigest()


def _spec(award_list: AwardList) -> Submission:
    spec = award_list.session.submission
    if spec is None:
        source = str(award_list.awardees[0].source.file) if award_list.awardees else "session"
        raise InputError(
            [
                Problem(
                    source,
                    tr("tệp thông tin phiên họp không có mục submission (Tờ trình đề nghị khen thưởng)"),
                    field="submission",
                    expected=tr("submission: với to (Kính gửi) và proposer (đơn vị đề nghị)"),
                )
            ]
        )
    return spec


def proposer_of(award_list: AwardList, spec: Submission, issuer_name: str) -> str:
    return spec.proposer or award_list.session.proposer or issuer_name


def submission_input(award_list: AwardList, source: Path) -> SubmissionInput:
    """The Tờ trình of `award_list`: header of the submitting issuer, Kính gửi the deciding body,
    body from `to-trinh-khen-thuong.md.j2`, the list attached."""
    spec = _spec(award_list)
    session = award_list.session
    batch = price(award_list)
    issuer = load_issuer(spec.issuer or session.issuer, source=source)
    decider = deciding_body(batch)
    values = decision_context(batch)
    proposer = proposer_of(award_list, spec, issuer.full_name)
    text = _template(content_dir() / TEMPLATE).render(
        proposer=proposer,
        deciding_body=decider,
        legal_bases=values["legal_bases"],
        verb=values["verb"].lower(),
        object=values["object"],
        who=values["who"],
        achievement=session.achievement,
        total=values["total"] if batch.total else None,
        total_words=values["total_words"] if batch.total else None,
    )
    subject = spec.subject or f"Về việc đề nghị {values['verb'].lower()} {values['object']} cho {values['who']}"
    meta = FrontMatter(
        issuer=issuer.id,
        type="TTr",
        date=spec.date or session.date,
        subject=subject,
        signer=spec.signer,
        recipients=spec.recipients or [Recipient(name="Như trên")],
        archive=spec.archive,
        kinh_gui=kinh_gui(spec.to or [decider]),
    )
    if meta.signer is None and issuer.signer is None:
        raise InputError(
            [
                Problem(
                    str(source),
                    tr("Tờ trình không có người ký"),
                    field="submission.signer",
                    expected=tr("thẩm quyền ký, chức vụ và họ tên người ký"),
                )
            ]
        )
    return SubmissionInput(
        source=source, meta=meta, issuer=issuer, body=parse_body(text), content=text, award=award_list
    )


def kinh_gui(to: list[str]) -> list[str]:
    """`Kính gửi: A` on one line, or `Kính gửi:` and one `- A;` line each (the renderer prints the
    lines as given)."""
    if len(to) == 1:
        return [f"Kính gửi: {to[0]}"]
    return ["Kính gửi:", *(f"- {name}{'.' if i == len(to) - 1 else ';'}" for i, name in enumerate(to))]


def read_file(source: Path, session: Path | None = None) -> SubmissionInput:
    """The Tờ trình of the list at `source` (its session beside it, or `session`)."""
    from vanban.award.list_reader import read_award_list
    from vanban.award.preflight import check_award_input

    award = read_award_list(source, session)
    # What the Tờ trình prints is checked before the register gives it a number, as the award
    # flow checks the decision's: characters a document cannot carry, lengths, amounts, dates
    # (submission_input then prices the list, which refuses a form without reward data).
    check_award_input(award, str(session or source))
    return submission_input(award, source)


def build_submission(parsed: SubmissionInput, number: int | None) -> Document:
    """The Tờ trình with the list attached: `(Kèm theo Tờ trình số … ngày … của …)`."""
    document = build_written(parsed, number)
    batch: AwardBatch = price(parsed.award)
    annex = build_annex(batch, content_dir() / "danh-sach-khen-thuong.yaml")
    number_text = re.sub(r"^Số:? ?", "", document.frame.number_line)
    # document text, not a message: never translated
    reference = (
        f"(Kèm theo Tờ trình số {number_text} {rules.format_date(parsed.meta.date)} của {parsed.issuer.full_name})"
    )
    blocks = []
    for b in annex.blocks:
        if isinstance(b, Centered) and b.style == "annex_reference":
            b = b.model_copy(update={"runs": [Run(text=reference, italic=True)]})
        elif isinstance(b, Centered) and b.style == "annex_title":  # proposed, not yet awarded
            b = b.model_copy(
                update={"runs": [r.model_copy(update={"text": r.text.replace(" ĐƯỢC ", " ĐỀ NGHỊ ")}) for r in b.runs]}
            )
        blocks.append(b)
    return document.model_copy(update={"annexes": [annex.model_copy(update={"blocks": blocks})]})


def _issued_submission(award_list: AwardList, register) -> tuple[str, dt.date] | None:
    """Number and date of the list's issued Tờ trình: from its issued draft (`vanban issue`, any
    signing date), else from the register's batch of the Tờ trình as written on its planned date
    (issued in one step, `--now`). None when it has no number yet."""
    from vanban.register.drafts import list_drafts
    from vanban.written.numbers import batch_key_of

    wanted = content_hash(award_list)
    for d in list_drafts(register, status="issued"):
        if d.kind == KIND and d.content_hash == wanted and d.issue_date is not None and d.number_symbol:
            return d.number_symbol, d.issue_date
    source = Path(award_list.awardees[0].source.file) if award_list.awardees else Path("session")
    for entry in register.batch(batch_key_of(submission_input(award_list, source))):
        if entry.kind == "document" and entry.status == "issued":
            return entry.number_symbol, entry.date
    return None


def cite(award_list: AwardList, register=None) -> AwardList:
    """The list with the decision's `proposer` and `proposal` taken from its issued Tờ trình.

    Only when the session has a `submission:` block and no proposal typed by hand. The Tờ trình
    must be issued first: without it the decision is refused (it would cite a number nobody gave)."""
    session = award_list.session
    if session.submission is None or session.proposal or session.proposal_line:
        return award_list
    from vanban.register import Register

    register = register or Register()
    found = _issued_submission(award_list, register)
    if found is None:
        source = str(award_list.awardees[0].source.file) if award_list.awardees else "session"
        raise InputError(
            [
                Problem(
                    source,
                    tr("Tờ trình đề nghị khen thưởng của danh sách này chưa được ban hành (chưa có số)"),
                    field="submission",
                    expected=tr(
                        "ban hành Tờ trình trước: `vanban doc DANH-SÁCH --kind submission`, rồi `vanban issue`"
                    ),
                )
            ]
        )
    number_symbol, date = found
    spec = session.submission
    issuer = load_issuer(spec.issuer or session.issuer)
    proposal = f"Tờ trình số {number_symbol} {rules.format_date(date)}"
    cited = session.model_copy(
        update={"proposer": proposer_of(award_list, spec, issuer.full_name), "proposal": proposal}
    )
    return award_list.model_copy(update={"session": cited})
