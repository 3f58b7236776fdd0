"""The `award` flow: an approved list → decision with its list, certificates, print PDF, package.

Certificates are rendered in chunks (one Prefect task per chunk of documents, not per document:
a process-pool task costs ~60 ms of orchestration here) on a process pool, so both cores lay out
pages. Each worker process loads fonts, stylesheets and templates once. The decision renders as
one more task beside them. The package is built in a staging folder and moved into place only
when every file is written.
"""

from __future__ import annotations

import ctypes
import gc
import os
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import (create_markdown_artifact, create_progress_artifact, create_table_artifact,
                               update_progress_artifact)
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner
from pydantic import BaseModel

from flows import progress
from flows.params import AwardRequest
from vanban import rules
from vanban.award import AwardBatch, price
from vanban.award_package import (ChunkResult, OutputFile, chunks, finish_package, header_only, render_certificate_chunk,
                                  render_decision, start_package)
from vanban.documents.certificate import fit_problems, layout_for
from vanban.documents.decision import decision_number_line
from vanban.errors import InputError
from vanban.inputs.award_list import read_award_list
from vanban.numbering import award_numbers, refs_for_award
from vanban.paths import OUTPUTS
from vanban.register import Register
from vanban.vietnamese.money import format_money


class AwardOutcome(BaseModel):
    """What an award run produced, and where the time went (seconds)."""

    folder: str
    awardees: int
    timings: dict[str, float]


def release_memory() -> None:
    """Give freed memory back to the system (glibc keeps it otherwise): a worker that built a
    10,000-row list would sit on ~400 MB for the rest of the run."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _file_system_trouble(task, task_run, state) -> bool:
    """Retry only what can pass by itself (a full or busy disk, a network share hiccup), never
    bad input or a bug: those fail the same way every time."""
    try:
        exc = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - a result that cannot be read is not worth a retry
        return False
    return isinstance(exc, OSError)


@task(name="warm-up")
def warm_up_task(mode: str, calibration: str | None) -> None:
    """Load fonts, stylesheets and templates in a rendering process while the flow reads the
    list and takes its numbers (process start and imports cost a few seconds per process)."""
    from vanban.award_package import _docx_renderer
    from vanban.render.certificate_pdf import warm_up

    warm_up(layout_for(mode, Path(calibration) if calibration else None))
    _docx_renderer(mode, calibration)


@task(name="decision", retries=1, retry_delay_seconds=2, retry_condition_fn=_file_system_trouble)
def decision_task(batch: AwardBatch, staging: Path) -> tuple[list[OutputFile], float]:
    t0 = time.perf_counter()
    files = render_decision(batch, staging)
    seconds = time.perf_counter() - t0
    del batch
    release_memory()
    return files, seconds


@task(name="certificates", retries=1, retry_delay_seconds=2, retry_condition_fn=_file_system_trouble)
def certificates_task(header: AwardBatch, items, first_position: int, staging: Path, mode: str,
                      calibration: str | None, golden_books: list[str | None] | None) -> ChunkResult:
    result = render_certificate_chunk(header, items, first_position, staging, mode, calibration, golden_books)
    release_memory()
    return result


@task(name="package", retries=2, retry_delay_seconds=1, retry_condition_fn=_file_system_trouble)
def package_task(batch: AwardBatch, staging: Path, target: Path, files: list[OutputFile], parts: list[str],
                 inputs: dict[str, Path], numbers: dict, conversions: list[str]) -> Path:
    folder = finish_package(batch, staging, target, files, parts, inputs, numbers, conversions)
    release_memory()
    return folder


#: Chunk tasks queued per rendering process: enough to keep every process busy, no more.
IN_FLIGHT_PER_WORKER = 3
#: The awardee table artifact shows at most this many rows (Prefect refuses events over ~1.5 MB).
ARTIFACT_ROWS = 2000


def _rss_mb() -> float:
    """This process's resident memory (MB), for the benchmark's account of where memory goes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))




@flow(name="award", validate_parameters=True, task_runner=ProcessPoolTaskRunner(max_workers=default_workers()))
def award_flow(request: AwardRequest) -> AwardOutcome:
    """Read and price the list, render everything, publish the package."""
    logger = get_run_logger()
    clock = {"start": time.perf_counter()}
    list_path, session_path, output_dir = request.list_path, request.session_path, request.output_dir
    mode, order, calibration, chunk_size = request.mode, request.order, request.calibration, request.chunk_size
    calibration_str = str(Path(calibration).resolve()) if calibration else None
    warming = [warm_up_task.submit(mode, calibration_str) for _ in range(default_workers())]
    award_list = read_award_list(Path(list_path), Path(session_path) if session_path else None)
    batch = price(award_list, order=order)
    # Text too long for a certificate is bad input: refused before any number is taken.
    too_long = fit_problems(batch, layout_for(mode, Path(calibration) if calibration else None))
    if too_long:
        raise InputError(too_long)
    register = Register()
    numbers = award_numbers(register, award_list, batch, source=str(session_path or list_path))
    batch = batch.model_copy(update={"number": numbers.document})
    staging, target = start_package(Path(output_dir) if output_dir else OUTPUTS, batch)
    clock["read"] = time.perf_counter()
    rss = {"after_read": _rss_mb()}
    header = header_only(batch)
    golden_books = numbers.golden_books
    everyone = batch.awardees
    parts: dict[int, str] = {}
    files: list[OutputFile] = []
    done = 0
    worker = {"fit": 0.0, "docx": 0.0, "pdf": 0.0}
    progress_id = create_progress_artifact(progress=0.0, key="award-progress",
                                           description=f"Giấy khen đã tạo / {len(everyone)}")
    decision = decision_task.submit(batch, staging)
    # Stream the chunks: at most a few per worker in flight, so a 10,000-awardee list never has
    # all its chunks' payloads queued in memory at once.
    pending = iter(chunks(len(everyone), chunk_size))
    in_flight: dict = {}

    def submit_next() -> None:
        for start, stop in pending:
            fut = certificates_task.submit(header, everyone[start:stop], start + 1, staging, mode, calibration_str,
                                           golden_books[start:stop] if golden_books else None)
            in_flight[fut] = start
            return

    for _ in range(IN_FLIGHT_PER_WORKER * default_workers()):
        submit_next()
    while in_flight:
        fut = next(iter(as_completed(list(in_flight))))
        start = in_flight.pop(fut)
        submit_next()
        result = fut.result()
        files += result.files
        parts[start] = result.print_part
        done += result.count
        for k, v in result.seconds.items():
            worker[k] += v
        progress.report(done, len(everyone))
        update_progress_artifact(progress_id, progress=round(100.0 * done / max(1, len(everyone)), 1))
    decision_files, decision_seconds = decision.result()
    for fut in warming:
        fut.wait()
    files += decision_files
    clock["rendered"] = time.perf_counter()
    rss["after_render"] = _rss_mb()
    inputs = {"list": Path(list_path)}
    if session_path:
        inputs["session"] = Path(session_path)
    used = {"decision": rules.bare_number_symbol(decision_number_line(batch)), "register_batch": numbers.batch_key,
            "golden_book": {"first": golden_books[0], "last": golden_books[-1]} if golden_books else None}
    conversions = [str(c) for c in award_list.conversions]
    folder = package_task(batch, staging, target, files, [parts[k] for k in sorted(parts)], inputs, used,
                          conversions)
    register.publish(numbers.batch_key, files_by_ref(batch, folder, files))
    clock["packaged"] = time.perf_counter()
    rss["after_package"] = _rss_mb()
    publish_artifacts(batch, folder, files, used)
    logger.info("package written: %s", folder)
    timings = {"read_and_price": clock["read"] - clock["start"], "render_wall": clock["rendered"] - clock["read"],
               "package": clock["packaged"] - clock["rendered"], "flow_body": time.perf_counter() - clock["start"],
               "decision": decision_seconds, **{f"certificates_{k}": v for k, v in worker.items()},
               **{f"rss_mb_{k}": v for k, v in rss.items()}}
    return AwardOutcome(folder=str(folder), awardees=len(everyone), timings=timings)


def files_by_ref(batch: AwardBatch, folder: Path, files: list[OutputFile]) -> dict[str, list[tuple[str, str]]]:
    """Published files per register ref: the decision, and each awardee's certificate files."""
    refs = refs_for_award(batch)
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


def publish_artifacts(batch: AwardBatch, folder: Path, files: list[OutputFile], used: dict) -> None:
    shown = batch.awardees[:ARTIFACT_ROWS]
    more = len(batch.awardees) - len(shown)
    create_table_artifact(
        key="award-awardees",
        table=[{"TT": i, "Loại": "Tập thể" if p.kind == "collective" else "Cá nhân", "Tên": p.awardee.name,
                "Đơn vị": p.awardee.unit or "", "Số tiền (đồng)": format_money(p.amount)}
               for i, p in enumerate(shown, start=1)],
        description=f"Danh sách khen thưởng — {len(batch.awardees)} tập thể, cá nhân"
                    + (f" (first {len(shown)} shown; the full list is in the package's manifest)" if more else ""))
    decision_files = [f for f in files if f.ref == "decision"]
    books = used.get("golden_book") or {}
    lines = [f"# Quyết định số {used['decision']}",
             "", f"- Tập thể: {len(batch.collectives):02d}, cá nhân: {len(batch.individuals):02d}",
             f"- Tổng số tiền: {format_money(batch.total)} đồng",
             f"- Số sổ vàng: {books.get('first', '')} – {books.get('last', '')}",
             f"- Gói: `{folder}`", ""]
    lines += [f"- [{f.path}]({(folder / f.path).as_uri()})" for f in decision_files]
    lines.append(f"- [in-giay-khen.pdf]({(folder / 'in-giay-khen.pdf').as_uri()})")
    create_markdown_artifact(key="award-summary", markdown="\n".join(lines),
                             description="Kết quả tạo quyết định và giấy khen")


def run_award(workers: int | None = None, task_runner=None, **params) -> AwardOutcome:
    """Run the flow in this process. Rendering goes to `task_runner` when given (e.g. a Dask
    cluster, see flows/dask_runner.py), else to a pool of `workers` processes (default: cores)."""
    request = AwardRequest(**{k: (str(v) if isinstance(v, Path) else v) for k, v in params.items() if v is not None})
    runner = task_runner or ProcessPoolTaskRunner(max_workers=workers or default_workers())
    return award_flow.with_options(task_runner=runner)(request=request)
