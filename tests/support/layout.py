"""Reading pages back for the pagination and parity tests (issue 11).

Everything here reads rendered files independently of the renderers: poppler's
`pdftotext -bbox-layout` for lines with their positions, pypdf for page counts, and LibreOffice
(headless, with a private profile) to see a DOCX as an office suite lays it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from support.pdf_readers import Line, pdf_lines

RECIPIENTS_LABEL = "Nơi nhận:"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed; `make test` installs it",
)


def page_count(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def libreoffice_pdfs(docx_files: list[Path], out: Path) -> dict[Path, Path]:
    """Convert the DOCX files to PDF in one LibreOffice run (starting it costs ~1 s); DOCX → PDF."""
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx_files),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    converted = {d: out / f"{d.stem}.pdf" for d in docx_files}
    missing = [d.name for d, p in converted.items() if not p.exists()]
    assert proc.returncode == 0 and not missing, (missing, proc.stdout[-2000:], proc.stderr[-2000:])
    return converted


@dataclass(frozen=True)
class SignaturePage:
    """The page that holds Nơi nhận and the signature, and the body lines printed above them."""

    page: int
    body_lines: list[Line]


def signature_page(pdf: Path) -> SignaturePage:
    """The page of `Nơi nhận:` and the text lines above it on that page (the page number, a
    line that is only digits in the top margin, excluded)."""
    lines = pdf_lines(pdf)
    (label,) = [line for line in lines if line.text.startswith(RECIPIENTS_LABEL)]
    above = [
        line
        for line in lines
        if line.page == label.page and line.y1 <= label.y0 + 0.5 and not (line.text.isdigit() and line.y0 < 20)
    ]
    return SignaturePage(label.page, above)


def page_texts(pdf: Path) -> list[list[str]]:
    """Each page's text lines, top to bottom (reading order within a line's band)."""
    lines = pdf_lines(pdf)
    pages: list[list[str]] = [[] for _ in range(page_count(pdf))]
    for line in sorted(lines, key=lambda line: (line.page, round(line.y0, 0), line.x0)):
        pages[line.page - 1].append(line.text)
    return pages


def first_lines(pdf: Path) -> list[str]:
    """The first text line of every page below the page number: where each page starts."""
    out = []
    for page in page_texts(pdf):
        body = [t for t in page if not t.isdigit()]
        out.append(body[0] if body else "")
    return out


def line_of(pdf: Path, startswith: str, page: int | None = None) -> Line:
    """The first line starting with `startswith` (on `page`, if given)."""
    for line in pdf_lines(pdf):
        if line.text.startswith(startswith) and (page is None or line.page == page):
            return line
    raise AssertionError(f"no line starting {startswith!r} in {pdf.name}")
