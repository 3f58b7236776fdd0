"""Reading generated DOCX and PDF files back for assertions (independent of the renderers)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

PT_TO_MM = 25.4 / 72


def norm(text: str) -> str:
    """NFC, non-breaking spaces as spaces, word joiners (U+2060, the DOCX's no-break marks inside
    `13/TTr-UBND`) dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u2060", "")
    return re.sub(r"\s+", " ", text).strip()


def docx_blocks(path: Path):
    doc = open_docx(str(path))
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            yield Paragraph(el, doc._body)
        elif el.tag == qn("w:tbl"):
            yield Table(el, doc._body)


def docx_lines(path: Path) -> list[str]:
    """Every paragraph's text in reading order, table cells left to right, row by row."""
    lines = []
    for block in docx_blocks(path):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines += [p.text for p in cell.paragraphs]
    return [norm(x) for x in lines if norm(x)]


@dataclass(frozen=True)
class Span:
    page: int
    x_mm: float  # from the left edge
    y_mm: float  # baseline, from the top edge
    size_pt: float
    font: str
    text: str


def pdf_spans(path: Path) -> list[Span]:
    reader = PdfReader(str(path))
    spans: list[Span] = []
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font_dict, font_size, _n=number, _h=height):
            if not text.strip():
                return
            scale = cm[0] or 1
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            font = str(font_dict.get("/BaseFont", "")).split("+")[-1] if font_dict else ""
            spans.append(Span(_n, x * PT_TO_MM, (_h - y) * PT_TO_MM, round(font_size * tm[0] * scale, 2), font, text))

        page.extract_text(visitor_text=visit)
    return spans


def pdf_pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_body_text(path: Path) -> str:
    """All text, with the page number at the top of pages 2+ removed (and asserted)."""
    parts = []
    for number, text in enumerate(pdf_pages_text(path), start=1):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if number > 1:
            assert str(number) in [ln.strip() for ln in lines], f"page {number} has no page number"
            lines.remove(next(ln for ln in lines if ln.strip() == str(number)))
        parts.append("\n".join(lines))
    return norm("\n".join(parts))
