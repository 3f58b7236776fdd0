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
from vanban.award.pricing import AwardBatch, PricedAwardee, two_digits
from vanban.document_model import Annex, Cell, Centered, Document, Frame, Paragraph, Run, Table
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

    Column widths of each table must add up to the text width of its page (165 mm portrait,
    252 mm landscape with Decree 30's margins), or the table would overflow the margin.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str
    title: str
    reference: str
    collectives_heading: str
    individuals_heading: str
    collectives_heading_alone: str
    individuals_heading_alone: str
    total: str
    total_words: str
    columns: dict[Literal["collective", "individual"], dict[Literal["portrait", "landscape"], list[ListColumn]]]

    @field_validator("columns")
    @classmethod
    def _widths_fill_the_page(cls, columns):
        widths = {"portrait": rules.text_width_mm(), "landscape": rules.text_width_mm(page_width=rules.PAGE_HEIGHT_MM)}
        for kind in ("collective", "individual"):
            for orient, page_width in widths.items():
                chosen = columns.get(kind, {}).get(orient)
                if not chosen:
                    raise ValueError(f"columns.{kind}.{orient} is missing")
                total = sum(c.width for c in chosen)
                if abs(total - page_width) > 0.5:
                    raise ValueError(
                        f"columns.{kind}.{orient}: widths add up to {total:g} mm, the text width is {page_width:g} mm"
                    )
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
        subject=[s.subject],
        signer=s.signer,
        recipients=recipients_lines(s.recipients, s.archive or issuer.archive),
    )
    text = _decision_template(content / DECISION_TEMPLATE).render(
        authority=deciding_body(batch).upper(),
        legal_bases=s.legal_bases,
        proposer=s.proposer,
        proposal=s.proposal,
        form_name=batch.form_name,
        collectives=two_digits(len(batch.collectives)),
        individuals=two_digits(len(batch.individuals)),
        n_collectives=len(batch.collectives),
        n_individuals=len(batch.individuals),
        collective_amount=_common_amount(batch.collectives),
        individual_amount=_common_amount(batch.individuals),
        total=format_money(batch.total),
        total_words=money_in_words(batch.total),
        achievement=s.achievement,
        fund_owner=issuer.full_name,
        year=s.date.year,
        executors=s.executors or f"Chánh Văn phòng {issuer.full_name}",
    )
    blocks = parse_body(text, style_marks=True)
    return Document(frame=frame, blocks=blocks, annexes=[build_annex(batch, content / LIST_WORDING)])


def needs_landscape(batch: AwardBatch) -> bool:
    """The list gets a landscape page when rows carry their own achievement text."""
    return any(p.awardee.achievement for p in batch.awardees)


def _cell_value(p: PricedAwardee, key: str) -> str:
    a = p.awardee
    if key == "index":
        return str(p.index)
    if key == "name":
        return f"{a.honorific} {a.name}" if a.honorific else a.name
    if key == "position_unit":
        return ", ".join(x for x in (a.position, a.unit) if x)
    if key == "amount":
        return format_money(p.amount)
    if key == "achievement":
        return a.achievement or ""
    if key == "note":
        return a.note or ""
    raise ValueError(f"unknown list column {key!r} in {LIST_WORDING}")


def _group_table(group: list[PricedAwardee], columns: list[ListColumn]) -> Table:
    header = [[Cell(text=c.label, bold=True, align="center") for c in columns]]
    rows = [[Cell(text=_cell_value(p, c.key), align=c.align) for c in columns] for p in group]
    return Table(widths=[c.width for c in columns], header=header, rows=rows)


def build_annex(batch: AwardBatch, wording_path: Path | None = None) -> Annex:
    w = list_wording(wording_path or content_dir() / LIST_WORDING)
    landscape = needs_landscape(batch)
    orient: Literal["portrait", "landscape"] = "landscape" if landscape else "portrait"
    values = dict(
        form_name=batch.form_name,
        number_symbol=rules.bare_number_symbol(decision_number_line(batch)),
        date_words=rules.format_date(batch.date),
        deciding_body=deciding_body(batch),
    )
    blocks: list = [
        Centered(style="annex_heading", runs=[Run(text=_fill(w.heading, **values), bold=True)]),
        Centered(style="annex_title", runs=[Run(text=_fill(w.title, **values), bold=True)]),
        Centered(style="annex_reference", runs=[Run(text=_fill(w.reference, **values), italic=True)], rule_after=True),
    ]
    both = bool(batch.collectives) and bool(batch.individuals)
    groups: tuple[tuple[Literal["collective", "individual"], list[PricedAwardee]], ...] = (
        ("collective", batch.collectives),
        ("individual", batch.individuals),
    )
    for kind, group in groups:
        if not group:
            continue
        key = f"{kind}s_heading" if both else f"{kind}s_heading_alone"
        blocks.append(
            Paragraph(
                style="heading1", runs=[Run(text=_fill(getattr(w, key), count=two_digits(len(group))), bold=True)]
            )
        )
        blocks.append(_group_table(group, w.columns[kind][orient]))
    total = format_money(batch.total)
    blocks.append(Paragraph(style="heading1", runs=[Run(text=f"{w.total}: {total} đồng", bold=True)]))
    blocks.append(
        Paragraph(style="body", runs=[Run(text=_fill(w.total_words, words=money_in_words(batch.total)), italic=True)])
    )
    return Annex(landscape=landscape, blocks=blocks)
