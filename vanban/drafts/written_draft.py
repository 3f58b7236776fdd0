"""Drafting and issuing a Markdown-written document (kế hoạch, thông báo, tờ trình, công văn …)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vanban import rules
from vanban.document_model import Document
from vanban.drafts.drafting import with_draft_mark
from vanban.file_names import document_stem
from vanban.publishing import publish_files
from vanban.register.batches import canonical
from vanban.requests import DocumentRequest
from vanban.written.builder import build_written
from vanban.written.reader import WrittenInput, read_written


def read(request: DocumentRequest) -> WrittenInput:
    return read_written(Path(request.source))


def content(parsed: WrittenInput) -> bytes:
    meta = parsed.meta.model_dump(exclude={"number", "date"})
    return canonical({"meta": meta, "year": parsed.meta.date.year, "body": [b.model_dump() for b in parsed.body]})


def input_files(request: DocumentRequest) -> dict[str, Path]:
    return {"source": Path(request.source)}


def issuer_id(parsed: WrittenInput) -> str:
    return parsed.issuer.id


def subject(parsed: WrittenInput) -> str:
    return " ".join(parsed.meta.subject_lines) or rules.type_name(parsed.meta.type)


def year(parsed: WrittenInput) -> int:
    return parsed.meta.date.year


def dated(parsed: WrittenInput, date: dt.date | None, number: int | None) -> WrittenInput:
    update: dict = {}
    if date is not None:
        update["date"] = date
    if number is not None:
        update["number"] = number
    return parsed.model_copy(update={"meta": parsed.meta.model_copy(update=update)}) if update else parsed


def undated(parsed: WrittenInput) -> WrittenInput:
    """The draft's input: the day and month blank, the number blank (nothing from the register)."""
    meta = parsed.meta.model_copy(update={"date": rules.UndatedDay.of(parsed.meta.date)})
    return parsed.model_copy(update={"meta": meta})


def check(parsed: WrittenInput, request: DocumentRequest) -> None:
    """What drafting checks before rendering: the draft's document can be built."""
    build_written(undated(parsed), None)


def render_draft(parsed: WrittenInput, request: DocumentRequest, folder: Path) -> list[Path]:
    return publish_draft_document(with_draft_mark(build_written(undated(parsed), None)), request, folder)


def publish_draft_document(document: Document, request: DocumentRequest, folder: Path) -> list[Path]:
    """A single-document draft in the formats asked for, named `du-thao-<subject>`."""
    stem = "du-thao-" + document_stem(document.frame.number_line, " ".join(document.frame.subject))
    out: dict[str, bytes] = {}
    if "docx" in request.formats:
        from vanban.render.docx import render_docx

        out[f"{stem}.docx"] = render_docx(document)
    if "pdf" in request.formats:
        from vanban.render.pdf import render_pdf

        out[f"{stem}.pdf"] = render_pdf(document)
    return publish_files(folder, out)


def document(parsed: WrittenInput, request: DocumentRequest):
    """The document built from `parsed` as it stands (drafted or dated); its number as given."""
    number = parsed.meta.number if isinstance(parsed.meta.number, int) else None
    return build_written(parsed, number)


def date_of(parsed: WrittenInput) -> dt.date:
    return parsed.meta.date
