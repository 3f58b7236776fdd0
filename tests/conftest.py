"""Shared fixtures: the reference plan rendered once per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Flows number documents through the register: tests get their own, never the office's.
os.environ["VANBAN_DATA_DIR"] = tempfile.mkdtemp(prefix="vanban-test-data-")
os.environ.pop("VANBAN_DATABASE_URL", None)
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# Each test's environment differs (data folders, offices): a resident process per test would be
# hundreds of background processes. tests/test_resident.py turns it on where it is the subject.
os.environ["VANBAN_RESIDENT"] = "off"

from support.paths import PLAN_EXAMPLE

#: Fixtures shared across folders, loaded once (importing fixtures by name shadows them: F811).
pytest_plugins = ["support.register_fixtures"]


@pytest.fixture(scope="session")
def plan_files(tmp_path_factory) -> dict[str, Path]:
    """The reference plan as DOCX and PDF, numbered 05."""
    from vanban.render.docx import render_docx
    from vanban.render.pdf import render_pdf
    from vanban.written.builder import build_written
    from vanban.written.reader import read_written

    out = tmp_path_factory.mktemp("plan")
    document = build_written(read_written(PLAN_EXAMPLE), 5)
    files = {"docx": out / "plan.docx", "pdf": out / "plan.pdf"}
    files["docx"].write_bytes(render_docx(document))
    files["pdf"].write_bytes(render_pdf(document))
    files["document"] = document  # type: ignore[assignment]
    return files


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for all flow tests (starting one costs several seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
