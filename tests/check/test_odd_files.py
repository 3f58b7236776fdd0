"""Files Word opens but vanban never writes: the checks answer about them instead of crashing."""

from __future__ import annotations

from docx import Document as open_docx
from docx.oxml.ns import qn

from vanban.check import check_docx


def test_a_body_with_no_size_anywhere_fails_saying_so(plan_files, tmp_path):
    doc = open_docx(str(plan_files["docx"]))
    for sz in [*doc.styles.element.iter(qn("w:sz")), *doc.element.body.iter(qn("w:sz"))]:
        sz.getparent().remove(sz)
    path = tmp_path / "no-size.docx"
    doc.save(str(path))
    body = next(r for r in check_docx(path) if r.rule == "body")
    assert not body.ok
    assert body.detail.startswith("“Thực hiện Kế hoạch số 4049/KH …” size None pt (expected 13–14); ")


def test_a_theme_font_beside_times_new_roman_fails_the_fonts_rule(plan_files, tmp_path):
    """Word draws a run with `w:hAnsi="Times New Roman" w:hAnsiTheme="minorHAnsi"` in the theme's
    font (Calibri in a default theme), so Times New Roman named beside it does not pass."""
    doc = open_docx(str(plan_files["docx"]))
    style = doc.styles.element.find(f".//{qn('w:style')}[@{qn('w:styleId')}='VBNoiDung']")
    style.find(qn("w:rPr")).find(qn("w:rFonts")).set(qn("w:hAnsiTheme"), "minorHAnsi")
    path = tmp_path / "theme.docx"
    doc.save(str(path))
    fonts = next(r for r in check_docx(path) if r.rule == "fonts")
    assert not fonts.ok
    assert fonts.detail.startswith(
        "14 run(s) not in Times New Roman: “Thực hiện Kế hoạch số 4049/KH ” hAnsi=theme:minorHAnsi; "
    )
