"""Text from input stays text: markup, template syntax, URLs and paths are printed literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import docx_lines, pdf_body_text

from vanban.written.builder import build_written
from vanban.written.reader import read_written
from vanban.render.docx import render_docx
from vanban.render.pdf import TemplateOnlyFetcher, render_pdf

HOSTILE = [
    "<b>đậm</b> & <script>alert(1)</script>",
    "{{ 7*7 }} {% if true %}x{% endif %}",
    "file:///etc/passwd ../../etc/shadow",
]

PLAN = """---
issuer: ldld-lai-chau
number: 3
date: 2026-03-02
subject: "Kiểm tra {{ subject }} & <i>"
recipients: ["Ban <Tổ chức> & {{ x }}"]
---
{body}

![ảnh](file:///etc/passwd) [liên kết](https://example.invalid/x)
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "plan.md"
    src.write_text(PLAN.replace("{body}", "\n\n".join(HOSTILE)), encoding="utf-8")
    document = build_written(read_written(src), 3)
    (tmp / "p.docx").write_bytes(render_docx(document))
    (tmp / "p.pdf").write_bytes(render_pdf(document))
    return tmp


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_markup_and_template_syntax_printed_literally(outputs, fmt):
    text = " ".join(docx_lines(outputs / "p.docx")) if fmt == "docx" else pdf_body_text(outputs / "p.pdf")
    for line in HOSTILE:
        assert line in text
    assert "Kiểm tra {{ subject }} & <i>" in text
    assert "- Ban <Tổ chức> & {{ x }};" in text
    assert "49" not in text.replace("2026", "")
    assert "root:" not in text  # /etc/passwd was not read
    assert "https://example.invalid" not in text and "liên kết" in text


def test_fetcher_refuses_files_outside_templates_and_network():
    fetcher = TemplateOnlyFetcher()
    for url in (
        "file:///etc/passwd",
        "https://example.invalid/a.png",
        "data:text/plain,hi",
        f"file://{Path(__file__).resolve()}",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
