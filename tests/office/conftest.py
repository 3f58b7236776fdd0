"""An empty office folder and a private cache for each test (VANBAN_OFFICE, VANBAN_CACHE_DIR)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "co-quan"
    folder.mkdir()
    monkeypatch.setenv("VANBAN_OFFICE", str(folder))
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
