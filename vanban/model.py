"""Typed domain objects shared by every document kind: issuer, signer, recipients, number.

Award-specific objects (awardee, review session) live in `vanban.award.model`. Validation
messages name the field so input readers can point at it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vanban import rules
from vanban.decision_shape import DecisionShape
from vanban.errors import InputError, Problem, pydantic_message
from vanban.i18n import tr


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _nfc_strings(cls, data):
        """Every string that enters the domain is NFC (input from macOS arrives as NFD)."""
        if isinstance(data, dict):
            return {k: _nfc_deep(v) for k, v in data.items()}
        return data


def _nfc_deep(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    return value


class Signer(_Model):
    """Signature block (thẩm quyền ký): authority lines, title, name.

    `authority` holds the lines above the title, e.g. `["TM. BAN THƯỜNG VỤ"]` or
    `["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]`; the title is `CHỦ TỊCH` or `PHÓ CHỦ TỊCH`.
    """

    authority: list[str] = Field(default_factory=list, description="TM./KT./Q./TL./TUQ. lines")
    title: str = Field(min_length=1, description="chức vụ người ký, e.g. CHỦ TỊCH")
    name: str = Field(min_length=1, description="họ và tên người ký, no academic titles")

    @field_validator("authority")
    @classmethod
    def _authority_words(cls, lines: list[str]) -> list[str]:
        for line in lines:
            if not rules.AUTHORITY_RE.match(line):
                raise ValueError(
                    tr(
                        "dòng thẩm quyền '{line}' phải bắt đầu bằng một trong: {words}",
                        line=line,
                        words=", ".join(rules.AUTHORITY_WORDS + rules.PARTY_AUTHORITY_WORDS),
                    )
                )
        return [line.upper() for line in lines]

    @field_validator("title")
    @classmethod
    def _caps_title(cls, title: str) -> str:
        return title.upper()


#: Where a recipient's note goes: inside the item, before its `;` (Decree 30's sample:
#: `- Bộ Nội vụ (để b/c);`), or after it, as some offices write (`- UBND tỉnh; (B/c)`).
NotePlace = Literal["in_item", "after_item"]

_NOTE_RE = re.compile(r"^(?P<name>.*?)(?P<semicolon>\s*;)?\s*(?P<note>\([^()]*\))$")


def split_recipient(text: str) -> dict:
    """One Nơi nhận line as the office typed it → name, note and where the note stood.

    `- UBND tỉnh (b/c);` → name `UBND tỉnh`, note `(b/c)`, in the item; `UBND tỉnh; (B/c)` →
    the same note after the item (printed back the same way); `Ban TĐKT tỉnh;` → no note.
    """
    bare = re.sub(r"^[-–•]\s*", "", text.strip()).rstrip(" ;")
    m = _NOTE_RE.match(bare)
    if m and m.group("name").strip():
        return {
            "name": m.group("name").strip().rstrip(" ;"),
            "note": m.group("note"),
            "note_place": "after_item" if m.group("semicolon") else "in_item",
        }
    return {"name": bare}


class Recipient(_Model):
    """One line of Nơi nhận, e.g. `UBND tỉnh` with the note `(B/c)`.

    A line given as text is split (`split_recipient`) so the note prints where the input put it;
    a note given apart (`{name: …, note: …}`) prints as Decree 30's sample does, inside the item.
    """

    name: str = Field(min_length=1)
    note: str | None = None
    note_place: NotePlace = "in_item"

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data):
        if isinstance(data, str):
            return split_recipient(data)
        return data

    def line(self) -> str:
        return rules.recipient_line(self.name.rstrip(";"), self.note, after_item=self.note_place == "after_item")


def recipients_lines(recipients: list[Recipient], archive: str) -> list[str]:
    """Nơi nhận lines: each `- …;` with its note, then `- Lưu: …`."""
    return [r.line() for r in recipients] + [rules.archive_line(archive)]


class OwnLegalBasis(_Model):
    """A rule of the issuer's own that its decisions cite (a provincial regulation, a union's Quy chế)."""

    text: str = Field(min_length=1, description="as cited, without `Căn cứ` and `;`")
    start: dt.date = Field(alias="from")
    until: dt.date | None = None
    source: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)


#: The default list of legal bases (doc_templates/data/legal_bases.yaml `sets`) by system.
DEFAULT_BASIS_SET = {"state": "state", "trade_union": "trade_union", "party": "party"}


class IssuerProfile(_Model):
    """Who issues: the header lines, the number symbol, the place (hồ sơ cơ quan ban hành).

    Stored as YAML in `doc_templates/issuers/<id>.yaml`.
    """

    id: str
    system: rules.System = Field(description="state | trade_union | party")
    parent: list[str] = Field(default_factory=list, description="cơ quan chủ quản, one header line each (capitals)")
    name: list[str] = Field(min_length=1, description="issuing body, one header line each (capitals)")
    full_name: str = Field(description="the body's name in running text, e.g. Liên đoàn Lao động tỉnh Lai Châu")
    abbreviation: str = Field(min_length=1, description="issuer part of the number symbol, e.g. LĐLĐ")
    place: str = Field(min_length=1, description="địa danh of the date line, e.g. Lai Châu")
    archive: str = Field(default="VT", description="default Lưu line, e.g. `VT, TĐKT`")
    numbering: Literal["shared", "per_type"] = Field(
        default="shared", description="all administrative types share one sequence, or one per type"
    )
    deciding_body: str | None = Field(
        default=None, description="who decides awards, in running text: Ban Thường vụ Liên đoàn …"
    )
    certificate_authority: str | None = Field(default=None, description="authority printed in red on certificates")
    award_form: str = Field(
        default="Giấy khen",
        pattern=r"^(Giấy khen|Bằng khen|[a-z0-9_]+)$",
        description="the form this body gives: Giấy khen, Bằng khen, or an id of data/award_forms.yaml",
    )
    emblem: str | None = Field(
        default=None,
        pattern=r"^images/[^/\\]+\.png$",
        description="the emblem or logo on this body's certificates (state emblem, trade union logo, school "
        "badge): a PNG in images/ of the templates or the office folder; empty: the layout's default",
    )
    certificate_caps: Literal["none", "collectives", "all"] = Field(
        default="none", description="the recipient's name on certificates in capitals: never, collectives, all"
    )
    signer: Signer | None = None
    legal_basis_set: str | None = Field(
        default=None,
        description="the default Căn cứ list (data/legal_bases.yaml `sets`): state, government, local, "
        "trade_union, party, school; empty: by system",
    )
    own_legal_bases: list[OwnLegalBasis] = Field(default_factory=list, description="the issuer's own rules, dated")
    decision: DecisionShape | None = Field(default=None, description="how this office writes award decisions")

    @model_validator(mode="after")
    def _basis_set_by_system(self) -> IssuerProfile:
        if self.legal_basis_set is None:
            object.__setattr__(self, "legal_basis_set", DEFAULT_BASIS_SET[self.system])
        return self

    @field_validator("parent", "name")
    @classmethod
    def _caps(cls, lines: list[str]) -> list[str]:
        return [line.upper() for line in lines]

    def award_form_id(self) -> str:
        """The id (data/award_forms.yaml) of the form this body gives.

        "Bằng khen" is not one form: the Prime Minister's (`bang_khen_thu_tuong`, coefficient 3,5)
        differs from a ministry's, a province's or a central mass organisation's
        (`bang_khen_bo_tinh`); the profile's Căn cứ set says which body this is.
        """
        if self.award_form == "Giấy khen":
            return "giay_khen"
        if self.award_form == "Bằng khen":
            return "bang_khen_thu_tuong" if self.legal_basis_set == "government" else "bang_khen_bo_tinh"
        return self.award_form

    def number_line(self, number: int | None, doc_type: str, drafting_unit: str | None = None) -> str:
        return rules.number_symbol(number, doc_type, self.abbreviation, self.system, drafting_unit)


def validation_error(file: str | Path, exc: ValidationError, *, prefix: str = "") -> InputError:
    """Turn a pydantic error into located problems (the field path is the location)."""
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        problems.append(
            Problem(str(file), pydantic_message(err), field=prefix + loc if loc else prefix.rstrip(".") or None)
        )
    return InputError(problems)
