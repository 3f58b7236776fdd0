"""`WordFormat` answers what Word shows: run, then character style, then the paragraph style and
its `basedOn` chain, then the document defaults — where python-docx's own properties say None."""

from __future__ import annotations

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from vanban.check.word_format import WordFormat


@pytest.fixture
def doc():
    """Base (12 pt bold, justified, 12.7 mm indent, 6 pt after, bottom border) ← Child (14 pt);
    a character style Nhan (italic); the docDefaults of python-docx's template (11 pt, theme fonts)."""
    doc = new_docx()
    base = doc.styles.add_style("Base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.size, base.font.bold, base.font.name = Pt(12), True, "Times New Roman"
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    base.paragraph_format.first_line_indent = Mm(12.7)
    base.paragraph_format.space_after = Pt(6)
    base.element.get_or_add_pPr().append(
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    )
    child = doc.styles.add_style("Child", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base
    child.font.size = Pt(14)
    emphasis = doc.styles.add_style("Nhan", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    return doc


def test_size_and_bold_come_through_the_style_chain(doc):
    p = doc.add_paragraph(style="Child")
    run = p.add_run("Nội dung")
    fmt = WordFormat(doc)
    assert run.font.size is None and run.font.bold is None  # what python-docx sees on the run
    assert fmt.size(p, run) == 14.0  # Child
    assert fmt.flag(p, run, "w:b") is True  # Base, through basedOn
    assert fmt.flag(p, run, "w:i") is False
    assert fmt.fonts(p, run)["ascii"] == "Times New Roman"  # Base


def test_the_run_and_its_character_style_come_before_the_paragraph_style(doc):
    p = doc.add_paragraph(style="Child")
    run = p.add_run("nhấn mạnh", style="Nhan")
    run.font.size, run.font.bold = Pt(10), False
    fmt = WordFormat(doc)
    assert fmt.size(p, run) == 10.0
    assert fmt.flag(p, run, "w:b") is False  # <w:b w:val="0"/> on the run turns Base's bold off
    assert fmt.flag(p, run, "w:i") is True  # from the character style


def test_without_a_style_the_default_paragraph_style_and_docdefaults_answer(doc):
    p = doc.add_paragraph()
    run = p.add_run("mặc định")
    fmt = WordFormat(doc)
    assert fmt.size(p, run) == 11.0  # docDefaults w:sz="22" (half-points)
    assert fmt.fonts(p, run) == {
        "ascii": "theme:minorHAnsi",
        "hAnsi": "theme:minorHAnsi",
        "eastAsia": "theme:minorEastAsia",
        "cs": "theme:minorBidi",
    }  # w:cstheme
    assert fmt.alignment(p) == "left" and fmt.first_line_mm(p) == 0.0
    assert fmt.space_after_pt(p) == 10.0  # docDefaults w:spacing w:after="200"
    assert not fmt.has_bottom_border(p)


def test_paragraph_properties_resolve_per_attribute(doc):
    p = doc.add_paragraph(style="Child")
    p.paragraph_format.space_before = Pt(3)  # the paragraph sets only `before`; `after` is Base's
    fmt = WordFormat(doc)
    assert fmt.alignment(p) == "justify"
    assert fmt.first_line_mm(p) == pytest.approx(12.7, abs=0.01)
    assert fmt.space_after_pt(p) == 6.0
    assert fmt.para_prop(p, "w:spacing", "w:before") == "60"
    assert fmt.has_bottom_border(p)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="nil"/></w:pBdr>'))
    assert not fmt.has_bottom_border(p)  # the nearest setting wins


def test_a_basedon_loop_ends(doc):
    base = doc.styles["Base"].element
    base.append(parse_xml(f'<w:basedOn {nsdecls("w")} w:val="Child"/>'))
    p = doc.add_paragraph(style="Child")
    fmt = WordFormat(doc)
    assert [s.get(qn("w:styleId")) for s in fmt.style_chain("Child")] == ["Child", "Base"]
    assert fmt.size(p) == 14.0


def test_a_theme_font_wins_over_the_font_named_beside_it(doc):
    p = doc.add_paragraph(style="Child")
    run = p.add_run("chữ")
    run.font.name = "Times New Roman"  # w:ascii and w:hAnsi on the run
    run._r.rPr.rFonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    fonts = WordFormat(doc).fonts(p, run)
    assert fonts["ascii"] == "Times New Roman"
    assert fonts["hAnsi"] == "theme:minorHAnsi"  # what Word draws Vietnamese letters with
