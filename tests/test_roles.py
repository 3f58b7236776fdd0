"""A paragraph role is declared once (`rules.ROLES`); every other declaration agrees with it."""

from __future__ import annotations

import zipfile
from typing import get_args

from lxml import etree

from vanban import rules
from vanban.document_model import BlockStyle, Paragraph, Run
from vanban.inputs.markdown_body import parse_body
from vanban.render import ooxml
from vanban.render.docx import frame_template
from vanban.render.pdf import html_dir, render_html, stylesheet_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_block_roles_are_the_body_roles():
    assert get_args(BlockStyle) == rules.BODY_ROLES
    assert set(rules.INDENTED_ROLES) <= set(rules.BODY_ROLES)


def test_every_styled_role_is_a_word_style_of_the_frame_template():
    with zipfile.ZipFile(frame_template()) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    in_template = {
        s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.get(f"{W}type") == "paragraph"
    }
    for key, role in rules.ROLES.items():
        assert in_template.get(role.word_id) == role.word_name, f"{key}: run `make templates`"
        assert ooxml.style_id(key) == role.word_id


def test_every_styled_role_has_a_css_class_and_indented_roles_share_the_body_geometry():
    css = stylesheet_text(html_dir())
    for key in rules.STYLES:
        assert f".{key} {{ font-size" in css, key
    assert ", ".join(f".{k}" for k in rules.INDENTED_ROLES) + " {" in css


def test_wording_templates_may_mark_exactly_the_body_roles():
    for role in rules.BODY_ROLES:
        [block] = parse_body(f"[[{role}]] Văn bản", style_marks=True)
        assert block.style == role
    try:
        parse_body("[[signer_name]] X", style_marks=True)
    except ValueError as exc:
        assert "signer_name" in str(exc)
    else:
        raise AssertionError("a frame role must not open a body paragraph")


def test_the_pdf_gives_each_body_block_its_role_class(plan_files):
    document = plan_files["document"]
    html = render_html(
        document.model_copy(
            update={"blocks": [Paragraph(style=role, runs=[Run(text=role)]) for role in rules.BODY_ROLES]}
        )
    )
    for role in rules.BODY_ROLES:
        assert f'class="{role}"' in html or f'class="{role} keep"' in html, role
