"""Issue 9: each generated hostile input ends in a clear, located error (or is read correctly when
it is a legitimate list), never a traceback, and within the memory and time bounds.

Each input runs in a forked child (tests/hostile/isolate.py) so a regression that blows up or
hangs fails its own case only. The figures (peak RSS, seconds per class) are in bench/hostile.md,
made by bench/hostile.py from the same corpus.
"""

from __future__ import annotations

import pytest

from hostile.corpus import Case, all_cases, read_case
from hostile.isolate import MEMORY_BOUND_MB, reader_base_mb, run_isolated

CASES = all_cases()
#: Seconds one input may take to be refused (the slowest, a 20,001-row sheet, takes ~2 s).
TIME_BOUND = 30


@pytest.fixture(scope="module")
def base_mb() -> float:
    return reader_base_mb()


@pytest.fixture(scope="module", autouse=True)
def warm_parent(tmp_path_factory):
    """Read one legitimate list and one plan in the parent first: the forked children then share
    the imported readers, pricing data and fonts instead of loading them 361 times."""
    for case in (
        next(c for c in CASES if c.expect == "ok" and c.kind == "award"),
        next(c for c in CASES if c.kind == "doc" and c.expect == "ok"),
    ):
        read_case(case, case.build(tmp_path_factory.mktemp("warm")))


def test_corpus_is_large_and_covers_every_class():
    classes = {c.cls for c in CASES}
    assert len(CASES) >= 250
    assert classes >= {"memory", "text", "numbers", "structure", "files", "encoding", "yaml", "markdown"}
    assert sum(c.expect == "ok" for c in CASES) >= 10  # hostile-looking but legitimate lists stay readable


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path, base_mb: float):
    paths = case.build(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    outcome = run_isolated(lambda: read_case(case, paths), timeout=TIME_BOUND, env=case.env)
    expected = {"ok": "ok", "error": "input_error", "any": outcome.kind}[case.expect]
    assert outcome.kind in (expected,) and outcome.kind in ("ok", "input_error"), f"{outcome.kind}: {outcome.message}"
    if expected == "input_error":
        named = paths.get("doc") or paths["list"]
        message = outcome.message
        assert message.startswith("Dữ liệu vào có"), message
        assert "Traceback" not in message and "Error(" not in message, message
        assert named.name in message or "session.yaml" in message, message
        for words in case.where:
            assert words in message, f"{words!r} not in: {message}"
    # a fresh reading process plus what this input added (the test process that forked the
    # child holds whatever earlier tests left: its size is not the input's doing)
    peak = base_mb + outcome.added_mb
    assert peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB ({base_mb:.0f} MB reader + {outcome.added_mb:.0f} MB)"
    assert outcome.seconds < TIME_BOUND
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # reading wrote nothing
