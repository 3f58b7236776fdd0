"""`vanban award LIST` on bad input: exit 2, every problem located, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.award_docs import COLLECTIVE_COLUMNS, INDIVIDUAL_COLUMNS, SESSION, collective, individual, write_list
from support.award_lists import write_session, write_workbook
from typer.testing import CliRunner

pytestmark = pytest.mark.slow


def _missing_column(folder: Path) -> Path:
    write_session(folder, **SESSION)
    return write_workbook(
        folder / "list.xlsx",
        {"DS": [["Danh sách khen thưởng"], ["STT", "Đơn vị", "Số tiền"], [1, "Trường THPT Phong Thổ", 710000]]},
    )


def _empty(folder: Path) -> Path:
    write_session(folder, **SESSION)
    return write_workbook(folder / "list.xlsx", {"Tập thể": [COLLECTIVE_COLUMNS], "Cá nhân": [INDIVIDUAL_COLUMNS]})


def _blank_name(folder: Path) -> Path:
    return write_list(folder, [], [individual("Nguyễn Văn An", "Nam"), individual("   ", "Nữ", "Kế toán")])


def _bad_amount(folder: Path) -> Path:
    return write_list(folder, [], [individual("Nguyễn Văn An", "Nam", amount="bảy trăm nghìn")])


def _duplicate(folder: Path) -> Path:
    return write_list(
        folder,
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu")],
        [
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
        ],
    )


def _impossible_date(folder: Path) -> Path:
    return write_list(folder, [], [individual("Nguyễn Văn An", "Nam")], date="2026-02-30")


def _missing_sheet(folder: Path) -> Path:
    return write_list(folder, [], [individual("Nguyễn Văn An", "Nam")], sheets=["Tập thể", "Danh sách cá nhân"])


def _not_excel(folder: Path) -> Path:
    write_session(folder, **SESSION)
    path = folder / "list.xlsx"
    path.write_text("STT,Họ và tên\n1,Nguyễn Văn An\n", encoding="utf-8")
    return path


# builder, the words the report must hold (file, sheet, row, column, …)
CASES = {
    "missing-column": (_missing_column, ["list.xlsx", "trang tính 'DS'", "dòng 2", "Họ và tên"]),
    "empty-list": (_empty, ["list.xlsx", "trang tính 'Tập thể'", "dòng 1", "không có ai được khen thưởng"]),
    "blank-name": (_blank_name, ["list.xlsx", "trang tính 'Cá nhân'", "dòng 3", "cột B", "thiếu họ và tên"]),
    "non-numeric-amount": (
        _bad_amount,
        ["list.xlsx", "trang tính 'Cá nhân'", "dòng 2", "cột H", "số tiền 'bảy trăm nghìn' không phải là số"],
    ),
    "duplicate": (_duplicate, ["list.xlsx", "trang tính 'Cá nhân'", "dòng 3", "cột B", "ghi trùng", "dòng 2"]),
    "impossible-date": (_impossible_date, ["session.yaml", "mục 'date'", "2026-02-30"]),
    "missing-sheet": (_missing_sheet, ["list.xlsx", "Danh sách cá nhân", "không có trang tính tên"]),
    "not-excel": (_not_excel, ["list.xlsx", "không phải sổ làm việc Excel"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exit_2_nothing_written(prefect_harness, tmp_path, case):
    from vanban.cli import app

    build, expected = CASES[case]
    (tmp_path / "in").mkdir()
    path = build(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["award", str(path), "-o", str(out), "--workers", "1", "--now"])
    report = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 2, (result.exit_code, report, result.exception)
    assert "chưa ghi tệp nào" in report
    for words in expected:
        assert words in report, f"{words!r} not in:\n{report}"
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("args", [["--mode", "colour"], ["--order", "age"]])
def test_bad_option_exit_2(tmp_path, args):
    from vanban.cli import app

    path = write_list(tmp_path / "in", [], [individual("Nguyễn Văn An", "Nam")])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["award", str(path), "-o", str(out), *args])
    assert result.exit_code == 2
    assert not out.exists()
