"""Peak memory and time of vanban on the hostile corpus (issue 9): a table, not a test.

    .venv/bin/python bench/hostile.py [--out bench/hostile.md]

Runs every case of tests/hostile/corpus.py the way the test suite does — read, check and price
(what `vanban award` / `vanban doc` do before a number is taken) in a forked child with its
address space capped — and writes one row per class (cases, outcomes, peak RSS, seconds) and the
heaviest cases. Peak RSS is the child's `ru_maxrss`: it includes the ~100 MB of Python and vanban
shared with the parent, i.e. what the machine pays for reading that input.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hostile.corpus import all_cases, read_case  # noqa: E402
from hostile.isolate import MEMORY_BOUND_MB, run_isolated  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "bench" / "hostile.md"))
    args = parser.parse_args()
    os.environ["VANBAN_DATA_DIR"] = tempfile.mkdtemp(prefix="vanban-bench-hostile-")
    rows = []
    cases = all_cases()
    # Warm the parent as the test suite does: children share the loaded readers, data and fonts.
    for warm in (next(c for c in cases if c.expect == "ok" and c.kind == kind) for kind in ("award", "doc")):
        with tempfile.TemporaryDirectory() as folder:
            read_case(warm, warm.build(Path(folder)))
    started = time.perf_counter()
    for case in cases:
        with tempfile.TemporaryDirectory() as folder:
            paths = case.build(Path(folder))
            outcome = run_isolated(lambda case=case, paths=paths: read_case(case, paths), timeout=60, env=case.env)
        rows.append((case, outcome))
        print(
            f"{case.cls:10} {case.id:40} {outcome.kind:12} {outcome.peak_mb:6.0f} MB {outcome.seconds:6.2f} s",
            flush=True,
        )
    total = time.perf_counter() - started

    by_class = defaultdict(list)
    for case, outcome in rows:
        by_class[case.cls].append((case, outcome))
    lines = [
        "# Hostile inputs: outcome, peak memory, time (issue 9)",
        "",
        f"Made by `bench/hostile.py` on {platform.node() or 'this machine'} ({os.cpu_count()} cores, Python "
        f"{platform.python_version()}), {time.strftime('%Y-%m-%d')}; {len(rows)} inputs in {total:.0f} s.",
        f"Bound: peak RSS under {MEMORY_BOUND_MB} MB and a located error (or a correct read) for every input.",
        "Peak RSS includes the Python and vanban already loaded (shared with the parent).",
        "",
        "| class | inputs | clear error | read correctly | other (crash, hang, memory) | peak RSS max | median s | max s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cls, items in by_class.items():
        kinds = [o.kind for _, o in items]
        lines.append(
            f"| {cls} | {len(items)} | {kinds.count('input_error')} | {kinds.count('ok')} | "
            f"{sum(k not in ('ok', 'input_error') for k in kinds)} | {max(o.peak_mb for _, o in items):.0f} MB | "
            f"{statistics.median(o.seconds for _, o in items):.2f} | {max(o.seconds for _, o in items):.2f} |"
        )
    kinds = [o.kind for _, o in rows]
    lines.append(
        f"| **all** | {len(rows)} | {kinds.count('input_error')} | {kinds.count('ok')} | "
        f"{sum(k not in ('ok', 'input_error') for k in kinds)} | {max(o.peak_mb for _, o in rows):.0f} MB | "
        f"{statistics.median(o.seconds for _, o in rows):.2f} | {max(o.seconds for _, o in rows):.2f} |"
    )
    headline = {
        "formatted-cell-XFD1048576": "18.6 GB, never finished",
        "zip-bomb-3000000-rows": "never finished",
        "yaml-list-billion-laughs": "3.6 GB in 35 s",
        "yaml-session-billion-laughs": "3.6 GB in 35 s",
        "yaml-list-deep-flow": "traceback",
        "json-list-long-number": "traceback",
        "csv-field-200k": "traceback",
        "session-number-huge": "OverflowError after numbers",
    }
    found = {c.id: o for c, o in rows}
    lines += [
        "",
        "The inputs of issue 9's report, before and now:",
        "",
        "| input | before | now | peak RSS | seconds |",
    ]
    lines += ["|---|---|---|---:|---:|"]
    for cid, before in headline.items():
        if cid in found:
            o = found[cid]
            now = {"input_error": "clear error", "ok": "read correctly"}.get(o.kind, o.kind)
            lines.append(f"| {cid} | {before} | {now} | {o.peak_mb:.0f} MB | {o.seconds:.2f} |")
    lines += ["", "Heaviest inputs:", "", "| input | outcome | peak RSS | seconds |", "|---|---|---:|---:|"]
    for case, outcome in sorted(rows, key=lambda r: -r[1].peak_mb)[:10]:
        lines.append(f"| {case.id} | {outcome.kind} | {outcome.peak_mb:.0f} MB | {outcome.seconds:.2f} |")
    lines += ["", "Slowest inputs:", "", "| input | outcome | peak RSS | seconds |", "|---|---|---:|---:|"]
    for case, outcome in sorted(rows, key=lambda r: -r[1].seconds)[:8]:
        lines.append(f"| {case.id} | {outcome.kind} | {outcome.peak_mb:.0f} MB | {outcome.seconds:.2f} |")
    baseline = run_isolated(lambda: None)
    lines += ["", f"A child that reads nothing peaks at {baseline.peak_mb:.0f} MB (the floor of every row above)."]
    bad = [(c.id, o.kind, o.message[:200]) for c, o in rows if o.kind not in ("ok", "input_error")]
    if bad:
        lines += ["", "Not handled:", *[f"- {i}: {k} {m}" for i, k, m in bad]]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
