"""Build the `Document` of a Markdown-written document (Kế hoạch, Thông báo, …) from its parsed input."""

from __future__ import annotations

from vanban import rules
from vanban.document_model import Document, Frame
from vanban.model import recipients_lines
from vanban.written.reader import WrittenInput


def build_written(written: WrittenInput, number: int | None) -> Document:
    """`number` is the one to print: given, allocated by the register, or None for a blank."""
    meta = written.meta
    frame = Frame(
        issuer=written.issuer,
        doc_type=meta.type,
        number_line=written.issuer.number_line(number, meta.type, meta.drafting_unit),
        place_date=rules.place_date(written.issuer.place, meta.date),
        subject=meta.subject_lines,
        signer=written.signer,
        recipients=recipients_lines(meta.recipients, meta.archive or written.issuer.archive),
        kinh_gui=meta.kinh_gui,
    )
    return Document(frame=frame, blocks=written.body)
