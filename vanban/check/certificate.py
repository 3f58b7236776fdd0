"""The certificate profile (Giấy khen / Bằng khen; spec commendation.md).

A certificate is not an administrative document: no header table, no Nơi nhận. It is checked for
what it must carry: the page (A4 landscape), Times New Roman, the national lines and the title
(unless printed on pre-printed stock, which carries them), the decision's number and date, the
place and date, and the signer's authority. It is read as lines of text (`DocxContext.lines`),
since its elements are placed by position, not by table.
"""

from __future__ import annotations

import datetime as dt
import re

from vanban import rules
from vanban.check.context import DocxContext
from vanban.check.page import page_size_verdict
from vanban.check.registry import check
from vanban.check.result import Verdict

#: The golden-book line vanban's certificate layouts print (`Số sổ vàng: 0009`); a landscape file
#: without Nơi nhận carrying it is a certificate even on pre-printed stock (no title printed).
GOLDEN_BOOK_LABEL = "Số sổ vàng"


def is_certificate(ctx: DocxContext) -> bool:
    """Landscape, no closing table, and a certificate title or the golden-book line."""
    sec = ctx.document.sections[0]
    landscape = (sec.page_width or 0) > (sec.page_height or 0)  # no w:pgSz: not a certificate
    all_text = "\n".join(p.text for p in ctx.all_paragraphs())
    return (
        landscape
        and ctx.closing_table is None
        and (GOLDEN_BOOK_LABEL in all_text or any(t in all_text for t in rules.CERTIFICATE_TITLES))
    )


@check("cert.page", applies_to="certificate")
def page(ctx: DocxContext) -> Verdict:
    return page_size_verdict(ctx, rules.PAGE_HEIGHT_MM, rules.PAGE_WIDTH_MM, "A4 landscape")


@check("cert.titles", applies_to="certificate")
def titles(ctx: DocxContext) -> Verdict:
    title = next((ln for ln in ctx.lines if rules.is_certificate_title(ln)), None)
    national = rules.NATIONAL_NAME in ctx.lines
    if title is None and not national:
        return Verdict(True, "pre-printed stock: national lines and title are on the blank")
    problems = []
    if not national:
        problems.append(f"no “{rules.NATIONAL_NAME}”")
    if rules.MOTTO not in ctx.lines:
        problems.append(f"no “{rules.MOTTO}”")
    if title is None:
        problems.append("no title " + " / ".join(rules.CERTIFICATE_TITLES))
    return Verdict.of(problems, f"national lines, {title}")


@check("cert.number", applies_to="certificate")
def number(ctx: DocxContext) -> Verdict:
    """The awarding decision: `Số: NN/QĐ-… ngày DD/MM/YYYY`, a well-formed number and a real date."""
    line = next((ln for ln in ctx.lines if ln.startswith("Số:") and " ngày " in ln), None)
    if line is None:
        return Verdict(False, "no `Số: NN/QĐ-… ngày DD/MM/YYYY` line")
    number_part, _, date = line.partition(" ngày ")
    problems = rules.number_line_problems(number_part)
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", date.strip())
    if not m:
        problems.append(f"date “{date}” is not DD/MM/YYYY")
    else:
        try:
            dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            problems.append(f"“{date}” is not a real date")
    return Verdict.of(problems, line)


@check("cert.date", applies_to="certificate")
def date(ctx: DocxContext) -> Verdict:
    line = next((ln for ln in ctx.lines if rules.DATE_RE.search(ln) and "," in ln), None)
    problems = rules.date_form_problems(line) if line else ["no `<Place>, ngày DD tháng M năm YYYY` line"]
    return Verdict(not problems, "; ".join(problems) or line or "")


@check("cert.signer", applies_to="certificate")
def signer(ctx: DocxContext) -> Verdict:
    authority = [ln for ln in ctx.lines if rules.AUTHORITY_RE.match(ln)]
    if authority:
        return Verdict(True, " / ".join(authority))
    # A head signing in their own name prints only the title (HIỆU TRƯỞNG, CHỦ TỊCH) above the name.
    *_, title, name = ctx.lines if len(ctx.lines) >= 2 else ("", "")
    if title and title == title.upper() and name != name.upper():
        return Verdict(True, f"{title} / {name} (signed in the head's own name)")
    return Verdict(False, "no authority line (TM./KT./Q./TL./TUQ. …) nor the head's title above the signer")
