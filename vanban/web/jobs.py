"""Issuing in the background, one draft at a time, with its progress for the page to show.

Issuing an award session renders every certificate: minutes for a long list. The page hands the
job to one worker thread and returns at once; the issue page then polls `/ban-hanh/<id>/tien-do`
and shows "Giấy khen 120/400". One job at a time per process: the award flow already uses every
core, and the progress hook of the flows is one per process.

The runner (`runner(kind, request, report)`) runs the kind's job; `vanban web serve` passes the
one of `vanban.web.cli`, which starts the kind's flow with `report(done, total)` as its progress
hook. Tests pass their own.
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

Report = Callable[[int, int], None]
WebRunner = Callable[[kinds.Kind, Any, Report], Any]
State = Literal["queued", "running", "done", "failed"]


def in_process(kind: kinds.Kind, request: Any, report: Report) -> Any:
    """The kind's flow in this process, without progress (what `vanban.drafts.issue` does itself)."""
    return kinds.load_flow(kind)(request=request)


@dataclass
class Job:
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

        def report(done: int, total: int) -> None:
            job.done, job.total = done, total

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
        except Exception as exc:  # the page must say it failed, not spin forever
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
        if self.on_done is not None:
            try:
                self.on_done(job)
            except Exception:
                pass
