"""Under the header: the type name and subject, and the body paragraphs (Decree 30, Appendix I;
spec format-nd30 §5–§6)."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from vanban import rules
from vanban.check.context import DocxContext, runs, text
from vanban.check.registry import check
from vanban.check.result import Verdict
from vanban.check.styles import rule_under, style_problems


def is_cong_van(ctx: DocxContext) -> bool:
    """A công văn has no type name: its subject (`V/v …`) stands under the number instead."""
    return any(text(p).startswith("V/v") for p in ctx.header_paragraphs)


@check("type_name", applies_to="document")
def type_name(ctx: DocxContext) -> Verdict:
    paras = ctx.body_paragraphs
    if not paras:
        return Verdict(False, "no text after the header")
    if is_cong_van(ctx):
        return Verdict(True, "công văn: no type name, subject `V/v …` under the number")
    first = paras[0]
    known = {name.upper() for name in rules.TYPE_ABBREVIATIONS.values()}
    problems = [] if text(first) in known else [f"“{text(first)[:40]}” is not a type name of Appendix III"]
    problems += style_problems(ctx, first, "type_name")
    if ctx.fmt.alignment(first) != "center":
        problems.append("not centred")
    return Verdict.of(problems, text(first))


@check("subject", applies_to="document")
def subject(ctx: DocxContext) -> Verdict | None:
    """The trích yếu under the type name, with a line under it (within the next few paragraphs).
    Not checked for a công văn, nor when nothing follows the type name."""
    paras = ctx.body_paragraphs
    if len(paras) < 2 or is_cong_van(ctx):
        return None
    problems = style_problems(ctx, paras[1], "subject")
    if not any(rule_under(ctx, p) for p in paras[1:4]):
        problems.append("no line under the subject")
    return Verdict.of(problems, text(paras[1])[:60])


def _space_before_next(ctx: DocxContext, p: DocxParagraph) -> bool:
    """The gap may also be the next paragraph's space before (or there is no next paragraph)."""
    nxt = ctx.next_paragraph(p)
    if nxt is None:
        return True
    val = ctx.fmt.para_prop(nxt, "w:spacing", "w:before")
    return bool(val) and int(val or 0) / 20 >= rules.PARAGRAPH_SPACING_PT.low


@check("body", applies_to="document")
def body(ctx: DocxContext) -> Verdict:
    """Justified body paragraphs: first-line indent, space between paragraphs, size; no manual
    line breaks and no Word list numbering (both break the layout when the text is edited)."""
    justified = [p for p in ctx.body_paragraphs if ctx.fmt.alignment(p) == "justify"]
    if not justified:
        return Verdict(False, "no justified body paragraph")
    size_range = rules.STYLES["body"].size
    problems = []
    for p in justified:
        where = f"“{text(p)[:30]}…”"
        indent = ctx.fmt.first_line_mm(p)
        if indent not in rules.FIRST_LINE_INDENT_MM:
            problems.append(
                f"{where} first-line indent {indent:.1f} mm (expected "
                f"{rules.FIRST_LINE_INDENT_MM.low:g}–{rules.FIRST_LINE_INDENT_MM.high:g})"
            )
        if ctx.fmt.space_after_pt(p) < rules.PARAGRAPH_SPACING_PT.low and not _space_before_next(ctx, p):
            problems.append(f"{where} less than {rules.PARAGRAPH_SPACING_PT.low:g} pt between paragraphs")
        for r in runs(p):
            size = ctx.fmt.size(p, r)
            if size is None or size not in size_range:  # None: no level sets a size
                problems.append(f"{where} size {size} pt (expected {size_range.low:g}–{size_range.high:g})")
                break
        if p._p.find(".//" + qn("w:br")) is not None and not p._p.findall(".//" + qn("w:br"))[0].get(qn("w:type")):
            problems.append(f"{where} manual line break inside a justified paragraph")
        if p._p.pPr is not None and p._p.pPr.numPr is not None:
            problems.append(f"{where} Word list numbering (write `- ` as text)")
    if problems:
        return Verdict(False, "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""))
    return Verdict(True, f"{len(justified)} justified paragraphs, indent and spacing per rule")
