"""Drafting and issuing a Tờ trình đề nghị khen thưởng (kind `submission`) from an award list.

The request is a `DocumentRequest` whose `source` is the approved list (its session file beside
it, as for the decision). The Tờ trình is a written document once built, so dating, drafting and
comparing are the written kind's; what differs is where it comes from (the list and session), its
content (what the list says, `vanban.submission.content` — the same hash the decision looks
for in the register when it cites it) and the list attached to it.
"""

from __future__ import annotations

from pathlib import Path

from vanban.drafts import award_draft, written_draft
from vanban.drafts.drafting import with_draft_mark
from vanban.drafts.written_draft import date_of, dated, issuer_id, subject, undated, year
from vanban.requests import AwardRequest, DocumentRequest
from vanban.submission import SubmissionInput, build_submission, read_file
from vanban.submission import content as submission_content

__all__ = [
    "check",
    "content",
    "date_of",
    "dated",
    "document",
    "input_files",
    "issuer_id",
    "read",
    "read_file",
    "render_draft",
    "subject",
    "undated",
    "year",
]


def read(request: DocumentRequest) -> SubmissionInput:
    return read_file(Path(request.source))


def content(parsed: SubmissionInput) -> bytes:
    return submission_content(parsed.award)


def input_files(request: DocumentRequest) -> dict[str, Path]:
    return award_draft.input_files(AwardRequest(list_path=request.source))


def check(parsed: SubmissionInput, request: DocumentRequest) -> None:
    """What drafting checks before rendering: the draft's Tờ trình can be built."""
    build_submission(undated(parsed), None)  # type: ignore[arg-type]  # keeps its class


def render_draft(parsed: SubmissionInput, request: DocumentRequest, folder: Path) -> list[Path]:
    document = with_draft_mark(build_submission(undated(parsed), None))  # type: ignore[arg-type]  # keeps its class
    return written_draft.publish_draft_document(document, request, folder)


def document(parsed: SubmissionInput, request: DocumentRequest):
    number = parsed.meta.number if isinstance(parsed.meta.number, int) else None
    return build_submission(parsed, number)
