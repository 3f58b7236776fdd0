"""The header table (Decree 30, Appendix I; Party documents: guide 36-HD/VPTW; spec format-nd30
§2–§4): the national name and motto — or the Party name — on the right, the issuing body on the
left, the number (`Số: …`) and the place and date."""

from __future__ import annotations

from docx.text.paragraph import Paragraph as DocxParagraph

from vanban import rules
from vanban.check.context import DocxContext, runs, text
from vanban.check.registry import check
from vanban.check.result import Verdict
from vanban.check.styles import rule_under, style_problems


def party_name(ctx: DocxContext) -> DocxParagraph | None:
    """The `ĐẢNG CỘNG SẢN VIỆT NAM` line of a Party document, which stands where the national name
    and motto stand in a state document."""
    return ctx.find(lambda t: t == rules.PARTY_NAME)


@check("header.party_name", applies_to="document")
def party_name_line(ctx: DocxContext) -> Verdict | None:
    party = party_name(ctx)
    if party is None:
        return None
    problems = style_problems(ctx, party, "party_name")
    if not rule_under(ctx, party):
        problems.append("no line under it")
    return Verdict.of(problems, rules.PARTY_NAME)


@check("header.national_name", applies_to="document")
def national_name(ctx: DocxContext) -> Verdict | None:
    if party_name(ctx) is not None:
        return None
    nat = ctx.find(lambda t: t == rules.NATIONAL_NAME)
    if nat is None:
        near = ctx.find(lambda t: "CỘNG H" in t.upper())
        return Verdict(
            False,
            f"expected “{rules.NATIONAL_NAME}”"
            + (f", found “{text(near)}”" if near is not None else ", not found in the header table"),
        )
    return Verdict.of(style_problems(ctx, nat, "national_name"), rules.NATIONAL_NAME)


@check("header.motto", applies_to="document")
def motto(ctx: DocxContext) -> Verdict | None:
    if party_name(ctx) is not None:
        return None
    line = ctx.find(lambda t: t == rules.MOTTO)
    if line is None:
        near = ctx.find(lambda t: "Hạnh phúc" in t or "Độc lập" in t)
        return Verdict(False, f"expected “{rules.MOTTO}”" + (f", found “{text(near)}”" if near is not None else ""))
    problems = style_problems(ctx, line, "motto")
    if not rule_under(ctx, line):
        problems.append("no line under the motto")
    return Verdict.of(problems, f"{rules.MOTTO}, line under it")


@check("header.issuer", applies_to="document")
def issuer(ctx: DocxContext) -> Verdict:
    """The issuing body (bold capitals, a line under it — or a `*` for a Party issuer) under its
    parent body (plain capitals), in the header table's left column."""
    if ctx.header_table is None:
        return Verdict(False, "no header table (two columns: issuer | national name)")
    left = ctx.header_table.rows[0].cells[0]
    lines = [p for p in left.paragraphs if text(p)]
    bold_lines = [p for p in lines if runs(p) and all(ctx.fmt.flag(p, r, "w:b") for r in runs(p))]
    if not bold_lines:
        return Verdict(False, "no bold issuing body in the header's left column")
    problems = []
    for p in bold_lines:
        problems += style_problems(ctx, p, "issuer")
    for p in lines:
        if p not in bold_lines and rules.PARTY_STAR != text(p):
            problems += [f"parent body: {x}" for x in style_problems(ctx, p, "parent")]
    last = bold_lines[-1]
    if party_name(ctx) is not None:
        nxt = ctx.next_paragraph(last)
        if nxt is None or text(nxt) != rules.PARTY_STAR:
            problems.append("no `*` under the Party issuer")
    elif not rule_under(ctx, last):
        problems.append("no line under the issuing body")
    return Verdict.of(list(dict.fromkeys(problems)), " / ".join(text(p) for p in lines))


@check("number", applies_to="document")
def number(ctx: DocxContext) -> Verdict:
    p = ctx.find(lambda t: t.startswith("Số"))
    if p is None:
        return Verdict(False, "no `Số: …` line in the header")
    line = p.text.strip(" ")
    return Verdict.of(rules.number_line_problems(line) + style_problems(ctx, p, "number"), line)


@check("date", applies_to="document")
def date(ctx: DocxContext) -> Verdict:
    p = ctx.find(lambda t: bool(rules.DATE_RE.search(t)))
    if p is None:
        return Verdict(False, "no `<Place>, ngày DD tháng M năm YYYY` line in the header")
    problems = rules.date_form_problems(text(p))
    if "," not in text(p).split("ngày")[0]:
        problems.append("expected `<Place>, ngày …`")
    problems += style_problems(ctx, p, "place_date")
    return Verdict.of(problems, text(p))
