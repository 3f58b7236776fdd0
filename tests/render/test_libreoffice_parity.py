"""Word/LibreOffice show what the PDF shows (issue 11): the DOCX, laid out by LibreOffice, has the
same pages as our WeasyPrint PDF — page count, where each page starts, and the same positions
for the blocks that matter (tables and Nơi nhận on the margin) — for a matrix of documents:
the plan cut to several lengths, award decisions with lists of 5, 40 and 300 rows, and a plan
under every shipped issuer profile. All DOCX files go through one LibreOffice run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.award_docs import collective, individual, read_batch, write_list
from support.layout import first_lines, libreoffice_pdfs, line_of, needs_soffice, page_count, signature_page
from support.pdf_readers import pdf_lines

from vanban import rules
from vanban.award.decision import build_decision
from vanban.document_model import Document, Frame
from vanban.issuers import load_issuer
from vanban.render.docx import render_docx
from vanban.render.pdf import render_pdf
from vanban.resources import template_dir

pytestmark = [pytest.mark.slow, needs_soffice]

PLAN_LENGTHS = (20, 45, 70, 95)
LIST_SIZES = (5, 40, 300)


def decision_with(rows: int, folder: Path) -> Document:
    """A decision whose list holds `rows` awardees (2 collectives, the rest individuals, units of
    varying length so rows wrap differently)."""
    collectives = [collective("Công đoàn ngành Giáo dục tỉnh Lai Châu"), collective("Công đoàn Viên chức tỉnh")]
    people = [
        individual(
            f"Người Thứ {i:03d}",
            "Nam" if i % 2 else "Nữ",
            "Giáo viên",
            "Trường Tiểu học xã Mường Khoa" + (" huyện Tân Uyên tỉnh Lai Châu" if i % 3 == 0 else ""),
        )
        for i in range(1, rows - 1)
    ]
    return build_decision(read_batch(write_list(folder, collectives, people)))


def issuer_plan(issuer_id: str, plan: Document) -> Document:
    issuer = load_issuer(issuer_id)
    frame = Frame(
        issuer=issuer,
        doc_type="KH",
        number_line=issuer.number_line(7, "KH"),
        place_date=f"{issuer.place}, ngày 09 tháng 01 năm 2026",
        subject=["Tổ chức phong trào thi đua năm 2026"],
        signer=issuer.signer or plan.frame.signer,
        recipients=["- Như trên;", "- Lưu: VT."],
    )
    return Document(frame=frame, blocks=plan.blocks[:40])


def issuer_ids() -> list[str]:
    return sorted(p.stem for p in (template_dir() / "issuers").glob("*.yaml"))


@pytest.fixture(scope="module")
def matrix(plan_files, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name → (our PDF, LibreOffice's PDF of our DOCX)."""
    out = tmp_path_factory.mktemp("parity")
    plan = plan_files["document"]
    documents: dict[str, Document] = {}
    for n in PLAN_LENGTHS:
        documents[f"plan-{n}"] = plan.model_copy(update={"blocks": plan.blocks[:n]})
    documents["plan-full"] = plan
    for rows in LIST_SIZES:
        documents[f"list-{rows}"] = decision_with(rows, out / f"list-{rows}")
    for issuer_id in issuer_ids():
        documents[f"issuer-{issuer_id}"] = issuer_plan(issuer_id, plan)
    docx = []
    for name, document in documents.items():
        (out / f"{name}.pdf").write_bytes(render_pdf(document))
        (out / f"{name}.docx").write_bytes(render_docx(document))
        docx.append(out / f"{name}.docx")
    converted = libreoffice_pdfs(docx, out / "lo")
    return {d.stem: (out / f"{d.stem}.pdf", pdf) for d, pdf in converted.items()}


def test_matrix_covers_the_issue(matrix):
    assert len([n for n in matrix if n.startswith("issuer-")]) >= 10
    assert {f"list-{n}" for n in LIST_SIZES} <= set(matrix)


def test_page_counts_agree(matrix):
    differ = {name: (page_count(ours), page_count(lo)) for name, (ours, lo) in matrix.items()}
    differ = {name: counts for name, counts in differ.items() if counts[0] != counts[1]}
    assert differ == {}


def test_pages_start_at_the_same_line(matrix):
    """Page breaks fall at the same places: every page starts with the same text line."""
    differ = {}
    for name, (ours, lo) in matrix.items():
        a, b = first_lines(ours), first_lines(lo)
        if a != b:
            differ[name] = [(i + 1, x, y) for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y][:3]
    assert differ == {}


def test_closing_block_and_tables_at_the_same_place(matrix):
    """Nơi nhận, the signer's title and the list's table header stand within 1 mm of the PDF's
    positions (they sat ~2 mm left in LibreOffice before)."""
    for name in ("plan-full", "list-40"):
        ours, lo = matrix[name]
        for start in ("Nơi nhận:", "TM. BAN THƯỜNG VỤ"):
            a, b = line_of(ours, start), line_of(lo, start)
            assert abs(a.x0 - b.x0) < 1.0, (name, start, a, b)
    ours, lo = matrix["list-40"]
    page = line_of(ours, "DANH SÁCH").page
    a = [line for line in pdf_lines(ours, page) if line.text.startswith("TT")][0]
    b = [line for line in pdf_lines(lo, page) if line.text.startswith("TT")][0]
    assert abs(a.x0 - b.x0) < 1.0 and abs(a.y0 - b.y0) < 3.0, (a, b)


def test_total_row_never_alone(matrix):
    """On the list's last page the total row has list rows above it (LIST_ROWS_KEPT_WITH_TOTAL),
    in both renderers."""
    for rows in LIST_SIZES:
        for pdf in matrix[f"list-{rows}"]:
            total = line_of(pdf, "Tổng cộng")
            above = [
                line
                for line in pdf_lines(pdf, total.page)
                # a row: its TT number first (alone, or with the name), below the top margin
                if line.y1 <= total.y0 and re.match(r"^\d+( \S|$)", line.text) and line.y0 > 20
            ]
            assert len(above) >= 3, (rows, pdf.name, total.page, [line.text for line in above])


def test_signature_page_holds_body_text_in_both(matrix):
    """The page of Nơi nhận and the signature holds at least KEEP_LINES_MIN lines of the body,
    in our PDF and in LibreOffice's layout of the DOCX, for every document of the matrix."""
    short = {}
    for name, pair in matrix.items():
        for pdf in pair:
            found = signature_page(pdf)
            if found.page > 1 and len(found.body_lines) < rules.KEEP_LINES_MIN:
                short[f"{name}:{pdf.parent.name}"] = [line.text for line in found.body_lines]
    assert short == {}


def test_plan_lines_break_alike(matrix):
    """The reference plan's running text breaks into the same lines on the same pages in both
    (163 lines: same line height, indents, widths and no-break tokens)."""
    ours, lo = matrix["plan-full"]
    a = [(line.page, line.text) for line in pdf_lines(ours)]
    b = [(line.page, line.text) for line in pdf_lines(lo)]
    assert len(a) > 150
    assert a == b


def test_list_lines_break_alike(matrix):
    """The list's cells wrap into the same lines in both (text width = column − cell margins −
    half the rule on each side, in the PDF as in LibreOffice)."""
    ours, lo = matrix["list-40"]
    a = [(line.page, line.text) for line in pdf_lines(ours)]
    b = [(line.page, line.text) for line in pdf_lines(lo)]
    assert a == b
