"""The core package never imports Prefect: orchestration stays in flows/."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_import_without_prefect():
    code = (
        "import sys, vanban.rules, vanban.model, vanban.document_model, vanban.written.reader, "
        "vanban.written.builder, vanban.render.docx, vanban.render.pdf, vanban.check, vanban.publishing, vanban.kinds, "
        "vanban.award.package, vanban.award.list_reader, vanban.settings, vanban.cli;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'prefect'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
