"""Issuing in the background, one draft at a time, with its progress for the page to show; and
drafting through a run elsewhere (`DraftJobs`).

Issuing an award session renders every certificate: minutes for a long list. The page hands the
job to one worker thread and returns at once; the issue page then polls `/ban-hanh/<id>/tien-do`
and shows "Giấy khen 120/400". One job at a time per process: the award flow already uses every
core, and the progress hook of the flows is one per process.

Drafting takes seconds, but when the page runs through Prefect it is a flow run of the kind's
deployment too (`issue: draft`), which waits for a machine like any run: `DraftJobs` starts it
from a thread of its own (the thread only waits: the run renders elsewhere), the page waits a
little for it and otherwise shows the same waiting state as while issuing.

The runner (`runner(kind, request, report)`) runs the kind's job and tells the page through
`report` (a `Report`): `report(done, total)` for certificates done, and `report.run(RunSeen(…))`
for a run it started elsewhere (a Prefect flow run of the kind's deployment: its state, its id
and its page in the Prefect UI). `vanban web serve` passes `flows.web_runs.deployment_runner`
(runs through the Prefect server) or `vanban.web.cli.flow_runner` (the flow in this process);
tests pass their own. Nothing here knows Prefect: the runner says what it saw in plain words.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from vanban import drafts, kinds
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.register import Register

State = Literal["queued", "running", "done", "failed"]

#: How long a run may wait for a machine before the page says nobody seems to serve it.
WAITING_LONG_S = 30.0


@dataclass(frozen=True)
class RunSeen:
    """A run the runner started elsewhere, as it last saw it."""

    #: The orchestrator's name of the state: Scheduled, Pending, Running, Completed, Failed …
    state: str
    #: The run's id and its page (the Prefect UI), for the clerk to open.
    run_id: str | None = None
    url: str | None = None
    #: Waiting to start for longer than `WAITING_LONG_S`: no machine serves the deployment.
    waiting_long: bool = False


class RunFailed(Exception):
    """A run started elsewhere did not finish; the message is for the clerk (her language)."""


class Report:
    """What a runner tells the page: `report(done, total)`, and `report.run(seen)`."""

    def __init__(
        self,
        on_count: Callable[[int, int], None] | None = None,
        on_run: Callable[[RunSeen], None] | None = None,
    ) -> None:
        self._on_count, self._on_run = on_count, on_run

    def __call__(self, done: int, total: int) -> None:
        if self._on_count is not None:
            self._on_count(done, total)

    def run(self, seen: RunSeen) -> None:
        if self._on_run is not None:
            self._on_run(seen)


WebRunner = Callable[[kinds.Kind, Any, Report], Any]


def waiting_words(state: str, waiting_long: bool) -> str:
    """A run's state in the clerk's words (the page, while she waits)."""
    if state in ("Scheduled", "Late", "Pending", "AwaitingRetry", "AwaitingConcurrencySlot"):
        if waiting_long:
            return tr("Chưa có máy nào chạy lượt này ({state}): cần chạy vanban serve", state=state)
        return tr("Đang chờ máy chạy ({state})", state=state)
    if state in ("Running", "Retrying"):
        return tr("Đang chạy")
    if state == "Paused":
        return tr("Đang dừng chờ duyệt ({state})", state=state)
    return state


def in_process(kind: kinds.Kind, request: Any, report: Report) -> Any:
    """The kind's flow in this process, without progress (what `vanban.drafts.issue` does itself)."""
    return kinds.load_flow(kind)(request=request)


@dataclass(kw_only=True)
class Followed:
    """The run a job's runner started elsewhere (a Prefect flow run), when it did: its state, id
    and page, as last reported."""

    run_state: str | None = None
    flow_run_id: str | None = None
    run_url: str | None = None
    run_waiting_long: bool = False

    @property
    def run_words(self) -> str | None:
        """The run's state in the clerk's words, while the job runs."""
        return waiting_words(self.run_state, self.run_waiting_long) if self.run_state else None

    def saw(self, run: RunSeen) -> None:
        self.run_state, self.run_waiting_long = run.state, run.waiting_long
        self.flow_run_id = run.run_id or self.flow_run_id
        self.run_url = run.url or self.run_url


@dataclass
class Job(Followed):
    draft_id: str
    date: dt.date
    number: int | None
    approved_by: str
    username: str = ""  # the account that asked (the audit log)
    state: State = "queued"
    done: int = 0
    total: int | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    package: drafts.IssuedPackage | None = None


class Jobs:
    """The issuing queue of this process."""

    def __init__(self, runner: WebRunner | None = None, on_done: Callable[[Job], None] | None = None) -> None:
        self.runner = runner or in_process
        self.on_done = on_done
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def get(self, draft_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(draft_id)

    def submit(self, draft_id: str, *, date: dt.date, number: int | None, approved_by: str, username: str = "") -> Job:
        """Queue issuing the draft; a draft already queued or running keeps its job."""
        with self._lock:
            current = self._jobs.get(draft_id)
            if current is not None and current.state in ("queued", "running"):
                return current
            job = Job(draft_id=draft_id, date=date, number=number, approved_by=approved_by, username=username)
            self._jobs[draft_id] = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="vanban-web-issue", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def wait(self, draft_id: str, timeout: float = 600.0) -> Job | None:
        """Block until the job is finished (tests, and a page that wants the result at once)."""
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.get(draft_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.05)
        return self.get(draft_id)

    def _work(self) -> None:
        while True:
            try:
                job = self._queue.get(timeout=5)
            except queue.Empty:
                return
            self._run(job)

    def _run(self, job: Job) -> None:
        job.state = "running"

        def count(done: int, total: int) -> None:
            job.done, job.total = done, total

        report = Report(count, job.saw)
        try:
            job.package = drafts.issue(
                job.draft_id,
                date=job.date,
                number=job.number,
                approved_by=job.approved_by,
                runner=lambda kind, request: self.runner(kind, request, report),
            )
            job.state = "done"
        except InputError as exc:
            job.problems = list(exc.problems)
            job.state = "failed"
        except RunFailed as exc:  # already in the clerk's words
            job.error = str(exc)
            job.state = "failed"
        except Exception as exc:  # the page must say it failed, not spin forever
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
        if self.on_done is not None:
            try:
                self.on_done(job)
            except Exception:
                pass


#: Seconds the page waits for a drafting run before it shows the waiting page instead.
DRAFT_WAIT_S = 20.0


@dataclass
class DraftJob(Followed):
    """A draft being made by a run elsewhere. Its id is known before the run starts: the page
    checked the input and computed it (`vanban.drafts.check`), and finds the draft by it after."""

    draft_id: str
    kind: str
    issuer_id: str
    subject: str
    username: str = ""  # the account that asked (the audit log)
    client: str | None = None
    state: State = "queued"
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    record: drafts.Draft | None = None


class DraftJobs:
    """Drafting through `runner` (a run of the kind's deployment, `issue: draft`), one thread per
    draft; the page reads the draft from the register by its id when the run is done. Without a
    runner the page drafts in its own process (`vanban.drafts.draft`), as with `--runs here`."""

    def __init__(
        self,
        runner: WebRunner | None = None,
        *,
        register: Register | None = None,
        on_done: Callable[[DraftJob], None] | None = None,  # with `record` set when it drafted
        wait_s: float = DRAFT_WAIT_S,
    ) -> None:
        self.runner, self.register, self.on_done, self.wait_s = runner, register, on_done, wait_s
        self._jobs: dict[str, DraftJob] = {}
        self._lock = threading.Lock()

    def get(self, draft_id: str) -> DraftJob | None:
        with self._lock:
            return self._jobs.get(draft_id)

    def submit(
        self, kind: kinds.Kind, request: Any, checked: drafts.Checked, *, by: str, username: str, client: str | None
    ) -> DraftJob:
        """Start the drafting run of `request` (checked: `checked`); a draft being made keeps its job."""
        assert self.runner is not None, "drafting in this process needs no job"
        with self._lock:
            current = self._jobs.get(checked.id)
            if current is not None and current.state in ("queued", "running"):
                return current
            job = DraftJob(
                draft_id=checked.id,
                kind=kind.id,
                issuer_id=checked.issuer_id,
                subject=checked.subject,
                username=username,
                client=client,
            )
            self._jobs[checked.id] = job
        wanted = request.model_copy(update={"issue": "draft", "drafted_by": by, "draft_id": None})
        threading.Thread(target=self._run, args=(job, kind, wanted), name="vanban-web-draft", daemon=True).start()
        return job

    async def settled(self, draft_id: str, timeout: float) -> DraftJob | None:
        """The job once it is done or failed, or as it is after `timeout` seconds (the page's
        request waits here without holding the event loop)."""
        import asyncio
        import time

        end = time.monotonic() + timeout
        while (job := self.get(draft_id)) is not None and job.state not in ("done", "failed"):
            if time.monotonic() >= end:
                break
            await asyncio.sleep(0.1)
        return job

    def wait(self, draft_id: str, timeout: float = 600.0) -> DraftJob | None:
        """Block until the job is finished (tests)."""
        import time

        end = time.monotonic() + timeout
        while (job := self.get(draft_id)) is not None and job.state not in ("done", "failed"):
            if time.monotonic() >= end:
                break
            time.sleep(0.05)
        return job

    def _run(self, job: DraftJob, kind: kinds.Kind, request: Any) -> None:
        assert self.runner is not None
        job.state = "running"
        try:
            self.runner(kind, request, Report(None, job.saw))
            job.record = self._drafted(job)
        except InputError as exc:
            job.problems = list(exc.problems)
        except RunFailed as exc:  # already in the clerk's words
            job.error = str(exc)
        except Exception as exc:  # the page must say it failed, not spin forever
            job.error = f"{type(exc).__name__}: {exc}"
        if self.on_done is not None:  # before the page sees the job finished (the audit log)
            try:
                self.on_done(job)
            except Exception:
                pass
        job.state = "done" if job.record is not None else "failed"

    def _drafted(self, job: DraftJob) -> drafts.Draft:
        """The draft the run made, from the register; a run that wrote elsewhere fails the job."""
        try:
            return drafts.get(job.draft_id, register=self.register)
        except drafts.DraftError:
            raise RunFailed(
                tr(
                    "Lượt soạn dự thảo đã xong nhưng sổ đăng ký không có dự thảo {id}: trang web và máy chạy "
                    "vanban serve phải dùng chung sổ đăng ký, thư mục kết quả và thư mục cơ quan "
                    "(VANBAN_DATA_DIR hoặc VANBAN_DATABASE_URL, VANBAN_OUTPUTS, VANBAN_OFFICE).",
                    id=job.draft_id,
                )
            ) from None
