"""Text measurement for the rules drawn under header texts.

Decree 30 sizes the short rules by the text above them (the issuer's rule is 1/3–1/2 of the
name, the motto's rule as long as the motto). Both renderers and the checker need the same
length, so it is computed here from the real font metrics (Times New Roman, or the metric-
compatible Liberation Serif) rather than guessed per renderer.
"""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

from vanban import rules


@dataclass(frozen=True)
class FontFiles:
    """The four faces of the body font as files on this machine (for PDF embedding)."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def _fc_match(pattern: str) -> tuple[str, Path] | None:
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family[0]}|%{file}", pattern], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, file = out.partition("|")
    return (family, Path(file)) if file else None


@functools.cache
def font_files() -> FontFiles | None:
    """Times New Roman when installed, else the first installed fallback (Liberation Serif)."""
    for family in (rules.FONT_NAME, *rules.FONT_FALLBACKS):
        faces = {}
        for face, style in (
            ("regular", "regular"),
            ("bold", "bold"),
            ("italic", "italic"),
            ("bold_italic", "bold:italic"),
        ):
            found = _fc_match(f"{family}:{style}")
            if not found or found[0].lower() != family.lower():
                break
            faces[face] = found[1]
        else:
            return FontFiles(family=family, **faces)
    return None


@functools.cache
def _advance_table(path: Path) -> tuple[dict[int, int], int, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    widths = {cp: hmtx[name][0] for cp, name in cmap.items()}
    default = hmtx[".notdef"][0] if ".notdef" in hmtx else font["head"].unitsPerEm // 2
    return widths, default, font["head"].unitsPerEm


def text_width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of `text` set on one line in the body font, in millimetres.

    Diacritics in NFC are single code points with their own advance; combining marks (which
    NFC text rarely has) have zero advance in these fonts. Without any font file the estimate
    is half an em per character, enough to keep rules proportionate.
    """
    files = font_files()
    if files is None:
        return len(text) * size_pt * 0.5 * rules.MM_PER_PT
    face = {
        (False, False): files.regular,
        (True, False): files.bold,
        (False, True): files.italic,
        (True, True): files.bold_italic,
    }[(bold, italic)]
    widths, default, upem = _advance_table(face)
    units = sum(widths.get(ord(ch), default) for ch in text)
    return units / upem * size_pt * rules.MM_PER_PT


def rule_length_mm(lines: list[str], style_key: str, fraction: float, max_width_mm: float) -> float:
    """Length of a rule drawn under `lines`: a fraction of the widest line, never wider than the box."""
    style = rules.STYLES[style_key]
    widest = max((text_width_mm(line, style.size.default, style.bold, style.italic) for line in lines), default=0.0)
    return round(min(widest, max_width_mm) * fraction, 1)


#: Word's default left and right cell margins (0.19 cm each): the width a rule in a cell can use.
CELL_MARGINS_MM = 2 * rules.TABLE_CELL_MARGIN_MM


def frame_rule_lengths(
    left_lines: list[str], right_title: list[str], subject: list[str], party: bool
) -> dict[str, float]:
    """Lengths (mm) of the three rules of a document's frame, for every renderer and the checker.

    issuer: 1/3–1/2 of the issuing body's name; motto: as long as the motto (for a Party body,
    as long as `ĐẢNG CỘNG SẢN VIỆT NAM`); subject: 1/3–1/2 of the subject's longest line.
    """
    left_box = rules.HEADER_LEFT_COL.default - CELL_MARGINS_MM
    right_box = rules.HEADER_RIGHT_COL.default - CELL_MARGINS_MM
    title_key = "party_name" if party else "motto"
    return {
        "issuer": rule_length_mm(left_lines, "issuer", rules.ISSUER_RULE_FRACTION.default, left_box),
        "motto": rule_length_mm(right_title[-1:], title_key, rules.MOTTO_RULE_FRACTION.default, right_box),
        "subject": rule_length_mm(subject, "subject", rules.SUBJECT_RULE_FRACTION.default, rules.text_width_mm())
        if subject
        else 0.0,
    }


@functools.cache
def single_line_em() -> float:
    """Height of one single-spaced line in ems, as Word and LibreOffice compute it.

    Both take the font's Windows ascent and descent plus the line gap of its `hhea` table
    (Times New Roman and Liberation Serif: (1825 + 443 + 87) / 2048 = 1.1499 em). Measured in
    LibreOffice's conversion of our DOCX: 14 pt at 1.15 spacing is 18.5 pt a line, which this
    gives; without the line gap the PDF set 17.8 pt and fitted two lines more per page.
    The PDF renderer sets CSS line-height from this so both formats break pages alike.
    """
    files = font_files()
    if files is None:
        return rules.SINGLE_LINE_EM
    from fontTools.ttLib import TTFont

    font = TTFont(files.regular, lazy=True)
    os2 = font["OS/2"]
    gap = max(0, font["hhea"].lineGap)
    return round((os2.usWinAscent + os2.usWinDescent + gap) / font["head"].unitsPerEm, 4)


def wrap_lines(
    text: str, width_mm: float, size_pt: float, bold: bool = False, italic: bool = False, measure=None
) -> list[str]:
    """Greedy word wrap by real advance widths (a word longer than the box stays whole).

    `measure(text, size, bold, italic)` → mm: `text_width_mm` unless given (certificates pass
    `vanban.shaping.width_mm`, the kerned width their PDF is drawn with)."""
    measure = measure or text_width_mm
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate, size_pt, bold, italic) > width_mm:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


#: Below this no text is shrunk further; smaller than this is unreadable on a certificate.
MIN_READABLE_PT = 8.0


def fit_text(
    text: str,
    width_mm: float,
    size_pt: float,
    max_lines: int,
    bold: bool = False,
    italic: bool = False,
    measure=None,
) -> tuple[float, list[str]]:
    """The largest size (in 0.5 pt steps) at which `text` fits the box in `max_lines` lines.

    Long names wrap first, then shrink: a certificate's fields must never overflow their box or
    overlap the next one. Both renderers receive the same explicit lines, so they break alike.
    At `MIN_READABLE_PT` the lines are returned whatever their number: the caller refuses text
    that still does not fit (`vanban.certificate_model.fit_field`).
    """
    measure = measure or text_width_mm
    size = size_pt
    while True:
        lines = wrap_lines(text, width_mm, size, bold, italic, measure)
        widest = max((measure(line, size, bold, italic) for line in lines), default=0.0)
        if (len(lines) <= max_lines and widest <= width_mm) or size <= MIN_READABLE_PT:
            return size, lines
        size -= 0.5
