"""Reading signed PDFs back for assertions, independently of vanban.sign: poppler for text
positions and pictures, pikepdf for the signature widgets and their appearance streams."""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf

MM_PER_PT = 25.4 / 72


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    x0: float  # mm from the left edge
    y0: float  # mm from the top edge
    x1: float
    y1: float
    text: str

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word[^>]*>(.*?)</word>")


def pdf_lines(path: Path, page: int | None = None) -> list[Line]:
    """Text lines with their boxes in mm (poppler's `pdftotext -bbox-layout`)."""
    args = ["pdftotext", "-bbox-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = []
    for number, match in enumerate(_PAGE.finditer(out), start=page or 1):
        for m in _LINE.finditer(match.group(3)):
            x0, y0, x1, y1 = (float(v) * MM_PER_PT for v in m.groups()[:4])
            text = " ".join(html.unescape(w) for w in _WORD.findall(m.group(5)))
            lines.append(Line(number, x0, y0, x1, y1, norm(text)))
    return lines


@dataclass(frozen=True)
class Widget:
    field: str
    page: int  # 1-based
    left: float  # mm from the left edge
    top: float  # mm from the top edge
    width: float
    height: float
    annotation: pikepdf.Dictionary

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


def widgets(pdf: pikepdf.Pdf) -> dict[str, Widget]:
    """Signature widgets by field name, with their /Rect in mm from the page's top left."""
    found = {}
    for number, page in enumerate(pdf.pages, start=1):
        height = float(page.mediabox[3])
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Widget" or annot.get("/FT") != "/Sig":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            found[str(annot.T)] = Widget(
                str(annot.T),
                number,
                x0 * MM_PER_PT,
                (height - y1) * MM_PER_PT,
                (x1 - x0) * MM_PER_PT,
                (y1 - y0) * MM_PER_PT,
                annot,
            )
    return found


def page_image(path: Path, page: int, dpi: int):
    """The page as poppler draws it (annotations included), an RGB PIL image."""
    from PIL import Image

    png = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def flattened_text_lines(path: Path, page: int) -> list[Line]:
    """Text lines of a page with its annotation appearances merged into the page (qpdf), so
    poppler reads the text a signature appearance draws."""
    import tempfile

    with pikepdf.open(path) as pdf, tempfile.TemporaryDirectory() as tmp:
        pdf.flatten_annotations(mode="all")
        out = Path(tmp) / "flat.pdf"
        pdf.save(out)
        return pdf_lines(out, page)
