"""The `document` flow: one file → one numbered document as DOCX and PDF, for any single-document
kind of the registry (`vanban.kinds`; today the Markdown-written kind: KH, TB, TTr, CV, HD, BC …).

A request with `issue: after_approval` (the deployment's default) first renders a draft and pauses
for approval (`flows.approval`); approval continues into issuing with the signing date. With
`issue: draft` (the web page's drafting run) the run renders and shows the draft and ends there.

Read → number → build → render → publish; every step is the kind's own (`Kind.read`,
`Kind.numbers`, `Kind.build`, `Kind.folder`), so a new single-document kind needs no new flow.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from prefect import flow, get_run_logger, task
from pydantic import BaseModel

from flows.approval import already_issued, publish_draft, wait_for_approval
from vanban import drafts, kinds, preflight, rules, settings
from vanban.document_model import Document
from vanban.file_names import document_stem
from vanban.i18n import both
from vanban.office.using import office_folder
from vanban.publishing import publish_files, sha256_file
from vanban.register import Register
from vanban.requests import DocumentRequest


@task(name="render")
def render(document: Document, formats: Sequence[str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if "docx" in formats:
        from vanban.render.docx import render_docx

        out["docx"] = render_docx(document)
    if "pdf" in formats:
        from vanban.sign.pdfa import render_published_pdf

        out["pdf"] = render_published_pdf(document)
    return out


@task(name="publish", retries=2, retry_delay_seconds=1)
def publish(directory: Path, stem: str, rendered: dict[str, bytes]) -> list[Path]:
    return publish_files(directory, {f"{stem}.{ext}": data for ext, data in rendered.items()})


class DocumentOutcome(BaseModel):
    """What a document run produced: the paths written, and whether they are the issued document."""

    files: list[str]
    #: issued: `files` are the issued document; draft: the draft's files, to be issued later (the
    #: request said `issue: draft`, or approval timed out); rejected: the draft was abandoned.
    status: Literal["issued", "draft", "rejected"] = "issued"
    draft_id: str | None = None


@flow(name="document", validate_parameters=True)
def document_flow(request: DocumentRequest) -> DocumentOutcome:
    """Draft and wait for approval (unless told to issue now, or only to draft), then issue; the
    paths written (the draft's files when it was not approved, or only drafted). The request's
    office folder, if any, is used for the whole run."""
    with office_folder(request.office):
        return _document(request)


def _document(request: DocumentRequest) -> DocumentOutcome:
    if request.issue == "draft" or (request.issue == "after_approval" and not request.draft_id):
        draft = drafts.draft(request.kind, request)
        if already_issued(draft) is not None:
            files = [str(Path(draft.issued_folder or "") / name) for name in draft.issued_files or []]
            return DocumentOutcome(files=files, draft_id=draft.id)
        publish_draft(draft, [draft.subject])
        if request.issue == "draft":
            get_run_logger().info(both("Đã soạn dự thảo {id}; chưa lấy số", id=draft.id))
            return DocumentOutcome(files=[str(p) for p in drafts.files_of(draft)], status="draft", draft_id=draft.id)
        decided = wait_for_approval(draft, request)
        if decided.issue_request is None:
            return DocumentOutcome(
                files=[str(p) for p in drafts.files_of(decided.draft)],
                status="draft" if decided.outcome == "timed_out" else "rejected",
                draft_id=draft.id,
            )
        request = decided.issue_request  # type: ignore[assignment]
    return DocumentOutcome(files=issue_document(request), draft_id=request.draft_id)


def issue_document(request: DocumentRequest) -> list[str]:
    """Read the document, give it its number, render and publish; return the paths written."""
    logger = get_run_logger()
    kind = kinds.get(request.kind)
    parsed = drafts.drafting(kind).dated(kind.read(Path(request.source)), request.date, request.number)
    root = Path(request.output_dir).resolve() if request.output_dir else None
    directory = root or kind.folder(settings.current().output_root.resolve(), parsed)
    preflight.check_output_folder(directory)  # a read-only folder must not cost a number
    register = Register()
    numbers = kind.numbers(register, parsed)
    document = kind.build(parsed, numbers.document)
    stem = document_stem(document.frame.number_line, " ".join(document.frame.subject))
    paths = publish(directory, stem, render(document, request.formats))
    if numbers.batch_key:
        register.publish(numbers.batch_key, {"document": [(str(p), sha256_file(p)) for p in paths]})
    drafts.record_issue(
        request,
        number_symbol=rules.bare_number_symbol(document.frame.number_line).strip() or None,
        batch_key=numbers.batch_key,
        folder=directory,
        files=[p.name for p in paths],
        register=register,
    )
    for p in paths:
        logger.info("wrote %s", p)
    return [str(p) for p in paths]


def run_document(
    source: Path, output_dir: Path | None = None, formats: list[str] | None = None, kind: str = "written"
) -> list[str]:
    request = DocumentRequest(
        issue="now",
        kind=kind,
        source=str(source),
        output_dir=str(output_dir) if output_dir else None,
        formats=formats or ["docx", "pdf"],
    )
    return document_flow(request=request).files
