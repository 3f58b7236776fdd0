"""Text shaped with HarfBuzz: the glyphs, advances (with kerning) and widths certificates print.

WeasyPrint lays text out through Pango, which shapes it with HarfBuzz: kerning pairs move letters
(`AV`, `Tô`), decomposed marks are composed or placed by the font's mark positioning. Summing
each character's advance (what `vanban.text_metrics` does for rules) ignores all of that, so a
centred line drawn from those sums drifts by ~0.4 pt from the WeasyPrint output. This module
shapes a line exactly as Pango does (same font files, default features) and caches the result
per face and text: the same measurement serves fitting a field to its box and drawing it.

A character the font lacks shapes to glyph 0 (`.notdef`, an empty box on paper): `missing`
finds those before anything is drawn, so the caller reports it as bad input.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from vanban import rules, text_metrics

#: (bold, italic) → the face key used in PDF resource names (/FR, /FB, …).
FACE_KEYS = {(False, False): "R", (True, False): "B", (False, True): "I", (True, True): "BI"}


@dataclass(frozen=True)
class Shaped:
    """One line as positioned glyphs, in font units (units_per_em per em)."""

    gids: tuple[int, ...]
    advances: tuple[int, ...]
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    #: the text each glyph stands for (a cluster's text on its first glyph, "" on the others)
    texts: tuple[str, ...]
    upem: int

    @property
    def width_units(self) -> int:
        return sum(self.advances)

    def width_pt(self, size_pt: float) -> float:
        return self.width_units / self.upem * size_pt

    @property
    def plain(self) -> bool:
        """No glyph moved off the pen position (then a TJ array draws the line)."""
        return not any(self.x_offsets) and not any(self.y_offsets)


def face_path(bold: bool, italic: bool) -> Path:
    files = text_metrics.font_files()
    if files is None:
        raise RuntimeError("no body font (Times New Roman or Liberation Serif) is installed: run `make demo`")
    return {
        (False, False): files.regular,
        (True, False): files.bold,
        (False, True): files.italic,
        (True, True): files.bold_italic,
    }[(bold, italic)]


def font_family() -> str:
    files = text_metrics.font_files()
    return files.family if files else rules.FONT_NAME


@functools.cache
def _hb_font(path: Path):
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)))
    font = hb.Font(face)  # scale = units per em: advances come out in font units
    return font, face.upem


@functools.cache
def font_extents(path: Path) -> tuple[int, int, int]:
    """(ascender, descender as a positive number, units per em) as HarfBuzz (and so Pango) reads them."""
    font, upem = _hb_font(path)
    ext = font.get_font_extents("ltr")
    return ext.ascender, -ext.descender, upem


@functools.lru_cache(maxsize=4096)  # bounded: a worker's memory must not grow with the list
def shape(path: Path, text: str) -> Shaped:
    """`text` on one line in the font at `path`, shaped with HarfBuzz's default features."""
    font, upem = _hb_font(path)
    return _shape(font, upem, text)


@functools.cache
def _hb_font_at(path: Path, scale: int):
    font, _upem = _hb_font(path)
    scaled = type(font)(font.face)
    scaled.scale = (scale, scale)
    return scaled


@functools.lru_cache(maxsize=8192)
def shape_at(path: Path, text: str, scale: int) -> Shaped:
    """`text` shaped at `scale` units per em, advances rounded to whole units as HarfBuzz rounds
    them for Pango: with `scale` the font size in Pango units (1/1024 CSS px, `pango_units`),
    the advances are exactly those WeasyPrint lays a line out with (`upem` is `scale`)."""
    return _shape(_hb_font_at(path, scale), scale, text)


def pango_units(size_pt: float) -> int:
    """A font size in Pango units as WeasyPrint sets it: CSS px × 1024, truncated (13 pt → 17749)."""
    return int(size_pt * 96 / 72 * 1024)


def _shape(font, upem: int, text: str) -> Shaped:
    import uharfbuzz as hb

    buf = hb.Buffer()
    codepoints = [ord(c) for c in text]
    buf.add_codepoints(codepoints)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    clusters = [i.cluster for i in infos]
    # a cluster's text runs from its start to the next cluster's start (left to right text)
    starts = sorted(set(clusters))
    ends = {s: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)}
    seen: set[int] = set()
    texts = []
    for c in clusters:
        texts.append("" if c in seen else text[c : ends[c]])
        seen.add(c)
    return Shaped(
        gids=tuple(i.codepoint for i in infos),
        advances=tuple(p.x_advance for p in positions),
        x_offsets=tuple(p.x_offset for p in positions),
        y_offsets=tuple(p.y_offset for p in positions),
        texts=tuple(texts),
        upem=upem,
    )


@functools.lru_cache(maxsize=16384)
def width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Shaped width of `text` (kerning included), in millimetres; cached (fitting asks the same
    line at each size step, and every certificate of a batch repeats most of its lines)."""
    if text_metrics.font_files() is None:  # no font file: the estimate rules use
        return text_metrics.text_width_mm(text, size_pt, bold, italic)
    return shape(face_path(bold, italic), text).width_pt(size_pt) * rules.MM_PER_PT


def missing(text: str, bold: bool = False, italic: bool = False) -> list[str]:
    """The characters of `text` the face cannot draw (they would print as empty boxes)."""
    if text_metrics.font_files() is None:
        return []
    shaped = shape(face_path(bold, italic), text)
    out: list[str] = []
    for gid, part in zip(shaped.gids, shaped.texts, strict=True):
        if gid == 0:
            out += [ch for ch in part if not ch.isspace() and ch not in out]
    return out
