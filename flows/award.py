"""The `award` flow: an approved list → decision with its list, certificates, print PDF, package.

A request with `issue: after_approval` (the deployment's default) first renders a draft, shows it
and pauses for approval (`flows.approval`); approval continues below, with the signing date. With
`issue: draft` (the web page's drafting run) the run renders and shows the draft and ends there.

The issuing body reads as the job: read → price → check fit → number → render (decision beside the
certificate chunks) → publish → report. Certificates are rendered in chunks on a process pool, so
both cores lay out pages; the workers are forked warm (fonts, stylesheets, templates loaded). On
the run's own pool the decision and the chunks are plain calls of one `render` task run (a task
run per chunk cost its worker ~0.2 s of Prefect's engine); on a Dask cluster each chunk is a
task. The package is built in a staging folder and moved into place only when every file is
written. Nothing is numbered before the input is fully checked.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Literal
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from flows import progress
from flows.approval import Decided, already_issued, publish_draft, wait_for_approval
from flows.award_report import awardee_rows, publish_artifacts
from flows.chunks import Opaque, run_bounded
from flows.measure import Clock, release_memory
from flows.process_pool import RenderPoolTaskRunner, start_early, workers_start_warm
from flows.worker_life import die_with_parent
from vanban import drafts, preflight, rules, settings
from vanban.award.certificates import certified
from vanban.award.decision import decision_number_line
from vanban.award.model import AwardList
from vanban.award.numbers import award_numbers
from vanban.award.package import (
    ChunkResult,
    OutputFile,
    chunks,
    files_by_ref,
    finish_package,
    header_only,
    render_certificate_chunk,
    render_decision,
    start_package,
    warm_certificate_renderers,
)
from vanban.award.pricing import AwardBatch, PricedAwardee
from vanban.certificate_model import Mode
from vanban.drafts import award_draft
from vanban.i18n import both, tr
from vanban.office.using import office_folder
from vanban.register import Register
from vanban.requests import AwardRequest


class AwardOutcome(BaseModel):
    """What an award run produced, and where the time went (seconds)."""

    folder: str
    awardees: int
    timings: dict[str, float]
    #: issued: the package is in `folder`; draft: `folder` holds the draft, to be issued later (the
    #: request said `issue: draft`, or approval timed out); rejected: the draft was abandoned. Only
    #: `issued` took numbers.
    status: Literal["issued", "draft", "rejected"] = "issued"
    draft_id: str | None = None


def _passes_by_itself(exc: object) -> bool:
    """An OSError (a full or busy disk, a network share hiccup) may pass by itself; bad input and
    bugs fail the same way every time. The rule for the tasks' retries and the render's plain calls."""
    return isinstance(exc, OSError)


def _file_system_trouble(task, task_run, state) -> bool:
    """Retry only what can pass by itself (a full or busy disk, a network share hiccup), never
    bad input or a bug: those fail the same way every time."""
    try:
        exc = state.result(raise_on_failure=False)
    except Exception:
        return False
    return _passes_by_itself(exc)


@task(name="warm-up")
def warm_up_task(mode: Mode, calibration: str | None) -> None:
    """Load fonts, stylesheets and templates in a rendering process while the flow reads the
    list and takes its numbers (process start and imports cost a few seconds per process)."""
    warm_certificate_renderers(mode, calibration)


def decision_in_worker(batch: AwardBatch, staging: Path) -> tuple[list[OutputFile], float]:
    """The decision and its list (DOCX and PDF), in a rendering process; its files and seconds."""
    started = time.perf_counter()
    files = render_decision(batch, staging)
    del batch
    release_memory()
    return files, time.perf_counter() - started


def certificates_in_worker(
    header: AwardBatch,
    items: list[PricedAwardee],
    first_position: int,
    staging: Path,
    mode: Mode,
    calibration: str | None,
    golden_books: list[str] | None,
) -> ChunkResult:
    """One chunk of certificates, in a rendering process."""
    result = render_certificate_chunk(header, items, first_position, staging, mode, calibration, golden_books)
    # The fast route keeps a worker's memory flat (bench/RESULTS.md, table 3): a full collection
    # and malloc_trim after each chunk would cost ~0.15 s of the worker for nothing.
    if settings.current().certificate_renderer != "fast":
        release_memory()
    return result


@task(name="decision", retries=1, retry_delay_seconds=2, retry_condition_fn=_file_system_trouble, cache_policy=NO_CACHE)
def decision_task(batch: Opaque[AwardBatch], staging: Path) -> tuple[list[OutputFile], float]:
    """The decision as a task of its own, on a task runner other than the run's process pool
    (a Dask cluster)."""
    return decision_in_worker(batch.value, staging)


@task(
    name="certificates",
    retries=1,
    retry_delay_seconds=2,
    retry_condition_fn=_file_system_trouble,
    cache_policy=NO_CACHE,
)
def certificates_task(
    header: Opaque[AwardBatch],
    items: Opaque[list[PricedAwardee]],
    first_position: int,
    staging: Path,
    mode: Mode,
    calibration: str | None,
    golden_books: list[str] | None,
) -> ChunkResult:
    """A chunk as a task of its own, on a task runner other than the run's process pool."""
    return certificates_in_worker(header.value, items.value, first_position, staging, mode, calibration, golden_books)


# No cache policy: Prefect would hash every parameter (cloudpickle of the batch and the file list,
# ~0.4 s at 10,000 awardees) for a key nothing reads, and a package is never taken from a cache.
@task(name="package", retries=2, retry_delay_seconds=1, retry_condition_fn=_file_system_trouble, cache_policy=NO_CACHE)
def package_task(
    batch: Opaque[AwardBatch],
    staging: Path,
    target: Path,
    files: Opaque[list[OutputFile]],
    parts: list[str],
    inputs: dict[str, Path],
    numbers: dict,
    conversions: list[str],
) -> Path:
    folder = finish_package(batch.value, staging, target, files.value, parts, inputs, numbers, conversions)
    release_memory()
    return folder


#: Chunk tasks queued per rendering process: enough to keep every process busy, no more.
IN_FLIGHT_PER_WORKER = 3


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


#: Chunks per rendering process when the request leaves the size to the flow: enough to even out
#: the work and move the progress bar, few enough that Prefect's cost per submitted task (~0.1 s
#: of the flow process: its settings and context are serialised for each) stays small.
CHUNKS_PER_WORKER = 4
AUTO_CHUNK_MIN, AUTO_CHUNK_MAX = 25, 250


def chunk_size(request: AwardRequest, certificates: int) -> int:
    """Certificates per task: the request's `chunk_size` when given, else sized to the list."""
    if request.chunk_size is not None:
        return request.chunk_size
    wanted = -(-certificates // (default_workers() * CHUNKS_PER_WORKER))
    return max(AUTO_CHUNK_MIN, min(AUTO_CHUNK_MAX, wanted))


def read_and_check(request: AwardRequest) -> tuple[AwardList, AwardBatch]:
    """Read and price the list, with the signing date and hand-given number of the request when it
    issues a draft; text too long for a certificate is bad input, refused here, before any number
    is taken."""
    award_list = award_draft.dated(award_draft.read(request), request.date, request.number)
    return award_list, award_draft.priced(award_list, request)


class _Certificates:
    """The certificate chunks of one run: what to submit, and what came back."""

    def __init__(self, batch: AwardBatch, golden_books: list[str], staging: Path, request: AwardRequest) -> None:
        # Only awardees whose form has a certificate get one (a Cờ thi đua is a flag, not a paper).
        chosen = certified(batch)
        self.header = header_only(batch)
        self.everyone = [batch.awardees[i] for i in chosen]
        self.books = [golden_books[i] for i in chosen] if golden_books else []
        self.staging, self.mode = staging, request.mode
        self.size = chunk_size(request, len(self.everyone))
        self.calibration = str(Path(request.calibration).resolve()) if request.calibration else None
        self.files: list[OutputFile] = []
        self.parts: dict[int, str] = {}
        self.done = 0
        self.seconds = {"fit": 0.0, "docx": 0.0, "pdf": 0.0}
        self.progress_id: UUID = create_progress_artifact(  # type: ignore[assignment]  # sync call: a UUID
            progress=0.0, key=progress.ARTIFACT_KEY, description=progress.artifact_description(len(self.everyone))
        )

    def submissions(self, pool: RenderPoolTaskRunner | None = None):
        """One callable per chunk that submits it: to `pool` as a plain call, else as a task."""
        for start, stop in chunks(len(self.everyone), self.size):
            args = (
                start + 1,
                self.staging,
                self.mode,
                self.calibration,
                self.books[start:stop] if self.books else None,
            )
            if pool is not None:
                yield lambda start=start, stop=stop, args=args: pool.call(
                    certificates_in_worker, self.header, self.everyone[start:stop], *args
                )
            else:
                # Opaque: Prefect would otherwise walk every awardee model of the payload looking
                # for futures to wait on (6 s of the flow process's CPU for 1,000 awardees).
                yield lambda start=start, stop=stop, args=args: certificates_task.submit(
                    Opaque(self.header), Opaque(self.everyone[start:stop]), *args
                )

    def collect(self, key: int, result: ChunkResult) -> None:
        self.files += result.files
        self.parts[key] = result.print_part
        self.done += result.count
        for name, value in result.seconds.items():
            self.seconds[name] += value
        progress.report(self.done, len(self.everyone))
        update_progress_artifact(self.progress_id, progress=round(100.0 * self.done / max(1, len(self.everyone)), 1))

    def print_parts(self) -> list[str]:
        return [self.parts[k] for k in sorted(self.parts)]


#: What `_passes_by_itself` retries, as the tasks' `retries=1, retry_delay_seconds=2` do.
RETRY_DELAY_SECONDS = 2.0


@task(name="render", cache_policy=NO_CACHE)
def render_task(
    batch: Opaque[AwardBatch], certificates: Opaque[_Certificates], pool: Opaque[RenderPoolTaskRunner]
) -> tuple[list[OutputFile], float]:
    """The decision and every certificate chunk on the run's process pool: one task run, in the
    flow process, handing each piece to a worker as a plain call (`RenderPoolTaskRunner.call`).
    A task run per chunk cost its worker ~0.2 s of Prefect's engine between chunks of ~0.25 s.
    A piece that fails with an OSError is tried once more, as the per-chunk tasks were."""
    runner, work = pool.value, certificates.value
    decision = runner.call(decision_in_worker, batch.value, work.staging)
    run_bounded(
        work.submissions(runner),
        IN_FLIGHT_PER_WORKER * default_workers(),
        work.collect,
        retry_if=_passes_by_itself,
        retry_delay=RETRY_DELAY_SECONDS,
    )
    try:
        return decision.result()
    except OSError:
        time.sleep(RETRY_DELAY_SECONDS)
        return runner.call(decision_in_worker, batch.value, work.staging).result()


@flow(
    name="award",
    validate_parameters=True,
    task_runner=RenderPoolTaskRunner(max_workers=default_workers(), initializer=die_with_parent),  # type: ignore[arg-type]
)
def award_flow(request: AwardRequest) -> AwardOutcome:
    """Draft and wait for approval (unless told to issue now, or only to draft), then issue:
    number, render, publish. The request's office folder, if any, is used for the whole run."""
    if request.issue != "draft":  # a draft is rendered in this process: no rendering workers
        start_early()
    with office_folder(request.office):
        return _award(request)


def _award(request: AwardRequest) -> AwardOutcome:
    if request.issue == "draft":
        draft, issued, awardees = draft_with_previews(request)
        if issued is not None:
            return _handed_back(issued, request)
        get_run_logger().info(both("Đã soạn dự thảo {id}; chưa lấy số", id=draft.id))
        return AwardOutcome(folder=draft.folder, awardees=awardees, timings={}, status="draft", draft_id=draft.id)
    if request.issue == "after_approval" and not request.draft_id:
        decided = draft_for_approval(request)
        if decided.outcome == "already_issued":
            return _handed_back(decided, request)
        if decided.issue_request is None:
            return AwardOutcome(
                folder=decided.draft.folder,
                awardees=0,
                timings={},
                status="draft" if decided.outcome == "timed_out" else "rejected",
                draft_id=decided.draft.id,
            )
        request = decided.issue_request  # type: ignore[assignment]
    return issue_award(request)


def _handed_back(decided: Decided, request: AwardRequest) -> AwardOutcome:
    """The outcome of a run on an input whose draft was issued before: its package, as it is."""
    return AwardOutcome(
        folder=decided.draft.issued_folder or "",
        awardees=len(award_draft.read(request).awardees),
        timings={},
        draft_id=decided.draft.id,
    )


def draft_with_previews(request: AwardRequest) -> tuple[drafts.Draft, Decided | None, int]:
    """Render the draft (no number) and publish its previews (the run's artifacts); the draft, the
    decision when it was issued before (then nothing is published), and the awardees drafted."""
    draft = drafts.draft("award", request)
    if (issued := already_issued(draft)) is not None:
        return draft, issued, 0
    batch = award_draft.draft_batch(award_draft.read(request), request)
    publish_draft(draft, award_draft.draft_summary(batch), awardee_rows(batch))
    return draft, None, len(batch.awardees)


def draft_for_approval(request: AwardRequest) -> Decided:
    """Render the draft (no number), publish its previews, pause until a person decides; a draft
    issued before is handed back as it is."""
    draft, issued, _ = draft_with_previews(request)
    return issued or wait_for_approval(draft, request)


def _run_pool() -> RenderPoolTaskRunner | None:
    """The run's own process pool, when its task runner is one (`render_task` uses it directly)."""
    from prefect.context import FlowRunContext

    run = FlowRunContext.get()
    runner = run.task_runner if run is not None else None
    return runner if isinstance(runner, RenderPoolTaskRunner) else None


def _workers_start_warm() -> bool:
    """The run's rendering processes are forked from the warmed fork server (no warm-up tasks:
    each costs the flow process more to submit than it saves a worker)."""
    from prefect.context import FlowRunContext

    run = FlowRunContext.get()
    return run is not None and workers_start_warm(run.task_runner)


def issue_award(request: AwardRequest) -> AwardOutcome:
    """Read and price the list, number it, render everything, publish the package."""
    clock = Clock()
    calibration = str(Path(request.calibration).resolve()) if request.calibration else None
    warming = (
        []
        if _workers_start_warm()
        else [warm_up_task.submit(request.mode, calibration) for _ in range(default_workers())]
    )

    progress.stage(tr("Đọc và kiểm tra danh sách"))
    award_list, batch = read_and_check(request)
    # Absolute: links in the run's report and the register name files wherever they are read from.
    root = (Path(request.output_dir) if request.output_dir else settings.current().output_root).resolve()
    preflight.check_output_folder(root)  # a read-only folder must not cost the numbers below
    register = Register()
    progress.stage(tr("Lấy số từ sổ đăng ký"))
    numbers = award_numbers(register, award_list, batch, source=str(request.session_path or request.list_path))
    batch = batch.model_copy(update={"number": numbers.document})
    staging, target = start_package(root, batch)
    clock.mark("read")

    progress.stage(tr("In quyết định và giấy khen"))
    certificates = _Certificates(batch, numbers.golden_books, staging, request)
    pool = _run_pool()
    if pool is not None:
        decision_files, decision_seconds = render_task(Opaque(batch), Opaque(certificates), Opaque(pool))
    else:  # another task runner (a Dask cluster): a task per chunk, wherever it runs
        decision = decision_task.submit(Opaque(batch), staging)
        run_bounded(certificates.submissions(), IN_FLIGHT_PER_WORKER * default_workers(), certificates.collect)
        decision_files, decision_seconds = decision.result()
    files = certificates.files + decision_files
    for fut in warming:
        fut.wait()
    clock.mark("rendered")

    used = {
        "decision": rules.bare_number_symbol(decision_number_line(batch)),
        "register_batch": numbers.batch_key,
        "golden_book": {"first": numbers.golden_books[0], "last": numbers.golden_books[-1]}
        if numbers.golden_books
        else None,
    }
    inputs = {
        "list": Path(request.list_path),
        **({"session": Path(request.session_path)} if request.session_path else {}),
    }
    progress.stage(tr("Đóng gói"))
    folder = package_task(
        Opaque(batch),
        staging,
        target,
        Opaque(files),
        certificates.print_parts(),
        inputs,
        used,
        [str(c) for c in award_list.conversions],
    )
    assert numbers.batch_key is not None  # an award session is always registered
    register.publish(numbers.batch_key, files_by_ref(batch, folder, files, certified(batch)))
    drafts.record_issue(
        request,
        number_symbol=str(used["decision"]),
        batch_key=numbers.batch_key,
        folder=folder,
        files=sorted(p.name for p in folder.iterdir() if p.is_file()),
        register=register,
    )
    clock.mark("packaged")

    publish_artifacts(batch, folder, files, used)
    get_run_logger().info("package written: %s", folder)
    return AwardOutcome(
        folder=str(folder),
        awardees=len(batch.awardees),
        timings=_timings(clock, certificates, decision_seconds),
        draft_id=request.draft_id,
    )


def _timings(clock: Clock, certificates: _Certificates, decision_seconds: float) -> dict[str, float]:
    return {
        "read_and_price": clock.between(None, "read"),
        "decision": decision_seconds,
        "render_wall": clock.between("read", "rendered"),
        "package": clock.between("rendered", "packaged"),
        "flow_body": clock.elapsed(),
        **{f"certificates_{k}": v for k, v in certificates.seconds.items()},
        **{
            f"rss_mb_after_{k}": v
            for k, v in (
                ("read", clock.memory["read"]),
                ("render", clock.memory["rendered"]),
                ("package", clock.memory["packaged"]),
            )
        },
    }


def run_award(workers: int | None = None, task_runner=None, **params) -> AwardOutcome:
    """Run the flow in this process, issuing at once unless `issue="after_approval"` is passed.
    Rendering goes to `task_runner` when given (e.g. a Dask cluster, see flows/dask_runner.py),
    else to a pool of `workers` processes (default: cores)."""
    params.setdefault("issue", "now")
    request = AwardRequest(**{k: (str(v) if isinstance(v, Path) else v) for k, v in params.items() if v is not None})
    if task_runner is None:
        start_early()  # the workers' imports overlap with Prefect creating the flow run
    runner = task_runner or RenderPoolTaskRunner(max_workers=workers or default_workers(), initializer=die_with_parent)
    return award_flow.with_options(task_runner=runner)(request=request)  # type: ignore[arg-type]
