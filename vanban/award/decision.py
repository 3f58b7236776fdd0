"""The award decision (Quyết định khen thưởng) and its list (danh sách kèm theo) as a `Document`.

Wording comes from templates a clerk can edit: `doc_templates/content/quyet-dinh-khen-thuong.md.j2`
(the decision's body, Markdown with `[[role]]` marks) and `danh-sach-khen-thuong.yaml` (the
list's heading, title, reference line, columns). Values printed into the Markdown template are
Markdown-escaped, so a name holding `*`, `#` or `[[…]]` prints as itself.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, field_validator

from vanban import rules
from vanban.award.decision_text import (
    KIND_WORDS,
    awardees_in,
    count_text,
    decision_context,
    display_name,
    generated_subject,
    inline_line,
)
from vanban.award.pricing import AwardBatch, PricedAwardee
from vanban.document_model import Annex, Cell, Centered, Document, Frame, Paragraph, Run, Table
from vanban.i18n import tr
from vanban.inputs.markdown_body import markdown_escape, parse_body
from vanban.inputs.schema_file import cached_loader
from vanban.model import recipients_lines
from vanban.resources import template_path
from vanban.vietnamese.money import format_money, money_in_words

DECISION_TEMPLATE = "quyet-dinh-khen-thuong.md.j2"
LIST_WORDING = "danh-sach-khen-thuong.yaml"


@functools.cache
def _markdown_env() -> SandboxedEnvironment:
    """Clerk-edited templates run sandboxed; every printed value is Markdown-escaped."""
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=lambda v: markdown_escape(v) if v is not None else "",
    )


@functools.cache
def _text_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined)


@functools.cache
def _decision_template(path: Path):
    return _markdown_env().from_string(path.read_text(encoding="utf-8"))


def content_dir() -> Path:
    """The folder of the decision's and the list's wording in use."""
    return template_path("content")


ColumnKey = Literal["index", "name", "position_unit", "amount", "achievement", "note"]


class ListColumn(BaseModel):
    """One column of the list's table: what it shows, its heading, its width in mm."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: ColumnKey
    label: str = Field(min_length=1)
    width: float = Field(gt=0)
    align: Literal["left", "center", "right"] = "left"


class ListWording(BaseModel):
    """`danh-sach-khen-thuong.yaml`: the wording and the columns of the list (danh sách kèm theo).

    The list is one table on one column grid: section rows (`I. TẬP THỂ (08)`, `II. CÁ NHÂN
    (32)`) divide it, so the money column stands at the same place for every kind; a collective's
    name spans the name and position columns. Column widths of each orientation must add up to
    the text width of its page (165 mm portrait, 252 mm landscape with Decree 30's margins).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str
    title: str
    reference: str
    collectives_heading: str
    individuals_heading: str
    collectives_heading_alone: str
    individuals_heading_alone: str
    households_heading: str
    households_heading_alone: str
    subtotal: str
    total: str
    total_words: str
    #: The name column's heading by what the list holds (`mixed`: more than one kind).
    name_labels: dict[Literal["collective", "individual", "household", "mixed"], str]
    columns: dict[Literal["portrait", "landscape"], list[ListColumn]]

    @field_validator("columns")
    @classmethod
    def _widths_fill_the_page(cls, columns):
        widths = {"portrait": rules.text_width_mm(), "landscape": rules.text_width_mm(page_width=rules.PAGE_HEIGHT_MM)}
        for orient, page_width in widths.items():
            chosen = columns.get(orient)
            if not chosen:
                raise ValueError(tr("thiếu columns.{orient}", orient=orient))
            total = sum(c.width for c in chosen)
            if abs(total - page_width) > 0.5:
                raise ValueError(
                    tr(
                        "columns.{orient}: tổng độ rộng các cột là {total} mm, vùng chữ rộng {width} mm",
                        orient=orient,
                        total=f"{total:g}",
                        width=f"{page_width:g}",
                    )
                )
            keys = [c.key for c in chosen]
            if "name" not in keys:
                raise ValueError(tr("columns.{orient} cần có cột name (họ tên)", orient=orient))
        return columns


_load_list_wording = cached_loader(ListWording)


def list_wording(path: Path | None = None) -> ListWording:
    return _load_list_wording(path or content_dir() / LIST_WORDING)


def _fill(template: str, **values) -> str:
    return _text_env().from_string(template).render(**values)


def _common_amount(group: list[PricedAwardee]) -> str | None:
    amounts = {p.amount for p in group}
    return format_money(amounts.pop()) if len(amounts) == 1 else None


def decision_number_line(batch: AwardBatch) -> str:
    return batch.issuer.number_line(batch.number, "QĐ")


def deciding_body(batch: AwardBatch) -> str:
    """Who decides, in running text: `Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu`."""
    return batch.issuer.deciding_body or batch.issuer.full_name


def build_decision(batch: AwardBatch, *, content: Path | None = None) -> Document:
    content = content or content_dir()
    s = batch.session
    issuer = batch.issuer
    frame = Frame(
        issuer=issuer,
        doc_type="QĐ",
        number_line=decision_number_line(batch),
        place_date=rules.place_date(issuer.place, s.date),
        subject=[subject_of(batch)],
        signer=s.signer,
        recipients=recipients_lines(s.recipients, s.archive or issuer.archive),
    )
    text = _decision_template(content / DECISION_TEMPLATE).render(**decision_context(batch))
    blocks = parse_body(text, style_marks=True)
    where = awardees_in(batch)
    annexes = []
    if where == "annex_table":
        annexes.append(build_annex(batch, content / LIST_WORDING))
    elif where == "annex_list":
        annexes.append(build_annex_list(batch, content / LIST_WORDING))
    return Document(frame=frame, blocks=blocks, annexes=annexes)


def subject_of(batch: AwardBatch) -> str:
    """The subject (trích yếu) as the session gives it, else written from the decision's shape."""
    return batch.session.subject or generated_subject(batch)


def needs_landscape(batch: AwardBatch) -> bool:
    """The list gets a landscape page when rows carry their own achievement text."""
    return any(p.awardee.achievement for p in batch.awardees)


def _cell_value(p: PricedAwardee, key: str) -> str:
    a = p.awardee
    if key == "index":
        return str(p.index)
    if key == "name":
        return display_name(p)  # a collective with its parent unit: "Phòng Kế hoạch, Sở Xây dựng"
    if key == "position_unit":
        return ", ".join(x for x in (a.position, a.unit) if x)
    if key == "amount":
        return format_money(p.amount)
    if key == "achievement":
        return a.achievement or ""
    if key == "note":
        return a.note or ""
    raise ValueError(f"unknown list column {key!r} in {LIST_WORDING}")


def _columns_for(batch: AwardBatch, w: ListWording, orient: Literal["portrait", "landscape"]) -> list[ListColumn]:
    """The list's one grid: without the money column when the decision pays none, without the
    position column when only collectives or households are listed (their width goes to the
    name), the name column headed for what the list holds."""
    columns = w.columns[orient]
    if not batch.pays_money:
        columns = _without_money(columns)
    kinds = {kind for kind, _ in batch.groups}
    if "individual" not in kinds:
        columns = _merged_into_name(columns, "position_unit")
    which: Literal["collective", "individual", "household", "mixed"] = "mixed"
    if len(kinds) == 1:
        which = next(k for k in ("collective", "individual", "household") if k in kinds)
    label = w.name_labels[which]
    return [c.model_copy(update={"label": label}) if c.key == "name" else c for c in columns]


def _merged_into_name(columns: list[ListColumn], key: str) -> list[ListColumn]:
    gone = [c for c in columns if c.key == key]
    if not gone:
        return columns
    return [
        c.model_copy(update={"width": c.width + gone[0].width}) if c.key == "name" else c
        for c in columns
        if c.key != key
    ]


def _awardee_row(p: PricedAwardee, columns: list[ListColumn]) -> list[Cell]:
    """One awardee's row; a collective's or a household's name spans the position column (they
    have none), so every row keeps the same grid."""
    cells: list[Cell] = []
    keys = [c.key for c in columns]
    spans = p.awardee.kind != "individual" and "position_unit" in keys
    for c in columns:
        if c.key == "position_unit" and spans:
            continue
        colspan = 2 if spans and c.key == "name" and keys[keys.index("name") + 1] == "position_unit" else 1
        cells.append(Cell(text=_cell_value(p, c.key), align=c.align, colspan=colspan))
    return cells


def _sum_row(label: str, amount: int, columns: list[ListColumn]) -> list[Cell]:
    """`Cộng` / `Tổng cộng` under the money column: the label spans the columns before it."""
    at = [c.key for c in columns].index("amount")
    row = [
        Cell(text=label, bold=True, align="center", colspan=at),
        Cell(text=format_money(amount), bold=True, align="right"),
    ]
    if at + 1 < len(columns):
        row.append(Cell(text="", colspan=len(columns) - at - 1))
    return row


def list_table(batch: AwardBatch, w: ListWording, orient: Literal["portrait", "landscape"]) -> Table:
    """The whole list as one table: a section row per kind, its rows, its subtotal (when there
    are several sections), then the total row and the amount in words. The header repeats on
    each page, no row splits, and the last rows stay with the total (`keep_last`)."""
    columns = _columns_for(batch, w, orient)
    header = [[Cell(text=c.label, bold=True, align="center") for c in columns]]
    rows: list[list[Cell]] = []
    sections: list[int] = []
    several = len(batch.groups) > 1
    for numeral, (kind, group) in zip(ROMAN, batch.groups, strict=False):
        sections.append(len(rows))
        heading = _group_heading_text(w, kind, group, numeral if several else None, batch)
        rows.append([Cell(text=heading, bold=True, align="left", colspan=len(columns))])
        rows += [_awardee_row(p, columns) for p in group]
        if batch.pays_money and several:
            rows.append(_sum_row(w.subtotal, sum(p.amount for p in group), columns))
    tail = 0
    if batch.pays_money:
        rows.append(_sum_row(w.total, batch.total, columns))
        words = _fill(w.total_words, words=money_in_words(batch.total))
        rows.append([Cell(text=words, italic=True, align="center", colspan=len(columns))])
        tail = 2
    return Table(
        widths=[c.width for c in columns],
        header=header,
        rows=rows,
        keep_last=rules.LIST_ROWS_KEPT_WITH_TOTAL + tail,
        section_rows=sections,
    )


def build_annex(batch: AwardBatch, wording_path: Path | None = None) -> Annex:
    w = list_wording(wording_path or content_dir() / LIST_WORDING)
    landscape = needs_landscape(batch)
    orient: Literal["portrait", "landscape"] = "landscape" if landscape else "portrait"
    blocks: list = _annex_heading(batch, w)
    blocks.append(list_table(batch, w, orient))
    return Annex(landscape=landscape, blocks=blocks)


#: Numerals of the list's sections (I. TẬP THỂ, II. CÁ NHÂN, III. GIA ĐÌNH).
ROMAN = ("I", "II", "III")
_HEADING_KEYS = {"collective": "collectives", "individual": "individuals", "household": "households"}


def _annex_values(batch: AwardBatch) -> dict:
    shape = batch.shape
    return dict(
        form_name=batch.form_name,
        verb=shape.verb or "Tặng",
        object=shape.object or batch.form_name,
        who_kinds=", ".join(KIND_WORDS[k] for k, _ in batch.groups),
        annex_reference=shape.annex_reference or "Kèm theo",
        number_symbol=rules.bare_number_symbol(decision_number_line(batch)),
        date_words=rules.numeric_date(batch.date) if shape.annex_date == "numeric" else rules.format_date(batch.date),
        deciding_body=deciding_body(batch),
    )


def _annex_heading(batch: AwardBatch, w: ListWording) -> list:
    values = _annex_values(batch)
    return [
        Centered(style="annex_heading", runs=[Run(text=_fill(w.heading, **values), bold=True)]),
        Centered(style="annex_title", runs=[Run(text=_fill(batch.shape.annex_title or w.title, **values), bold=True)]),
        Centered(style="annex_reference", runs=[Run(text=_fill(w.reference, **values), italic=True)], rule_after=True),
    ]


def _group_heading_text(w: ListWording, kind: str, group: list, numeral: str | None, batch: AwardBatch) -> str:
    key = f"{_HEADING_KEYS[kind]}_heading" + ("" if numeral else "_alone")
    count = count_text(len(group), batch.shape.count_digits or 2)
    return _fill(getattr(w, key), count=count, numeral=numeral)


def _group_heading(w: ListWording, kind: str, group: list, numeral: str | None, batch: AwardBatch) -> Paragraph:
    text = _group_heading_text(w, kind, group, numeral, batch)
    return Paragraph(style="heading1", runs=[Run(text=text, bold=True)])


def _without_money(columns: list[ListColumn]) -> list[ListColumn]:
    """The columns without the money column, its width given to the widest text column."""
    money = [c for c in columns if c.key == "amount"]
    if not money:
        return columns
    kept = [c for c in columns if c.key != "amount"]
    widest = max(kept, key=lambda c: c.width if c.key in ("name", "position_unit", "achievement") else 0)
    return [c.model_copy(update={"width": c.width + money[0].width}) if c is widest else c for c in kept]


def build_annex_list(batch: AwardBatch, wording_path: Path | None = None) -> Annex:
    """The list as numbered paragraphs (`1. Ông Lò Văn Páo, Hiệu trưởng …;`), as many offices
    attach it instead of a table; each group under its heading, amounts after the name when the
    decision pays money per awardee."""
    w = list_wording(wording_path or content_dir() / LIST_WORDING)
    blocks: list = _annex_heading(batch, w)
    several = len(batch.groups) > 1
    for numeral, (kind, group) in zip(ROMAN, batch.groups, strict=False):
        if several:  # one kind only: the title already says who (as ttg-337-2008 and ttg-714-2008)
            blocks.append(_group_heading(w, kind, group, numeral, batch))
        for i, p in enumerate(group, start=1):
            money = f": {format_money(p.amount)} đồng" if batch.pays_money and batch.shape.money == "inline" else ""
            end = ";" if i < len(group) else "."
            number = count_text(i, batch.shape.annex_number_digits or 1)
            blocks.append(Paragraph(style="body", runs=[Run(text=f"{number}. {inline_line(p)}{money}{end}")]))
    return Annex(landscape=False, blocks=blocks)
