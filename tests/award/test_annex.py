"""The list attached to the decision (danh sách kèm theo): commendation.md §4, format-nd30 §9."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from support.award_docs import (
    BIG,
    SMALL_COLLECTIVES,
    SMALL_INDIVIDUALS,
    collective,
    find_phrase,
    individual,
    page_sizes_mm,
    paragraph_alignment,
    pdf_words,
    read_batch,
    render_decision_files,
    run_flag,
    text_runs,
    write_list,
)
from support.readback import docx_lines, norm, pdf_pages_text, pdf_spans

REFERENCE = (
    "(Kèm theo Quyết định số 15/QĐ-LĐLĐ ngày 05 tháng 01 năm 2026 của Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu)"
)
TITLE = "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"
#: One table for the whole list (issue 11): one grid, the money column at one place for all kinds.
HEADER = ["TT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác", "Số tiền (đồng)", "Ghi chú"]
MONEY = re.compile(r"^\d{1,3}(\.\d{3})*$")


def annex_tables(path):
    """The data tables (their first row is a header starting `TT`)."""
    return [t for t in open_docx(str(path)).tables if t.rows and norm(t.rows[0].cells[0].text) == "TT"]


def list_table(path):
    (table,) = annex_tables(path)
    return table


def row_texts(table) -> list[list[str]]:
    """Each row's cells, a spanned cell once (python-docx repeats it for every grid column)."""
    out = []
    for row in table.rows:
        seen, texts = set(), []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                texts.append(norm(cell.text))
        out.append(texts)
    return out


def annex_start_page(words) -> int:
    (hit,) = find_phrase(words, "DANH SÁCH")
    return hit[0].page


# --------------------------------------------------------------------------------------------
# Heading and reference, new page


def test_docx_annex_starts_on_a_new_page(small_files):
    doc = open_docx(str(small_files["docx"]))
    paragraphs = doc.paragraphs
    (i,) = [i for i, p in enumerate(paragraphs) if norm(p.text) == "DANH SÁCH"]
    heading = paragraphs[i]
    before = paragraphs[i - 1]._p
    page_break = (
        heading.paragraph_format.page_break_before
        or any(br.get(qn("w:type")) == "page" for br in before.iter(qn("w:br")))
        or (before.pPr is not None and before.pPr.find(qn("w:sectPr")) is not None)
    )
    assert page_break
    assert paragraph_alignment(heading) == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run_flag(heading, r, "bold") for r in text_runs(heading))


def test_docx_annex_title_and_reference(small_files):
    paragraphs = open_docx(str(small_files["docx"])).paragraphs
    texts = [norm(p.text) for p in paragraphs]
    i = texts.index("DANH SÁCH")
    assert texts[i + 1 : i + 3] == [TITLE, REFERENCE]
    title, reference = paragraphs[i + 1], paragraphs[i + 2]
    assert all(run_flag(title, r, "bold") for r in text_runs(title))
    assert paragraph_alignment(reference) == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run_flag(reference, r, "italic") for r in text_runs(reference))


def test_pdf_annex_heading_first_on_its_page(small_files, example_files):
    for files in (small_files, example_files):
        words = pdf_words(files["pdf"])
        page = annex_start_page(words)
        assert page >= 2
        on_page = sorted((w for w in words if w.page == page and w.text != str(page)), key=lambda w: (w.y0, w.x0))
        assert [w.text for w in on_page[:2]] == ["DANH", "SÁCH"]


def test_pdf_annex_reference_italic(small_files):
    spans = pdf_spans(small_files["pdf"])
    start = next(i for i, s in enumerate(spans) if s.text.startswith("(Kèm theo Quyết định số"))
    end = next(i for i in range(start, len(spans)) if spans[i].text.rstrip().endswith(")"))
    assert norm(" ".join(s.text for s in spans[start : end + 1])) == REFERENCE
    assert all("Italic" in s.font for s in spans[start : end + 1])


# --------------------------------------------------------------------------------------------
# Groups, rows, money


def test_docx_groups_and_rows(small_files):
    lines = docx_lines(small_files["docx"])
    assert "I. TẬP THỂ (05)" in lines and "II. CÁ NHÂN (12)" in lines
    assert lines.index("I. TẬP THỂ (05)") < lines.index("II. CÁ NHÂN (12)")
    rows = row_texts(list_table(small_files["docx"]))
    assert rows == [
        HEADER,
        ["I. TẬP THỂ (05)"],
        *([str(i), name, "1.410.000", ""] for i, name in enumerate(SMALL_COLLECTIVES, start=1)),
        ["Cộng", "7.050.000", ""],
        ["II. CÁ NHÂN (12)"],
        *(
            [str(i), f"{'Ông' if sex == 'Nam' else 'Bà'} {name}", f"{position}, {unit}", "710.000", ""]
            for i, (name, sex, position, unit) in enumerate(SMALL_INDIVIDUALS, start=1)
        ),
        ["Cộng", "8.520.000", ""],
        ["Tổng cộng", "15.570.000", ""],
        ["(Bằng chữ: Mười lăm triệu năm trăm bảy mươi nghìn đồng)"],
    ]


def test_docx_money_right_aligned(small_files):
    table = list_table(small_files["docx"])
    col = row_texts(table)[0].index("Số tiền (đồng)")
    amounts = 0
    for row in table.rows[1:]:
        cell = row.cells[col]  # the grid column: a section or words row spans it
        if len(row_texts_of(row)) == 1:
            continue
        assert MONEY.match(norm(cell.text)), cell.text
        assert paragraph_alignment(cell.paragraphs[0]) == WD_ALIGN_PARAGRAPH.RIGHT
        amounts += 1
    assert amounts == 5 + 1 + 12 + 1 + 1  # rows, subtotals, total


def row_texts_of(row) -> list[str]:
    return [norm(c.text) for c in {id(c._tc): c for c in row.cells}.values()]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_total_and_words(small_files, fmt):
    text = (
        " ".join(docx_lines(small_files["docx"]))
        if fmt == "docx"
        else norm(" ".join(pdf_pages_text(small_files["pdf"])))
    )
    assert "Tổng cộng 15.570.000 (Bằng chữ: Mười lăm triệu năm trăm bảy mươi nghìn đồng)" in text
    assert text.index("II. CÁ NHÂN (12)") < text.index("Tổng cộng")


def test_example_group_counts(example_files):
    lines = docx_lines(example_files["docx"])
    assert "I. TẬP THỂ (08)" in lines and "II. CÁ NHÂN (32)" in lines
    rows = row_texts(list_table(example_files["docx"]))
    # header, two section rows, 8 + 32 rows, two subtotals, the total and the words
    assert len(rows) == 1 + 2 + 8 + 32 + 2 + 2
    assert rows[1] == ["I. TẬP THỂ (08)"] and rows[1 + 1 + 8 + 1] == ["II. CÁ NHÂN (32)"]


@pytest.fixture(scope="module")
def mixed_files(tmp_path_factory):
    """Amounts of different lengths in one group (written in the list: they override the form)."""
    folder = tmp_path_factory.mktemp("mixed")
    path = write_list(
        folder,
        [collective("Công đoàn Viên chức tỉnh Lai Châu")],
        [
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ", amount=90_000),
            individual("Lò Thị Mai", "Nữ", "Giáo viên", "Trường THPT Phong Thổ", amount=12_500_000),
            individual("Tòng Văn Hùng", "Nam", "Công nhân", "Công ty Điện lực Lai Châu"),
            individual("Công đoàn A & B <b>đậm</b> {{ x }}", "Nam", "Chức vụ <i>x</i>", "Đơn vị {% if %}"),
        ],
    )
    return render_decision_files(read_batch(path), folder / "out")


def test_pdf_money_right_aligned(mixed_files):
    words = pdf_words(mixed_files["pdf"])
    page = annex_start_page(words)
    amounts = [w for w in words if w.page >= page and w.text in ("90.000", "12.500.000", "710.000")]
    assert sorted(w.text for w in amounts) == ["12.500.000", "710.000", "710.000", "90.000"]
    right_edges = [w.x1 for w in amounts]
    assert max(right_edges) - min(right_edges) < 0.3, right_edges
    assert max(w.x0 for w in amounts) - min(w.x0 for w in amounts) > 5  # lengths differ: truly right-aligned


def test_markup_in_names_prints_literally(mixed_files):
    rows = row_texts(list_table(mixed_files["docx"]))
    assert rows[1 + 1 + 1 + 1 + 1 + 3][1:3] == [  # header, I., collective, Cộng, II., 4th person
        "Ông Công đoàn A & B <b>đậm</b> {{ x }}",
        "Chức vụ <i>x</i>, Đơn vị {% if %}",
    ]
    text = norm(" ".join(pdf_pages_text(mixed_files["pdf"])))
    assert "Công đoàn A & B <b>đậm</b> {{ x }}" in text and "Chức vụ <i>x</i>, Đơn vị {% if %}" in text
    # 1.410.000 + 90.000 + 12.500.000 + 710.000 + 710.000
    assert "Tổng cộng 15.420.000 (Bằng chữ: Mười lăm triệu bốn trăm hai mươi nghìn đồng)" in text


# --------------------------------------------------------------------------------------------
# A 1,000-row list


def test_big_docx_rows_whole_and_header_repeats(big_files):
    rows = list_table(big_files["docx"])._tbl.tr_lst
    assert len(rows) == 1 + 2 + 1 + BIG + 2 + 2
    header_pr = rows[0].trPr
    assert header_pr is not None and header_pr.find(qn("w:tblHeader")) is not None
    for tr in rows:
        assert tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in rows[1:])


@pytest.fixture(scope="module")
def big_words(big_files):
    return pdf_words(big_files["pdf"])


def test_big_pdf_header_on_every_page(big_files, big_words):
    pages = {w.page for w in big_words if w.text == "Người"}
    assert len(pages) >= 10
    header = norm(" ".join(HEADER)).split(" ")
    for page in sorted(pages):
        first_row = min(w.y0 for w in big_words if w.page == page and w.text == "Người")
        above = [w.text for w in big_words if w.page == page and first_row - 45 < w.y0 < first_row]
        assert not Counter(header) - Counter(above), f"page {page}: {above}"


def test_big_pdf_no_row_split(big_words):
    name_page, unit_end_page = {}, {}
    for i, w in enumerate(big_words):
        if w.text == "Người" and big_words[i + 1].text == "Số":
            name_page[big_words[i + 2].text] = w.page
        if m := re.fullmatch(r"(\d{4})kt", w.text):
            unit_end_page[m.group(1)] = w.page
    assert len(name_page) == BIG and len(unit_end_page) == BIG
    split = [n for n in name_page if name_page[n] != unit_end_page[n]]
    assert split == []
    assert len(set(name_page.values())) >= 10


def test_big_total(big_words):
    text = norm(" ".join(w.text for w in big_words))
    # 1 collective × 1.410.000 + 1.000 individuals × 710.000 = 711.410.000
    assert "Tổng cộng 711.410.000 (Bằng chữ: Bảy trăm mười một triệu bốn trăm mười nghìn đồng)" in text
    assert "II. CÁ NHÂN (1000)" in text


# --------------------------------------------------------------------------------------------
# Rows with their own achievement: a landscape annex


@pytest.fixture(scope="module")
def landscape_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("landscape")
    path = write_list(
        folder,
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu", achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025")],
        [
            individual(
                "Nguyễn Văn An",
                "Nam",
                "Giáo viên",
                "Trường THPT Phong Thổ",
                achievement="Giáo viên dạy giỏi cấp tỉnh năm học 2024-2025",
            ),
            individual("Lò Thị Mai", "Nữ", "Giáo viên", "Trường THPT Phong Thổ"),
        ],
    )
    return render_decision_files(read_batch(path), folder / "out")


def test_landscape_annex_docx(landscape_files):
    doc = open_docx(str(landscape_files["docx"]))
    first, last = doc.sections[0], doc.sections[-1]
    assert len(doc.sections) >= 2
    assert first.orientation == WD_ORIENT.PORTRAIT and round(first.page_width.mm) == 210
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (297, 210)
    rows = row_texts(list_table(landscape_files["docx"]))
    assert "Thành tích" in rows[0]
    assert "Giáo viên dạy giỏi cấp tỉnh năm học 2024-2025" in rows[1 + 1 + 1 + 1 + 1]
    # the annex sits in the last (landscape) section: nothing of it before the section break
    body = doc.element.body
    breaks = [p for p in body.iter(qn("w:p")) if p.pPr is not None and p.pPr.find(qn("w:sectPr")) is not None]
    heading = next(p for p in body.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))) == "DANH SÁCH")
    ordered = list(body.iter(qn("w:p")))
    assert ordered.index(breaks[-1]) < ordered.index(heading)


def test_landscape_annex_pdf(landscape_files):
    sizes = page_sizes_mm(landscape_files["pdf"])
    start = annex_start_page(pdf_words(landscape_files["pdf"]))
    assert sizes[0] == (210, 297)
    assert all(size == (210, 297) for size in sizes[: start - 1])
    assert all(size == (297, 210) for size in sizes[start - 1 :])
