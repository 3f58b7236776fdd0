"""Certificate routes on one core: `python bench/certificates.py N [--mode full|preprinted] [--sample S]`.

The same synthetic list as `bench/award.py` (fixed seed), read and priced by vanban, every
certificate fitted once; then, one process, one core, each route timed on the same
certificates:

- naive: WeasyPrint, one document per certificate (what a hand-built route does), on a sample;
- weasyprint: vanban's WeasyPrint route (one layout per chunk of `--chunk`, singles cut with
  pikepdf, chunk PDFs joined with pikepdf), on a sample;
- fast: `vanban.render.certificate_fast` (the design once, then only text; print parts
  joined as a stream), on all N;
- DOCX: `vanban.render.certificate_docx` (compiled template, one render per certificate).

`--memory ROUTE` instead runs one route over all N in this process and prints its peak RSS
(`bench/compare.py` starts one process per route and N). Prints a Markdown table.

Times are CPU time of this process (`time.process_time`): on a machine shared with other jobs
wall time measures the neighbours too; CPU time of a single-threaded route does not.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def certificates(n: int, mode: str, folder: Path):
    from award import synthetic_list

    from vanban.award.certificates import CertificateBuilder, certified
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.certificate_layouts import layout_for

    path = synthetic_list(n, folder)
    batch = price(read_award_list(path, path.with_name("danh-sach.session.yaml")))
    chosen = layout_for(mode)  # type: ignore[arg-type]
    t0 = time.process_time()
    builder = CertificateBuilder(batch, chosen)
    certs = [builder.build(batch.awardees[i], k, f"{k:04d}") for k, i in enumerate(certified(batch), start=1)]
    return certs, chosen, time.process_time() - t0


def chunks(items: list, size: int):
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_fast(certs, chosen, folder: Path, chunk: int) -> tuple[float, float, int, int]:
    """(seconds for singles + parts, seconds for the print join, print bytes, singles bytes)."""
    from vanban.render import certificate_fast

    t0 = time.process_time()
    parts, single_bytes = [], 0
    for k, part_certs in enumerate(chunks(certs, chunk)):
        part = folder / f"{k:06d}{certificate_fast.PART_SUFFIX}"
        for i, data in enumerate(certificate_fast.render_chunk(part_certs, chosen, part)):
            (folder / f"fast-{k}-{i}.pdf").write_bytes(data)
            single_bytes += len(data)
        parts.append(part)
    t1 = time.process_time()
    certificate_fast.write_print_pdf(parts, folder / "fast-print.pdf")
    t2 = time.process_time()
    return t1 - t0, t2 - t1, (folder / "fast-print.pdf").stat().st_size, single_bytes


def run_weasyprint(certs, chosen, folder: Path, chunk: int) -> tuple[float, float, int, int]:
    from vanban.render.certificate_pdf import render_certificates
    from vanban.render.pdf import join_pdfs

    t0 = time.process_time()
    parts, single_bytes = [], 0
    for k, part_certs in enumerate(chunks(certs, chunk)):
        whole, singles = render_certificates(part_certs, chosen)
        for i, data in enumerate(singles):
            (folder / f"weasy-{k}-{i}.pdf").write_bytes(data)
            single_bytes += len(data)
        (folder / f"weasy-part-{k}.pdf").write_bytes(whole)
        parts.append(folder / f"weasy-part-{k}.pdf")
    t1 = time.process_time()
    join_pdfs(parts, folder / "weasy-print.pdf")
    t2 = time.process_time()
    return t1 - t0, t2 - t1, (folder / "weasy-print.pdf").stat().st_size, single_bytes


def run_naive(certs, chosen, folder: Path) -> tuple[float, float, int, int]:
    """One WeasyPrint document per certificate, joined with pypdf (the hand-built route)."""
    from pypdf import PdfWriter

    from vanban.render.certificate_pdf import render_certificates

    t0 = time.process_time()
    paths, single_bytes = [], 0
    for i, c in enumerate(certs):
        whole, _ = render_certificates([c], chosen, single=False)
        paths.append(folder / f"naive-{i}.pdf")
        paths[-1].write_bytes(whole)
        single_bytes += len(whole)
    t1 = time.process_time()
    writer = PdfWriter()
    for p in paths:
        writer.append(str(p))
    with open(folder / "naive-print.pdf", "wb") as out:
        writer.write(out)
    t2 = time.process_time()
    return t1 - t0, t2 - t1, (folder / "naive-print.pdf").stat().st_size, single_bytes


def run_docx(certs, mode: str, folder: Path) -> float:
    from vanban.award.package import docx_renderer

    renderer = docx_renderer(mode, None)  # type: ignore[arg-type]
    renderer.render(certs[0])  # compiled once per process, as in a worker
    t0 = time.process_time()
    for i, c in enumerate(certs):
        (folder / f"{i}.docx").write_bytes(renderer.render(c))
    return time.process_time() - t0


def warm(route: str, chosen) -> None:
    """What a warmed-up worker has loaded before its first chunk (`flows.award.warm_up_task`)."""
    from vanban.render import certificate_fast, certificate_pdf

    (certificate_fast if route == "fast" else certificate_pdf).warm_up(chosen)


def memory(route: str, n: int, mode: str, chunk: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        certs, chosen, _ = certificates(n, mode, folder)
        warm(route, chosen)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.process_time()
        {"fast": run_fast, "weasyprint": run_weasyprint}[route](certs, chosen, folder, chunk)
        seconds = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{route} {n} peak_rss_mb={peak:.0f} (list read and fitted, renderer warm: {before:.0f}; "
        f"rendering added {peak - before:.0f}) cpu_seconds={seconds:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--mode", choices=["full", "preprinted"], default="full")
    parser.add_argument("--sample", type=int, default=100, help="certificates for the WeasyPrint routes")
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--memory", choices=["fast", "weasyprint"])
    args = parser.parse_args()
    if args.memory:
        memory(args.memory, args.n, args.mode, args.chunk)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        certs, chosen, fit_s = certificates(args.n, args.mode, folder)
        sample = certs[: args.sample]
        for route in ("fast", "weasyprint"):
            warm(route, chosen)
        fast = run_fast(certs, chosen, folder, args.chunk)
        weasy = run_weasyprint(sample, chosen, folder, args.chunk)
        naive = run_naive(sample[: max(10, args.sample // 4)], chosen, folder)
        n_naive = max(10, args.sample // 4)
        docx_s = run_docx(certs, args.mode, folder)
    per = {  # ms per certificate: singles + print part / per print page joined; bytes per print page
        "naive": (naive[0] / n_naive * 1e3, naive[1] / n_naive * 1e3, naive[2] / n_naive, naive[3] / n_naive),
        "weasyprint": (
            weasy[0] / len(sample) * 1e3,
            weasy[1] / len(sample) * 1e3,
            weasy[2] / len(sample),
            weasy[3] / len(sample),
        ),
        "fast": (fast[0] / len(certs) * 1e3, fast[1] / len(certs) * 1e3, fast[2] / len(certs), fast[3] / len(certs)),
    }
    print(
        f"{len(certs)} certificates, mode {args.mode}, one core; naive on {n_naive}, weasyprint on {len(sample)}, "
        f"fast on {len(certs)}; fitting {fit_s / len(certs) * 1e3:.2f} ms CPU, DOCX {docx_s / len(certs) * 1e3:.2f} ms "
        "per certificate\n"
    )
    print(
        "| route | PDF per certificate (ms CPU) | × vs naive | print join per page (ms CPU) | × vs naive "
        "| print PDF per page (KB) | single PDF (KB) |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (cert_ms, join_ms, print_b, single_b) in per.items():
        print(
            f"| {name} | {cert_ms:.2f} | {per['naive'][0] / cert_ms:.0f}× | {join_ms:.3f} | "
            f"{per['naive'][1] / join_ms:.0f}× | {print_b / 1e3:.1f} | {single_b / 1e3:.1f} |"
        )
    fast_total = per["fast"][0] + per["fast"][1]
    weasy_total = per["weasyprint"][0] + per["weasyprint"][1]
    print(f"\nfast against vanban's WeasyPrint route: {weasy_total / fast_total:.1f}× per certificate (PDF + join)")


if __name__ == "__main__":
    main()
