"""Fixtures of the award tests: small lists and their decisions, rendered once per session."""

from __future__ import annotations

import pytest
from support.award_docs import (
    BIG,
    EXAMPLE_LIST,
    big_unit,
    individual,
    read_batch,
    render_decision_files,
    small_list,
    write_list,
)


@pytest.fixture(scope="session")
def small_batch(tmp_path_factory):
    return read_batch(small_list(tmp_path_factory.mktemp("small")))


@pytest.fixture(scope="session")
def small_files(small_batch, tmp_path_factory):
    """The decision for 05 collectives and 12 individuals, DOCX and PDF."""
    return render_decision_files(small_batch, tmp_path_factory.mktemp("small-out"))


@pytest.fixture(scope="session")
def example_batch():
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price

    return price(read_award_list(EXAMPLE_LIST))


@pytest.fixture(scope="session")
def example_files(example_batch, tmp_path_factory):
    """The decision for the example workbook (08 collectives, 32 individuals)."""
    return render_decision_files(example_batch, tmp_path_factory.mktemp("example-out"))


@pytest.fixture(scope="session")
def big_files(tmp_path_factory):
    """A 1,000-row list: one collective and 1,000 individuals."""
    folder = tmp_path_factory.mktemp("big")
    people = [
        individual(f"Người Số {i:04d}", "Nam" if i % 2 else "Nữ", "Giáo viên", big_unit(i)) for i in range(1, BIG + 1)
    ]
    path = write_list(folder, [{"Tên tập thể": "Công đoàn ngành Giáo dục tỉnh Lai Châu"}], people)
    return render_decision_files(read_batch(path), folder / "out")


@pytest.fixture
def office_folder(tmp_path, monkeypatch):
    """An office folder with an images/ subfolder, laid over the templates for one test."""
    folder = tmp_path / "co-quan"
    (folder / "images").mkdir(parents=True)
    monkeypatch.setenv("VANBAN_OFFICE", str(folder))
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    return folder
