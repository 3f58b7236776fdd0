"""Where the test data and examples are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "doc_templates" / "examples"
# A copy of ../shared/reference/ke-hoach-ldld-lai-chau-2021.md (the signed original as text).
REFERENCE = ROOT / "tests" / "data" / "reference" / "ke-hoach-ldld-lai-chau-2021.md"
PLAN_EXAMPLE = EXAMPLES / "ke-hoach-ldld-lai-chau-2021.md"
