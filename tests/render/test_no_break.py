"""No line breaks inside a number and symbol, a date, `Điều 1.` or an amount with its unit
(issue 11), in the PDF and (slow) in LibreOffice's layout of the DOCX.

Each token is set at the end of paragraphs whose lead-in grows one word at a time, so in some of
them the token falls exactly where a line ends; read back with poppler, every token must stand
whole on one line.
"""

from __future__ import annotations

import pytest
from support.layout import libreoffice_pdfs, needs_soffice
from support.pdf_readers import pdf_lines

from vanban import rules
from vanban.document_model import Document, Frame, Paragraph, Run
from vanban.issuers import load_issuer
from vanban.render.docx import render_docx
from vanban.render.pdf import render_pdf

TOKENS = ["13/TTr-UBND", "152/2025/NĐ-CP", "05/01/2026", "710.000 đồng", "ngày 05 tháng 01", "Điều 12."]
#: Lead-ins of 14 to 33 words: the token's position moves across the end of the first line.
LEADS = range(14, 34)


def test_spans_cover_the_tokens():
    for token in TOKENS:
        text = f"Theo văn bản {token} của cơ quan"
        spans = rules.no_break_spans(text)
        start, end = text.index(token), text.index(token) + len(token.rstrip("."))  # no break before a `.`
        assert any(s <= start and end <= e for s, e in spans), (token, spans)
    # the readable text is unchanged in the DOCX form
    text = "Tờ trình số 13/TTr-UBND ngày 05 tháng 01 năm 2026: 710.000 đồng"
    assert rules.plain_spaces(rules.no_break_tokens(text)) == text
    assert rules.no_break_spans("Tổng Công ty Điện lực") == []


def _document() -> Document:
    issuer = load_issuer("ldld-lai-chau")
    words = "các đơn vị trực thuộc thực hiện nghiêm túc nội dung hướng dẫn tại văn bản số".split()
    blocks = []
    for token in TOKENS:
        for n in LEADS:
            lead = " ".join((words * 4)[:n])
            blocks.append(Paragraph(runs=[Run(text=f"{lead} {token} của cơ quan.")]))
    frame = Frame(
        issuer=issuer,
        doc_type="KH",
        number_line=issuer.number_line(7, "KH"),
        place_date="Lai Châu, ngày 09 tháng 01 năm 2026",
        subject=["Kiểm tra ngắt dòng"],
        signer=issuer.signer,
        recipients=["- Như trên;", "- Lưu: VT."],
    )
    return Document(frame=frame, blocks=blocks)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    out = tmp_path_factory.mktemp("nobreak")
    document = _document()
    (out / "nobreak.docx").write_bytes(render_docx(document))
    (out / "nobreak.pdf").write_bytes(render_pdf(document))
    return out


def broken_tokens(pdf) -> dict[str, int]:
    """How many times each token is missing whole from every line (it was split)."""
    lines = [line.text for line in pdf_lines(pdf)]
    text = " ".join(lines)
    out = {}
    for token in TOKENS:
        total = text.count(f"{token} của") + text.count(f"{token}\n")
        whole = sum(line.count(token) for line in lines)
        expected = len(LEADS)
        if whole != expected:
            out[token] = expected - whole
        assert total <= expected
    return out


def test_pdf_keeps_tokens_whole(files):
    assert broken_tokens(files / "nobreak.pdf") == {}


@pytest.mark.slow
@needs_soffice
def test_libreoffice_keeps_tokens_whole(files, tmp_path):
    converted = libreoffice_pdfs([files / "nobreak.docx"], tmp_path)
    assert broken_tokens(converted[files / "nobreak.docx"]) == {}
