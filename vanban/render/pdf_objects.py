"""PDF objects written by hand: embedded TrueType subsets with their ToUnicode maps, and a
writer that puts objects in a file front to back with its cross-reference table.

Shared by the routes that write PDF pages without WeasyPrint (`vanban.render.certificate_fast`
for certificates, `vanban.render.list_fast` for the pages of a decision's list). Each face is
embedded as a CID font whose CIDs are the original glyph ids (`vanban.render.truetype_subset`
keeps the ids), so content streams do not depend on the subset and text extracts through the
ToUnicode map (Vietnamese diacritics included).
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from vanban import shaping
from vanban.render import truetype_subset

FONT_OBJECTS = 5  # per face: Type0, CIDFontType2, descriptor, font file, ToUnicode


@dataclass
class GlyphUse:
    """The glyphs each face needs, with the text each stands for (for the ToUnicode map)."""

    faces: dict[str, dict[int, str]] = field(default_factory=dict)
    _lines: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def add_line(self, face: str, line: str, shaped: shaping.Shaped) -> None:
        """`add` for a line of text: a line met before in this face adds nothing new."""
        if (face, line) not in self._lines:
            self._lines.add((face, line))
            self.add(face, shaped)

    def add(self, face: str, shaped: shaping.Shaped) -> None:
        used = self.faces.setdefault(face, {})
        for gid, text in zip(shaped.gids, shaped.texts, strict=True):
            if not used.get(gid):
                used[gid] = text

    def merge(self, other: dict[str, dict[int, str]]) -> None:
        for face, glyphs in other.items():
            used = self.faces.setdefault(face, {})
            for gid, text in glyphs.items():
                if not used.get(gid):
                    used[gid] = text


def num(x: float) -> bytes:
    return (b"%.3f" % x).rstrip(b"0").rstrip(b".") or b"0"


# --------------------------------------------------------------------------------------------
# Fonts: one subset per face and file, CIDs = original glyph ids.


@functools.cache
def hmtx(path: Path) -> dict[int, int]:
    font = ttfont(path)
    order = font.getGlyphOrder()
    metrics = font["hmtx"].metrics
    return {gid: metrics[name][0] for gid, name in enumerate(order)}


@functools.cache
def ttfont(path: Path):
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=False)


@functools.cache
def font_info(path: Path) -> dict:
    font = ttfont(path)
    head, post, os2 = font["head"], font["post"], font["OS/2"]
    ascent, descent, _upem = shaping.font_extents(path)
    upem = head.unitsPerEm
    scale = 1000 / upem
    # the full name with hyphens, as WeasyPrint names the fonts it embeds (pdffonts shows the same)
    name = (font["name"].getDebugName(4) or Path(path).stem).replace(" ", "-")
    return {
        "name": re.sub(r"[^A-Za-z0-9-]", "", name),
        "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "italic_angle": float(post.italicAngle),
        # the line's extents as Pango reads them (what WeasyPrint writes, and text extraction boxes)
        "ascent": round(ascent * scale),
        "descent": -round(descent * scale),
        "cap_height": round(getattr(os2, "sCapHeight", os2.sTypoAscender) * scale),
        "upem": upem,
        "flags": 4 | (64 if post.italicAngle else 0) | 2,  # symbolic (CID), italic, serif
    }


@functools.lru_cache(maxsize=32)
def subset_cached(path: Path, gids: tuple[int, ...]) -> bytes:
    return truetype_subset.subset(path, gids)


def tag(path: Path, gids: tuple[int, ...]) -> str:
    digest = hashlib.sha1(str(path).encode() + repr(gids).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def pdf_string_hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


def to_unicode(glyphs: dict[int, str]) -> bytes:
    entries = [(gid, text) for gid, text in sorted(glyphs.items()) if text]
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines.append(b"%d beginbfchar" % len(block))
        lines += [b"<%04x> %s" % (gid, pdf_string_hex(text)) for gid, text in block]
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


def font_objects(face: str, path: Path, glyphs: dict[int, str], first: int) -> list[bytes]:
    """Type0 font (number `first`), CIDFontType2, descriptor, FontFile2, ToUnicode."""
    gids = tuple(sorted(set(glyphs) | {0}))
    data = subset_cached(path, gids)
    info = font_info(path)
    widths = hmtx(path)
    scale = 1000 / info["upem"]
    base = f"{tag(path, gids)}+{info['name']}".encode()
    n_type0, n_cid, n_desc, n_file, n_uni = range(first, first + FONT_OBJECTS)
    w = b" ".join(b"%d [%s]" % (gid, num(widths[gid] * scale)) for gid in gids)
    font_file = zlib.compress(data, 6)
    uni = zlib.compress(to_unicode(glyphs), 6)
    bbox = b" ".join(b"%d" % v for v in info["bbox"])
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
        b"/ToUnicode %d 0 R >>" % (base, n_cid, n_uni),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>"
        % (base, n_desc, w),
        b"<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s] /ItalicAngle %s /Ascent %d "
        b"/Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
        % (
            base,
            info["flags"],
            bbox,
            num(info["italic_angle"]),
            info["ascent"],
            info["descent"],
            info["cap_height"],
            n_file,
        ),
        stream(font_file, b"/Length1 %d /Filter /FlateDecode" % len(data)),
        stream(uni, b"/Filter /FlateDecode"),
    ]


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


# --------------------------------------------------------------------------------------------
# Files: shared objects once, then pages.


class Serialised(Protocol):
    """Objects written once and copied as they are into files: `objects` holds "n 0 obj … endobj"
    for numbers 1…`count - 1`, `offsets` each one's (number, offset within `objects`)."""

    @property
    def objects(self) -> bytes: ...

    @property
    def offsets(self) -> tuple[tuple[int, int], ...]: ...

    @property
    def count(self) -> int: ...


class Writer:
    """A PDF written front to back: objects as they come, the cross-reference table at the end.

    `design`: objects serialised beforehand that open the file (a certificate's design), or none."""

    def __init__(self, out, design: Serialised | None = None, header: bool = True) -> None:
        self.out = out
        self.offsets: dict[int, int] = {}
        head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" if header else b""
        out.write(head)
        objects, offsets, count = (design.objects, design.offsets, design.count) if design else (b"", (), 1)
        for number, offset in offsets:
            self.offsets[number] = len(head) + offset
        out.write(objects)
        self.pos = len(head) + len(objects)
        self.next = count

    def splice(self, block: Serialised) -> None:
        """Objects serialised once (fonts, resources) written again as they are."""
        for number, offset in block.offsets:
            self.offsets[number] = self.pos + offset
        self.out.write(block.objects)
        self.pos += len(block.objects)
        self.next = block.count

    def reserve(self, n: int = 1) -> int:
        first = self.next
        self.next += n
        return first

    def write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.pos
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        self.out.write(chunk)
        self.pos += len(chunk)

    def finish(self, root: int, ident: bytes) -> None:
        size = self.next
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        for n in range(1, size):
            off = self.offsets.get(n)
            xref.append(b"%010d 00000 n \n" % off if off is not None else b"0000000000 65535 f \n")
        hexid = ident.hex().encode()
        xref.append(
            b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, root, hexid, hexid, self.pos)
        )
        self.out.write(b"".join(xref))
