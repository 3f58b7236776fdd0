"""vanban against hand-built routes on the same list: `python bench/compare.py N [--skip-libreoffice]`.

Routes, each on the synthetic list of `bench/award.py` (fixed seed), certificates as DOCX + PDF,
a print PDF of all of them and a ZIP:

- vanban, fast: `bench/award.py N` with VANBAN_CERTIFICATE_RENDERER=fast (decision included,
  Prefect API started before timing);
- vanban, weasyprint: the same with VANBAN_CERTIFICATE_RENDERER=weasyprint;
- docxtpl + WeasyPrint per certificate, Pool(2) → pypdf → zip (a hand-built route; the DOCX
  is vanban's compiled docxtpl template, each PDF one WeasyPrint document);
- docxtpl + LibreOffice: the DOCX files converted by two `soffice` processes in batches of
  200 (soffice silently stops after ~246 file arguments per call) → pypdf → zip.

Prints one Markdown table: wall time, peak RSS of the process tree, and each route's time as a
multiple of vanban-fast's. The hand-built routes write no decision: they are the cheaper job.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from award import PeakMemory  # noqa: E402
from certificates import certificates as build_certificates  # noqa: E402

BATCH = 200


def vanban(n: int, renderer: str) -> tuple[float, float]:
    env = dict(os.environ, VANBAN_CERTIFICATE_RENDERER=renderer, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "award.py"), str(n)], capture_output=True, text=True, env=env, check=True
    ).stdout
    wall = float(re.search(r"end-to-end, flow start excluded \(s\)\s*\|\s*([\d.]+)", out).group(1))  # type: ignore[union-attr]
    rss = float(re.search(r"peak RSS, process tree \(MB\)\s*\|\s*([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return wall, rss


_STATE: dict = {}


def _init(mode: str) -> None:
    from vanban.award.package import docx_renderer
    from vanban.certificate_layouts import layout_for

    _STATE["chosen"] = layout_for(mode)  # type: ignore[arg-type]
    _STATE["docx"] = docx_renderer(mode, None)  # type: ignore[arg-type]


def _one(args) -> None:
    from vanban.render.certificate_pdf import render_certificates

    cert, folder, pdf = args
    Path(folder, f"{cert.index:04d}.docx").write_bytes(_STATE["docx"].render(cert))
    if pdf:
        whole, _ = render_certificates([cert], _STATE["chosen"], single=False)
        Path(folder, f"{cert.index:04d}.pdf").write_bytes(whole)


def _join_and_zip(folder: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for p in sorted(folder.glob("*.pdf")):
        writer.append(str(p))
    with open(folder / "print.pdf", "wb") as out:
        writer.write(out)
    with zipfile.ZipFile(folder / "all.zip", "w") as zf:
        for p in sorted(folder.iterdir()):
            if p.suffix in (".pdf", ".docx"):
                zf.write(p, p.name, compress_type=zipfile.ZIP_STORED)


def hand_built(n: int, route: str, mode: str = "full") -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            certs, _chosen, _ = build_certificates(n, mode, folder)
            work = [(c, str(folder / "out"), route == "weasyprint") for c in certs]
            with ProcessPoolExecutor(2, initializer=_init, initargs=(mode,)) as pool:
                list(pool.map(_one, work, chunksize=20))
            if route == "libreoffice":
                docs = sorted((folder / "out").glob("*.docx"))
                batches = [docs[i : i + BATCH] for i in range(0, len(docs), BATCH)]
                running: list[subprocess.Popen] = []
                for k, batch in enumerate(batches):
                    if len(running) == 2:
                        running.pop(0).wait()
                    profile = folder / f"lo-profile-{k % 2}"
                    running.append(
                        subprocess.Popen(
                            [
                                "soffice",
                                f"-env:UserInstallation=file://{profile}",
                                "--headless",
                                "--convert-to",
                                "pdf",
                                "--outdir",
                                str(folder / "out"),
                                *map(str, batch),
                            ],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                    )
                for p in running:
                    p.wait()
                converted = len(list((folder / "out").glob("*.pdf")))
                if converted != len(docs):
                    raise RuntimeError(f"LibreOffice converted {converted} of {len(docs)}")
            _join_and_zip(folder / "out")
            wall = time.perf_counter() - t0
        shutil.rmtree(folder / "out")
    return wall, mem.peak_total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--skip-libreoffice", action="store_true")
    parser.add_argument("--skip-vanban-weasyprint", action="store_true")
    args = parser.parse_args()
    rows = [("vanban, fast certificates", *vanban(args.n, "fast"))]
    if not args.skip_vanban_weasyprint:
        rows.append(("vanban, WeasyPrint certificates", *vanban(args.n, "weasyprint")))
    rows.append(("docxtpl + WeasyPrint per certificate, Pool(2) → pypdf → zip", *hand_built(args.n, "weasyprint")))
    if not args.skip_libreoffice and shutil.which("soffice"):
        rows.append(("docxtpl + 2 × LibreOffice → pypdf → zip", *hand_built(args.n, "libreoffice")))
    fast = rows[0][1]
    print(f"{args.n} awardees, {os.cpu_count()} cores\n")
    print("| route | end-to-end (s) | × vanban-fast's time | peak RSS, process tree (MB) |")
    print("|---|---|---|---|")
    for name, wall, rss in rows:
        print(f"| {name} | {wall:.1f} | {wall / fast:.1f}× | {rss:.0f} |")


if __name__ == "__main__":
    main()
