"""Header variants of the three systems: state, trade union, Party (text and position of each line)."""

from __future__ import annotations

import pytest
from docx.table import Table
from support.readback import docx_blocks, norm, pdf_spans

from vanban.document_model import Document, Frame, Paragraph, Run
from vanban.issuers import load_issuer
from vanban.render.docx import render_docx
from vanban.render.pdf import render_pdf

CASES = {
    "ubnd-tinh-lai-chau": dict(
        left=["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 07/KH-UBND",
    ),
    "ldld-lai-chau": dict(
        left=["TỔNG LĐLĐ VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG", "TỈNH LAI CHÂU"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 07/KH-LĐLĐ",
    ),
    "dang-uy-co-quan-tinh-lai-chau": dict(
        left=["ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY CÁC CƠ QUAN", "TỈNH LAI CHÂU", "*"],
        right=["ĐẢNG CỘNG SẢN VIỆT NAM"],
        number="Số 07-KH/ĐU",
    ),
    "cdcs-so-tu-phap-lai-chau": dict(
        left=["CĐ VIÊN CHỨC TỈNH", "CÔNG ĐOÀN CƠ SỞ", "SỞ TƯ PHÁP"],
        right=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        number="Số: 07/KH-CĐCS",
    ),
}


def make(issuer_id: str) -> Document:
    issuer = load_issuer(issuer_id)
    frame = Frame(
        issuer=issuer,
        doc_type="KH",
        number_line=issuer.number_line(7, "KH"),
        place_date="Lai Châu, ngày 09 tháng 01 năm 2026",
        subject=["Tổ chức phong trào thi đua năm 2026"],
        signer=issuer.signer,
        recipients=["- Như trên;", "- Lưu: VT."],
    )
    return Document(frame=frame, blocks=[Paragraph(runs=[Run(text="Nội dung kế hoạch.")])])


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    doc = make(request.param)
    (out / "d.docx").write_bytes(render_docx(doc))
    (out / "d.pdf").write_bytes(render_pdf(doc))
    return request.param, out


def test_docx_header_cells(rendered):
    issuer_id, out = rendered
    case = CASES[issuer_id]
    table = next(b for b in docx_blocks(out / "d.docx") if isinstance(b, Table))
    left, right = table.rows[0].cells
    assert [norm(p.text) for p in left.paragraphs if p.text.strip()] == case["left"]
    assert [norm(p.text) for p in right.paragraphs if p.text.strip()] == case["right"]
    number, date = table.rows[1].cells
    assert norm(number.text) == case["number"]
    assert norm(date.text) == "Lai Châu, ngày 09 tháng 01 năm 2026"


def test_pdf_header_positions(rendered):
    issuer_id, out = rendered
    case = CASES[issuer_id]
    spans = [s for s in pdf_spans(out / "d.pdf") if s.page == 1]

    def find(text):
        return next(s for s in spans if norm(s.text).startswith(text))

    lefts = [find(t) for t in case["left"]]
    rights = [find(t) for t in case["right"]]
    # Left column lines stacked top to bottom, all in the left column; right ones in the right.
    assert [s.y_mm for s in lefts] == sorted(s.y_mm for s in lefts)
    assert all(s.x_mm < 95 for s in lefts) and all(s.x_mm > 95 for s in rights)
    assert abs(lefts[0].y_mm - rights[0].y_mm) < 1.0
    number = find(case["number"])
    date = find("Lai Châu, ngày 09 tháng 01 năm 2026")
    assert abs(number.y_mm - date.y_mm) < 1.0
    assert number.y_mm > max(s.y_mm for s in lefts + rights)
