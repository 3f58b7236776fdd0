"""Drafts (dự thảo) in the register: who drafted what, when, from which input; never a number.

A draft is a document rendered before the leader signs: its number and day are blank. The văn thư
keeps track of drafts beside the sổ đăng ký văn bản đi because the register is where a document's
life is recorded (drafted → issued, or abandoned), but a draft row holds no number: the number
and date are taken only when the draft is issued, and the draft row then names the batch that
holds them. Rows are never deleted.

Storage only; the lifecycle (rendering, checking the input did not change, issuing) lives in
`vanban.drafts`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Row

from vanban.register import store
from vanban.register.service import Register, RegisterError
from vanban.register.tables import drafts

DraftStatus = Literal["draft", "issued", "abandoned"]


class DraftRecord(BaseModel):
    """One draft's line in the register."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    issuer_id: str
    year: int
    subject: str  # trích yếu
    status: DraftStatus
    content_hash: str  # SHA-256 of what the input says, without number and date
    inputs: dict[str, dict[str, str]]  # name → {"path", "sha256"} of each input file at drafting
    request: dict[str, Any]  # the kind's request, as drafted (to issue it later)
    folder: str  # where the draft's files are
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    approved_by: str | None = None
    issue_date: dt.date | None = None
    number_symbol: str | None = None
    batch_key: str | None = None
    issued_folder: str | None = None
    issued_files: list[str] | None = None
    issued_at: dt.datetime | None = None
    reason: str | None = None  # why it was abandoned or rejected


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _record(row: Row) -> DraftRecord:
    data = dict(row._mapping)
    for name in ("created_at", "updated_at", "issued_at"):
        data[name] = _aware(data[name])
    return DraftRecord.model_validate(data)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def save_draft(register: Register, record: DraftRecord) -> DraftRecord:
    """Record a draft, or return the one already recorded under its id (the same input drafted
    again). An abandoned draft drafted again is a draft again: the office picked it back up."""
    with store.write(register.engine) as conn:
        row = conn.execute(sa.select(drafts).where(drafts.c.id == record.id)).first()
        if row is None:
            conn.execute(sa.insert(drafts).values(**record.model_dump()))
        elif row.status == "abandoned":
            conn.execute(
                sa.update(drafts)
                .where(drafts.c.id == record.id)
                .values(status="draft", reason=None, updated_at=_now(), folder=record.folder, inputs=record.inputs)
            )
        return _record(conn.execute(sa.select(drafts).where(drafts.c.id == record.id)).one())


def get_draft(register: Register, draft_id: str) -> DraftRecord | None:
    """The draft with this id; a unique prefix of at least 6 characters is enough."""
    with store.read(register.engine) as conn:
        row = conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first()
        if row is None and len(draft_id) >= 6:
            rows = conn.execute(sa.select(drafts).where(drafts.c.id.startswith(draft_id, autoescape=True))).all()
            if len(rows) > 1:
                raise RegisterError(f"{draft_id!r} matches {len(rows)} drafts; give more of the id")
            row = rows[0] if rows else None
        return _record(row) if row is not None else None


def list_drafts(
    register: Register, *, status: DraftStatus | None = None, issuer_id: str | None = None
) -> list[DraftRecord]:
    """Drafts, newest first."""
    query = sa.select(drafts)
    if status is not None:
        query = query.where(drafts.c.status == status)
    if issuer_id is not None:
        query = query.where(drafts.c.issuer_id == issuer_id)
    with store.read(register.engine) as conn:
        return [_record(r) for r in conn.execute(query.order_by(drafts.c.created_at.desc(), drafts.c.id))]


def mark_issued(
    register: Register,
    draft_id: str,
    *,
    approved_by: str,
    issue_date: dt.date,
    number_symbol: str | None,
    batch_key: str | None,
    folder: str,
    files: list[str],
) -> DraftRecord:
    """The draft was issued: record who approved it, its date, number, batch and final files."""
    with store.write(register.engine) as conn:
        row = conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first()
        if row is None:
            raise RegisterError(f"no draft {draft_id}")
        if row.status == "draft":
            now = _now()
            conn.execute(
                sa.update(drafts)
                .where(drafts.c.id == draft_id)
                .values(
                    status="issued",
                    approved_by=approved_by,
                    issue_date=issue_date,
                    number_symbol=number_symbol,
                    batch_key=batch_key,
                    issued_folder=folder,
                    issued_files=files,
                    issued_at=now,
                    updated_at=now,
                )
            )
        elif row.status != "issued":
            raise RegisterError(f"draft {draft_id} is {row.status}")
        return _record(conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).one())


def abandon_draft(register: Register, draft_id: str, reason: str) -> DraftRecord:
    """Set a draft aside (not signed, rejected): kept with its reason; it never held a number."""
    reason = reason.strip()
    if not reason:
        raise RegisterError("abandoning a draft needs a reason")
    with store.write(register.engine) as conn:
        row = conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first()
        if row is None:
            raise RegisterError(f"no draft {draft_id}")
        if row.status == "issued":
            raise RegisterError(f"draft {draft_id} was issued as {row.number_symbol}; void that number instead")
        conn.execute(
            sa.update(drafts)
            .where(drafts.c.id == draft_id)
            .values(status="abandoned", reason=reason, updated_at=_now())
        )
        return _record(conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).one())
