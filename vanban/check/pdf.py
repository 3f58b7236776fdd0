"""What can be read back from a PDF without its DOCX: the page size, that every font is embedded
and Times-compatible, and the header's text (national name or Party name, motto, number, date)."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from vanban import rules
from vanban.check.registry import check
from vanban.check.result import Verdict


class PdfContext:
    """One opened PDF: its reader, page 1, and page 1's text as lines with spaces collapsed
    (extracted when a check first asks, so a page whose text cannot be read fails that check only)."""

    def __init__(self, path: Path, reader: Any) -> None:
        self.path = path
        self.reader = reader  # pypdf.PdfReader (imported when a PDF is opened, not with vanban.check)
        self.first_page = reader.pages[0]

    @classmethod
    def open(cls, path: Path) -> PdfContext:
        from pypdf import PdfReader

        return cls(path, PdfReader(str(path)))

    @cached_property
    def lines(self) -> list[str]:
        text = self.first_page.extract_text() or ""
        return [re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines()]


@check("pdf.page.size", applies_to="pdf")
def page_size(ctx: PdfContext) -> Verdict:
    w_mm = float(ctx.first_page.mediabox.width) * rules.MM_PER_PT
    h_mm = float(ctx.first_page.mediabox.height) * rules.MM_PER_PT
    ok = abs(w_mm - rules.PAGE_WIDTH_MM) < 1 and abs(h_mm - rules.PAGE_HEIGHT_MM) < 1
    return Verdict(ok, f"{w_mm:.1f} × {h_mm:.1f} mm")


@check("pdf.fonts", applies_to="pdf")
def fonts(ctx: PdfContext) -> Verdict:
    """Every font on every page embedded (`/FontFile*`, for a composite font in its descendant's
    descriptor) and Times New Roman or one of its metric-compatible fallbacks."""
    names, unembedded = set(), set()
    for pg in ctx.reader.pages:
        res = pg.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "?")).split("+")[-1]
            names.add(name)
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                unembedded.add(name)
    allowed = [f.replace(" ", "") for f in (rules.FONT_NAME, *rules.FONT_FALLBACKS)]
    wrong = {f for f in names if not any(a.lower() in f.replace("-", "").replace(",", "").lower() for a in allowed)}
    ok = not unembedded and not wrong
    return Verdict(
        ok and bool(names),
        f"embedded: {', '.join(sorted(names))}"
        if ok
        else f"not embedded: {sorted(unembedded)}; not Times-compatible: {sorted(wrong)}",
    )


@check("pdf.header", applies_to="pdf")
def header(ctx: PdfContext) -> Verdict:
    lines = ctx.lines
    # A one-line issuer ("THỦ TƯỚNG CHÍNH PHỦ") stands level with the national name, so text
    # extraction may put both on one line.
    national = any(rules.NATIONAL_NAME in ln or rules.PARTY_NAME in ln for ln in lines)
    # The number and the date stand on one level, so text extraction may put them on one line;
    # a number left blank for the văn thư (`Số:       /QĐ-…`) reads back as `Số: /QĐ-…`.
    tokens = [
        re.sub(r"^Số: /", f"Số: {rules.HAND_NUMBER_BLANK}/", m.group(0))
        for ln in lines
        for m in [re.search(r"Số:? \S+", ln)]
        if m
    ]
    number = any(not rules.number_line_problems(t) for t in tokens)
    date = next((ln for ln in lines if rules.DATE_RE.search(ln)), None)
    problems = []
    if not national:
        problems.append("national name / Party name not found")
    if not any(rules.PARTY_NAME in ln or rules.MOTTO in ln for ln in lines):
        problems.append("motto not found")
    if not number:
        problems.append("no well-formed `Số:` line")
    if date is None:
        problems.append("no date line")
    else:
        problems += rules.date_form_problems(date)
    return Verdict.of(problems, "national name, motto, number and date found")
