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


def _without(plan_files, tmp_path, tag: str):
    doc = open_docx(str(plan_files["docx"]))
    el = doc.sections[0]._sectPr.find(qn(tag))
    el.getparent().remove(el)
    path = tmp_path / f"without-{tag[2:]}.docx"
    doc.save(str(path))
    return {r.rule: r for r in check_docx(path)}


def test_no_page_size_fails_page_size_and_is_checked_as_a_document(plan_files, tmp_path):
    results = _without(plan_files, tmp_path, "w:pgSz")
    assert str(results["page.size"]) == (
        "FAIL  page.size              no page size (w:pgSz) in the file (expected A4 portrait 210 × 297 mm)"
    )
    assert [r for r in results.values() if not r.ok] == [results["page.size"]]


def test_no_margins_fail_page_margins_naming_each_side(plan_files, tmp_path):
    margins = _without(plan_files, tmp_path, "w:pgMar")["page.margins"]
    assert not margins.ok
    assert margins.detail == (
        "top not set (expected 20–25); bottom not set (expected 20–25); "
        "left not set (expected 30–35); right not set (expected 15–20)"
    )
