"""python-docx's classes for the rendered body, whatever the garbage collector has done."""

from __future__ import annotations

import docx
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from lxml import etree

from vanban.render.docx import _body_with_docx_classes


def test_a_body_parsed_by_a_plain_parser_gets_python_docx_classes_back():
    document = docx.Document()
    document.add_paragraph("Căn cứ Luật Thi đua, khen thưởng")
    root = document.element
    # What docxtpl does: parse the body with a plain parser and swap it in; keep its proxy alive.
    plain = etree.fromstring(etree.tostring(root.find(qn("w:body"))), parser=etree.XMLParser(recover=True))
    root.replace(root.find(qn("w:body")), plain)
    assert not isinstance(root.find(qn("w:body")), CT_Body)  # the failure seen in Dask workers

    _body_with_docx_classes(document)

    assert isinstance(root.find(qn("w:body")), CT_Body)
    assert [p.text for p in document.paragraphs] == ["Căn cứ Luật Thi đua, khen thưởng"]
    assert plain is not None
