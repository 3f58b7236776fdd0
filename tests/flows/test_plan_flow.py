"""The `plan` flow and `vanban plan`: files written with safe names, or nothing on bad input."""

from __future__ import annotations

import re

import pytest
from support.paths import PLAN_EXAMPLE
from typer.testing import CliRunner

from vanban.cli import app

pytestmark = pytest.mark.slow


def test_cli_plan_writes_docx_and_pdf(prefect_harness, tmp_path):
    result = CliRunner().invoke(app, ["plan", str(PLAN_EXAMPLE), "-o", str(tmp_path), "--now"])
    assert result.exit_code == 0, result.output
    printed = [line for line in result.output.splitlines() if line.strip()]
    assert len(printed) == 2
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(line.rsplit("/", 1)[1] for line in printed)
    for name in names:
        assert re.fullmatch(r"[A-Za-z0-9-]+\.(docx|pdf)", name), name
        assert "trien-khai-phong-trao-thi-dua-dac-biet" in name
    assert {n.rsplit(".", 1)[1] for n in names} == {"docx", "pdf"}


def test_cli_plan_single_format(prefect_harness, tmp_path):
    result = CliRunner().invoke(app, ["plan", str(PLAN_EXAMPLE), "-o", str(tmp_path), "--format", "pdf", "--now"])
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in tmp_path.iterdir()] == [".pdf"]


def test_cli_plan_bad_input_exit_2_and_nothing_written(prefect_harness, tmp_path):
    src = tmp_path / "bad.md"
    src.write_text("---\nissuer: ldld-lai-chau\ndate: 2026-02-30\nsubject: X\n---\nNội dung.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", str(src), "-o", str(out), "--now"])
    assert result.exit_code == 2
    assert "bad.md" in result.output and "mục 'date'" in result.output
    assert not out.exists()
