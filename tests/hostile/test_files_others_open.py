"""Issue 9, files others open: the inbox's error.txt names the file the clerk dropped and holds
every problem; a published package folder has the permissions the umask intends."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from vanban import inbox
from vanban.errors import InputError, Problem
from vanban.publishing import new_staging_dir


def _drop(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    past = time.time() - 120
    os.utime(path, (past, past))
    return path


def test_inbox_error_names_the_dropped_file_and_every_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    issuer = tmp_path / "inbox" / "ldld-lai-chau"
    dropped = _drop(issuer, "ds.yaml", "individuals: [{name: A}]\n")
    _drop(issuer, "ds.session.yaml", "issuer: ldld-lai-chau\n")

    def run(list_path: Path, session_path: Path | None) -> str:
        assert "processing" in str(list_path)
        raise InputError([Problem(str(list_path), f"lỗi số {i}", row=i) for i in range(1, 13)])

    (candidate,) = inbox.scan(tmp_path / "inbox", 0)
    outcome = inbox.process(candidate, run)
    report = (outcome.folder / "error.txt").read_text(encoding="utf-8")
    assert "processing" not in report
    assert str(dropped) in report
    assert all(f"lỗi số {i}" in report for i in range(1, 13))  # every problem, not the first line


def test_inbox_unexpected_failure_points_at_its_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    issuer = tmp_path / "inbox" / "ldld-lai-chau"
    _drop(issuer, "ds.yaml", "individuals: [{name: A}]\n")
    _drop(issuer, "ds.session.yaml", "issuer: ldld-lai-chau\n")

    def run(list_path: Path, session_path: Path | None) -> str:
        raise RuntimeError("disk full")

    (candidate,) = inbox.scan(tmp_path / "inbox", 0)
    report = (inbox.process(candidate, run).folder / "error.txt").read_text(encoding="utf-8")
    (written,) = (tmp_path / "data" / "errors").glob("*.txt")
    assert "RuntimeError: disk full" in report and str(written) in report
    assert "Traceback" in written.read_text(encoding="utf-8")


def test_package_folder_follows_the_umask(tmp_path):
    previous = os.umask(0o002)
    try:
        folder = new_staging_dir(tmp_path)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o775  # group can open it on a shared folder
        os.umask(0o077)
        private = new_staging_dir(tmp_path / "private")
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
    finally:
        os.umask(previous)
