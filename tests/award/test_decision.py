"""The award decision (Quyết định khen thưởng), read back from DOCX and PDF.

Expected wording is commendation.md §3 with the values of the fixture session; amounts and words
are the spec's worked values (commendation.md §2, vietnamese.md "Numbers and money").
"""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from support.award_docs import (
    EXECUTORS,
    LEGAL_BASES,
    PROPOSAL,
    PROPOSER,
    SUBJECT,
    find_phrase,
    in_order,
    paragraph_alignment,
    pdf_words,
    read_batch,
    run_flag,
    small_list,
    text_runs,
)
from support.readback import docx_blocks, docx_lines, norm, pdf_body_text, pdf_spans

from vanban.check import check_docx, check_pdf

AUTHORITY = "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"
FUND = "trích từ quỹ thi đua, khen thưởng của Liên đoàn Lao động tỉnh Lai Châu năm 2026."
TEXT_CENTRE_MM = 30 + (210 - 30 - 15) / 2  # format-nd30 §1 default margins 30 / 15

SMALL_ARTICLE_1 = (
    "Điều 1. Tặng Giấy khen cho 05 tập thể và 12 cá nhân (có danh sách kèm theo) "
    "đã có thành tích xuất sắc trong phong trào thi đua năm 2025."
)
SMALL_ARTICLE_2 = (
    "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.410.000 đồng, mỗi cá nhân được "
    "thưởng 710.000 đồng. Tổng số tiền thưởng: 15.570.000 đồng (Bằng chữ: Mười lăm triệu "
    "năm trăm bảy mươi nghìn đồng), " + FUND
)
ARTICLE_3 = (
    f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {EXECUTORS}, các tập thể và cá nhân có tên "
    "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
)

SMALL_DECISION = [
    "Số: 15/QĐ-LĐLĐ",
    "Lai Châu, ngày 05 tháng 01 năm 2026",
    "QUYẾT ĐỊNH",
    SUBJECT,
    AUTHORITY,
    *[f"Căn cứ {basis};" for basis in LEGAL_BASES],
    f"Xét đề nghị của {PROPOSER} tại {PROPOSAL}.",
    "QUYẾT ĐỊNH:",
    SMALL_ARTICLE_1,
    SMALL_ARTICLE_2,
    ARTICLE_3,
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Các Ban, Văn phòng LĐLĐ tỉnh;",
    "- Lưu: VT, CSPL&QHLĐ.",
    "TM. BAN THƯỜNG VỤ",
    "CHỦ TỊCH",
    "Nguyễn Thị Thiện",
    "DANH SÁCH",
]


def docx_text(path) -> str:
    return norm(" ".join(docx_lines(path)))


def paragraph_starting(path, prefix: str):
    return [p for p in open_docx(str(path)).paragraphs if norm(p.text).startswith(prefix)]


# --------------------------------------------------------------------------------------------
# Wording, in order, in both formats


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_small_decision_wording_in_order(small_files, fmt):
    text = docx_text(small_files["docx"]) if fmt == "docx" else pdf_body_text(small_files["pdf"])
    assert in_order(text, SMALL_DECISION) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_example_decision_counts_and_total(example_files, fmt):
    text = docx_text(example_files["docx"]) if fmt == "docx" else pdf_body_text(example_files["pdf"])
    assert (
        in_order(
            text,
            [
                AUTHORITY,
                "Điều 1. Tặng Giấy khen cho 08 tập thể và 32 cá nhân (có danh sách kèm theo)",
                "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.410.000 đồng, mỗi cá nhân được thưởng "
                "710.000 đồng. Tổng số tiền thưởng: 34.000.000 đồng (Bằng chữ:",
                "chịu trách nhiệm thi hành Quyết định này./.",
            ],
        )
        == []
    )


def test_docx_and_pdf_carry_the_same_text(small_files):
    """Same words in the same order; the PDF only adds page numbers and repeated table headers."""
    docx = docx_text(small_files["docx"])
    pdf = pdf_body_text(small_files["pdf"])
    for header in (
        "TT Tên tập thể Số tiền (đồng) Ghi chú",
        "TT Họ và tên Chức vụ, đơn vị công tác Số tiền (đồng) Ghi chú",
    ):
        first = pdf.find(header) + len(header)
        pdf = pdf[:first] + pdf[first:].replace(" " + header, "")
    assert pdf == docx


def test_double_individual_rule(tmp_path):
    from vanban.award.decision import build_decision
    from vanban.render.docx import render_docx

    batch = read_batch(small_list(tmp_path, collective_rule="double_individual"))
    path = tmp_path / "d.docx"
    path.write_bytes(render_docx(build_decision(batch)))
    assert (
        in_order(
            docx_text(path),
            [
                "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.420.000 đồng, mỗi cá nhân được thưởng "
                "710.000 đồng. Tổng số tiền thưởng: 15.620.000 đồng (Bằng chữ: Mười lăm triệu sáu trăm hai mươi "
                "nghìn đồng), " + FUND,
                "Tổng cộng 15.620.000",  # the list's total row (issue 11)
                "(Bằng chữ: Mười lăm triệu sáu trăm hai mươi nghìn đồng)",
            ],
        )
        == []
    )


def test_only_individuals_and_differing_amounts(tmp_path):
    """No collectives: Điều 1 names only the individuals; per-row amounts: no common amount."""
    from support.award_docs import individual, write_list

    from vanban.award.decision import build_decision
    from vanban.render.docx import render_docx

    path = write_list(
        tmp_path,
        [],
        [individual("Nguyễn Văn An", "Nam", amount=710_000), individual("Lò Thị Mai", "Nữ", amount=2_340_000)],
    )
    out = tmp_path / "d.docx"
    out.write_bytes(render_docx(build_decision(read_batch(path))))
    text = docx_text(out)
    assert "Điều 1. Tặng Giấy khen cho 02 cá nhân (có danh sách kèm theo)" in text
    assert "mỗi cá nhân được thưởng" not in text and "mỗi tập thể" not in text
    assert "Tổng số tiền thưởng: 3.050.000 đồng (Bằng chữ: Ba triệu không trăm năm mươi nghìn đồng)" in text


# --------------------------------------------------------------------------------------------
# Formatting: DOCX


def test_docx_legal_bases_italic(small_files):
    bases = paragraph_starting(small_files["docx"], "Căn cứ")
    assert len(bases) == len(LEGAL_BASES)
    for p in bases:
        assert norm(p.text).endswith(";")
        assert text_runs(p) and all(run_flag(p, r, "italic") for r in text_runs(p)), p.text


def test_docx_authority_decides_and_articles(small_files):
    (authority,) = [p for p in open_docx(str(small_files["docx"])).paragraphs if norm(p.text) == AUTHORITY]
    assert paragraph_alignment(authority) == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run_flag(authority, r, "bold") for r in text_runs(authority))

    (decides,) = [p for p in open_docx(str(small_files["docx"])).paragraphs if norm(p.text) == "QUYẾT ĐỊNH:"]
    assert paragraph_alignment(decides) == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run_flag(decides, r, "bold") for r in text_runs(decides))

    for n in (1, 2, 3):
        (article,) = paragraph_starting(small_files["docx"], f"Điều {n}.")
        runs = text_runs(article)
        bold_text = norm("".join(r.text for r in runs if run_flag(article, r, "bold")))
        assert bold_text == f"Điều {n}.", article.text
        assert not run_flag(article, runs[-1], "bold")


def test_vanban_check_passes_on_the_decision(small_files, example_files):
    for files in (small_files, example_files):
        failed = [str(r) for r in check_docx(files["docx"]) if not r.ok]
        assert failed == []
        failed = [str(r) for r in check_pdf(files["pdf"]) if not r.ok]
        assert failed == []


def test_docx_recipients_and_signature_in_one_table(small_files):
    tables = [b for b in docx_blocks(small_files["docx"]) if hasattr(b, "rows")]
    closing = [t for t in tables if "Nơi nhận:" in " ".join(c.text for row in t.rows for c in row.cells)]
    assert len(closing) == 1
    left, right = closing[0].rows[0].cells[0], closing[0].rows[0].cells[-1]
    assert [norm(p.text) for p in left.paragraphs if p.text.strip()] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Các Ban, Văn phòng LĐLĐ tỉnh;",
        "- Lưu: VT, CSPL&QHLĐ.",
    ]
    assert [norm(p.text) for p in right.paragraphs if p.text.strip()] == [
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
        "Nguyễn Thị Thiện",
    ]


# --------------------------------------------------------------------------------------------
# Formatting: PDF


def test_pdf_legal_bases_italic_articles_bold(small_files):
    spans = [s for s in pdf_spans(small_files["pdf"]) if s.page == 1]
    texts = [s.text for s in spans]
    first = next(i for i, t in enumerate(texts) if t.startswith("Căn cứ"))
    proposal = next(i for i, t in enumerate(texts) if t.startswith("Xét đề nghị"))
    assert proposal - first >= len(LEGAL_BASES)
    for s in spans[first:proposal]:
        assert "Italic" in s.font and s.size_pt == 14, s
    for n in (1, 2, 3):
        i = next(i for i, t in enumerate(texts) if t.strip() == f"Điều {n}.")
        assert "Bold" in spans[i].font
        assert "Bold" not in spans[i + 1].font and spans[i + 1].text.startswith(" ")


@pytest.mark.parametrize("text", [AUTHORITY, "QUYẾT ĐỊNH:"])
def test_pdf_centred_bold(small_files, text):
    span = next(s for s in pdf_spans(small_files["pdf"]) if s.page == 1 and norm(s.text) == text)
    assert "Bold" in span.font and span.size_pt in (13, 14)
    (words,) = find_phrase(pdf_words(small_files["pdf"]), text, page=1)
    centre = (words[0].x0 + words[-1].x1) / 2
    assert abs(centre - TEXT_CENTRE_MM) < 1.5, centre


def test_pdf_decision_pages_are_a4_portrait(small_files):
    from support.award_docs import page_sizes_mm

    assert set(page_sizes_mm(small_files["pdf"])) == {(210, 297)}


def test_vanban_check_command_exits_0(small_files):
    from typer.testing import CliRunner

    from vanban.cli import app

    result = CliRunner().invoke(app, ["check", str(small_files["docx"])])
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.output and "PASS" in result.output
