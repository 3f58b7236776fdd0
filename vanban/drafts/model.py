"""What the draft lifecycle hands back: a draft (dự thảo) and an issued package (văn bản đã ban hành)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from vanban.errors import InputError
from vanban.register.drafts import DraftRecord

#: A draft as the register keeps it: id, kind, issuer, subject, status, who and when, the input
#: files' hashes, the request to issue it with, its folder and, once issued, number and date.
Draft = DraftRecord


class IssuedPackage(BaseModel):
    """An issued draft: where its final files are, its number and its date."""

    model_config = ConfigDict(frozen=True)

    draft_id: str
    kind: str
    folder: str
    files: list[str]
    number_symbol: str | None  # None: a document numbered by hand on paper (`number: blank`)
    date: dt.date
    approved_by: str
    signed_files: list[str] = []  # `….signed.pdf` written when the office configured its keys
    signing_problem: str | None = None  # why the issued package could not be signed (it stays issued)

    @classmethod
    def of(cls, record: DraftRecord) -> IssuedPackage:
        assert record.status == "issued" and record.issue_date is not None
        return cls(
            draft_id=record.id,
            kind=record.kind,
            folder=record.issued_folder or "",
            files=list(record.issued_files or []),
            number_symbol=record.number_symbol,
            date=record.issue_date,
            approved_by=record.approved_by or "",
        )


class DraftError(InputError):
    """A draft cannot be issued or abandoned as asked (unknown, abandoned, input changed).

    An `InputError`: the CLI reports it with exit status 2, and nothing was numbered."""
