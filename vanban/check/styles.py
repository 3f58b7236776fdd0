"""How a paragraph compares with the Decree 30 style of its role (`rules.STYLES`), and whether a
rule (the short line under the issuer, the motto, the subject) is drawn under it."""

from __future__ import annotations

from docx.text.paragraph import Paragraph as DocxParagraph

from vanban import rules
from vanban.check.context import DocxContext, runs, text


def style_problems(ctx: DocxContext, p: DocxParagraph, role: str) -> list[str]:
    """What differs from `rules.STYLES[role]`: size, bold, italic, underline (reported for the
    first run that differs, so one wrong paragraph gives one line), then capitals."""
    style = rules.STYLES[role]
    problems = []
    for r in runs(p):
        size = ctx.fmt.size(p, r)
        if size is None or size not in style.size:
            problems.append(f"size {size} pt (expected {style.size.low:g}–{style.size.high:g})")
        if ctx.fmt.flag(p, r, "w:b") != style.bold:
            problems.append("bold" if not style.bold else "not bold")
        if ctx.fmt.flag(p, r, "w:i") != style.italic:
            problems.append("italic" if not style.italic else "not italic")
        underline = ctx.fmt.run_prop(p, r, "w:u")
        if underline not in (None, "none", "0", "false"):
            problems.append("text underline (draw a line or a paragraph border instead)")
        if problems:
            break
    if style.caps and text(p) != text(p).upper():
        problems.append("not in capitals")
    return problems


def rule_under(ctx: DocxContext, p: DocxParagraph) -> bool:
    """A line under `p`: its own bottom border, the bottom border of an empty paragraph after it,
    or a drawn line (DrawingML or VML) in the next paragraph."""
    nxt = ctx.next_paragraph(p)
    return (
        ctx.fmt.has_bottom_border(p)
        or (nxt is not None and not text(nxt) and ctx.fmt.has_bottom_border(nxt))
        or (nxt is not None and "w:drawing" in nxt._p.xml or "v:line" in (nxt._p.xml if nxt is not None else ""))
    )
