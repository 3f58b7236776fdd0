"""The reference plan of LĐLĐ Lai Châu (17/12/2021) comes out whole, in order, in DOCX and PDF."""

from __future__ import annotations

import re

import pytest
from paths import REFERENCE
from helpers import docx_lines, norm, pdf_body_text

FRAME_LINES = [
    "TỔNG LĐLĐ VIỆT NAM",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "TỈNH LAI CHÂU",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 05/KH-LĐLĐ",
    "Lai Châu, ngày 17 tháng 12 năm 2021",
    "KẾ HOẠCH",
]
CLOSING_LINES = [
    "Nơi nhận:",
    "- UBND tỉnh; (B/c)",
    "- Đoàn Chủ tịch TLĐ; (B/c)",
    "- Ban TĐKT tinh;",
    "- Thường trực LĐLĐ tinh; (để chỉ đạo)",
    "- LĐLĐ các huyện, TP, CĐN, CĐVC;",
    "- Các Ban LĐLĐ tinh;",
    "- Lưu: VT, CSPL&QHLĐ.",
]
SIGNATURE_LINES = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị Thiện"]


def reference_sentences() -> list[str]:
    """The reference's body text as sentences, Markdown marks removed, in order."""
    text = REFERENCE.read_text(encoding="utf-8")
    body = text.split("## KẾ HOẠCH", 1)[1].split("**Nơi nhận:**", 1)[0]
    body = re.sub(r"^#+\s*", "", body, flags=re.M)
    body = body.replace("**", "").replace("*", "")
    # The source PDF broke three paragraphs at page ends; its text continues on the next page.
    body = norm(body)
    sentences = [s.strip() for s in re.split(r"(?<=[.;:!?])\s+", body) if s.strip()]
    assert len(sentences) > 60
    return sentences


def assert_in_order(haystack: str, needles: list[str]) -> None:
    pos = 0
    for needle in needles:
        found = haystack.find(norm(needle), pos)
        assert found >= 0, f"missing or out of order: {needle[:80]!r}"
        pos = found + len(norm(needle))


@pytest.fixture(scope="module")
def docx_text(plan_files) -> str:
    return " ".join(docx_lines(plan_files["docx"]))


@pytest.fixture(scope="module")
def pdf_text(plan_files) -> str:
    return pdf_body_text(plan_files["pdf"])


def test_every_reference_sentence_in_docx_in_order(docx_text):
    assert_in_order(docx_text, reference_sentences())


def test_every_reference_sentence_in_pdf_in_order(pdf_text):
    assert_in_order(pdf_text, reference_sentences())


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_frame_lines(fmt, docx_text, pdf_text):
    text = docx_text if fmt == "docx" else pdf_text
    for line in FRAME_LINES + SIGNATURE_LINES + CLOSING_LINES:
        assert norm(line) in text, line


def test_docx_frame_order(plan_files):
    lines = docx_lines(plan_files["docx"])
    # Header table row 1 (left, then right), row 2 (number, date), then the title.
    assert lines[:8] == FRAME_LINES
    # The closing table: Nơi nhận and its seven items, then the signature block.
    start = lines.index("Nơi nhận:")
    assert lines[start : start + 8] == CLOSING_LINES
    assert lines[start + 8 : start + 11] == SIGNATURE_LINES


def test_docx_and_pdf_carry_the_same_text(plan_files, docx_text, pdf_text):
    """Parity: every line of the document model appears, in order, in both outputs."""
    lines = [norm(x) for x in plan_files["document"].text_lines() if norm(x)]
    # Header cells are read row by row in DOCX; the PDF reads the number and date on one line.
    body_lines = lines[lines.index("KẾ HOẠCH") :]
    assert_in_order(docx_text, body_lines)
    assert_in_order(pdf_text, body_lines)
    for line in lines[: lines.index("KẾ HOẠCH")]:
        assert line in docx_text and line in pdf_text
