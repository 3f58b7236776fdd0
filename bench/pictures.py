"""Certificates and list pages by both routes as pictures: `python bench/pictures.py OUT_DIR [--dpi 60]`.

Renders the first certificates of the `bench/award.py` list (a collective, then individuals) in
both modes with the WeasyPrint route and the fast route, and writes for each page a PNG with
the WeasyPrint page on the left and the fast page on the right, plus a count of the pixels
that differ by more than a quarter of the range (poppler, `pdftoppm`). Then the same for the
decision of a 300-awardee list: a list page drawn by `vanban.render.list_fast` and the list's
last page (`Cộng`, `Tổng cộng`, the amount in words) beside WeasyPrint's.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def page_png(pdf: bytes, page: int, dpi: int):
    from PIL import Image

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        png = subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), f.name],
            capture_output=True,
            check=True,
        ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--pages", type=int, default=2)
    args = parser.parse_args()
    from certificates import certificates
    from PIL import Image, ImageChops

    from vanban.render import certificate_fast, certificate_pdf

    args.out.mkdir(parents=True, exist_ok=True)
    for mode in ("full", "preprinted"):
        with tempfile.TemporaryDirectory() as tmp:
            certs, chosen, _ = certificates(20, mode, Path(tmp))
        certs = [certs[0], certs[-1]][: args.pages]
        weasy, _ = certificate_pdf.render_certificates(certs, chosen, single=False)
        fast, _ = certificate_fast.render_certificates(certs, chosen, single=False)
        for page in range(1, len(certs) + 1):
            a, b = page_png(weasy, page, args.dpi), page_png(fast, page, args.dpi)
            diff = ImageChops.difference(a, b).convert("L")
            far = sum(1 for p in diff.get_flattened_data() if p > 64)
            side = Image.new("RGB", (a.width * 2 + 8, a.height), "gray")
            side.paste(a, (0, 0))
            side.paste(b, (a.width + 8, 0))
            name = args.out / f"{mode}-{page}-weasyprint-left-fast-right.png"
            side.save(name, optimize=True)
            print(f"{name.name}: {far} of {a.width * a.height} pixels differ by > 64/255")
    list_pictures(args.out, args.dpi)


def list_pictures(out: Path, dpi: int, n: int = 300) -> None:
    import os

    from decision_list import decision
    from PIL import Image, ImageChops

    from vanban.render.pdf import render_pdf

    with tempfile.TemporaryDirectory() as tmp:
        document = decision(n, Path(tmp))
    pdfs = {}
    for route in ("weasyprint", "fast"):
        os.environ["VANBAN_LIST_RENDERER"] = route
        pdfs[route] = render_pdf(document)
    import pikepdf

    pages = len(pikepdf.Pdf.open(io.BytesIO(pdfs["fast"])).pages)
    for label, page in (("middle", pages // 2), ("last", pages)):
        a, b = page_png(pdfs["weasyprint"], page, dpi), page_png(pdfs["fast"], page, dpi)
        diff = ImageChops.difference(a, b).convert("L")
        far = sum(1 for p in diff.get_flattened_data() if p > 64)
        side = Image.new("RGB", (a.width * 2 + 8, a.height), "gray")
        side.paste(a, (0, 0))
        side.paste(b, (a.width + 8, 0))
        name = out / f"list-{label}-page-{page}-weasyprint-left-fast-right.png"
        side.save(name, optimize=True)
        print(f"{name.name}: {far} of {a.width * a.height} pixels differ by > 64/255")


if __name__ == "__main__":
    main()
