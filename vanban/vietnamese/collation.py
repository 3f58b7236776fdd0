"""Vietnamese alphabetical order (thứ tự chữ cái) for names in lists and annexes.

Rules (spec "Sorting names"):
- alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z of
  foreign words in their Latin places; `ă`, `â`, `đ`, `ê`, `ô`, `ơ`, `ư` are letters of their
  own, not accented variants;
- letters are compared before tones (dấu thanh); tones only break ties, in dictionary order
  none, huyền, hỏi, ngã, sắc, nặng — or, as some office tools do, with sắc before hỏi
  (`tone_order="sac_before_hoi"`: none, huyền, sắc, hỏi, ngã, nặng);
- upper and lower case sort together;
- people (cá nhân) sort by given name (tên, the last syllable), then middle name(s) (tên
  đệm), then surname (họ); collectives (tập thể) sort by their full name.

Why not PyICU's `vi` collator, although it is a sound base: checked against ICU 72 it gets
the alphabet and "letters before tones" right and its dictionary tone order matches, but
(1) it compares accents by position in the string, so the two accepted spellings of one name,
`Hòa` and `Hoà` (tone on the o or on the a), sort as different names — the spec says keep the
spelling as given, so the order must not depend on it; (2) it compares all letters of a
multi-syllable string before any tone, whereas Vietnamese dictionaries order syllable by
syllable; (3) it has no sắc-before-hỏi variant without custom tailoring rules. The key below
is small, pure Python, and does all three: each syllable becomes (letters, tone) with the
tone read once for the whole syllable wherever the mark sits.

Digits compare as numbers (`Tổ 2` before `Tổ 10`) and before letters; punctuation
(`H'Hen`, `-`) is ignored; other letters fall back to their unaccented base letter.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from vanban.vietnamese.text import nfc

ToneOrder = Literal["dictionary", "sac_before_hoi"]

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
#: Legacy conversions sometimes leave the Icelandic eth in place of đ.
_LETTER_RANK["ð"] = _LETTER_RANK["đ"]

#: Combining tone marks (dấu thanh) as they appear after NFD.
HUYEN, HOI, NGA, SAC, NANG = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONE_ORDERS: dict[str, tuple[str, ...]] = {
    "dictionary": ("", HUYEN, HOI, NGA, SAC, NANG),
    "sac_before_hoi": ("", HUYEN, SAC, HOI, NGA, NANG),
}

#: Element kinds inside a syllable's letter key: numbers sort before letters, then others.
_NUMBER, _LETTER, _OTHER = 0, 1, 2

Element = tuple[int, int]
SyllableKey = tuple[tuple[Element, ...], int]


def collective_sort_key(name: str, tone_order: ToneOrder = "dictionary") -> tuple[SyllableKey, ...]:
    """Key for a collective's full name (tên tập thể), compared syllable by syllable."""
    return _syllable_keys(name, tone_order)


def person_sort_key(full_name: str, tone_order: ToneOrder = "dictionary") -> tuple[tuple[SyllableKey, ...], ...]:
    """Key for a person's full name (họ và tên): given name, then middle name(s), then surname.

    `Lê Văn An` < `Trần Thị Ánh` < `Nguyễn Văn Bình`. A one-syllable name is a given name.
    """
    syllables = _syllable_keys(full_name, tone_order)
    given, middle = syllables[-1:], syllables[1:-1]
    surname = syllables[:1] if len(syllables) > 1 else ()
    return given, middle, surname


def syllable_key(syllable: str, tone_order: ToneOrder = "dictionary") -> SyllableKey:
    """(letters, tone) of one syllable (âm tiết); case, spelling variant and NFC/NFD agnostic."""
    tones = _tone_ranks(tone_order)
    decomposed = unicodedata.normalize("NFD", nfc(syllable).lower())
    tone = next((tones[c] for c in decomposed if c in tones), 0)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
    return tuple(_elements(base)), tone


def _syllable_keys(text: str, tone_order: ToneOrder) -> tuple[SyllableKey, ...]:
    keys = (syllable_key(word, tone_order) for word in nfc(text).split())
    return tuple(key for key in keys if key[0])  # a lone "-" or "," is not a syllable


def _tone_ranks(tone_order: ToneOrder) -> dict[str, int]:
    try:
        order = TONE_ORDERS[tone_order]
    except KeyError:
        raise ValueError(f"tone_order must be one of {', '.join(TONE_ORDERS)}, got {tone_order!r}") from None
    return {mark: rank for rank, mark in enumerate(order) if mark}


def _elements(base: str):
    """Letter ranks of a tone-free syllable; digit runs become one number each."""
    for token in re.findall(r"\d+|\D", base):
        if token.isdigit():
            yield _NUMBER, int(token)
        elif token in _LETTER_RANK:
            yield _LETTER, _LETTER_RANK[token]
        elif token.isalpha():
            yield _foreign_letter(token)
        # anything else (apostrophe, hyphen, dot, leftover combining mark) is ignored


def _foreign_letter(char: str) -> Element:
    """`é`, `ü`, `ç` sort as their base letter; letters of other scripts after all Latin ones."""
    base = unicodedata.normalize("NFD", char)[0]
    if base in _LETTER_RANK:
        return _LETTER, _LETTER_RANK[base]
    return _OTHER, ord(char)
