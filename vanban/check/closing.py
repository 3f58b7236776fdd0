"""The closing table: Nơi nhận on the left, the signature block on the right (Decree 30,
Appendix I; spec format-nd30 §7–§8)."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from vanban import rules
from vanban.check.context import DocxContext, text
from vanban.check.registry import check
from vanban.check.result import Verdict
from vanban.check.styles import style_problems


@check("signature", applies_to="document")
def signature(ctx: DocxContext) -> Verdict:
    """Rows that cannot split across pages, no borders, authority/title lines then the name."""
    t = ctx.closing_table
    if t is None:
        return Verdict(False, "no table holding `Nơi nhận:` and the signature block")
    problems = []
    for row in t.rows:
        trpr = row._tr.trPr
        if trpr is None or trpr.find(qn("w:cantSplit")) is None:
            problems.append("row may split across pages (set `cantSplit`)")
    borders = t._tbl.tblPr.find(qn("w:tblBorders"))
    if borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders):
        problems.append("table has borders")
    signer = [p for p in t.rows[-1].cells[-1].paragraphs if text(p)]
    if len(signer) < 2:
        problems.append("signature block needs the title (with its authority lines, if any) and the name")
    else:
        *titles, name = signer
        for p in titles:
            problems += [f"“{text(p)}”: {x}" for x in style_problems(ctx, p, "signer_title")]
        if not rules.AUTHORITY_RE.match(text(titles[0])) and len(titles) > 1:
            problems.append(
                f"“{text(titles[0])}” does not start with an authority word " + "/".join(rules.AUTHORITY_WORDS)
            )
        problems += [f"name: {x}" for x in style_problems(ctx, name, "signer_name")]
    return Verdict.of(problems, " / ".join(text(p) for p in signer))


@check("recipients", applies_to="document")
def recipients(ctx: DocxContext) -> Verdict:
    """`Nơi nhận:`, then items `- …;`, the last one `- Lưu: VT, … .`"""
    t = ctx.closing_table
    if t is None:
        return Verdict(False, "no `Nơi nhận:`")
    lines = [p for p in t.rows[-1].cells[0].paragraphs if text(p)]
    problems = []
    if not lines or text(lines[0]) != rules.RECIPIENTS_LABEL:
        problems.append(f"first line must be `{rules.RECIPIENTS_LABEL}`")
    else:
        problems += [f"label: {x}" for x in style_problems(ctx, lines[0], "recipients_label")]
        items = lines[1:]
        if not items:
            problems.append("no recipients")
        for p in items[:-1]:
            line = text(p)
            if not line.startswith("- ") or not re.search(r";(\s*\(.*\))?$|\)\s*;$", line):
                problems.append(f"“{line}” should start `- ` and end `;`")
            problems += [f"“{line[:20]}”: {x}" for x in style_problems(ctx, p, "recipient")]
        if items:
            last = text(items[-1])
            if not (last.startswith("- " + rules.ARCHIVE_PREFIX) and last.endswith(".")):
                problems.append(f"last item “{last}” should be `- Lưu: VT, … .`")
    if problems:  # (the pass detail below needs at least the label line)
        return Verdict(False, "; ".join(dict.fromkeys(problems)))
    return Verdict(True, f"{len(lines) - 1} items, ends “{text(lines[-1])}”")
