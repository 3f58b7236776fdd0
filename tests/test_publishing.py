"""Publishing is all or nothing; folders left by dead runs are cleaned up."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from vanban.publishing import move_into_place, new_staging_dir, publish_files, remove_stale_staging


def test_publish_files_writes_all(tmp_path):
    paths = publish_files(tmp_path / "out", {"a.docx": b"1", "a.pdf": b"2"})
    assert sorted(p.name for p in paths) == ["a.docx", "a.pdf"]
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def test_publish_refuses_unsafe_names(tmp_path):
    with pytest.raises(ValueError):
        publish_files(tmp_path, {"../x.pdf": b"1"})
    assert list(tmp_path.iterdir()) == []


def test_dead_process_staging_is_removed_live_one_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".staging-{socket.gethostname()}-{dead_pid}-abc"
    stale.mkdir()
    mine = new_staging_dir(tmp_path)
    assert not stale.exists()
    assert mine.exists() and f"-{os.getpid()}-" in mine.name
    assert remove_stale_staging(tmp_path) == []


def test_move_into_place_replaces_whole(tmp_path):
    old = tmp_path / "pkg"
    old.mkdir()
    (old / "stale.pdf").write_bytes(b"old")
    staging = new_staging_dir(tmp_path)
    (staging / "new.pdf").write_bytes(b"new")
    move_into_place(staging, old)
    assert [p.name for p in old.iterdir()] == ["new.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_a_manifest_reads_back_as_written_with_one_line_per_list_entry():
    import json

    from vanban.publishing import manifest_json

    manifest = {
        "generator": "vanban 0.1",
        "decision": {"number_symbol": "15/QĐ-LĐLĐ", "date": "2026-01-05", "form": "Giấy khen"},
        "numbers": {"golden_book": None},
        "counts": {"certificates": 2},
        "awardees": [
            {"position": 1, "name": "Công đoàn cơ sở Trường THPT Phong Thổ", "amount": 2_340_000},
            {"position": 2, "name": 'Lò Thị "Mai"\nKế toán', "amount": 1_170_000},
        ],
        "files": [{"path": "giay-khen/001-a.pdf", "bytes": 72_400}],
        "empty": [],
        "tags": ["a", "b"],
    }
    text = manifest_json(manifest)
    assert json.loads(text) == manifest
    lines = text.splitlines()
    assert '    {"position": 1, "name": "Công đoàn cơ sở Trường THPT Phong Thổ", "amount": 2340000},' in lines
    assert '    "number_symbol": "15/QĐ-LĐLĐ",' in lines  # nested objects indented as before
    assert text.endswith("}\n")
