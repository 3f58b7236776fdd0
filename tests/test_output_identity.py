"""Every file `make demo` writes keeps its text (and the manifest its content, times and hashes
aside) unless a change means to alter output and records a new snapshot with
`python tools/output_snapshot.py write tests/data/output-snapshot.json`."""

from __future__ import annotations

import importlib.util
import json

import pytest
from support.paths import ROOT

SNAPSHOT = ROOT / "tests" / "data" / "output-snapshot.json"


def _tool():
    spec = importlib.util.spec_from_file_location("output_snapshot", ROOT / "tools" / "output_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_demo_output_text_is_unchanged(monkeypatch, tmp_path):
    tool = _tool()
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path))
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    diff = tool.differences(expected, tool.snapshot())
    assert not diff, "demo output changed:\n" + "\n".join(diff)
