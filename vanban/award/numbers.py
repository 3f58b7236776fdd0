"""Numbers of an award session from the register (sổ đăng ký văn bản đi, sổ vàng).

A session is keyed by the issuer, the kind and a hash of its approved content, so running the
same list again gets the same numbers and consumes nothing. The content hash is taken over what
the input *says* (the parsed session and awardees), not over the file's bytes: an Excel file
saved again without changes, or a list converted from TCVN3, is the same approved list.
"""

from __future__ import annotations

from vanban import rules
from vanban.award.decision import subject_of
from vanban.award.identity import awardee_ref
from vanban.award.model import AwardList
from vanban.award.pricing import AwardBatch
from vanban.register import NumberRequest, Register
from vanban.register.batches import Numbers, canonical

#: Session fields added after registers were first kept: left out of the batch key while unset,
#: so a list numbered by an earlier version asks for the same batch (and gets the same numbers).
LATER_FIELDS = ("proposal_line", "decision", "submission")


def session_content(session) -> dict:
    """What of the session identifies the approved decision (the number and the order do not)."""
    data = session.model_dump(exclude={"number", "order"})
    for name in LATER_FIELDS:
        if data.get(name) is None:
            data.pop(name, None)
    return data


def award_numbers(register: Register, award_list: AwardList, batch: AwardBatch, source: str = "session") -> Numbers:
    """The decision's number and one sổ vàng number per awardee, in one batch."""
    s = award_list.session
    content = canonical(
        {
            "session": session_content(s),
            "awardees": [a.model_dump(exclude={"source", "seq"}) for a in award_list.awardees],
        }
    )
    key = Register.batch_key(batch.issuer.id, "award", content)
    decision = NumberRequest(
        kind="document",
        doc_type="QĐ",
        date=s.date,
        subject=subject_of(batch),
        signer=s.signer.name,
        recipients=[r.line() for r in s.recipients],
        ref="decision",
    )
    books = [
        NumberRequest(
            kind="so_vang",
            doc_type="QĐ",
            date=s.date,
            subject=p.awardee.name,
            signer=s.signer.name,
            ref=awardee_ref(p.kind, p.awardee.name, p.awardee.unit),
        )
        for p in batch.awardees
    ]
    if s.number is not None:
        claimed = register.claim(
            issuer=batch.issuer, batch_key=key, request=decision, number=s.number, source=source, field="number"
        )
        entries = [claimed, *register.reserve(issuer=batch.issuer, batch_key=key, requests=books)]
    else:
        entries = register.reserve(issuer=batch.issuer, batch_key=key, requests=[decision, *books])
    return Numbers(
        batch_key=key, document=entries[0].number, golden_books=[rules.format_number(e.number) for e in entries[1:]]
    )


def refs_for_award(batch: AwardBatch) -> list[str]:
    """The register refs of a batch's certificates, in the batch's order."""
    return [awardee_ref(p.kind, p.awardee.name, p.awardee.unit) for p in batch.awardees]
