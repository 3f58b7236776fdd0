"""Benchmark of the decision with its list: `python bench/decision_list.py N [--profile FILE]`.

Builds the award decision of the synthetic N-awardee list of `bench/award.py` (same seed) and
renders its PDF (the published form, `render_published_pdf`) and DOCX in this process, after a
warm-up render of a 10-row decision (fonts, stylesheet, templates loaded). Prints wall time and
CPU time (`time.process_time`, which neighbouring jobs on a shared machine disturb much less),
the page count, and the peak RSS of this process and its children.

`--list fast` (the default) draws the list's pages after its first with `vanban.render.list_fast`;
`--list weasyprint` lays every page out with WeasyPrint (the route before it). The warm-up list
is too short for list_fast, so the first run also pays its one-off start (font tables).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.award import synthetic_list  # noqa: E402


def decision(n: int, folder: Path):
    from vanban.award.decision import build_decision
    from vanban.drafts import award_draft
    from vanban.requests import AwardRequest

    folder.mkdir(parents=True, exist_ok=True)
    path = synthetic_list(n, folder)
    request = AwardRequest(list_path=str(path), output_dir=str(folder / "out"))
    parsed = award_draft.dated(award_draft.read(request), dt.date(2026, 1, 5), 15)
    return build_decision(award_draft.priced(parsed, request))


def _workers_cpu(executor) -> float:
    """CPU seconds used so far by the executor's worker processes (0 without one)."""
    if executor is None:
        return 0.0
    total = 0.0
    for pid in executor._processes:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--profile", help="write a cProfile of the PDF render to this file")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="lay the list out in parts on N forked processes")
    parser.add_argument(
        "--part-units", type=int, help="annex units per WeasyPrint layout (vanban.render.pdf.PART_UNITS)"
    )
    parser.add_argument(
        "--list",
        choices=["fast", "weasyprint"],
        default="fast",
        help="the list's pages after its first: drawn by vanban.render.list_fast (the default) or laid out by "
        "WeasyPrint (VANBAN_LIST_RENDERER)",
    )
    parser.add_argument("--first-units", type=int, help="annex units WeasyPrint lays out before list_fast draws")
    args = parser.parse_args()
    os.environ["VANBAN_LIST_RENDERER"] = args.list
    if args.first_units:
        import vanban.render.list_fast

        vanban.render.list_fast.FIRST_UNITS = args.first_units
    if args.part_units:
        import vanban.render.pdf

        vanban.render.pdf.PART_UNITS = args.part_units

    from vanban.render.docx import render_docx
    from vanban.sign.pdfa import render_published_pdf

    with tempfile.TemporaryDirectory() as tmp:
        render_published_pdf(decision(10, Path(tmp) / "warm"))
        document = decision(args.n, Path(tmp))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    executor = None
    if args.workers:
        import concurrent.futures
        import multiprocessing

        # forked after the warm-up: the workers start with fonts and stylesheets loaded
        executor = concurrent.futures.ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("fork"))
        list(executor.map(abs, range(args.workers)))
    import logging

    logging.basicConfig(format="%(message)s")
    logging.getLogger("vanban.render.list_fast").setLevel(logging.INFO)  # says why WeasyPrint took over
    rows = []
    for _ in range(args.runs):
        w0, c0 = time.perf_counter(), time.process_time()
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            pdf = profiler.runcall(render_published_pdf, document, executor=executor)
            profiler.dump_stats(args.profile)
        else:
            pdf = render_published_pdf(document, executor=executor)
        w1, c1 = time.perf_counter(), time.process_time()
        rows.append((w1 - w0, c1 - c0, _workers_cpu(executor)))
    w0, c0 = time.perf_counter(), time.process_time()
    render_docx(document)
    docx = (time.perf_counter() - w0, time.process_time() - c0)
    import pikepdf

    pages = len(pikepdf.Pdf.open(__import__("io").BytesIO(pdf)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from vanban.render.pdf import PART_UNITS

    print(
        "| rows | list | units per part | workers | pages | PDF (KB) | PDF wall (s) "
        "| PDF CPU, this process + workers (s) "
        "| DOCX CPU (s) "
        "| RSS before rendering / peak (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    previous = 0.0
    for wall, cpu, child in rows:
        child, previous = child - previous, child
        print(
            f"| {args.n} | {args.list} | {PART_UNITS} | {args.workers} | {pages} | {len(pdf) / 1024:.0f} | {wall:.2f} "
            f"| {cpu:.2f} + {child:.2f} | {docx[1]:.2f} "
            f"| {before:.0f} / {peak:.0f} |"
        )


if __name__ == "__main__":
    main()
