"""Every shipped issuer profile renders a plan and an award decision that pass the Decree 30 check,
with its header lines printed whole (one line each, none wrapped) in DOCX and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.table import Table
from support.pdf_readers import pdf_lines
from support.readback import docx_blocks, norm

from vanban import rules
from vanban.check import check_file
from vanban.issuers import header_overflows, issuers_dir, load_issuer
from vanban.render.docx import render_docx
from vanban.render.pdf import render_pdf

SHIPPED = sorted(p.stem for p in issuers_dir().glob("*.yaml"))
#: The header families issue 12 asks for, each with a shipped profile.
FAMILIES = {
    "Thủ tướng Chính phủ": "thu-tuong-chinh-phu",
    "Bộ": "bo-noi-vu",
    "UBND tỉnh": "ubnd-tinh-lai-chau",
    "Chủ tịch UBND tỉnh": "chu-tich-ubnd-tinh-lai-chau",
    "Sở": "so-gddt-lai-chau",
    "UBND phường (sau 2025)": "ubnd-phuong-tan-phong",
    "Hội đồng TĐKT": "hdtdkt-tinh-lai-chau",
    "Công đoàn toàn quốc": "tong-ldld-viet-nam",
    "Công đoàn tỉnh": "ldld-lai-chau",
    "Công đoàn ngành": "cd-giao-duc-viet-nam",
    "Công đoàn cơ sở": "cdcs-so-tu-phap-lai-chau",
    "Đảng ủy": "dang-uy-co-quan-tinh-lai-chau",
    "Tỉnh ủy": "tinh-uy-lai-chau",
    "Trường học": "truong-thpt-chuyen-le-quy-don-lai-chau",
}
NEW = [
    "bo-noi-vu",
    "cd-giao-duc-viet-nam",
    "chu-tich-ubnd-tinh-lai-chau",
    "hdtdkt-tinh-lai-chau",
    "so-gddt-lai-chau",
    "thu-tuong-chinh-phu",
    "tinh-uy-lai-chau",
    "tong-ldld-viet-nam",
    "truong-thpt-chuyen-le-quy-don-lai-chau",
    "ubnd-phuong-tan-phong",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "doc_templates" / "examples"


@pytest.fixture(autouse=True)
def _bundled_only(monkeypatch):
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)


def test_every_family_has_a_shipped_profile():
    assert set(FAMILIES.values()) <= set(SHIPPED)


@pytest.mark.parametrize("issuer_id", SHIPPED)
def test_header_lines_fit_the_left_column(issuer_id):
    assert header_overflows(load_issuer(issuer_id)) == []


@pytest.mark.parametrize("issuer_id", NEW)
def test_new_profiles_cite_their_source_and_keep_real_names_out(issuer_id):
    text = (issuers_dir() / f"{issuer_id}.yaml").read_text(encoding="utf-8")
    assert re.search(r"^# .*(https?://|tests/data/decisions/)", text, re.M), (
        "the profile cites where its header was seen"
    )
    assert load_issuer(issuer_id).signer.name == "(Họ và tên)"


@pytest.mark.parametrize("issuer_id", SHIPPED)
def test_no_shipped_profile_names_a_real_signer(issuer_id):
    """Every shipped profile — the four first ones too — leaves the signer's name for the office."""
    text = (issuers_dir() / f"{issuer_id}.yaml").read_text(encoding="utf-8")
    assert load_issuer(issuer_id).signer.name == "(Họ và tên)"
    assert "placeholder for the office to fill in" in text


@pytest.fixture(scope="module", params=NEW)
def plan(request, tmp_path_factory):
    from vanban.office.checking import sample_document

    issuer = load_issuer(request.param)
    out = tmp_path_factory.mktemp(request.param)
    document = sample_document(issuer)
    (out / "d.docx").write_bytes(render_docx(document))
    (out / "d.pdf").write_bytes(render_pdf(document))
    return issuer, out


def _left_lines(issuer) -> list[str]:
    return [*issuer.parent, *issuer.name, *([rules.PARTY_STAR] if issuer.system == "party" else [])]


def test_plan_passes_the_checker_in_docx_and_pdf(plan):
    _, out = plan
    for name in ("d.docx", "d.pdf"):
        failed = [str(r) for r in check_file(out / name) if not r.ok]
        assert failed == [], name


def test_docx_header_cell_holds_the_profile_lines(plan):
    issuer, out = plan
    table = next(b for b in docx_blocks(out / "d.docx") if isinstance(b, Table))
    left = [norm(p.text) for p in table.rows[0].cells[0].paragraphs if p.text.strip()]
    assert left == _left_lines(issuer)
    assert norm(table.rows[1].cells[0].text) == issuer.number_line(1, "KH")


def test_pdf_prints_each_header_line_whole_in_the_left_column(plan):
    issuer, out = plan
    lines = [ln for ln in pdf_lines(out / "d.pdf", page=1) if ln.y0 < 45]
    left_edge = min(ln.x0 for ln in lines)
    column_right = left_edge + rules.HEADER_LEFT_COL.default
    left = [ln for ln in lines if ln.x1 <= column_right + 1 and ln.cx < left_edge + rules.HEADER_LEFT_COL.default]
    texts = [ln.text for ln in sorted(left, key=lambda ln: ln.y0)]
    expected = [line for line in _left_lines(issuer) if line != rules.PARTY_STAR]
    assert texts[: len(expected)] == expected


@pytest.fixture(scope="module", params=NEW)
def decision(request, tmp_path_factory):
    """The bundled example list decided by this issuer: its signer, its form of award, its Căn cứ."""
    from vanban.award.decision import build_decision
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price

    out = tmp_path_factory.mktemp("qd-" + request.param)
    session = (EXAMPLES / "khen-thuong-2026.session.yaml").read_text(encoding="utf-8")
    session = session.replace("issuer: ldld-lai-chau ", f"issuer: {request.param} ")
    session = re.sub(r"^signer:\n(  .*\n)+", "", session, flags=re.M)
    session = re.sub(r"^(award_form|subject|executors):.*\n", "", session, flags=re.M)
    session += "subject: Về việc khen thưởng các tập thể, cá nhân năm 2025\n"
    (out / "ds.xlsx").write_bytes((EXAMPLES / "khen-thuong-2026.xlsx").read_bytes())
    (out / "ds.session.yaml").write_text(session, encoding="utf-8")
    batch = price(read_award_list(out / "ds.xlsx", out / "ds.session.yaml"), number=12)
    document = build_decision(batch)
    (out / "qd.docx").write_bytes(render_docx(document))
    (out / "qd.pdf").write_bytes(render_pdf(document))
    return load_issuer(request.param), batch, out


def test_award_decision_passes_the_checker_in_docx_and_pdf(decision):
    issuer, batch, out = decision
    assert batch.session.award_form == issuer.award_form_id()
    for name in ("qd.docx", "qd.pdf"):
        failed = [str(r) for r in check_file(out / name) if not r.ok]
        assert failed == [], name
    text = " ".join(ln.text for ln in pdf_lines(out / "qd.pdf", page=1))
    assert issuer.number_line(12, "QĐ") in text
    assert issuer.signer.title in " ".join(ln.text for ln in pdf_lines(out / "qd.pdf"))
