"""Keep-together rules on rendered pages (issue 11): the page that holds the signature always
holds text of the body; headings never end a page; the list's total never stands alone.

Documents of many lengths are made by cutting the reference plan's body after n blocks, so the
closing block lands at every height of a page; each is rendered and read back with poppler.
"""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from support.layout import signature_page
from support.pdf_readers import pdf_lines

from vanban import rules
from vanban.render import pagination
from vanban.render.pdf import render_pdf

#: Cut points: every third block of the plan's body (~100 blocks), enough for the closing block
#: to fall on every part of a page.
STEP = 3


def cut(document, n: int):
    return document.model_copy(update={"blocks": document.blocks[:n]})


def lengths(document) -> list[int]:
    return list(range(4, len(document.blocks) + 1, STEP))


@pytest.fixture(scope="module")
def plan_pdfs(plan_files, tmp_path_factory):
    document = plan_files["document"]
    out = tmp_path_factory.mktemp("keep")
    files = {}
    for n in lengths(document):
        path = out / f"plan-{n:03d}.pdf"
        path.write_bytes(render_pdf(cut(document, n)))
        files[n] = path
    return files


def test_rules_are_the_documented_values():
    assert rules.KEEP_BODY_LINES_WITH_CLOSING == 2
    assert rules.KEEP_WITH_CLOSING_PARAGRAPHS_MAX == 3
    assert rules.KEEP_LINES_MIN == 2
    assert {"heading1", "heading2", "heading3"} <= set(rules.KEEP_WITH_NEXT_ROLES)


def test_signature_page_always_holds_body_text(plan_pdfs):
    """On every length, at least KEEP_LINES_MIN lines of the body above Nơi nhận on its page."""
    short = {}
    for n, pdf in plan_pdfs.items():
        found = signature_page(pdf)
        if found.page > 1 and len(found.body_lines) < rules.KEEP_LINES_MIN:
            short[n] = (found.page, [line.text for line in found.body_lines])
    assert short == {}
    assert len({signature_page(p).page for p in plan_pdfs.values()}) >= 3  # the cuts span pages


def test_the_kept_paragraphs_are_on_the_signature_page(plan_files, plan_pdfs):
    """The last body paragraph's last words print on the page of Nơi nhận."""
    document = plan_files["document"]
    for n, pdf in plan_pdfs.items():
        last = cut(document, n).blocks[-1]
        tail = last.text.split()[-1]
        page = signature_page(pdf).page
        assert any(tail in line.text for line in pdf_lines(pdf, page)), (n, tail, page)


def test_no_heading_ends_a_page(plan_pdfs):
    """A bold section heading (`I.`, `1.`) is never the last line of a page."""
    for n, pdf in plan_pdfs.items():
        lines = pdf_lines(pdf)
        for page in {line.page for line in lines}:
            on_page = [line for line in lines if line.page == page]
            last = max(on_page, key=lambda line: line.y1)
            assert not (last.text[:3] in ("I. ", "II.", "III", "IV.") and last.text.isupper()), (n, page, last.text)


def test_docx_marks_the_same_paragraphs(plan_files):
    """keepNext + keepLines on the body paragraphs kept with the closing block before the
    signature table (which itself cannot split), and widow control in the Normal style."""
    document = plan_files["document"]
    doc = open_docx(str(plan_files["docx"]))
    body = list(doc.element.body)
    closing = next(
        i
        for i, el in enumerate(body)
        if el.tag == qn("w:tbl") and rules.RECIPIENTS_LABEL in "".join(t.text for t in el.iter(qn("w:t")))
    )
    before = [el for el in body[:closing] if el.tag == qn("w:p")]
    count = len(pagination.kept_with_closing(document.blocks))
    assert count >= 1
    kept = before[-count:]
    assert [
        "".join(t.text for t in el.iter(qn("w:t"))).replace(rules.NBSP, " ").replace(rules.WORD_JOINER, "")
        for el in kept
    ] == [b.text for b in document.blocks[-count:]]
    for el in kept:
        assert el.pPr.find(qn("w:keepNext")) is not None and el.pPr.find(qn("w:keepLines")) is not None
    # the paragraph before them is kept only if it is a heading (here `3. Các Công đoàn …`)
    previous = before[-count - 1].pPr
    heading_ids = {rules.ROLES[k].word_id for k in rules.KEEP_WITH_NEXT_ROLES}
    assert previous.find(qn("w:keepNext")) is None or previous.pStyle.val in heading_ids
    row = body[closing].find(qn("w:tr"))
    assert row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    normal = doc.styles["Normal"].paragraph_format
    assert normal.widow_control is True


def test_pagination_flags():
    from vanban.document_model import Paragraph, Run, Table

    def p(style="body"):
        return Paragraph(style=style, runs=[Run(text="x")])

    blocks = [p("heading1"), p(), p(), p()]
    assert pagination.keep_flags(blocks, closing=True) == [True, False, True, True]
    assert pagination.keep_flags(blocks, closing=False) == [True, False, False, False]
    table = Table(widths=[165], header=[], rows=[[]] * 10, keep_last=4, section_rows=[0])
    assert pagination.rows_kept_together(table) == {0, 6, 7, 8}


def _para(text: str):
    from vanban.document_model import Paragraph, Run

    return Paragraph(style="body", runs=[Run(text=text)])


def test_a_two_line_last_paragraph_is_enough_a_one_line_one_is_not():
    """The signature page needs KEEP_BODY_LINES_WITH_CLOSING lines of the body, not a count of
    paragraphs: a long last article stays alone with the signature, a one-line one takes the
    paragraph before it along."""
    long_last = "Điều 3. " + "Chánh Văn phòng và các đơn vị có liên quan chịu trách nhiệm thi hành. " * 3
    one_line = "Điều 3. Quyết định có hiệu lực kể từ ngày ký./."
    before = _para("Điều 2. " + "Kèm theo Giấy khen, mỗi tập thể được thưởng 1.410.000 đồng. " * 3)
    assert pagination.body_lines(_para(long_last)) >= 2 and pagination.body_lines(_para(one_line)) == 1
    assert pagination.kept_with_closing([before, _para(long_last)]) == {1}
    assert pagination.kept_with_closing([before, _para(one_line)]) == {0, 1}
    short = [_para("a."), _para("b."), _para("c."), _para("d.")]
    assert pagination.kept_with_closing(short) == {2, 3}  # two one-line paragraphs make two lines
