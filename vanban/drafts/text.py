"""The rule of issuing: the issued text is the draft's text, except the number, the date and the mark.

What the leader signed is the draft. Issuing fills in the number and the day, and nothing else
may change — yet the text depends on the date: the law in force on the signing day (the base
salary of a reward, the Căn cứ lines) may differ from the law on the date the input planned. So
before taking a number, the document is built twice from the same input — as drafted and as it
would be issued — and compared line by line with the number and the date written as placeholders.
"""

from __future__ import annotations

import datetime as dt
import re

from vanban import rules
from vanban.document_model import Document

NUMBER = "<SỐ>"
DATE = "<NGÀY>"


def comparable_lines(document: Document, date: dt.date) -> list[str]:
    """The document's text lines with its own number and its own date replaced by placeholders.

    `date` is the date the document was built with (an `UndatedDay` for a draft), so the forms
    replaced are exactly the ones it prints: `ngày 17 tháng 12 năm 2026`, `17/12/2026`, and the
    draft's `ngày      tháng      năm 2026`."""
    # Only the one space after `Số:`: a draft's blank number is a run of no-break spaces, which
    # `\s` (and so `rules.bare_number_symbol`) would also swallow, leaving them in the line.
    bare = re.sub(r"^Số:? ?", "", document.frame.number_line)
    numbers = sorted({bare, bare.strip(), bare.replace("\u00a0", "")} - {""}, key=len, reverse=True)
    dates = sorted({rules.format_date(date), rules.numeric_date(date), rules.short_date(date)}, key=len, reverse=True)
    out = []
    for line in document.text_lines():
        for form in numbers:
            line = line.replace(form, NUMBER)
        for form in dates:
            line = line.replace(form, DATE)
        out.append(line)
    return out


def first_difference(draft: list[str], issued: list[str]) -> tuple[str, str] | None:
    """The first pair of lines that differ (a missing line is empty), or None when equal."""
    for i in range(max(len(draft), len(issued))):
        a = draft[i] if i < len(draft) else ""
        b = issued[i] if i < len(issued) else ""
        if a != b:
            return a, b
    return None
