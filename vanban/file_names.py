"""Safe file names for generated documents: ASCII slugs of the number and the subject.

`Số: 05/KH-LĐLĐ` + `Triển khai phong trào …` → `05-KH-LDLD-trien-khai-phong-trao-…`.
"""

from __future__ import annotations

from vanban import rules
from vanban.vietnamese.text import fold, slugify


def document_stem(number_line: str, subject: str, max_len: int = 90) -> str:
    """Number and symbol keep their case (they are codes); the subject is lower-case."""
    code = rules.bare_number_symbol(number_line).replace("\u00a0", "").strip()
    code = "-".join(part for part in fold(code).replace("/", "-").split("-") if part.strip())
    code = "".join(ch for ch in code if ch.isalnum() or ch == "-")
    room = max(20, max_len - len(code) - 1)
    rest = slugify(subject, max_len=10 * room)
    if len(rest) > room:  # cut at a word boundary, not inside a word
        rest = rest[: room + 1].rsplit("-", 1)[0]
    return f"{code}-{rest}" if code else rest
