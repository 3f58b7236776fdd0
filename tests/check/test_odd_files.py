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
