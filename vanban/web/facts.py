"""What the draft page says about an award draft besides its pictures: how many awardees, the
total, the law the amounts come from, warnings, and the cells converted from a legacy Vietnamese
encoding (TCVN3, VNI, …) for the clerk to look at before the leader signs.

Read again from the draft's own input (the same reader and pricing as drafting), so the page never
reaches into the draft's files; a draft whose input cannot be read any more shows nothing here
(issuing it will say why).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from vanban import drafts, kinds
from vanban.errors import InputError
from vanban.i18n import tr
from vanban.inputs.conversion import Conversion
from vanban.vietnamese.money import format_money


class DraftFacts(BaseModel):
    lines: list[str] = []
    conversions: list[Conversion] = []


def award_facts(record: drafts.Draft) -> DraftFacts:
    if record.kind != "award":
        return DraftFacts()
    from vanban.award.law_used import law_used
    from vanban.award.summary import summary_lines
    from vanban.drafts import award_draft

    chosen = kinds.get("award")
    try:
        request: Any = chosen.request.model_validate(record.request)
        parsed = award_draft.read(request)
        batch = award_draft.priced(parsed, request)
    except (InputError, OSError, ValueError):
        return DraftFacts()
    manifest = {
        "decision": {"number_symbol": "", "date": "", "subject": ""},
        "counts": {},
        "totals": {"all": batch.total},
        "law": law_used(batch),
    }
    lines = [
        tr(
            "Tập thể: {collectives}, cá nhân: {individuals}, hộ gia đình: {households}",
            collectives=len(batch.collectives),
            individuals=len(batch.individuals),
            households=len(batch.households),
        ),
        tr("Tổng số tiền thưởng: {total} đồng", total=format_money(batch.total)),
        *summary_lines(manifest)[3:],  # the law used and the warnings, as the issued summary says them
    ]
    return DraftFacts(lines=lines, conversions=list(parsed.conversions))
