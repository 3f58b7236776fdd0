"""The PDF meets Decree 30 by position and font: read back with pypdf, not with our renderer."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader
from support.readback import pdf_spans

LEFT, RIGHT_EDGE, TOP = 30.0, 210.0 - 15.0, 20.0


@pytest.fixture(scope="module")
def spans(plan_files):
    return pdf_spans(plan_files["pdf"])


def _span(spans, text, page=1):
    return next(s for s in spans if s.page == page and s.text.strip().startswith(text))


def test_a4_pages(plan_files):
    for page in PdfReader(str(plan_files["pdf"])).pages:
        assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842


def test_fonts_embedded_times_compatible(plan_files):
    out = subprocess.run(["pdffonts", str(plan_files["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_rest = row.split()
        assert "Liberation-Serif" in name or "TimesNewRoman" in name.replace("-", ""), row
        assert " yes yes yes " in row, f"font not embedded as a subset: {row}"


def test_header_positions_and_sizes(spans):
    national = _span(spans, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = _span(spans, "Độc lập - Tự do - Hạnh phúc")
    issuer = _span(spans, "LIÊN ĐOÀN LAO ĐỘNG")
    parent = _span(spans, "TỔNG LĐLĐ VIỆT NAM")
    number = _span(spans, "Số: 05/KH-LĐLĐ")
    date = _span(spans, "Lai Châu, ngày 17 tháng 12 năm 2021")
    title = _span(spans, "KẾ HOẠCH")
    assert national.size_pt == 13 and "Bold" in national.font
    assert motto.size_pt == 14 and "Bold" in motto.font
    assert parent.size_pt == 13 and "Bold" not in parent.font
    assert issuer.size_pt == 13 and "Bold" in issuer.font
    assert number.size_pt == 13
    assert date.size_pt == 14 and "Italic" in date.font
    assert title.size_pt == 14 and "Bold" in title.font
    # Issuer block on the left, national name on the right, both at the top of page 1.
    assert parent.x_mm < 70 < national.x_mm
    assert abs(parent.y_mm - national.y_mm) < 1.0
    assert TOP < parent.y_mm < TOP + 10
    # Number and place/date on one level; title below the header.
    assert abs(number.y_mm - date.y_mm) < 1.0
    assert title.y_mm > date.y_mm + 5
    # Motto centred under the national name (its centre within 2 mm).
    assert national.x_mm < motto.x_mm


def test_body_starts_at_left_margin_with_indent(spans):
    first = _span(spans, "Thực hiện Kế hoạch số 4049")
    assert abs(first.x_mm - (LEFT + 12.7)) < 0.5
    second = _span(spans, "Lai Châu về việc Triển khai")
    assert abs(second.x_mm - LEFT) < 0.5
    assert second.size_pt == 14


def test_page_number_from_page_two_centred_in_top_margin(spans, plan_files):
    pages = len(PdfReader(str(plan_files["pdf"])).pages)
    assert pages >= 3
    assert not [s for s in spans if s.page == 1 and s.text.strip() == "1"]
    for n in range(2, pages + 1):
        num = [s for s in spans if s.page == n and s.text.strip() == str(n)]
        assert num, f"no page number on page {n}"
        s = num[0]
        assert s.y_mm < TOP, "page number sits in the top margin"
        assert abs(s.x_mm - (LEFT + (RIGHT_EDGE - LEFT) / 2)) < 5
        assert s.size_pt in (13, 14)


def test_signature_block_right_and_recipients_left(spans, plan_files):
    last = max(s.page for s in spans)
    label = _span(spans, "Nơi nhận:", page=last)
    name = _span(spans, "Nguyễn Thị Thiện", page=last)
    auth = _span(spans, "TM. BAN THƯỜNG VỤ", page=last)
    archive = _span(spans, "- Lưu: VT, CSPL&QHLĐ.", page=last)
    assert label.size_pt == 12 and "BoldItalic" in label.font.replace("-", "")
    assert archive.size_pt == 11
    assert abs(label.x_mm - LEFT) < 3 and auth.x_mm > 105
    assert abs(label.y_mm - auth.y_mm) < 3, "Nơi nhận level with the signature block"
    assert name.y_mm - auth.y_mm >= 30, "room for signature and seal"
