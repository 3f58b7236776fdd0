"""The legal bases (căn cứ) of an award decision, as dated data chosen by the decision's date.

Laws and decrees change on a date: a decision dated 2026 must cite Decree 152/2025/NĐ-CP, not
98/2023 which it replaced on 01/07/2025. `doc_templates/data/legal_bases.yaml` lists each
instrument once, with its citation form, the date it took effect, the entry it replaces and the
default lists (sets) it belongs to; an issuer profile names its set (state, government, local,
trade union, party, school) and may add its own rules (a provincial regulation, a union's own
Quy chế), each with its dates. A clerk may still write the Căn cứ lines in the session;
`stale_citations` then warns about any line that cites an instrument no longer in force.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from vanban.i18n import tr
from vanban.inputs.schema_file import cached_loader
from vanban.model import IssuerProfile
from vanban.resources import template_path

LEGAL_BASES_FILE = "legal_bases.yaml"


class LegalBasisEntry(BaseModel):
    """One instrument as decisions cite it, in force from a date until another replaces it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    number: str | None = None
    text: str = Field(min_length=1)
    start: dt.date = Field(alias="from")
    replaces: str | None = None
    sets: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)


class LegalBasesFile(BaseModel):
    """`legal_bases.yaml`: the sets, and every instrument in citation order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sets: dict[str, str] = Field(min_length=1)
    entries: list[LegalBasisEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> LegalBasesFile:
        ids = [e.id for e in self.entries]
        if len(ids) != len(set(ids)):
            raise ValueError(tr("mỗi mục cần một id riêng (có id ghi trùng)"))
        for entry in self.entries:
            unknown = set(entry.sets) - set(self.sets)
            if unknown:
                raise ValueError(
                    tr(
                        "{id}: không có bộ căn cứ {unknown}; các bộ đã khai: {declared}",
                        id=entry.id,
                        unknown=", ".join(sorted(unknown)),
                        declared=", ".join(sorted(self.sets)),
                    )
                )
            if entry.replaces is not None and entry.replaces not in ids:
                raise ValueError(
                    tr("{id}: thay thế mục '{replaces}' nhưng không có mục đó", id=entry.id, replaces=entry.replaces)
                )
        return self

    def replaced_on(self, entry: LegalBasisEntry) -> dt.date | None:
        """The date an entry stopped being cited (the first replacement's start), if any."""
        dates = [e.start for e in self.entries if e.replaces == entry.id]
        return min(dates) if dates else None

    def in_force(self, entry: LegalBasisEntry, date: dt.date) -> bool:
        end = self.replaced_on(entry)
        return entry.start <= date and (end is None or date < end)


_load = cached_loader(LegalBasesFile)


def load_legal_bases(directory: Path | None = None) -> LegalBasesFile:
    return _load((directory or template_path("data")) / LEGAL_BASES_FILE)


class ChosenBasis(BaseModel):
    """A Căn cứ line a decision prints, and where it came from (for the manifest)."""

    model_config = ConfigDict(frozen=True)

    text: str
    origin: str  # "data:<id>", "profile", or "session"
    source: str | None = None


def default_legal_bases(issuer: IssuerProfile, date: dt.date, directory: Path | None = None) -> list[ChosenBasis]:
    """The Căn cứ lines in force on `date` for this issuer: its set, then its own rules."""
    data = load_legal_bases(directory)
    chosen = [
        ChosenBasis(text=e.text, origin=f"data:{e.id}", source=e.source)
        for e in data.entries
        if issuer.legal_basis_set in e.sets and data.in_force(e, date)
    ]
    for own in issuer.own_legal_bases:
        if own.start <= date and (own.until is None or date <= own.until):
            chosen.append(ChosenBasis(text=own.text, origin="profile", source=own.source))
    return chosen


def stale_citations(lines: list[str], date: dt.date, directory: Path | None = None) -> list[tuple[str, str]]:
    """Lines that cite an instrument no longer in force on `date`: (line, what replaced it)."""
    data = load_legal_bases(directory)
    by_id = {e.id: e for e in data.entries}
    found = []
    for line in lines:
        for entry in data.entries:
            if entry.number and re.search(rf"(?<![\w/]){re.escape(entry.number)}(?![\w/])", line):
                if data.in_force(entry, date) or date < entry.start:
                    continue
                successor = next((e for e in data.entries if e.replaces == entry.id and e.start <= date), None)
                found.append((line, successor.text if successor else by_id[entry.id].text))
    return found
