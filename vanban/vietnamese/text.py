"""Plain-text helpers for Vietnamese: normalisation, diacritic folding, file-name slugs.

Vietnamese text must be handled in Unicode NFC (dựng sẵn): input from macOS and some
keyboards arrives decomposed (NFD, tổ hợp) and would otherwise compare unequal, sort wrongly
and print with misplaced marks. Folding (bỏ dấu) is only for places that must be ASCII, such
as file names; documents always keep the full spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

#: Letters that do not decompose under NFD and so survive mark stripping.
#: `Ð`/`ð` (Icelandic eth) is what legacy TCVN3/VNI conversions often leave in place of `Đ`.
_UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

#: Device names Windows refuses as file names, whatever the extension.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)

#: What a slug falls back to (and is prefixed with when it would be a reserved name).
DEFAULT_SLUG = "van-ban"


def nfc(s: str) -> str:
    """Compose to NFC (dựng sẵn), the form every string inside vanban is kept in."""
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Strip Vietnamese diacritics (bỏ dấu): tones and vowel marks go, `đ`→`d`, `Đ`→`D`.

    `Nguyễn Thị Ánh Hồng` → `Nguyen Thi Anh Hong`. Characters that are not Latin letters
    with marks (digits, punctuation, other scripts) are left as they are.
    """
    decomposed = unicodedata.normalize("NFD", s.translate(_UNDECOMPOSABLE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def slugify(s: str, max_len: int = 80) -> str:
    """A safe ASCII file-name stem: lowercase, `-`-separated, only `[a-z0-9-]`.

    Why so strict: names come from clerks' spreadsheets and front matter, and end up as file
    names on Windows and Linux shares. Path separators, dots (`../`), template syntax
    (`{{ x }}`), markup (`<script>`) and control characters (NUL) all collapse to `-`; a name
    that is empty afterwards becomes `van-ban`; a Windows device name (`con`, `lpt1`) gets the
    `van-ban-` prefix. The result never starts or ends with `-` and is at most `max_len` long.
    """
    if max_len < len(DEFAULT_SLUG):
        raise ValueError(f"max_len must be at least {len(DEFAULT_SLUG)}, got {max_len}")
    ascii_text = fold(nfc(s)).lower()
    slug = _truncate(re.sub(r"[^a-z0-9]+", "-", ascii_text), max_len)
    if not slug:
        return DEFAULT_SLUG
    if slug in WINDOWS_RESERVED:
        slug = _truncate(f"{DEFAULT_SLUG}-{slug}", max_len)
    return slug


def _truncate(slug: str, max_len: int) -> str:
    return slug.strip("-")[:max_len].strip("-")


def upper_vi(s: str, keep: Collection[str] = ()) -> str:
    """Upper-case Vietnamese text (viết hoa): plain Unicode upper-casing is correct.

    `đ`→`Đ`, `ư`→`Ư`, `ằ`→`Ằ`. Words listed in `keep` are left exactly as written: the
    document-type abbreviations that hold lower-case letters (`QyĐ`, `CTr`, `TTr`, `TrS`)
    must never be capitalised, even inside a heading in capitals.
    """
    text = nfc(s)
    if not keep:
        return text.upper()
    kept = {nfc(k) for k in keep}
    return re.sub(r"\w+", lambda m: m.group() if m.group() in kept else m.group().upper(), text)
