"""Repair legacy Vietnamese text (mã cũ) into Unicode NFC (dựng sẵn).

Old office spreadsheets still hold text typed before Unicode (TCVN 6909:2001) became the rule:

- **TCVN3 / ABC** (fonts `.VnTime`, `.VnArial`, …; `.VnTimeH` is the all-capitals variant):
  one byte per letter, so a cell shows `NguyÔn ThÞ ThiÖn` for `Nguyễn Thị Thiện` when the font
  is changed. Only the lower-case toned letters and Ă Â Ê Ô Ơ Ư Đ have code points; capitals
  with tones are typed in the `…H` font, which draws the lower-case code points as capitals.
- **VNI** (fonts `VNI-Times`, `VNI-Helve`, …): a base letter followed by a mark character,
  `Nguyeãn Thò Thieän`.
- **UTF-8 read as cp1252** (mojibake, `CÃ´ng Ä‘oÃ n`): a CSV exported as UTF-8 and opened as
  Windows-1252 somewhere on its way.
- **NFD** (tổ hợp): decomposed Unicode from macOS or some keyboards.

`repair` returns the fixed text and the name of what it converted, so the reader can report
every converted cell. The rules are conservative on purpose: plain ASCII is never touched, and
text that holds any character beyond Latin-1 is already Unicode (it is at most normalised to
NFC). Between the remaining candidates the one whose words are valid Vietnamese syllables wins;
a cell font (`cell.font.name` in openpyxl) is a strong hint that also settles ties.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"
MOJIBAKE = "UTF-8 read as cp1252"
NFD = "NFD"

# ---------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3 as used by the ABC fonts): byte → Unicode letter. The bytes are
# the Latin-1 code points Excel stores for a cell typed in a `.Vn…` font.
TCVN3_TO_UNICODE: dict[str, str] = {
    "\xa1": "Ă",
    "\xa2": "Â",
    "\xa3": "Ê",
    "\xa4": "Ô",
    "\xa5": "Ơ",
    "\xa6": "Ư",
    "\xa7": "Đ",
    "\xa8": "ă",
    "\xa9": "â",
    "\xaa": "ê",
    "\xab": "ô",
    "\xac": "ơ",
    "\xad": "ư",
    "\xae": "đ",
    "\xb5": "à",
    "\xb6": "ả",
    "\xb7": "ã",
    "\xb8": "á",
    "\xb9": "ạ",
    "\xbb": "ằ",
    "\xbc": "ẳ",
    "\xbd": "ẵ",
    "\xbe": "ắ",
    "\xc6": "ặ",
    "\xc7": "ầ",
    "\xc8": "ẩ",
    "\xc9": "ẫ",
    "\xca": "ấ",
    "\xcb": "ậ",
    "\xcc": "è",
    "\xce": "ẻ",
    "\xcf": "ẽ",
    "\xd0": "é",
    "\xd1": "ẹ",
    "\xd2": "ề",
    "\xd3": "ể",
    "\xd4": "ễ",
    "\xd5": "ế",
    "\xd6": "ệ",
    "\xd7": "ì",
    "\xd8": "ỉ",
    "\xdc": "ĩ",
    "\xdd": "í",
    "\xde": "ị",
    "\xdf": "ò",
    "\xe1": "ỏ",
    "\xe2": "õ",
    "\xe3": "ó",
    "\xe4": "ọ",
    "\xe5": "ồ",
    "\xe6": "ổ",
    "\xe7": "ỗ",
    "\xe8": "ố",
    "\xe9": "ộ",
    "\xea": "ờ",
    "\xeb": "ở",
    "\xec": "ỡ",
    "\xed": "ớ",
    "\xee": "ợ",
    "\xef": "ù",
    "\xf1": "ủ",
    "\xf2": "ũ",
    "\xf3": "ú",
    "\xf4": "ụ",
    "\xf5": "ừ",
    "\xf6": "ử",
    "\xf7": "ữ",
    "\xf8": "ứ",
    "\xf9": "ự",
    "\xfa": "ỳ",
    "\xfb": "ỷ",
    "\xfc": "ỹ",
    "\xfd": "ý",
    "\xfe": "ỵ",
}
_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)

# ---------------------------------------------------------------------------------------------
# VNI (VNI-Windows): letters that stand alone, and marks that follow a vowel.
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"

#: Characters that are a whole letter on their own.
VNI_LETTERS: dict[str, str] = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "í": "í",
    "Í": "Í",
    "ì": "ì",
    "Ì": "Ì",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
#: Mark characters: (vowel modifier or "", tone or ""), upper and lower case alike.
VNI_MARKS: dict[str, tuple[str, str]] = {}
for _lower, _mark in {
    "â": (_CIRCUMFLEX, ""),
    "á": (_CIRCUMFLEX, _ACUTE),
    "à": (_CIRCUMFLEX, _GRAVE),
    "å": (_CIRCUMFLEX, _HOOK),
    "ã": (_CIRCUMFLEX, _TILDE),
    "ä": (_CIRCUMFLEX, _DOT),
    "ê": (_BREVE, ""),
    "é": (_BREVE, _ACUTE),
    "è": (_BREVE, _GRAVE),
    "ú": (_BREVE, _HOOK),
    "ü": (_BREVE, _TILDE),
    "ë": (_BREVE, _DOT),
    "ù": ("", _ACUTE),
    "ø": ("", _GRAVE),
    "û": ("", _HOOK),
    "õ": ("", _TILDE),
    "ï": ("", _DOT),
}.items():
    VNI_MARKS[_lower] = _mark
    VNI_MARKS[_lower.upper()] = _mark

#: Which bases each kind of mark may follow (lower case; ơ and ư take plain tones).
_MARK_BASES = {_CIRCUMFLEX: set("aeo"), _BREVE: set("a"), "": set("aeouyơư")}


def _vni_decode(text: str) -> str:
    out: list[str] = []
    for ch in text:
        mark = VNI_MARKS.get(ch)
        if mark and out:
            modifier, tone = mark
            prev = out[-1]
            if prev.lower() in _MARK_BASES[modifier]:
                out[-1] = unicodedata.normalize("NFC", prev + modifier + tone)
                continue
        out.append(VNI_LETTERS.get(ch, ch))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# UTF-8 bytes that were decoded as cp1252 (or Latin-1: C1 controls stand for themselves).
_CP1252_BYTE: dict[str, int] = {}
for _b in range(256):
    _CP1252_BYTE[chr(_b)] = _b
    try:
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass


#: A no-break space (byte A0, the last byte of `à` and `Ạ`) often became a plain space.
_LOST_NBSP = (
    (re.compile(rb"([\xc2-\xdf])\x20"), lambda m: m.group(1) + b"\xa0"),
    (re.compile(rb"([\xe0-\xef][\x80-\xbf])\x20"), lambda m: m.group(1) + b"\xa0"),
    (re.compile(rb"([\xe0-\xef])\x20([\x80-\xbf])"), lambda m: m.group(1) + b"\xa0" + m.group(2)),
)


def _unmojibake(text: str) -> str | None:
    try:
        raw = bytes(_CP1252_BYTE[c] for c in text)
    except KeyError:
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        for pattern, replacement in _LOST_NBSP:
            raw = pattern.sub(replacement, raw)
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return fixed if fixed != text else None


# ---------------------------------------------------------------------------------------------
# Is it Vietnamese? A word is a good syllable when its letters, vowel cluster and tone fit.
_TONES = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}
_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
_NUCLEI = (
    "iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_FINAL = r"(?:ch|nh|ng|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_INITIAL}(?:{'|'.join(_NUCLEI)}){_FINAL}$")
_TOKEN_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return tones <= 1 and bool(_SYLLABLE.match(base))


def vietnamese_score(text: str) -> float:
    """Share of the non-ASCII words that are valid Vietnamese syllables (1.0 when none).

    ASCII words read the same in every candidate and symbols standing alone (`©`, `§`) are no
    words at all, so neither counts.
    """
    words = [
        w
        for w in _TOKEN_SPLIT.split(text)
        if not w.isascii() and any(c.isalpha() for c in w) and not any(c.isdigit() for c in w)
    ]
    if not words:
        return 1.0
    return sum(_is_syllable(w) for w in words) / len(words)


# ---------------------------------------------------------------------------------------------
def font_encoding(font_name: str | None) -> str | None:
    """The legacy encoding a font name implies: `.VnTime` → TCVN3, `VNI-Times` → VNI."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(".vn") or (name.startswith("vn") and not name.startswith("vni")):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def _capitals_font(font_name: str | None) -> bool:
    """`.VnTimeH`, `.VnArialH`: the TCVN3 fonts that draw every letter as a capital."""
    return font_name is not None and font_encoding(font_name) == TCVN3 and font_name.strip().endswith("H")


def _tcvn3_decode(text: str, capitals: bool) -> str:
    decoded = text.translate(_TCVN3_TRANS)
    if capitals:
        return decoded.upper()
    plain_upper = sum(1 for c in text if c.isascii() and c.isupper())
    plain_lower = sum(1 for c in text if c.isascii() and c.islower())
    if plain_upper >= 2 and plain_lower == 0:
        # Typed in `.VnTimeH` but the font is unknown: the toned code points were capitals too.
        return decoded.upper()
    return re.sub(r"\S+", lambda m: _upper_capital_word(m.group(0), text[m.start() : m.end()]), decoded)


def _upper_capital_word(decoded: str, original: str) -> str:
    """`HéI` → `HỘI`: a word whose plain letters are all capitals (two or more) was all caps."""
    upper = sum(1 for c in original if c.isascii() and c.isupper())
    lower = sum(1 for c in original if c.isascii() and c.islower())
    return decoded.upper() if upper >= 2 and lower == 0 else decoded


def _legacy_markers(text: str) -> bool:
    """True if the text holds a Latin-1 character no Vietnamese Unicode text uses."""
    return any(c not in _VIETNAMESE_LATIN1 for c in text if not c.isascii())


#: Latin-1 letters that are also Vietnamese letters (à á â ã è é ê ì í ò ó ô õ ù ú ý, capitals).
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


@functools.lru_cache(maxsize=4096)  # a list repeats its units, positions and forms in every row
def repair(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    """Return `(fixed, encoding)`; `encoding` is None when the text was left unchanged.

    `font_name` is the cell's font (openpyxl `cell.font.name`); a `.Vn…` or `VNI-…` font is a
    strong hint. Without it, legacy text is only converted when the result is clearly more
    Vietnamese than the input.
    """
    if text.isascii():
        return text, None
    composed = unicodedata.normalize("NFC", text)
    if any(ord(c) > 0xFF for c in text):
        fixed = _repair_mojibake(composed)
        if fixed is not None:
            return fixed, MOJIBAKE
        return (composed, NFD) if composed != text else (text, None)
    # Only Latin-1: proper Unicode Vietnamese using Latin-1 letters, legacy bytes, or mojibake.
    fixed = _repair_mojibake(text)
    if fixed is not None:
        return fixed, MOJIBAKE
    hint = font_encoding(font_name)
    candidates = {
        TCVN3: _tcvn3_decode(text, _capitals_font(font_name)),
        VNI: unicodedata.normalize("NFC", _vni_decode(text)),
    }
    original = vietnamese_score(text)

    def better(name: str) -> bool:
        score = vietnamese_score(candidates[name])
        return candidates[name] != text and score > original and score >= 0.5

    if hint is not None and better(hint):
        return candidates[hint], hint
    scored = sorted(
        ((vietnamese_score(fixed), name) for name, fixed in candidates.items() if better(name)),
        key=lambda pair: (-pair[0], pair[1] != TCVN3),
    )
    if scored and not _legacy_markers(text) and (scored[0][0] < 1.0 or original > 0.5):
        # Every character is a Vietnamese letter as it stands (`naêm`, `Chaâu` in VNI; or
        # proper Unicode): only words that are mostly not Vietnamese and all become Vietnamese
        # are converted. Proper Unicode is never altered.
        return text, None
    if scored:
        name = scored[0][1]
        return candidates[name], name
    return text, None


def _repair_mojibake(text: str) -> str | None:
    """Undo UTF-8-as-cp1252 (up to twice) when the result reads as better Vietnamese."""
    current, changed = text, False
    for _ in range(2):
        fixed = _unmojibake(current)
        if fixed is None:
            break
        current, changed = fixed, True
    if not changed:
        return None
    current = unicodedata.normalize("NFC", current)
    if vietnamese_score(current) < vietnamese_score(text):
        return None
    return current
