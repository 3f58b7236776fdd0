"""The inbox: approved lists dropped in a folder become packages, once; broken ones are reported."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from support.paths import ROOT

from vanban import inbox

DATA = ROOT / "tests" / "data" / "award"
SESSION = (DATA / "session.yaml").read_text(encoding="utf-8").replace("number: 15\n", "")


def drop(issuer_dir: Path, stem: str, list_text: str, session: str | None = SESSION, age: float = 120) -> Path:
    issuer_dir.mkdir(parents=True, exist_ok=True)
    path = issuer_dir / f"{stem}.yaml"
    path.write_text(list_text, encoding="utf-8")
    files = [path]
    if session is not None:
        s = issuer_dir / f"{stem}.session.yaml"
        s.write_text(session, encoding="utf-8")
        files.append(s)
    past = time.time() - age
    for f in files:
        os.utime(f, (past, past))
    return path


def test_scan_skips_fresh_temporary_and_processed_files(tmp_path):
    d = tmp_path / "ldld-lai-chau"
    settled = drop(d, "a", "individuals: [{name: Lê Văn An}]\n")
    drop(d, "b", "individuals: [{name: Lê Văn Bình}]\n", age=0)  # still being copied
    (d / "~$a.xlsx").write_bytes(b"lock")
    (d / "c.xlsx.part").write_bytes(b"partial")
    found = inbox.scan(tmp_path, settle_seconds=30)
    assert [c.list_path for c in found] == [settled]
    assert found[0].session_path == d / "a.session.yaml"


def test_process_files_away_and_records_once(tmp_path):
    d = tmp_path / "ldld-lai-chau"
    drop(d, "ok", "individuals: [{name: Lê Văn An}]\n")
    drop(d, "bad", "individuals: [{name: Lê Văn Bình}]\n")

    def run(list_path: Path, session_path):
        if list_path.stem == "bad":
            raise ValueError("không đọc được")
        return "/outputs/pkg"

    outcomes = [inbox.process(c, run) for c in inbox.scan(tmp_path, 0)]
    assert sorted(o.status for o in outcomes) == ["done", "failed"]
    done = next(o for o in outcomes if o.status == "done")
    failed = next(o for o in outcomes if o.status == "failed")
    assert (done.folder / "package.txt").read_text(encoding="utf-8").strip() == "/outputs/pkg"
    assert (done.folder / "ok.yaml").exists() and (done.folder / "ok.session.yaml").exists()
    assert "không đọc được" in (failed.folder / "error.txt").read_text(encoding="utf-8")
    assert not list((d / "processing").iterdir())
    assert inbox.scan(tmp_path, 0) == []
    # The same content dropped again is recognised by its hash and not processed twice.
    drop(d, "ok-again", "individuals: [{name: Lê Văn An}]\n", session=SESSION)
    assert [c.list_path.name for c in inbox.scan(tmp_path, 0)] == []
    # ... and does not lie in the inbox forever: it is in done/ with a note naming its package.
    assert not (d / "ok-again.yaml").exists()
    [again] = [f for f in (d / "done").iterdir() if "ok-again" in f.name]
    note = (again / inbox.REPEAT_NOTE).read_text(encoding="utf-8")
    assert "đã xử lý" in note and "/outputs/pkg" in note and "ok.yaml" in note
    assert (again / "ok-again.yaml").exists()
    # a failed list dropped again unchanged goes to failed/ with the earlier reason
    drop(d, "bad-again", "individuals: [{name: Lê Văn Bình}]\n")
    assert inbox.scan(tmp_path, 0) == []
    [failed_again] = [f for f in (d / "failed").iterdir() if "bad-again" in f.name]
    assert "không đọc được" in (failed_again / inbox.REPEAT_NOTE).read_text(encoding="utf-8")
    ledger = [json.loads(x) for x in (d / inbox.LEDGER).read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in ledger] == ["failed", "done"] or [r["status"] for r in ledger] == ["done", "failed"]


def test_claim_is_exclusive(tmp_path):
    d = tmp_path / "ldld-lai-chau"
    drop(d, "x", "individuals: [{name: Lê Văn An}]\n")
    [candidate] = inbox.scan(tmp_path, 0)
    assert inbox.claim(candidate) is not None
    assert inbox.claim(candidate) is None


@pytest.mark.slow
def test_inbox_flow_two_lists_and_a_broken_file(prefect_harness, tmp_path):
    from flows.inbox import inbox_flow
    from vanban.requests import InboxRequest

    root, out = tmp_path / "inbox", tmp_path / "outputs"
    d = root / "ldld-lai-chau"
    drop(d, "to-cong-doan", (DATA / "small.yaml").read_text(encoding="utf-8"))
    drop(d, "ca-nhan", "individuals:\n  - {name: Lò Thị Mai, sex: Nữ, unit: Sở Tư pháp tỉnh Lai Châu}\n")
    broken = d / "hong.xlsx"
    broken.write_bytes(b"this is not a workbook")
    (d / "hong.session.yaml").write_text(SESSION, encoding="utf-8")
    past = time.time() - 120
    for f in d.iterdir():
        os.utime(f, (past, past))

    request = InboxRequest(root=str(root), output_dir=str(out), settle_seconds=30)
    first = inbox_flow(request=request)
    assert sorted(o["status"] for o in first) == ["done", "done", "failed"]
    packages = sorted(p for p in (out / "ldld-lai-chau" / "2026").iterdir() if not p.name.startswith("."))
    assert len(packages) == 2 and all((p / "manifest.json").exists() for p in packages)
    [failed] = list((d / "failed").iterdir())
    report = (failed / "error.txt").read_text(encoding="utf-8")
    assert "hong.xlsx" in report and "chưa ghi tệp nào" in report
    assert len(list((d / "done").iterdir())) == 2
    assert inbox_flow(request=request) == [], "nothing is processed twice on the next tick"
