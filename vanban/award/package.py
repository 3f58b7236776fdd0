"""The award package: decision (with its list), certificates, print PDF, manifest and ZIP.

`outputs/<issuer>/<year>/<number-slug>/` holds
- `<number>-<subject>.docx|pdf`: the decision, the list attached inside it;
- `certificates/NNN-<name>.docx|pdf`: one certificate per awardee, in list order;
- `in-giay-khen.pdf`: all certificates in list order, ready to print;
- `manifest.json`: input hashes, numbers used, every file with its SHA-256, counts, totals;
- `<number-slug>.zip`: all of the above.
Everything is built in a staging folder beside the target and renamed into place only when
complete, so a failed or interrupted run publishes nothing. The functions here are plain
Python; `flows/award.py` runs them as Prefect tasks, certificates in chunks across processes.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from vanban import __version__, rules, settings
from vanban.award.certificates import CertificateBuilder
from vanban.award.decision import build_decision, decision_number_line, subject_of
from vanban.award.law_used import law_used
from vanban.award.numbers import refs_for_award
from vanban.award.pricing import AwardBatch, PricedAwardee
from vanban.certificate_layouts import layout_for
from vanban.certificate_model import Mode
from vanban.file_names import document_stem
from vanban.publishing import manifest_json, move_into_place, new_staging_dir, sha256_bytes, sha256_file
from vanban.vietnamese.text import slugify

CERT_DIR = "certificates"
PRINT_PDF = "in-giay-khen.pdf"
MANIFEST = "manifest.json"


class OutputFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str  # relative to the package folder, POSIX separators
    sha256: str
    bytes: int
    ref: str  # what it is: "decision", "cert:0007", "print", …


class ChunkResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    files: list[OutputFile]
    print_part: str  # relative path of this chunk's PDF (all its certificates, in order)
    count: int
    seconds: dict[str, float] = {}  # time spent: fit, docx, pdf (for benchmarks)


def package_name(batch: AwardBatch) -> str:
    """`15-QD-LDLD`; without a number, the date and the subject."""
    line = decision_number_line(batch)
    if batch.number is None:
        return f"{batch.date.isoformat()}-" + document_stem(line, subject_of(batch), max_len=60)
    return document_stem(line, "", max_len=40).removesuffix("-van-ban")


def package_parent(out_root: Path, batch: AwardBatch) -> Path:
    return out_root / batch.issuer.id / str(batch.date.year)


def _write(staging: Path, relative: str, data: bytes, ref: str) -> OutputFile:
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return OutputFile(path=relative, sha256=sha256_bytes(data), bytes=len(data), ref=ref)


def render_decision(batch: AwardBatch, staging: Path, formats: tuple[str, ...] = ("docx", "pdf")) -> list[OutputFile]:
    from vanban.render.docx import render_docx
    from vanban.sign.pdfa import render_published_pdf

    document = build_decision(batch)
    stem = document_stem(document.frame.number_line, subject_of(batch))
    out = []
    if "docx" in formats:
        out.append(_write(staging, f"{stem}.docx", render_docx(document), "decision"))
    if "pdf" in formats:
        out.append(_write(staging, f"{stem}.pdf", render_published_pdf(document), "decision"))
    return out


def warm_certificate_renderers(mode: Mode, calibration: str | None = None) -> None:
    """Load the fonts, lay out the design and compile the DOCX template of this layout in this
    process (a rendering worker, or the fork server its workers come from) before a chunk needs
    them: a few seconds per process otherwise paid by its first chunk."""
    from vanban.render import certificate_fast, certificate_pdf

    chosen = layout_for(mode, Path(calibration) if calibration else None)
    fast = settings.current().certificate_renderer == "fast"
    (certificate_fast if fast else certificate_pdf).warm_up(chosen)
    docx_renderer(mode, calibration)


def docx_renderer(mode: Mode, calibration: str | None, emblem: str | None = None):
    """The compiled certificate DOCX template for this layout and emblem (built once per process)."""
    from vanban.resources import template_dir

    return _docx_renderer(mode, calibration, emblem, template_dir())


@functools.cache
def _docx_renderer(mode: Mode, calibration: str | None, emblem: str | None, _templates: Path):
    from vanban.render.certificate_docx import CertificateDocx

    return CertificateDocx(layout_for(mode, Path(calibration) if calibration else None, emblem))


def certificate_stem(position: int, name: str) -> str:
    return f"{position:03d}-{slugify(name, max_len=60)}"


def header_only(batch: AwardBatch) -> AwardBatch:
    """The batch without its awardees: what a certificate chunk needs besides its own items."""
    return batch.model_copy(update={"collectives": [], "individuals": []})


def render_certificate_chunk(
    header: AwardBatch,
    items: list[PricedAwardee],
    first_position: int,
    staging: Path,
    mode: Mode = "full",
    calibration: str | None = None,
    golden_books: Sequence[str | None] | None = None,
    formats: tuple[str, ...] = ("docx", "pdf"),
) -> ChunkResult:
    """Certificates for `items` (list positions from `first_position`), each as DOCX and PDF,
    plus the chunk's PDF for the print file. `header` is `header_only(batch)`: a chunk task
    receives only its own awardees, not the whole list."""
    t0 = time.perf_counter()
    emblem = header.issuer.emblem  # the issuer's own emblem or logo, if its profile names one
    chosen = layout_for(mode, Path(calibration) if calibration else None, emblem)
    books = golden_books or [None] * len(items)
    builder = CertificateBuilder(header, chosen)
    certificates = [
        builder.build(item, first_position + i, book) for i, (item, book) in enumerate(zip(items, books, strict=True))
    ]
    files: list[OutputFile] = []
    stems = [certificate_stem(c.index, c.awardee_name) for c in certificates]
    t1 = time.perf_counter()
    if "docx" in formats:
        renderer = docx_renderer(mode, calibration, emblem)
        for c, stem in zip(certificates, stems, strict=True):
            files.append(_write(staging, f"{CERT_DIR}/{stem}.docx", renderer.render(c), f"cert:{c.index:04d}"))
    t2 = time.perf_counter()
    if settings.current().certificate_renderer == "fast":
        from vanban.render import certificate_fast

        part = f".print/{first_position:06d}{certificate_fast.PART_SUFFIX}"
        (staging / part).parent.mkdir(parents=True, exist_ok=True)
        singles = certificate_fast.render_chunk(certificates, chosen, staging / part, single="pdf" in formats)
    else:
        from vanban.render.certificate_pdf import render_certificates

        chunk_pdf, singles = render_certificates(certificates, chosen, single="pdf" in formats)
        part = f".print/{first_position:06d}.pdf"
        _write(staging, part, chunk_pdf, "print-part")
    for c, stem, data in zip(certificates, stems, singles, strict=False):
        files.append(_write(staging, f"{CERT_DIR}/{stem}.pdf", data, f"cert:{c.index:04d}"))
    t3 = time.perf_counter()
    return ChunkResult(
        files=files, print_part=part, count=len(certificates), seconds={"fit": t1 - t0, "docx": t2 - t1, "pdf": t3 - t2}
    )


def chunks(total: int, size: int) -> list[tuple[int, int]]:
    return [(i, min(i + size, total)) for i in range(0, total, size)]


def finish_package(
    batch: AwardBatch,
    staging: Path,
    target: Path,
    files: list[OutputFile],
    print_parts: list[str],
    inputs: dict[str, Path],
    numbers: dict,
    conversions: list[str],
) -> Path:
    """Join the print PDF, write the manifest and the ZIP, then move the package into place."""
    from vanban.render import certificate_fast

    files = list(files)
    fast = [p for p in print_parts if p.endswith(certificate_fast.PART_SUFFIX)]
    if fast:  # written by the fast renderer: streamed into one file, one design and font subset
        certificate_fast.write_print_pdf([staging / p for p in print_parts], staging / PRINT_PDF)
    elif print_parts:
        # Imported only here: vanban.render.pdf brings WeasyPrint (~2 s of imports in the flow
        # process, on the critical path) and the fast route does not need it.
        from vanban.render.pdf import join_pdfs

        join_pdfs([staging / p for p in print_parts], staging / PRINT_PDF)
    if print_parts:
        files.append(
            OutputFile(
                path=PRINT_PDF,
                sha256=sha256_file(staging / PRINT_PDF),
                bytes=(staging / PRINT_PDF).stat().st_size,
                ref="print",
            )
        )
    for part in print_parts:
        certificate_fast.remove_part(staging / part)
    if (staging / ".print").exists():
        (staging / ".print").rmdir()
    manifest = manifest_for(batch, files, inputs, numbers, conversions)
    (staging / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")
    zip_name = f"{target.name}.zip"
    with zipfile.ZipFile(staging / zip_name, "w") as zf:
        for f in sorted(files, key=lambda f: f.path):
            # DOCX and PDF are compressed already: stored, not deflated again (3 s → 0.3 s for 2,000 files).
            kind = zipfile.ZIP_STORED if f.path.endswith((".docx", ".pdf")) else zipfile.ZIP_DEFLATED
            zf.write(staging / f.path, f"{target.name}/{f.path}", compress_type=kind)
        zf.write(staging / MANIFEST, f"{target.name}/{MANIFEST}", compress_type=zipfile.ZIP_DEFLATED)
    return move_into_place(staging, target)


def manifest_for(
    batch: AwardBatch, files: list[OutputFile], inputs: dict[str, Path], numbers: dict, conversions: list[str]
) -> dict:
    return {
        "generator": f"vanban {__version__}",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "issuer": batch.issuer.id,
        "signer": {"title": batch.session.signer.title, "name": batch.session.signer.name},
        "decision": {
            "number_symbol": rules.bare_number_symbol(decision_number_line(batch)).strip(),
            "date": batch.date.isoformat(),
            "subject": subject_of(batch),
            "form": batch.form_name,
        },
        "numbers": numbers,
        "inputs": {role: {"file": str(path), "sha256": sha256_file(path)} for role, path in inputs.items()},
        "counts": {
            "collectives": len(batch.collectives),
            "individuals": len(batch.individuals),
            "households": len(batch.households),
            "certificates": sum(1 for f in files if f.ref.startswith("cert:") and f.path.endswith(".pdf")),
        },
        "totals": {
            "collectives": sum(p.amount for p in batch.collectives),
            "individuals": sum(p.amount for p in batch.individuals),
            "households": sum(p.amount for p in batch.households),
            "all": batch.total,
        },
        "law": law_used(batch),
        "awardees": [
            {
                "position": i,
                "kind": p.kind,
                "name": p.awardee.name,
                "unit": p.awardee.unit,
                "amount": p.amount,
                "form": p.form_name,
            }
            for i, p in enumerate(batch.awardees, start=1)
        ],
        "converted_cells": conversions,
        "files": [f.model_dump() for f in sorted(files, key=lambda f: f.path)],
    }


def start_package(out_root: Path, batch: AwardBatch) -> tuple[Path, Path]:
    """(staging folder, final folder) for this batch."""
    parent = package_parent(out_root, batch)
    return new_staging_dir(parent), parent / package_name(batch)


def files_by_ref(
    batch: AwardBatch, folder: Path, files: list[OutputFile], certified: list[int] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Published files per register ref: the decision, and each awardee's certificate files.
    `certified`: positions (in `batch.awardees`) of the awardees who got a certificate, in print
    order (all of them when not given)."""
    every = refs_for_award(batch)
    refs = [every[i] for i in certified] if certified is not None else every
    out: dict[str, list[tuple[str, str]]] = {}
    for f in files:
        if f.ref == "decision":
            ref = "decision"
        elif f.ref.startswith("cert:"):
            ref = refs[int(f.ref.split(":")[1]) - 1]
        else:
            continue
        out.setdefault(ref, []).append((str(folder / f.path), f.sha256))
    return out
