"""Rendering workers forked from a server that imported the renderers once.

Prefect's `ProcessPoolTaskRunner` starts its workers with `spawn`: every worker is a fresh
interpreter that imports Prefect, vanban, WeasyPrint and the fonts' bindings before its first
task — ~3 s of CPU each, on a 2-core office PC the length of the whole certificate batch, paid
again by every run of a long-lived process (`vanban serve`, the inbox, the web page). With the
`forkserver` start method those imports happen once, in the fork server, which can start as
soon as the command does (`start_early`), while Prefect creates the flow run and the list is
read; each worker is then a `fork()` of it, ready in milliseconds, its imported code shared
copy-on-write with the others.

The fork server is one process per parent, kept for the parent's life. Its environment is the
one it started with, so it drops vanban's variables on start (`flows.forkserver_env`): Prefect
applies the parent's current environment to every task it runs in a worker, and a variable the
parent has since removed (an office folder, a data folder) must not linger in the worker.

`VANBAN_WORKER_START=spawn` (settings: `worker_start`) keeps Prefect's own start method.
"""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any

from prefect import task_runners
from prefect.task_runners import ProcessPoolTaskRunner

from vanban import settings

#: Imported once by the fork server: what a rendering task needs (flows.award pulls in Prefect,
#: the award package and the drafts; the renderers bring WeasyPrint, python-docx, HarfBuzz).
PRELOAD = [
    "flows.forkserver_env",  # first: drops VANBAN_* from the server's environment
    "flows.award",
    "flows.document",
    "vanban.render.certificate_fast",
    "vanban.render.certificate_docx",
    "vanban.render.docx",
    "vanban.render.pdf",
    "vanban.sign.pdfa",
]

_lock = threading.Lock()


def start_method() -> str:
    return "spawn" if settings.current().worker_start == "spawn" else "forkserver"


def start_early() -> None:
    """Start the fork server now, in the background: its imports overlap with the caller's
    work until the first worker is asked for. Does nothing with `spawn`, or if started."""
    if start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


class _ForkserverContexts:
    """Stands in for the `multiprocessing` module inside Prefect's task runner module while a
    pool is being created: `get_context("spawn")` answers the fork server's context."""

    def __getattr__(self, name: str) -> Any:
        return getattr(multiprocessing, name)

    @staticmethod
    def get_context(method: str | None = None):
        if method == "spawn":
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            return context
        return multiprocessing.get_context(method)


class RenderPoolTaskRunner(ProcessPoolTaskRunner):
    """Prefect's process pool with workers forked from the preloaded fork server.

    Prefect chooses the start method inside `__enter__` (`multiprocessing.get_context("spawn")`);
    it is redirected only for that call, only in Prefect's module. A Prefect that chooses its
    context otherwise simply keeps `spawn`: slower, never wrong."""

    def __enter__(self):
        if start_method() != "forkserver":
            return super().__enter__()
        with _lock:
            original = task_runners.multiprocessing
            task_runners.multiprocessing = _ForkserverContexts()  # type: ignore[assignment]
            try:
                return super().__enter__()
            finally:
                task_runners.multiprocessing = original
