"""The flows number documents through the register: same input → same numbers; a crash in the
middle of rendering loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.paths import PLAN_EXAMPLE, ROOT
from support.readback import docx_lines, norm, pdf_pages_text
from typer.testing import CliRunner

from vanban.cli import app
from vanban.register import Register

pytestmark = pytest.mark.slow
SESSION = (ROOT / "tests" / "data" / "award" / "session.yaml").read_text(encoding="utf-8")


def _register() -> Register:
    return Register()  # VANBAN_DATA_DIR points at the test session's folder (conftest)


def _api_env() -> dict:
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ)
    env["PREFECT_API_URL"] = PREFECT_API_URL.value()
    env["PREFECT_LOGGING_LEVEL"] = "WARNING"
    return env


def test_plan_gets_next_number_and_keeps_it_on_rerun(prefect_harness, tmp_path):
    first = CliRunner().invoke(app, ["plan", str(PLAN_EXAMPLE), "-o", str(tmp_path / "a"), "--now"])
    again = CliRunner().invoke(app, ["plan", str(PLAN_EXAMPLE), "-o", str(tmp_path / "b"), "--now"])
    assert first.exit_code == 0 and again.exit_code == 0, first.output + again.output
    name_a = sorted(p.name for p in (tmp_path / "a").iterdir())
    name_b = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert name_a == name_b and name_a[0].startswith(("01-KH-LDLD", "02-KH-LDLD"))
    entries = [e for e in _register().entries(issuer_id="ldld-lai-chau", year=2021) if e.kind == "document"]
    assert len(entries) == 1 and entries[0].status == "issued"
    assert {Path(p).name for p, _sha in entries[0].files} == set(name_a)


def test_hand_given_number_taken_by_another_document(prefect_harness, tmp_path):
    text = PLAN_EXAMPLE.read_text(encoding="utf-8")
    first = tmp_path / "first.md"
    first.write_text(text.replace("date: 2021-12-17", "date: 2022-03-01\nnumber: 7"), encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text(
        text.replace("date: 2021-12-17", "date: 2022-03-02\nnumber: 7").replace(
            "Triển khai phong trào", "Tổ chức phong trào"
        ),
        encoding="utf-8",
    )
    ok = CliRunner().invoke(app, ["plan", str(first), "-o", str(tmp_path / "o1"), "--now"])
    assert ok.exit_code == 0, ok.output
    taken = CliRunner().invoke(app, ["plan", str(second), "-o", str(tmp_path / "o2"), "--now"])
    assert taken.exit_code == 2
    assert (
        "second.md" in taken.output and "07/KH-LĐLĐ" in taken.output and "số này đã có trong sổ đăng ký" in taken.output
    )
    assert not (tmp_path / "o2").exists()


def _synthetic(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    people = [
        {"name": f"Nguyễn Văn Thử {i:03d}", "sex": "Nam", "position": "Công nhân", "unit": "Công ty Điện lực Lai Châu"}
        for i in range(n)
    ]
    path = folder / "list.json"
    path.write_text(json.dumps({"individuals": people}, ensure_ascii=False), encoding="utf-8")
    (folder / "list.session.yaml").write_text(
        SESSION.replace("number: 15\n", "").replace("2026-01-05", "2027-01-01"), encoding="utf-8"
    )
    return path


def _award_cmd(list_path: Path, out: Path) -> list[str]:
    code = (
        "import sys; from vanban.cli import main; sys.argv=['vanban','award',sys.argv[1],'-o',sys.argv[2],"
        "'--workers','1','--now']; main()"
    )
    return [sys.executable, "-c", code, str(list_path), str(out)]


def _texts(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.suffix == ".docx":
            out[rel] = " ".join(docx_lines(path))
        elif path.suffix == ".pdf":
            out[rel] = norm(" ".join(pdf_pages_text(path)))
    return out


def test_killed_batch_rerun_gives_same_numbers_and_same_documents(prefect_harness, tmp_path):
    list_path = _synthetic(tmp_path / "in", 40)
    env = _api_env()
    out_killed = tmp_path / "killed"
    proc = subprocess.Popen(
        _award_cmd(list_path, out_killed),
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    staging_root = out_killed / "ldld-lai-chau" / "2027"
    deadline = time.time() + 120
    while time.time() < deadline:
        stagings = list(staging_root.glob(".staging-*/certificates/*.pdf")) if staging_root.exists() else []
        if stagings:
            break
        assert proc.poll() is None, proc.stdout.read().decode()
        time.sleep(0.05)
    else:
        pytest.fail("rendering never started")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # Nothing was published, and the register holds the batch's numbers as reserved.
    assert not [p for p in staging_root.iterdir() if not p.name.startswith(".staging-")]
    held = [e for e in _register().entries(issuer_id="ldld-lai-chau", year=2027)]
    assert held and {e.status for e in held} == {"reserved"}

    rerun = subprocess.run(
        _award_cmd(list_path, out_killed), env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    clean = subprocess.run(
        _award_cmd(list_path, tmp_path / "clean"), env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr

    entries = _register().entries(issuer_id="ldld-lai-chau", year=2027)
    assert len(entries) == 41 and {e.status for e in entries} == {"issued"}
    assert [e.number for e in entries if e.kind == "so_vang"] == list(range(1, 41))
    assert {e.id for e in held} == {e.id for e in entries}, "the re-run used the numbers it held"
    package = Path(rerun.stdout.strip().splitlines()[-1])
    reference = Path(clean.stdout.strip().splitlines()[-1])
    assert not list(package.parent.glob(".staging-*")), "the dead run's staging folder was removed"
    a, b = _texts(package), _texts(reference)
    assert len(a) == 2 + 2 * 40 + 1 and a == b
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["numbers"]["decision"] == "01/QĐ-LĐLĐ"
    assert manifest["numbers"]["golden_book"] == {"first": "01", "last": "40"}
