"""`vanban register list|show|void|export` and the .xlsx sổ đăng ký văn bản đi."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from vanban.register import NumberRequest, Register
from vanban.register.cli import app
from vanban.register.export import HEADER_ROW, HEADERS, export_xlsx

sys.path.insert(0, str(Path(__file__).parent))  # the helpers beside this file
from register_fixtures import db_url, issuer, per_type_issuer, postgres_url, sqlite_url  # noqa: E402,F401

runner = CliRunner()


@pytest.fixture
def filled(sqlite_url, issuer) -> str:
    reg = Register(sqlite_url)
    key = Register.batch_key(issuer.id, "award", b"v1")
    reg.reserve(
        issuer=issuer,
        batch_key=key,
        requests=[
            NumberRequest(
                kind="document",
                doc_type="QĐ",
                date=dt.date(2026, 12, 17),
                subject="Về việc khen thưởng",
                signer="Nguyễn Văn A",
                recipients=["Như Điều 3", "Lưu: VT"],
                ref="decision",
            ),
            NumberRequest(
                kind="so_vang",
                doc_type="",
                date=dt.date(2026, 12, 17),
                subject="Giấy khen: Lê Thị C",
                signer="Nguyễn Văn A",
                ref="cert:0001",
            ),
        ],
    )
    reg.publish(key, {"decision": [("QD-khen-thuong.pdf", "ab" * 32)]})
    reg.reserve(
        issuer=issuer,
        batch_key=Register.batch_key(issuer.id, "plan", b"v1"),
        requests=[
            NumberRequest(
                kind="document",
                doc_type="KH",
                date=dt.date(2026, 12, 20),
                subject="Kế hoạch năm 2027",
                signer="Nguyễn Văn A",
                ref="plan",
            )
        ],
    )
    reg.reserve(
        issuer=issuer,
        batch_key=Register.batch_key(issuer.id, "plan", b"v0"),
        requests=[
            NumberRequest(
                kind="document",
                doc_type="KH",
                date=dt.date(2025, 12, 1),
                subject="Kế hoạch năm 2026",
                signer="Nguyễn Văn A",
                ref="plan",
            )
        ],
    )
    return sqlite_url


def invoke(url: str, *args: str):
    return runner.invoke(app, [*args, "--database-url", url])


def test_list_filters_by_year_and_issuer(filled, issuer):
    result = invoke(filled, "list", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "01/QĐ-LĐLĐ" in result.stdout and "02/KH-LĐLĐ" in result.stdout and "2025" not in result.stdout
    assert "01/KH-LĐLĐ" in invoke(filled, "list", "--year", "2025").stdout
    assert invoke(filled, "list", "--issuer", "someone-else").stdout.strip() == ""
    assert "issued" in invoke(filled, "list", "--status", "issued").stdout
    assert invoke(filled, "list", "--status", "lost").exit_code == 2


def test_show_prints_the_entry_with_files(filled):
    result = invoke(filled, "show", "01/QĐ-LĐLĐ")
    assert result.exit_code == 0, result.output
    assert "Về việc khen thưởng" in result.stdout and "QD-khen-thuong.pdf" in result.stdout
    assert "ab" * 32 in result.stdout and "Như Điều 3; Lưu: VT" in result.stdout


def test_show_unknown_or_ambiguous_number_exits_2(filled):
    result = invoke(filled, "show", "99/QĐ-LĐLĐ")
    assert result.exit_code == 2 and "no number '99/QĐ-LĐLĐ'" in result.output
    result = invoke(filled, "show", "1")  # number 1: 01/QĐ-LĐLĐ and sổ vàng 01 (2026), 01/KH-LĐLĐ (2025)
    assert result.exit_code == 2 and "matches" in result.output
    assert invoke(filled, "show", "1", "--year", "2025").exit_code == 0


def test_void_keeps_the_number_with_reason(filled):
    result = invoke(filled, "void", "02/KH-LĐLĐ", "--reason", "Kế hoạch bị hủy")
    assert result.exit_code == 0, result.output
    assert "voided 02/KH-LĐLĐ" in result.stdout
    shown = invoke(filled, "show", "02/KH-LĐLĐ").stdout
    assert "voided" in shown and "Kế hoạch bị hủy" in shown
    again = invoke(filled, "void", "02/KH-LĐLĐ", "--reason", "x")
    assert again.exit_code == 2 and "already voided" in again.output
    assert invoke(filled, "void", "77/KH-LĐLĐ", "--reason", "x").exit_code == 2
    assert invoke(filled, "void", "01/QĐ-LĐLĐ", "--reason", " ").exit_code == 2


def test_export_writes_the_clerks_register(filled, tmp_path):
    invoke(filled, "void", "02/KH-LĐLĐ", "--reason", "Kế hoạch bị hủy")
    out = tmp_path / "so-di-2026.xlsx"
    result = invoke(filled, "export", "--year", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Văn bản hành chính", "Sổ vàng"]
    ws = wb["Văn bản hành chính"]
    assert ws["A1"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026"
    assert [c.value for c in ws[HEADER_ROW]] == list(HEADERS)
    assert list(HEADERS) == [
        "Số, ký hiệu",
        "Ngày tháng",
        "Trích yếu nội dung",
        "Người ký",
        "Nơi nhận",
        "Loại",
        "Trạng thái",
        "Tệp",
    ]
    first = [c.value for c in ws[HEADER_ROW + 1]]
    assert first[0] == "01/QĐ-LĐLĐ" and first[1].date() == dt.date(2026, 12, 17)
    assert first[2:7] == ["Về việc khen thưởng", "Nguyễn Văn A", "Như Điều 3\nLưu: VT", "Quyết định", "Đã ban hành"]
    assert first[7] == f"QD-khen-thuong.pdf (SHA-256 {'ab' * 32})"
    second = [c.value for c in ws[HEADER_ROW + 2]]
    assert second[0] == "02/KH-LĐLĐ" and second[6] == "Đã hủy: Kế hoạch bị hủy"
    assert ws.max_row == HEADER_ROW + 2  # 2025's plan is not in the 2026 register
    assert [c.value for c in wb["Sổ vàng"][HEADER_ROW + 1]][0] == "01"
    assert invoke(filled, "export", "--year", "2026", "-o", str(tmp_path / "x.csv")).exit_code == 2


def test_export_of_an_empty_year_still_has_title_and_headers(tmp_path):
    out = export_xlsx([], 2031, tmp_path / "empty.xlsx")
    ws = load_workbook(out).active
    assert ws["A1"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2031"
    assert [c.value for c in ws[HEADER_ROW]] == list(HEADERS)


def test_bad_database_url_exits_2(tmp_path):
    result = runner.invoke(app, ["list", "--database-url", "mysql://nobody@nowhere/db"])
    assert result.exit_code == 2 and "cannot open the register" in result.output


@pytest.mark.slow
def test_export_opens_in_libreoffice_calc(filled, tmp_path):
    """The exported register opens in LibreOffice Calc as a clerk would open it."""
    import csv
    import subprocess

    out = tmp_path / "so-van-ban-di-2026.xlsx"
    result = runner.invoke(app, ["export", "--year", "2026", "-o", str(out), "--database-url", filled])
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "so-van-ban-di-2026.csv"
    assert proc.returncode == 0 and converted.exists(), proc.stdout + proc.stderr
    rows = list(csv.reader(converted.open(encoding="utf-8")))
    text = "\n".join(",".join(r) for r in rows)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026" in text
    assert "01/QĐ-LĐLĐ" in text and "Về việc khen thưởng" in text and "Kế hoạch năm 2027" in text
    assert "Kế hoạch năm 2026" not in text  # another year
