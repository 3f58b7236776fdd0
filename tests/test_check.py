"""`vanban check` passes on what vanban makes and fails, naming the rule, on broken documents."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Mm

from vanban.check import check_docx, check_pdf


def failed_rules(path: Path) -> set[str]:
    return {r.rule for r in check_docx(path) if not r.ok}


def test_generated_docx_passes_every_rule(plan_files):
    results = check_docx(plan_files["docx"])
    assert len(results) >= 12
    assert [str(r) for r in results if not r.ok] == []


def test_generated_pdf_passes(plan_files):
    assert [str(r) for r in check_pdf(plan_files["pdf"]) if not r.ok] == []


def _broken(plan_files, tmp_path, name, change) -> Path:
    doc = open_docx(str(plan_files["docx"]))
    change(doc)
    out = tmp_path / f"{name}.docx"
    doc.save(str(out))
    return out


def _replace_text(doc, old: str, new: str) -> None:
    for t in doc.element.body.iter(qn("w:t")):
        if old in (t.text or ""):
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in the document")


def _arial_body(doc) -> None:
    style = doc.styles.element.find(f".//{qn('w:style')}[@{qn('w:styleId')}='VBNoiDung']")
    fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(slot), "Arial")


def _narrow_left_margin(doc) -> None:
    doc.sections[0].left_margin = Mm(20)


BREAKS = {
    "wrong-font": (_arial_body, "fonts"),
    "wrong-margin": (_narrow_left_margin, "page.margins"),
    "date-not-padded": (lambda d: _replace_text(d, "ngày 17 tháng 12 năm 2021", "ngày 5 tháng 1 năm 2021"), "date"),
    "number-no-zero": (lambda d: _replace_text(d, "Số: 05/KH-LĐLĐ", "Số: 5/KH"), "number"),
    "motto-no-spaces": (
        lambda d: _replace_text(d, "Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc"),
        "header.motto",
    ),
    "national-name-hoa": (lambda d: _replace_text(d, "CỘNG HÒA", "CỘNG HOÀ"), "header.national_name"),
    "archive-missing": (lambda d: _replace_text(d, "- Lưu: VT, CSPL&QHLĐ.", "- Các đơn vị;"), "recipients"),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_broken_docx_fails_naming_the_rule(plan_files, tmp_path, name):
    change, rule = BREAKS[name]
    path = _broken(plan_files, tmp_path, name, change)
    assert rule in failed_rules(path)


def test_date_failure_says_what_was_expected(plan_files, tmp_path):
    path = _broken(plan_files, tmp_path, "d", BREAKS["date-not-padded"][0])
    detail = next(r.detail for r in check_docx(path) if r.rule == "date")
    assert "expected `05`" in detail and "expected `01`" in detail


def test_cli_exit_status(plan_files, tmp_path):
    bad = _broken(plan_files, tmp_path, "m", _narrow_left_margin)
    ok = subprocess.run(
        [sys.executable, "-m", "vanban.cli", "check", str(plan_files["docx"])], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "PASS  page.margins" in ok.stdout
    fail = subprocess.run([sys.executable, "-m", "vanban.cli", "check", str(bad)], capture_output=True, text=True)
    assert fail.returncode == 1
    assert "FAIL  page.margins" in fail.stdout and "left 20.0 mm" in fail.stdout


def _certificate_docx(tmp_path, mode="full") -> Path:
    from support.paths import EXAMPLES

    from vanban.award.certificates import build_certificate
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.certificate_layouts import layout_for
    from vanban.render.certificate_docx import CertificateDocx

    batch = price(read_award_list(EXAMPLES / "khen-thuong-2026.xlsx"))
    chosen = layout_for(mode)
    cert = build_certificate(batch, batch.individuals[0], 9, chosen, golden_book="0009")
    out = tmp_path / f"cert-{mode}.docx"
    out.write_bytes(CertificateDocx(chosen).render(cert))
    return out


@pytest.mark.parametrize("mode", ["full", "preprinted"])
def test_certificates_are_checked_by_their_own_rules(tmp_path, mode):
    results = check_docx(_certificate_docx(tmp_path, mode))
    assert {r.rule for r in results} >= {"cert.page", "fonts", "cert.titles", "cert.number", "cert.date", "cert.signer"}
    assert [str(r) for r in results if not r.ok] == []


def test_certificate_with_a_bad_date_fails(tmp_path):
    path = _certificate_docx(tmp_path)
    doc = open_docx(str(path))
    _replace_text(doc, "ngày 05 tháng 01 năm 2026", "ngày 5 tháng 1 năm 2026")
    _replace_text(doc, "ngày 05/01/2026", "ngày 31/02/2026")
    doc.save(str(path))
    failed = {r.rule for r in check_docx(path) if not r.ok}
    assert failed == {"cert.date", "cert.number"}
