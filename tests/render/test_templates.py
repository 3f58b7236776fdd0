"""The committed DOCX frame template matches what the rules module builds today."""

from __future__ import annotations

import importlib.util
import zipfile

from paths import ROOT

PARTS = ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/header2.xml", "word/settings.xml")


def test_frame_template_is_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location("build_docx_templates", ROOT / "tools" / "build_docx_templates.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    fresh = builder.build(tmp_path / "frame.docx")
    committed = ROOT / "doc_templates" / "docx" / "frame.docx"
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
        for part in PARTS:
            assert a.read(part) == b.read(part), f"{part} differs: run `make templates` after changing vanban/rules.py"


def test_frame_template_declares_only_known_variables():
    from docxtpl import DocxTemplate

    from vanban.render import docx as docx_render

    tpl = DocxTemplate(str(docx_render.frame_template()))
    used = tpl.get_undeclared_template_variables()
    expected = {
        "parent_lines",
        "issuer_lines",
        "party",
        "party_star",
        "party_name",
        "national_name",
        "motto",
        "number_line",
        "cv_subject",
        "place_date",
        "type_name",
        "subject_lines",
        "kinh_gui",
        "body",
        "recipients_label",
        "recipients",
        "signer_authority",
        "signer_title",
        "signer_name",
        "annexes",
    }
    assert used == expected, "a tag was broken or renamed in the template (Word splits tags across runs)"
