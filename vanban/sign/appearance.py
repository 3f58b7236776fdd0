"""Where the signature images go on the page, per Decree 30 Appendix I (issue 14).

Decree 30/2020/NĐ-CP fixes how a digitally signed document looks:

- Appendix I, competent person's signature (chữ ký số của người có thẩm quyền, box 7c): "hình
  ảnh chữ ký của người có thẩm quyền trên văn bản giấy, màu xanh, định dạng Portable Network
  Graphics (.png) nền trong suốt; đặt canh giữa chức vụ của người ký và họ tên người ký" — the
  image of the handwritten signature, blue, a transparent PNG, centred between the signer's title
  line and the full name.
- Appendix I, organisation's signature (chữ ký số của cơ quan, tổ chức, box 8): "hình ảnh dấu
  của cơ quan, tổ chức ban hành văn bản trên văn bản, màu đỏ, kích thước bằng kích thước thực tế
  của dấu, định dạng (.png) nền trong suốt, trùm lên khoảng 1/3 hình ảnh chữ ký số của người có
  thẩm quyền về bên trái"; its information: the organisation's name and the signing time (date;
  hour, minute, second; Vietnam time zone, ISO 8601). Art. 33(1)(b) says the same of paper: the
  seal covers about one third of the signature on its left.
- Appendix I, an attachment in a separate file (văn bản kèm theo không cùng tệp tin): the
  organisation signs at the top right of the attachment's first page ("góc trên, bên phải, trang
  đầu"), no image, the number and symbol and the signing time "bằng phông chữ Times New Roman,
  chữ in thường, kiểu chữ đứng, cỡ chữ 10, màu đen". An attachment in the same file as the
  document is not signed separately.

Sources read (search tool, public pages): the Appendix text as quoted by hoimegame.com "Cách ký
tên, đóng dấu văn bản mới nhất" (Art. 32–33 and the electronic seal), lacviet.vn "Quy định về
đóng dấu văn bản" (English summary of the electronic seal rule), lawnet.vn on Art. 33 (seal over
one third on the left), nacencomm.vn "Hướng dẫn thể thức bản sao sang định dạng điện tử" (the
same TNR 10 top-right block for electronic copies) and viettel-solutions.vn on Thông tư
01/2019/TT-BNV (organisation name and ISO 8601 time); the spec `format-nd30.md` summarises them.
The values live in `vanban.rules` (section "Electronic issue").

Design: positions are read from the rendered PDF, not from the renderer. pdfminer.six gives the
bounding box of every text line on a page; the signature block is the pair of lines, centred on
the same vertical axis, with the blank signature space (`rules.SIGNATURE_SPACE_MM`) between
them — the title line above, the name below. With the signer's title and name given, the pair
must carry those texts. This works for any PDF vanban renders (WeasyPrint or LibreOffice), for
a decision whose list follows the signature on later pages, and for a package signed long after
it was rendered, without marks in the PDF. All boxes are PDF points, origin at the bottom left
of the page (the widget `/Rect` convention); `Box.mm` gives millimetres from the top left.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vanban import rules

PT_PER_MM = 72 / 25.4


class SignatureLayoutError(ValueError):
    """The PDF has no signature block where one is expected, or an image cannot be used."""


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin at the bottom left of the page."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def as_tuple(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1

    def mm(self, page_height: float) -> tuple[float, float, float, float]:
        """(left, top, width, height) in millimetres from the top-left corner of the page."""
        return (
            self.x0 / PT_PER_MM,
            (page_height - self.y1) / PT_PER_MM,
            self.width / PT_PER_MM,
            self.height / PT_PER_MM,
        )

    @classmethod
    def centred(cls, cx: float, cy: float, width: float, height: float) -> Box:
        return cls(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Box
    bold: bool = False


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's title line and name line, on `page_index` (0-based)."""

    page_index: int
    page_width: float
    page_height: float
    title: TextLine
    name: TextLine

    @property
    def space(self) -> Box:
        """The blank between the title line and the name line, across the wider of the two."""
        return Box(
            min(self.title.box.x0, self.name.box.x0),
            self.name.box.y1,
            max(self.title.box.x1, self.name.box.x1),
            self.title.box.y0,
        )


@dataclass(frozen=True)
class SignatureLayout:
    """Where the two images go: the signer's signature and, over its left third, the seal."""

    page_index: int
    page_height: float
    signature: Box
    seal: Box

    @property
    def overlap_fraction(self) -> float:
        """How much of the signature image's width the seal covers, from its left edge."""
        covered = max(0.0, min(self.seal.x1, self.signature.x1) - max(self.seal.x0, self.signature.x0))
        return covered / self.signature.width


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _pdf_source(pdf: bytes | Path | str):
    return io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf)


def text_lines(pdf: bytes | Path | str, page_index: int) -> tuple[list[TextLine], float, float]:
    """Every text line on one page with its bounding box, and the page's width and height."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextLine

    pages = list(extract_pages(_pdf_source(pdf), page_numbers=[page_index], laparams=LAParams(line_margin=0.1)))
    if not pages:
        raise SignatureLayoutError(f"tệp PDF không có trang {page_index + 1}")
    page = pages[0]
    found: list[TextLine] = []

    def walk(node) -> None:
        if isinstance(node, LTTextLine):
            text = node.get_text().strip()
            if text:
                fonts = [c.fontname.lower() for c in node if isinstance(c, LTChar) and not c.get_text().isspace()]
                bold = bool(fonts) and sum("bold" in f for f in fonts) * 2 > len(fonts)
                found.append(TextLine(text, Box(*node.bbox), bold))
        elif hasattr(node, "__iter__"):
            for child in node:
                walk(child)

    walk(page)
    return found, page.width, page.height


def page_count(pdf: bytes | Path | str) -> int:
    import pikepdf

    with pikepdf.open(_pdf_source(pdf)) as doc:
        return len(doc.pages)


#: Title and name are centred in the same cell: their centres agree within this (mm).
_AXIS_TOLERANCE_MM = 3.0


def _could_be_title(line: TextLine) -> bool:
    """The title line: capitals, bold (Decree 30 §7), with letters."""
    return line.bold and any(ch.isalpha() for ch in line.text) and line.text == line.text.upper()


def _blocks_on(lines: list[TextLine], page_width: float) -> list[tuple[TextLine, TextLine]]:
    """(title, name) pairs: in the right half of the page (§7), both bold, the title in capitals,
    centred on one axis, the signature space between them and nothing in it."""
    min_gap = 0.7 * rules.SIGNATURE_SPACE_MM.low * PT_PER_MM
    pairs = []
    candidates = [t for t in lines if t.box.centre[0] > page_width / 2]
    for upper in candidates:
        if not _could_be_title(upper):
            continue
        for lower in candidates:
            if not lower.bold or not any(ch.isalpha() for ch in lower.text):
                continue
            gap = upper.box.y0 - lower.box.y1
            if lower is upper or gap < min_gap:
                continue
            if abs(upper.box.centre[0] - lower.box.centre[0]) > _AXIS_TOLERANCE_MM * PT_PER_MM:
                continue
            x0, x1 = min(upper.box.x0, lower.box.x0), max(upper.box.x1, lower.box.x1)
            between = [
                t
                for t in lines
                if t.box.y0 < upper.box.y0
                and t.box.y1 > lower.box.y1
                and t is not upper
                and t is not lower
                and t.box.x1 > x0
                and t.box.x0 < x1
            ]
            if not between:
                pairs.append((upper, lower))
    return pairs


def find_signature_block(
    pdf: bytes | Path | str, *, title: str | None = None, name: str | None = None
) -> SignatureBlock:
    """The document's signature block (title line, blank, name line): the first in page order.

    A document has one signature block, after its body and before any annex (phụ lục), so the
    pages are read from the start: a decision with a list of thousands of rows is found on page
    2 or 3 without reading the list. With `title` and `name` (the `Signer` of the document), only
    a block with exactly those texts counts. Raises `SignatureLayoutError` (Vietnamese message)
    when there is none.
    """
    for index in range(page_count(pdf)):
        lines, width, height = text_lines(pdf, index)
        pairs = _blocks_on(lines, width)
        if title is not None:
            pairs = [p for p in pairs if _norm(p[0].text) == _norm(title)]
        if name is not None:
            pairs = [p for p in pairs if _norm(p[1].text) == _norm(name)]
        if pairs:
            upper, lower = min(pairs, key=lambda p: p[0].box.y0 - p[1].box.y1)
            return SignatureBlock(index, width, height, upper, lower)
    wanted = " " + " / ".join(f"“{t}”" for t in (title, name) if t) if title or name else ""
    raise SignatureLayoutError(
        f"không tìm thấy khối chữ ký{wanted} (dòng chức vụ, khoảng trống để ký, dòng họ tên) trong tệp PDF"
    )


# --------------------------------------------------------------------------------------------
# Images


@dataclass(frozen=True)
class PngInfo:
    width_px: int
    height_px: int
    #: Physical size from the PNG's resolution (pHYs), when it records one.
    size_mm: tuple[float, float] | None

    @property
    def aspect(self) -> float:
        return self.width_px / self.height_px


def png_info(path: Path) -> PngInfo:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            if img.format != "PNG":
                raise SignatureLayoutError(f"{path}: ảnh phải là PNG (định dạng hiện tại: {img.format})")
            dpi = img.info.get("dpi")
            size_mm = None
            if dpi and dpi[0] > 1 and dpi[1] > 1:
                size_mm = (img.width / float(dpi[0]) * 25.4, img.height / float(dpi[1]) * 25.4)
            return PngInfo(img.width, img.height, size_mm)
    except (OSError, UnidentifiedImageError) as exc:
        if isinstance(exc, SignatureLayoutError):
            raise
        raise SignatureLayoutError(f"{path}: không đọc được ảnh ({exc})") from None


ImageKind = Literal["signature", "seal"]


def image_problems(path: Path, kind: ImageKind) -> list[str]:
    """Why `path` is not a Decree 30 signature image (blue) or seal image (red): PNG, with a
    transparent background, in the right ink. [] when it is fine."""
    from PIL import Image

    label = "chữ ký" if kind == "signature" else "con dấu"
    try:
        png_info(path)
    except SignatureLayoutError as exc:
        return [str(exc)]
    with Image.open(path) as img:
        rgba = img.convert("RGBA")
    alpha = rgba.getchannel("A")
    problems = []
    if alpha.getextrema()[0] == 255:
        problems.append(f"{path}: ảnh {label} phải có nền trong suốt (PNG có kênh alpha)")
    small = rgba.resize((min(rgba.width, 200), min(rgba.height, 200)))
    ink = [
        (r, g, b)
        for r, g, b, a in small.getdata()  # type: ignore[attr-defined]  # an iterable of RGBA tuples
        if a >= 128
    ]
    if not ink:
        return problems + [f"{path}: ảnh {label} không có nét nào (toàn bộ trong suốt)"]
    r, g, b = (sum(p[i] for p in ink) / len(ink) for i in range(3))
    if kind == "signature" and not (b > r + 40 and b > g + 20):
        problems.append(f"{path}: chữ ký phải màu xanh (màu trung bình của nét: RGB {r:.0f}, {g:.0f}, {b:.0f})")
    if kind == "seal" and not (r > g + 60 and r > b + 60):
        problems.append(f"{path}: con dấu phải màu đỏ (màu trung bình của nét: RGB {r:.0f}, {g:.0f}, {b:.0f})")
    return problems


def seal_size_mm(seal_png: Path, configured: float | tuple[float, float] | None = None) -> tuple[float, float]:
    """The seal's real size: the office's setting (a diameter or width × height), else the PNG's
    recorded resolution, else `rules.SEAL_DIAMETER_MM` across its width."""
    info = png_info(seal_png)
    if isinstance(configured, (int, float)):
        return float(configured), float(configured) / info.aspect
    if configured is not None:
        return float(configured[0]), float(configured[1])
    if info.size_mm is not None:
        return info.size_mm
    return rules.SEAL_DIAMETER_MM, rules.SEAL_DIAMETER_MM / info.aspect


def signature_layout(
    block: SignatureBlock, signature_png: Path, seal_png: Path, *, seal_size: float | tuple[float, float] | None = None
) -> SignatureLayout:
    """The signature image centred between title and name (as large as the blank allows, at most
    `SIGNATURE_IMAGE_MAX_WIDTH_MM` wide), and the seal at its real size, vertically centred on
    the signature, its right edge one third (`SEAL_OVERLAP_FRACTION`) into the signature."""
    sig = png_info(signature_png)
    space = block.space
    clearance = rules.SIGNATURE_IMAGE_CLEARANCE_MM * PT_PER_MM
    max_h = space.height - 2 * clearance
    max_w = rules.SIGNATURE_IMAGE_MAX_WIDTH_MM * PT_PER_MM
    if max_h <= 0:
        raise SignatureLayoutError("khoảng trống giữa chức vụ và họ tên quá hẹp để đặt chữ ký")
    height = min(max_h, max_w / sig.aspect)
    width = height * sig.aspect
    cx = (block.title.box.centre[0] + block.name.box.centre[0]) / 2
    cy = space.centre[1]
    signature = Box.centred(cx, cy, width, height)
    seal_w, seal_h = (v * PT_PER_MM for v in seal_size_mm(seal_png, seal_size))
    right = signature.x0 + rules.SEAL_OVERLAP_FRACTION.default * signature.width
    seal = Box(right - seal_w, cy - seal_h / 2, right, cy + seal_h / 2)
    return SignatureLayout(block.page_index, block.page_height, signature, seal)


# --------------------------------------------------------------------------------------------
# Attachment in its own file: a text block, no image


@functools.cache
def stamp_font_path() -> Path:
    """Times New Roman when installed, else its metric twin Liberation Serif (regular, upright),
    found through fontconfig; the font is embedded (subset) in the signature appearance."""
    for family in (rules.FONT_NAME, *rules.FONT_FALLBACKS):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            break
        found_family, _, file = out.partition("\n")
        if family.casefold() in found_family.casefold() and file:
            return Path(file)
    raise SignatureLayoutError(
        f"không tìm thấy phông {rules.FONT_NAME} hay {', '.join(rules.FONT_FALLBACKS)} (cài gói fonts-liberation2)"
    )


def stamp_font_for_pyhanko() -> Path:
    """The stamp font rescaled to 1000 units per em, for pyHanko's `GlyphAccumulator`.

    pyHanko 0.38 writes a CIDFont's `/W` widths and its `TJ` adjustments in the font's own units,
    which a PDF reader takes as thousandths of an em: right for 1000-unit fonts (most CFF
    OpenType), but a 2048-unit TrueType font such as Times New Roman or Liberation Serif comes out
    2.048 times too widely spaced. fontTools rescales the font once (~0.5 s), cached on disk."""
    import hashlib
    import os
    import tempfile

    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = stamp_font_path()
    stat = source.stat()
    key = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "vanban-fonts" / f"{source.stem}-{key}-1000upem.ttf"
    if target.is_file():
        return target
    font = TTFont(str(source))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".ttf")
    os.close(fd)
    font.save(tmp)
    os.replace(tmp, target)
    return target


def attachment_stamp_lines(number_symbol: str, signing_time: dt.datetime) -> list[str]:
    """`Số: 15/QĐ-LĐLĐ` and `2026-01-05T09:30:00+07:00`: what the attachment's block says."""
    number = number_symbol.strip()
    if not number.lower().startswith("số"):
        number = f"Số: {number}"
    return [number, rules.iso_signing_time(signing_time)]


def text_width_pt(text: str, size: float, font: Path | None = None) -> float:
    tt = _ttfont(str(font or stamp_font_path()))
    cmap, hmtx, upem = tt.getBestCmap(), tt["hmtx"], tt["head"].unitsPerEm
    units = 0
    for ch in unicodedata.normalize("NFC", text):
        glyph = cmap.get(ord(ch))
        units += hmtx[glyph][0] if glyph else hmtx[".notdef"][0]
    return units * size / upem


@functools.cache
def _ttfont(path: str):
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=True)


#: Padding of the attachment block inside its widget (points) and its line pitch (× size).
STAMP_PADDING_PT = 1.0
STAMP_LEADING = 1.2


def attachment_stamp_box(page_width: float, page_height: float, lines: list[str]) -> Box:
    """The attachment block: right edge on the right margin, top `ATTACHMENT_STAMP_TOP_MM` below
    the page's top edge, as wide as its longest line."""
    size = rules.ATTACHMENT_STAMP_SIZE_PT
    # Whole points: pyHanko rounds the appearance's bounding box, and a box of another size
    # would be scaled into the widget, making the 10 pt text 10.06 pt.
    width = math.ceil(max(text_width_pt(line, size) for line in lines) + 2 * STAMP_PADDING_PT + 1)
    height = math.ceil(size * STAMP_LEADING * len(lines) + 2 * STAMP_PADDING_PT)
    x1 = page_width - rules.MARGIN_RIGHT.default * PT_PER_MM
    y1 = page_height - rules.ATTACHMENT_STAMP_TOP_MM * PT_PER_MM
    return Box(x1 - width, y1 - height, x1, y1)
