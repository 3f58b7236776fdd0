"""The DOCX meets Decree 30 by its XML: page, fonts, sizes, header table, rules, closing table."""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table

from vanban import text_metrics

MM = 36000  # EMU per mm
TWIP_MM = 25.4 / 1440


@pytest.fixture(scope="module")
def doc(plan_files):
    return open_docx(str(plan_files["docx"]))


def _style_rpr(doc, style_id: str, tag: str):
    style = next(s for s in doc.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id)
    return style.find(qn("w:rPr")).find(qn(tag))


def _on(el) -> bool:
    """A toggle property is on when present without `w:val` or with a true value."""
    return el is not None and el.get(qn("w:val")) in (None, "1", "true", "on")


def test_page_a4_and_margins(doc):
    sec = doc.sections[0]
    assert round(sec.page_width / MM) == 210 and round(sec.page_height / MM) == 297
    assert [round(x / MM) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        20,
        20,
        30,
        15,
    ]


def test_times_new_roman_on_every_slot_of_every_style_and_default(doc):
    styles = doc.styles.element
    rfonts = styles.findall(".//" + qn("w:rFonts"))
    assert rfonts, "no font declared"
    for el in rfonts:
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert el.get(qn(slot)) == "Times New Roman", (slot, el.getparent().getparent().get(qn("w:styleId")))
    # No run overrides the font with another one.
    body_fonts = {el.get(qn("w:ascii")) for el in doc.element.body.iter(qn("w:rFonts"))}
    assert body_fonts <= {"Times New Roman", None}


@pytest.mark.parametrize(
    "style_id,size,bold,italic",
    [
        ("VBQuocHieu", 13, True, None),
        ("VBTieuNgu", 14, True, None),
        ("VBCoQuanChuQuan", 13, None, None),
        ("VBCoQuanBanHanh", 13, True, None),
        ("VBSoKyHieu", 13, None, None),
        ("VBDiaDanhNgay", 14, None, True),
        ("VBTenLoai", 14, True, None),
        ("VBTrichYeu", 14, True, None),
        ("VBNoiDung", 14, None, None),
        ("VBNoiNhan", 12, True, True),
        ("VBNoiNhanDong", 11, None, None),
        ("VBHoTenKy", 14, True, None),
        ("VBQuyenHanKy", 14, True, None),
        ("VBChucVuKy", 14, True, None),
    ],
)
def test_element_sizes_and_weights(doc, style_id, size, bold, italic):
    """Sizes per Decree 30 §12 defaults (written here from the spec, not read from rules)."""
    assert int(_style_rpr(doc, style_id, "w:sz").get(qn("w:val"))) == size * 2
    assert _on(_style_rpr(doc, style_id, "w:b")) == bool(bold)
    assert _on(_style_rpr(doc, style_id, "w:i")) == bool(italic)


def test_header_table_fixed_two_columns(doc):
    table = next(b for b in docx_blocks_from(doc) if isinstance(b, Table))
    tblPr = table._tbl.tblPr
    assert tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) * TWIP_MM for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 2
    assert 70 <= grid[0] <= 75 and 97.5 <= grid[1] <= 103
    for row in table.rows:
        for cell, width in zip(row.cells, grid):
            tcw = cell._tc.tcPr.find(qn("w:tcW"))
            assert abs(int(tcw.get(qn("w:w"))) * TWIP_MM - width) < 0.1  # cell width = grid width
    borders = tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)


def docx_blocks_from(doc):
    from docx.text.paragraph import Paragraph

    for el in doc.element.body:
        if el.tag == qn("w:tbl"):
            yield Table(el, doc._body)
        elif el.tag == qn("w:p"):
            yield Paragraph(el, doc._body)


def _rule_length_mm(paragraph, box_mm: float) -> float:
    ind = paragraph._p.pPr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"))) * TWIP_MM
    right = int(ind.get(qn("w:right"))) * TWIP_MM
    return box_mm - left - right


def _styled(doc, style_id):
    return [
        p
        for p in doc.element.body.iter(qn("w:p"))
        if p.pPr is not None and p.pPr.pStyle is not None and p.pPr.pStyle.val == style_id
    ]


def test_rules_are_borders_of_the_right_length(doc):
    """Issuer rule 1/3–1/2 of the name; motto rule as long as the motto; no text underline."""
    from docx.text.paragraph import Paragraph

    cell_margins = 2 * 1.905
    issuer_rule = Paragraph(_styled(doc, "VBKeCoQuan")[0], None)
    motto_rule = Paragraph(_styled(doc, "VBKeTieuNgu")[0], None)
    subject_rule = Paragraph(_styled(doc, "VBKeTrichYeu")[0], None)
    name_width = max(text_metrics.text_width_mm(t, 13, bold=True) for t in ("LIÊN ĐOÀN LAO ĐỘNG", "TỈNH LAI CHÂU"))
    issuer_len = _rule_length_mm(issuer_rule, 70 - cell_margins)
    assert name_width / 3 - 0.5 <= issuer_len <= name_width / 2 + 0.5
    motto_width = text_metrics.text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    assert abs(_rule_length_mm(motto_rule, 100 - cell_margins) - motto_width) < 1.5
    assert 20 < _rule_length_mm(subject_rule, 165) < 165 / 2
    for p in (issuer_rule, motto_rule, subject_rule):
        style = doc.styles.element.find(f".//{qn('w:style')}[@{qn('w:styleId')}='{p._p.pPr.pStyle.val}']")
        bottom = style.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:bottom"))
        assert bottom.get(qn("w:val")) == "single"
    assert not list(doc.element.body.iter(qn("w:u"))), "a text underline is not the prescribed form"


def test_page_number_from_page_two(doc):
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer
    assert not "".join(p.text for p in sec.first_page_header.paragraphs).strip()
    header_xml = sec.header._element.xml
    assert " PAGE " in header_xml
    p = sec.header.paragraphs[0]
    assert p.style.paragraph_format.alignment == 1  # centred
    assert p.style.font.size.pt in (13, 14)


def test_body_paragraphs_justified_indented_spaced(doc):
    body = doc.styles.element.find(f".//{qn('w:style')}[@{qn('w:styleId')}='VBNoiDung']")
    ppr = body.find(qn("w:pPr"))
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "both"
    first_line = int(ppr.find(qn("w:ind")).get(qn("w:firstLine"))) * TWIP_MM
    assert 10 <= first_line <= 12.71
    assert int(ppr.find(qn("w:spacing")).get(qn("w:after"))) >= 6 * 20
    items = [p for p in doc.paragraphs if p.text.startswith("- ")]
    assert len(items) >= 15
    for p in items:
        assert p._p.pPr.numPr is None, "items are text, not Word bullets"
        assert not p._p.findall(".//" + qn("w:br")), "no manual line break in a justified paragraph"


def test_closing_is_one_borderless_unsplittable_row(doc):
    tables = [b for b in docx_blocks_from(doc) if isinstance(b, Table)]
    closing = tables[-1]
    assert len(closing.rows) == 1
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    left, right = closing.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in right.paragraphs if p.text] == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị Thiện"]
    space = [p for p in right.paragraphs if not p.text][0]
    assert 30 <= space.paragraph_format.space_before.mm <= 40, "room for signature and seal"
