"""What `make demo` writes, as text: a snapshot to prove a change did not alter any output.

Runs the demo's two jobs (the reference plan, the example award session) into a temporary
output folder with a fresh register, once issued at once (`--now`) and once as drafts, then records for every file written
- DOCX: the text of every paragraph and table cell, headers and footers included;
- PDF: the text of every page;
- manifest.json: everything but times, hashes and byte counts;
- other files: their names only.

    python tools/output_snapshot.py write SNAPSHOT.json     # record
    python tools/output_snapshot.py compare SNAPSHOT.json   # exit 1 and show the first differences

A refactoring that must not change output compares against a snapshot taken before it
(`tests/test_output_identity.py` does so against `tests/data/output-snapshot.json`). A change
that means to alter output records a new snapshot in the same commit, so the diff shows it.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "doc_templates" / "examples"
#: Manifest keys whose values change from run to run, or with the bytes of a file.
VOLATILE_KEYS = {"created_at", "sha256", "bytes", "file"}


def _docx_text(path: Path) -> list[str]:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    parts = [doc.element.body]
    for section in doc.sections:
        for hf in (section.header, section.first_page_header, section.footer):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    lines = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if text.strip():
                lines.append(text)
    return lines


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def _scrub(value):
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def describe(folder: Path) -> dict[str, object]:
    """Every file under `folder` (relative POSIX path) → its text as above."""
    out: dict[str, object] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".docx":
            out[rel] = _docx_text(path)
        elif path.suffix == ".pdf":
            out[rel] = _pdf_text(path)
        elif path.name == "manifest.json":
            out[rel] = _scrub(json.loads(path.read_text(encoding="utf-8")))
        else:
            out[rel] = None
    return out


def run_demo(out: Path) -> None:
    """The two jobs of `make demo`, written under `out`, numbered from a fresh register."""
    os.environ["VANBAN_DATA_DIR"] = str(out / ".register")
    os.environ.pop("VANBAN_DATABASE_URL", None)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from typer.testing import CliRunner

    from vanban.cli import app

    runner = CliRunner()
    plan, award = str(EXAMPLES / "ke-hoach-ldld-lai-chau-2021.md"), str(EXAMPLES / "khen-thuong-2026.xlsx")
    for args in (
        # the issued documents (one step, as before drafts existed) ...
        ["plan", plan, "--now", "-o", str(out / "plan")],
        ["award", award, "--now", "-o", str(out / "award"), "--workers", "1"],
        # ... and the drafts the same inputs give (no number, day blank, DỰ THẢO)
        ["plan", plan, "-o", str(out / "plan-draft")],
        ["award", award, "-o", str(out / "award-draft")],
    ):
        result = runner.invoke(app, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"vanban {' '.join(args)} failed ({result.exit_code}):\n{result.output}")


def snapshot() -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="vanban-snapshot-") as tmp:
        out = Path(tmp)
        run_demo(out)
        return {name: describe(out / name) for name in ("plan", "award", "plan-draft", "award-draft")}


def differences(expected: dict, actual: dict, limit: int = 60) -> list[str]:
    a = json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
    b = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
    return list(difflib.unified_diff(a, b, "before", "after", lineterm="", n=1))[:limit]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "compare"):
        print(__doc__)
        return 2
    command, target = argv[0], Path(argv[1])
    current = snapshot()
    if command == "write":
        target.write_text(json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {target}")
        return 0
    diff = differences(json.loads(target.read_text(encoding="utf-8")), current)
    if diff:
        print("\n".join(diff))
        return 1
    print("identical: every file's text and the manifest (times and hashes aside)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
