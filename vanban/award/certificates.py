"""Certificates of an award session: what each awardee's certificate says, fitted to its page.

The values (authority, form, name, position and unit, achievement, decision number and date,
sổ vàng number, place and date, signer) come from the priced batch; each field's wording
template in the layout turns them into text, which `vanban.certificate_model` fits to its box.
`fit_problems` runs the same fitting over a whole list before any number is taken, so text too
long for a certificate is bad input, not a failed run.
"""

from __future__ import annotations

import functools

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from vanban import rules, shaping
from vanban.award.decision import decision_number_line
from vanban.award.form_wording import form_wording
from vanban.award.pricing import AwardBatch, PricedAwardee
from vanban.certificate_model import (
    COLORS,
    FIELD_KEYS,
    FIELD_LABELS,
    Certificate,
    CertificateLayout,
    FieldTooLong,
    PlacedText,
    fit_field,
)
from vanban.errors import Problem
from vanban.i18n import tr


@functools.cache
def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@functools.cache
def _compiled(text: str):
    return _env().from_string(text)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def certificate_title(batch: AwardBatch, item: PricedAwardee) -> list[str] | None:
    """The certificate's title lines for this awardee's form (`GIẤY KHEN`; `BẰNG KHEN` /
    `CỦA THỦ TƯỚNG CHÍNH PHỦ`), or None when the form has no certificate (a Cờ thi đua)."""
    return form_wording(item.form_id, item.form_name).certificate


def certified(batch: AwardBatch) -> list[int]:
    """Positions (0-based, in `batch.awardees` order) of the awardees who get a certificate.

    The wording file is looked up once per form, not once per awardee: finding it (settings,
    office layering, the file's mtime) cost ~0.6 ms a call, 3 s of a 1,000-awardee run that
    asks this five times."""
    has_paper: dict[tuple[str, str], bool] = {}
    chosen = []
    for i, p in enumerate(batch.awardees):
        key = (p.form_id, p.form_name)
        if key not in has_paper:
            has_paper[key] = bool(certificate_title(batch, p))
        if has_paper[key]:
            chosen.append(i)
    return chosen


def _recipient_name(batch: AwardBatch, item: PricedAwardee) -> str:
    a = item.awardee
    caps = batch.issuer.certificate_caps
    name = a.name
    if caps == "all" or (caps == "collectives" and a.kind != "individual"):
        return name.upper()
    return name


def certificate_authority(issuer) -> str:
    """The authority printed in red: the profile's `certificate_authority`, else the body that
    decides the award (`deciding_body`, the decision's own authority line), else the issuer."""
    return (issuer.certificate_authority or issuer.deciding_body or issuer.full_name).upper()


#: Values that are the same on every certificate of a batch (the awardee's form, name, lines and
#: sổ vàng number are not): a field whose wording uses only these is worded and fitted once.
_BATCH_VALUES = frozenset(
    {
        "national_name",
        "motto",
        "authority",
        "form_name",
        "number_symbol",
        "decision_date",
        "place_date",
        "signer_authority",
        "signer_title",
        "signer_name",
    }
)


@functools.cache
def _uses_only_batch_values(text: str) -> bool:
    from jinja2 import meta

    return meta.find_undeclared_variables(_env().parse(text)) <= _BATCH_VALUES


class CertificateBuilder:
    """Certificates of one batch on one layout: what they share is worked out once.

    The authority, decision reference, place and date and signature block are the same on every
    certificate of a decision, and the wording file is looked up once per form (finding it costs
    settings, office layering and a file check). A field whose wording uses only those values is
    worded and fitted once for the batch; the others per awardee. With a 1,000-awardee list this
    took a worker's text fitting from ~1.4 ms to ~0.85 ms a certificate (bench/RESULTS.md, 0b)."""

    def __init__(self, batch: AwardBatch, chosen: CertificateLayout) -> None:
        self.batch, self.chosen = batch, chosen
        s, issuer = batch.session, batch.issuer
        self._shared = dict(
            national_name=rules.NATIONAL_NAME,
            motto=rules.MOTTO,
            authority=certificate_authority(issuer),
            form_name=batch.form_name,
            number_symbol=rules.bare_number_symbol(decision_number_line(batch)).strip() or "……",
            decision_date=rules.short_date(s.date),
            place_date=rules.place_date(issuer.place, s.date),
            signer_authority=s.signer.authority,
            signer_title=s.signer.title,
            signer_name=s.signer.name,
        )
        self._titles: dict[tuple[str, str], list[str]] = {}
        self._fixed: dict[str, str] = {
            key: _compiled(box.text).render(**self._shared).strip()
            for key, box in chosen.fields.items()
            if _uses_only_batch_values(box.text)
        }

    def _title(self, item: PricedAwardee) -> list[str]:
        key = (item.form_id, item.form_name)
        if key not in self._titles:
            self._titles[key] = certificate_title(self.batch, item) or [item.form_name.upper()]
        return self._titles[key]

    def values(self, item: PricedAwardee, golden_book: str | None) -> dict:
        """Everything a field's wording may use, for this awardee."""
        a = item.awardee
        title = self._title(item)
        return dict(
            self._shared,
            title=title[0],
            title_sub="\n".join(title[1:]),
            honorific=a.honorific if a.kind == "individual" else None,
            name=_recipient_name(self.batch, item),
            is_collective=a.kind == "collective",
            is_household=a.kind == "household",
            position_unit=", ".join(x for x in (a.position, a.unit) if x),
            achievement=_first_upper(a.achievement or self.batch.session.achievement),
            golden_book=golden_book or "……",
        )

    def text(self, key: str, values: dict) -> str:
        """The field's words for the awardee whose `values` these are."""
        fixed = self._fixed.get(key)
        if fixed is not None:
            return fixed
        return _compiled(self.chosen.fields[key].text).render(**values).strip()

    def build(self, item: PricedAwardee, index: int, golden_book: str | None = None) -> Certificate:
        chosen = self.chosen
        values = self.values(item, golden_book)
        placed = []
        printed: set[str] = set()
        for key in FIELD_KEYS:
            box = chosen.fields.get(key)
            if box is None:
                continue
            text = self.text(key, values)
            if not text:
                continue
            printed.add(key)
            size, lines = fit_field(key, box, text)
            # a field takes the place of an empty one above it (a collective's achievement rises
            # to where an individual's position line stands): no gap in the middle of the page
            above = chosen.fields.get(box.rises_to) if box.rises_to else None
            y = above.y if above is not None and box.rises_to not in printed else box.y
            placed.append(
                PlacedText(
                    key=key,
                    lines=lines,
                    x=box.x + chosen.offset.x,
                    y=y + chosen.offset.y,
                    width=box.width,
                    size=size,
                    bold=box.bold,
                    italic=box.italic,
                    color=COLORS[box.color],
                    align=box.align,
                )
            )
        return Certificate(index=index, awardee_name=item.awardee.name, fields=placed)


def build_certificate(
    batch: AwardBatch, item: PricedAwardee, index: int, chosen: CertificateLayout, golden_book: str | None = None
) -> Certificate:
    """One certificate (many of one batch: `CertificateBuilder`, which words shared fields once)."""
    return CertificateBuilder(batch, chosen).build(item, index, golden_book)


#: Fields whose text comes from the list's rows: the ones a long entry can overflow.
ROW_FIELDS = ("recipient", "position_unit", "achievement")


def fit_problems(batch: AwardBatch, chosen: CertificateLayout) -> list[Problem]:
    """Every awardee whose text cannot fit its certificate, found before any number is taken.

    A text that fits on one line at the layout's size needs no more work (one width
    measurement); longer ones are fitted exactly as the renderer will fit them.
    """
    problems = []
    builder = CertificateBuilder(batch, chosen)
    for item in (batch.awardees[i] for i in certified(batch)):
        values = builder.values(item, None)
        for key in ROW_FIELDS:
            box = chosen.fields.get(key)
            if box is None:
                continue
            text = builder.text(key, values)
            src = item.awardee.source
            lacking = shaping.missing(text, box.bold, box.italic) if text else []
            if lacking:  # the font cannot draw it: an empty box on paper, never printed
                problems.append(_missing_glyph_problem(src, key, lacking))
                continue
            if not text or shaping.width_mm(text, box.size, box.bold, box.italic) <= box.width:
                continue
            try:
                fit_field(key, box, text)
            except FieldTooLong as exc:
                problems.append(
                    Problem(src.file, str(exc), sheet=src.sheet, row=src.row, column=FIELD_LABELS[key], field=src.field)
                )
    return problems


def _missing_glyph_problem(src, key: str, lacking: list[str]) -> Problem:
    shown = ", ".join(f"“{ch}” (U+{ord(ch):04X})" for ch in lacking)
    return Problem(
        src.file,
        tr("có ký tự mà phông chữ của giấy khen không có: {chars} — giấy khen sẽ in ô trống", chars=shown),
        expected=tr("chữ tiếng Việt hoặc ký tự có trong phông chữ {font}", font=shaping.font_family()),
        sheet=src.sheet,
        row=src.row,
        column=FIELD_LABELS[key],
        field=src.field,
    )
