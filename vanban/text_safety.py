"""Untrusted text kept as text: characters a document can carry, cells that stay cells.

Why: Word pastes U+000B (a manual line break) into cells, terminals leave `\x1b`, web forms leave
bidi overrides (U+202E turns `gpj.exe` into `exe.jpg` on screen) and zero-width spaces (two names
that look the same but differ). XML 1.0 — DOCX and the PDF text layer — cannot carry C0 control
characters at all, so today they crash the renderers *after* numbers are taken. Here each text
field is checked before any number: a character that cannot be printed is reported with its code
point and place. Excel escapes such characters in its XML as `_x000B_`; `decode_excel_escapes`
turns the escape back into the character it stands for, so it is judged like the character.

And text written into files others open (the register export) must not become a formula:
`as_text_cell` keeps a cell beginning with `=` a string.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.i18n import tr

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: Bidirectional embedding/override/isolate controls: they reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Invisible characters that make two equal-looking names differ.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


def decode_excel_escapes(text: str) -> str:
    """`_x000B_` (how Excel writes U+000B in its XML) → the character itself."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


#: Every character `bad_character` may refuse (a superset: line breaks are refused only in
#: one-line text): one search in C finds the candidates, instead of a Python loop over every
#: character of every cell (~0.3 s of reading a 1,000-awardee list).
_CANDIDATES = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f"
    + "".join(sorted(BIDI_CONTROLS | INVISIBLE))
    + "\ud800-\udfff\ufffe\uffff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def bad_character(text: str, *, multiline: bool = False) -> str | None:
    """What is wrong with the first character of `text` a document cannot carry, or None."""
    for found in _CANDIDATES.finditer(text):
        ch = found.group()
        code = ord(ch)
        if multiline and ch in "\n\r":  # (a tab is not a candidate)
            continue
        if code < 0x20 or 0x7F <= code < 0xA0:
            return tr("có ký tự điều khiển U+{code:04X} không in được (thường do dán từ Word hoặc máy khác)", code=code)
        if ch in BIDI_CONTROLS:
            return tr("có ký tự đảo chiều chữ U+{code:04X} (làm chữ hiện khác với nội dung thật)", code=code)
        if ch in INVISIBLE:
            return tr("có ký tự vô hình U+{code:04X} (hai tên trông giống nhau mà khác nhau)", code=code)
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) or unicodedata.category(ch) == "Co":
            return tr("có ký tự không hợp lệ U+{code:04X}", code=code)
    return None


def as_text_cell(cell) -> None:
    """Store an openpyxl cell's text as a string, whatever it begins with.

    openpyxl writes any string beginning with `=` as a live formula (`=HYPERLINK("http://…"&A1)`
    would run in a colleague's Excel); typed `s` it is shown exactly as written. Leading `+ - @`
    are stored as text already, and stay so.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
