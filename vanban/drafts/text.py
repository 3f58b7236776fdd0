"""The rule of issuing: the issued text is the draft's text, except the number, the date and the mark.

What the leader signed is the draft. Issuing fills in the number and the day, and nothing else
may change — yet the text depends on the date: the law in force on the signing day (the base
salary of a reward, the Căn cứ lines) may differ from the law on the date the input planned. So
before taking a number, the document is built twice from the same input — as drafted and as it
would be issued — and compared line by line with the number and the date written as placeholders.

A draft leaves room to write the number and the day by hand: `Số:        /QĐ-LĐLĐ` (non-breaking
spaces, `rules.HAND_NUMBER_BLANK`), `ngày      tháng      năm 2026`. That room is spacing, not
text: lines are compared with every run of spaces (ordinary or non-breaking) read as one space,
so `Số:        /QĐ-LĐLĐ` and `Số: 15/QĐ-LĐLĐ` both read `Số: <SỐ>`.
"""

from __future__ import annotations

import datetime as dt
import re

from vanban import rules
from vanban.document_model import Document

NUMBER = "<SỐ>"
DATE = "<NGÀY>"

_SPACES = re.compile(r"[\s\u00a0]+")


def spaced(text: str) -> str:
    """`text` with every run of spaces, ordinary or non-breaking, as one ordinary space."""
    return _SPACES.sub(" ", text)


def number_pattern(number_line: str) -> re.Pattern[str] | None:
    """The document's own number as it appears in its lines (`15/QĐ-LĐLĐ`, a draft's `/QĐ-LĐLĐ`),
    not inside another number (`115/QĐ-LĐLĐ`, the draft's symbol in `12/QĐ-LĐLĐ` cited in a
    Căn cứ line); None when the document has no number line."""
    bare = spaced(rules.bare_number_symbol(number_line)).strip()
    if not bare:
        return None
    return re.compile(rf"(?<![\w/-]){re.escape(bare)}(?![\w-])")


def comparable_lines(document: Document, date: dt.date) -> list[str]:
    """The document's text lines with its own number and its own date replaced by placeholders.

    `date` is the date the document was built with (an `UndatedDay` for a draft), so the forms
    replaced are exactly the ones it prints: `ngày 17 tháng 12 năm 2026`, `17/12/2026`, and the
    draft's `ngày      tháng      năm 2026`. Spaces are compared as one (see the module)."""
    number = number_pattern(document.frame.number_line)
    forms = {rules.format_date(date), rules.numeric_date(date), rules.short_date(date)}
    dates = sorted({spaced(f) for f in forms}, key=len, reverse=True)
    out = []
    for line in document.text_lines():
        line = spaced(line)
        if number is not None:
            line = number.sub(NUMBER, line)
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
