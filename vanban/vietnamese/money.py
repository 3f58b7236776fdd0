"""Money in figures and in words (số tiền bằng số, bằng chữ) for decisions and annexes.

Figures use `.` as the thousands separator (`2.340.000 đồng`). Words follow the reading rules
of the spec: groups of three named nghìn / triệu / tỷ (never "ngàn"), `mười` for 10–19 and
`mươi` above, `mốt` / `lăm` / optional `tư` after a tens word, `linh` (or Southern `lẻ`) for a
zero tens digit, `không trăm` for an inner group below 100, all-zero groups skipped, and
amounts of 10^12 and more read as a count of tỷ (`một nghìn tỷ`).

Why not num2words (`lang="vi"`): its Vietnamese converter reads an all-zero inner group aloud
(700.000.231 → "bảy trăm triệu không nghìn hai trăm ba mươi mốt", where the spec skips the
group), puts a comma after `tỷ`, and has no `linh`/`lẻ`, `bốn`/`tư` or `chẵn` settings
reachable from `num2words()`. The rules are short, so they are implemented here and pinned
by the spec's worked values in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
#: Names of the groups of three digits below one tỷ; higher amounts repeat `tỷ`.
GROUP_NAMES = ("", "nghìn", "triệu")
BILLION = 10**9
CURRENCY = "đồng"


@dataclass(frozen=True)
class MoneyWordsStyle:
    """Office conventions for amounts in words (cách đọc số tiền bằng chữ).

    - `four`: the final 4 after a tens word ≥ 20 — `bốn` (default) or `tư` (hai mươi tư);
      14 is always `mười bốn`.
    - `zero_tens`: a zero tens digit before a unit — `linh` (official, Northern) or `lẻ`
      (Southern): một trăm linh năm.
    - `chan`: append `chẵn` to round sums (a multiple of 1.000 đồng), as some offices do.
    """

    four: Literal["bốn", "tư"] = "bốn"
    zero_tens: Literal["linh", "lẻ"] = "linh"
    chan: bool = False

    def __post_init__(self) -> None:
        if self.four not in ("bốn", "tư"):
            raise ValueError(f"four must be 'bốn' or 'tư', got {self.four!r}")
        if self.zero_tens not in ("linh", "lẻ"):
            raise ValueError(f"zero_tens must be 'linh' or 'lẻ', got {self.zero_tens!r}")


def format_money(n: int) -> str:
    """`2340000` → `2.340.000` (dấu chấm phân cách hàng nghìn)."""
    _check_int(n, allow_negative=True)
    return f"{n:,}".replace(",", ".")


def money_in_words(
    n: int,
    *,
    four: Literal["bốn", "tư"] | None = None,
    zero_tens: Literal["linh", "lẻ"] | None = None,
    chan: bool | None = None,
    style: MoneyWordsStyle | None = None,
) -> str:
    """The `Bằng chữ:` text: capitalised, ending in `đồng`.

    `15570000` → `Mười lăm triệu năm trăm bảy mươi nghìn đồng`; `0` → `Không đồng`.
    Settings come from `style` (default `MoneyWordsStyle()`); keyword arguments override it.
    """
    style = _resolve_style(style, four=four, zero_tens=zero_tens, chan=chan)
    words = f"{number_in_words(n, style=style)} {CURRENCY}"
    if style.chan and n and n % 1000 == 0:
        words += " chẵn"
    return words[0].upper() + words[1:]


def number_in_words(n: int, *, style: MoneyWordsStyle | None = None) -> str:
    """A non-negative integer read aloud, lower case, no unit: `1005000` → `một triệu không
    trăm linh năm nghìn`."""
    _check_int(n, allow_negative=False)
    if n == 0:
        return DIGITS[0]
    return " ".join(_read(n, style or MoneyWordsStyle(), leading=True))


def _resolve_style(style: MoneyWordsStyle | None, **overrides) -> MoneyWordsStyle:
    chosen = {k: v for k, v in overrides.items() if v is not None}
    return replace(style or MoneyWordsStyle(), **chosen)


def _check_int(n: int, *, allow_negative: bool) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"money is a whole number of đồng (int), got {type(n).__name__} {n!r}")
    if n < 0 and not allow_negative:
        raise ValueError(f"an amount in words must not be negative, got {n}")


def _read(n: int, style: MoneyWordsStyle, *, leading: bool) -> list[str]:
    """Words for `n` > 0. `leading` is True when nothing is said before it, so its first
    group may be shorter than three digits (no `không trăm`)."""
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        head = [*_read(high, style, leading=leading), "tỷ"]
        return head + (_read(low, style, leading=False) if low else [])
    words: list[str] = []
    for index in range(len(GROUP_NAMES) - 1, -1, -1):
        group = n // 1000**index % 1000
        if group == 0:
            continue  # an all-zero group is not read: 1.000.000.000 = một tỷ
        words += _read_group(group, style, full=not leading or bool(words))
        if GROUP_NAMES[index]:
            words.append(GROUP_NAMES[index])
    return words


def _read_group(group: int, style: MoneyWordsStyle, *, full: bool) -> list[str]:
    """One group of three digits; `full` says the hundreds even when 0 (`không trăm`)."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ([style.zero_tens] if words else []) + [DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_unit_after_tens(units, style))
    return words


def _unit_after_tens(units: int, style: MoneyWordsStyle) -> str:
    """Final digit after `X mươi`: 1 → mốt, 4 → bốn/tư, 5 → lăm."""
    return {1: "mốt", 4: style.four, 5: "lăm"}.get(units, DIGITS[units])
