"""Digital signatures in the register: who signed which file of an issued document, and when.

The manifest of a package says what was signed, but a manifest travels with the files and can be
replaced with them; the register is the office's own record. The văn thư answers "who signed
15/QĐ-LĐLĐ, when, and is this the file they signed?" from here: each row holds the file's
SHA-256 before and after the signature (a PAdES signature is an incremental update, so the
signer's `after` is the seal's `before`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from vanban.register import store
from vanban.register.service import Register
from vanban.register.tables import signatures


class SignatureEntry(BaseModel):
    """One signature's line in the register."""

    model_config = ConfigDict(frozen=True)

    issuer_id: str
    number_symbol: str
    file: str
    signed_file: str
    role: str  # signer | organisation | attachment
    signer: str
    organisation: str | None
    signed_at: dt.datetime
    level: str  # PAdES baseline level: B-B, B-T
    sha256_before: str
    sha256_after: str


def record_signatures(
    register: Register, issuer_id: str, number_symbol: str, records: Iterable[Mapping[str, Any]]
) -> int:
    """Add the manifest `signatures` entries of one signing run; return how many were added."""
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "issuer_id": issuer_id,
            "number_symbol": number_symbol,
            "file": r["file"],
            "signed_file": r["signed_file"],
            "role": r["role"],
            "signer": r["signer"],
            "organisation": r.get("organisation"),
            "signed_at": dt.datetime.fromisoformat(r["time"]).astimezone(dt.UTC),  # stored in UTC
            "level": r["level"],
            "sha256_before": r["sha256_before"],
            "sha256_after": r["sha256_after"],
            "recorded_at": now,
        }
        for r in records
    ]
    if rows:
        with store.write(register.engine) as conn:
            conn.execute(sa.insert(signatures), rows)
    return len(rows)


def signatures_of(register: Register, issuer_id: str, number_symbol: str) -> list[SignatureEntry]:
    """Every signature recorded for the document, in the order they were made."""
    with store.read(register.engine) as conn:
        rows = conn.execute(
            sa.select(signatures)
            .where(signatures.c.issuer_id == issuer_id, signatures.c.number_symbol == number_symbol)
            .order_by(signatures.c.id)
        ).all()
    out = []
    for row in rows:
        data = dict(row._mapping)
        when = data["signed_at"]
        if when.tzinfo is None:  # SQLite keeps no offset: the time was stored in UTC
            data["signed_at"] = when.replace(tzinfo=dt.UTC)
        out.append(SignatureEntry.model_validate(data))
    return out
