"""The page: size (A4 portrait), margins, and page numbers (Decree 30, Appendix I; spec format-nd30 §1)."""

from __future__ import annotations

from docx.oxml.ns import qn

from vanban import rules
from vanban.check.context import EMU_PER_MM, DocxContext
from vanban.check.registry import check
from vanban.check.result import Verdict


def page_size_verdict(ctx: DocxContext, width: float, height: float, what: str) -> Verdict:
    """The first section's page against `width` × `height` mm, within 1 mm (Word stores twips)."""
    sec = ctx.document.sections[0]
    if sec.page_width is None or sec.page_height is None:
        return Verdict(False, f"no page size (w:pgSz) in the file (expected {what} {width:g} × {height:g} mm)")
    w, h = sec.page_width / EMU_PER_MM, sec.page_height / EMU_PER_MM
    ok = abs(w - width) < 1 and abs(h - height) < 1
    return Verdict(ok, f"{w:.1f} × {h:.1f} mm" + ("" if ok else f" (expected {what} {width:g} × {height:g} mm)"))


@check("page.size", applies_to="document")
def page_size(ctx: DocxContext) -> Verdict:
    return page_size_verdict(ctx, rules.PAGE_WIDTH_MM, rules.PAGE_HEIGHT_MM, "A4 portrait")


@check("page.margins", applies_to="document")
def margins(ctx: DocxContext) -> Verdict:
    sec = ctx.document.sections[0]
    sides = (
        ("top", sec.top_margin, rules.MARGIN_TOP),
        ("bottom", sec.bottom_margin, rules.MARGIN_BOTTOM),
        ("left", sec.left_margin, rules.MARGIN_LEFT),
        ("right", sec.right_margin, rules.MARGIN_RIGHT),
    )
    problems = []
    for name, value, allowed in sides:
        if value is None:
            problems.append(f"{name} not set (expected {allowed.low:g}–{allowed.high:g})")
            continue
        mm = value / EMU_PER_MM
        if mm not in allowed:
            problems.append(f"{name} {mm:.1f} mm (expected {allowed.low:g}–{allowed.high:g})")
    got = ", ".join(f"{name} {value / EMU_PER_MM:.0f}" for name, value, _ in sides if value is not None)
    return Verdict.of(problems, f"{got} mm")


@check("page.numbers", applies_to="document")
def page_numbers(ctx: DocxContext) -> Verdict:
    """A PAGE field, centred, in the header; page 1 has a different first-page header, empty."""
    sec = ctx.document.sections[0]
    title_pg = sec._sectPr.find(qn("w:titlePg"))
    first_page = title_pg is not None and title_pg.get(qn("w:val"), "1") not in ("0", "false")
    header = sec.header
    xml = header._element.xml if not header.is_linked_to_previous else ""
    has_page = (
        "PAGE" in "".join(header._element.itertext())
        or 'instr=" PAGE' in xml
        or "w:instrText" in xml
        and " PAGE " in xml
    )
    centered = any(ctx.fmt.alignment(p) == "center" for p in header.paragraphs) if has_page else False
    first_empty = not any(p.text.strip() for p in sec.first_page_header.paragraphs) if first_page else False
    ok = has_page and centered and first_page and first_empty
    return Verdict(
        ok,
        "PAGE field centred in the header, none on page 1"
        if ok
        else "expected a centred PAGE field in the header and a different, empty first-page header",
    )
