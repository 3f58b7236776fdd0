"""Build the `Document` of a plan (Kế hoạch) from its parsed Markdown input."""

from __future__ import annotations

from vanban import rules
from vanban.document import Document, Frame
from vanban.inputs.plan import PlanInput


def recipients_lines(recipients, archive: str) -> list[str]:
    """Nơi nhận lines: each `- …;` with its note, then `- Lưu: …`."""
    return [r.line() for r in recipients] + [rules.archive_line(archive)]


def build_plan(plan: PlanInput, number: int | None) -> Document:
    """`number` is the one to print: given, allocated by the register, or None for a blank."""
    meta = plan.meta
    frame = Frame(
        issuer=plan.issuer,
        doc_type=meta.type,
        number_line=plan.issuer.number_line(number, meta.type, meta.drafting_unit),
        place_date=rules.place_date(plan.issuer.place, meta.date),
        subject=meta.subject_lines,
        signer=plan.signer,
        recipients=recipients_lines(meta.recipients, meta.archive or plan.issuer.archive),
        kinh_gui=meta.kinh_gui,
    )
    return Document(frame=frame, blocks=plan.body)
