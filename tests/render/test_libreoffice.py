"""LibreOffice opens the DOCX as a user's office suite would, with the same page count as our PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow


@pytest.mark.skipif(
    shutil.which("soffice") is None and not __import__("os").environ.get("CI"),
    reason="LibreOffice (soffice) is not installed; `make test` installs it",
)
def test_libreoffice_converts_with_same_page_count(plan_files, tmp_path):
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(plan_files["docx"]),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "plan.pdf"
    assert proc.returncode == 0 and converted.exists(), proc.stdout + proc.stderr
    ours = len(PdfReader(str(plan_files["pdf"])).pages)
    theirs = len(PdfReader(str(converted)).pages)
    assert theirs == ours
