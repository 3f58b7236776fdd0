"""The profiles: which rules a kind of file is checked by, in the order the report lists them.

A check declares at its definition which profiles it applies to (`@check(rule, applies_to=...)`);
a profile declares the order. The two must agree — the runner refuses a profile that lists a rule
no check registers for it, or leaves out one that is registered for it — so a new check is added
in two visible places: its decorator, and its line here, where the report order is read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """A named, ordered list of rule names."""

    name: str
    rules: tuple[str, ...]
    about: str


#: An administrative document (văn bản hành chính): header table, type name, body, Nơi nhận.
DOCUMENT = Profile(
    "document",
    (
        "page.size",
        "page.margins",
        "fonts",
        "page.numbers",
        "header.party_name",
        "header.national_name",
        "header.motto",
        "header.issuer",
        "number",
        "date",
        "type_name",
        "subject",
        "body",
        "signature",
        "recipients",
    ),
    "administrative document (Decree 30/2020/NĐ-CP, Appendix I)",
)

#: A certificate (Giấy khen / Bằng khen): no header table and no Nơi nhận; what it must carry.
CERTIFICATE = Profile(
    "certificate",
    ("cert.page", "fonts", "cert.titles", "cert.number", "cert.date", "cert.signer"),
    "certificate (Giấy khen / Bằng khen), full or on pre-printed stock",
)

#: A PDF: what can be read back from it without the DOCX — page size, embedded fonts, header text.
PDF = Profile(
    "pdf",
    ("pdf.page.size", "pdf.fonts", "pdf.header"),
    "PDF of a document (page 1 and the fonts of every page)",
)

PROFILES: dict[str, Profile] = {p.name: p for p in (DOCUMENT, CERTIFICATE, PDF)}
