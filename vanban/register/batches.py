"""What a document kind gets back from the register for one run, and how runs are keyed.

A run (a plan, an award session) is a batch in the register, keyed by the issuer, the kind and
a hash of the run's parsed content (`canonical`), so the same input asks again and gets the
same numbers (`Register.batch_key`).
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict


class Numbers(BaseModel):
    """The numbers a run was given: the document's, and one sổ vàng number per awardee."""

    model_config = ConfigDict(frozen=True)

    batch_key: str | None  # None: nothing registered (a number left blank for hand numbering)
    document: int | None
    golden_books: list[str] = []  # sổ vàng numbers, in the order of the batch's awardees


def canonical(data) -> bytes:
    """A stable byte form of parsed content (sorted keys, dates as text), for batch keys."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
