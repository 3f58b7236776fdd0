"""Rendering workers forked from a server that imported the renderers once.

Prefect's `ProcessPoolTaskRunner` starts its workers with `spawn`: every worker is a fresh
interpreter that imports Prefect, vanban, WeasyPrint and the fonts' bindings before its first
task — ~3 s of CPU each, on a 2-core office PC the length of the whole certificate batch, paid
again by every run of a long-lived process (`vanban serve`, the inbox, the web page). With the
`forkserver` start method each worker is instead a `fork()` of one server process, ready in
milliseconds, its imported code shared copy-on-write with the others.

Where the fork server comes from (`start_early`, called at the top of a command or run):
- **forked from the caller** when the caller has already imported the renderers and runs no other
  thread (the CLI, the resident process, `bench/award.py`): the server is a `fork()` of it, ready
  at once, its pages shared with the caller. multiprocessing's own fork server would start a new
  interpreter and import everything again (~3.6 s on the 2-core machine, the critical path of a
  cold 1,000-awardee run, competing for the cores with the flow's reading). A fork copies only
  the calling thread, hence the single-thread condition: a lock held by another thread would stay
  held in the server and in every worker.
- else **started by multiprocessing**, importing `PRELOAD` (e.g. a test process with threads).
Either way the server forgets vanban's variables (`flows.forkserver_env`) and lays out the
default certificate designs and loads the fonts once, so workers start warm.

The fork server is one process per parent, kept for the parent's life (it ends when the last
process holding its "alive" pipe ends). `VANBAN_WORKER_START=spawn` (settings: `worker_start`)
keeps Prefect's own start method.
"""

from __future__ import annotations

import concurrent.futures
import inspect
import multiprocessing
import os
import pickle
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

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
    "flows.process_pool",  # last: warms the renderers (`_warm_in_fork_server`)
]

_lock = threading.Lock()
R = TypeVar("R")


def start_method() -> str:
    return "spawn" if settings.current().worker_start == "spawn" else "forkserver"


def start_early() -> None:
    """Start the fork server now: forked from this process when that is safe, else in the
    background (its imports overlap with the caller's work until the first worker is asked for).
    Does nothing with `spawn`, or if started."""
    if start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    if not _fork_server_from_here():
        forkserver.ensure_running()


def _forkable() -> bool:
    """This process may become the fork server's parent by `fork()`: one thread, and a standard
    library whose fork server we know how to start (3.11–3.12: `main(listener_fd, alive_r,
    preload, main_path, sys_path)`; 3.13 added an authentication key and is left to
    multiprocessing)."""
    from multiprocessing import forkserver

    server = forkserver._forkserver
    known = ("_lock", "_forkserver_pid", "_forkserver_address", "_forkserver_alive_fd")
    try:
        parameters = list(inspect.signature(forkserver.main).parameters)
    except (TypeError, ValueError):
        return False
    return (
        threading.active_count() == 1
        and all(hasattr(server, name) for name in known)
        and parameters == ["listener_fd", "alive_r", "preload", "main_path", "sys_path"]
    )


def _fork_server_from_here() -> bool:
    """Fork this process into the fork server (see the module's docstring); False when it is not
    safe here, and multiprocessing should start one."""
    from multiprocessing import connection, forkserver, resource_tracker

    if not _forkable():
        return False
    server: Any = forkserver._forkserver
    with server._lock:
        if server._forkserver_pid is not None:
            try:
                pid, _ = os.waitpid(server._forkserver_pid, os.WNOHANG)
            except ChildProcessError:
                return True  # a parent's server, inherited (the resident process's commands)
            if not pid:
                return True  # alive
            os.close(server._forkserver_alive_fd)
            server._forkserver_address = server._forkserver_alive_fd = server._forkserver_pid = None
        resource_tracker.ensure_running()  # a process of its own: started before the fork
        if threading.active_count() != 1:
            return False
        listener = socket.socket(socket.AF_UNIX)
        address = connection.arbitrary_address("AF_UNIX")  # type: ignore[attr-defined]
        listener.bind(address)
        os.chmod(address, 0o600)
        listener.listen()
        # The caller and every process it forks later hold the write end; when they are all gone
        # the server reads EOF and ends (multiprocessing's own protocol).
        alive_r, alive_w = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()  # not written twice by the child's copy of the buffer
            except (AttributeError, OSError, ValueError):
                pass
        pid = os.fork()
        if pid == 0:  # the fork server
            code = 0
            try:
                os.close(alive_w)
                server._lock = threading.Lock()  # the copy is held: this thread held it
                server._forkserver_address = server._forkserver_alive_fd = server._forkserver_pid = None
                _become_fork_server()
                forkserver.main(listener.detach(), alive_r, [], None, None)
            except SystemExit:
                pass
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # never the caller's atexit handlers or buffers
        os.close(alive_r)
        listener.close()
        server._forkserver_address = address
        server._forkserver_alive_fd = alive_w
        server._forkserver_pid = pid
    return True


def _become_fork_server() -> None:
    import importlib

    from flows.forkserver_env import forget_vanban_environment

    forget_vanban_environment()
    for name in PRELOAD:  # what the caller has not imported yet (usually nothing)
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    _warm()
    import gc

    gc.freeze()  # the caller's objects stay shared pages in every worker: no collection touches them


def _warm() -> None:
    """Lay out the default certificate designs and load the fonts and the certificate DOCX
    templates once, in the fork server, instead of once per worker. Anything it cannot do (an
    unreadable template, say) is left for the first chunk, which reports it properly."""
    try:
        from vanban.award.package import warm_certificate_renderers

        for mode in ("full", "preprinted"):
            warm_certificate_renderers(mode)
    except Exception:  # a warm-up never decides the outcome of a run
        pass
    try:
        _warm_decision()
    except Exception:
        pass


def _warm_decision() -> None:
    """Render the bundled example decision in memory: WeasyPrint's fonts, stylesheets and Pango
    set up before the worker that renders a run's decision needs them (~0.5 s of its first
    decision). Reads only the bundled example list and session; opens no register, takes no
    number, writes no output."""
    from flows.award import read_and_check
    from vanban.award.package import build_decision
    from vanban.render.docx import render_docx
    from vanban.requests import AwardRequest
    from vanban.resources import examples_dir
    from vanban.sign.pdfa import render_published_pdf

    workbook = examples_dir() / "khen-thuong-2026.xlsx"
    session = examples_dir() / "khen-thuong-2026.session.yaml"
    if not (workbook.is_file() and session.is_file()):
        return
    _, batch = read_and_check(AwardRequest(list_path=str(workbook), session_path=str(session), issue="now"))
    document = build_decision(batch)
    render_docx(document)
    render_published_pdf(document)


def _warm_in_fork_server() -> None:
    """Imported as the last of `PRELOAD` by a fork server multiprocessing started: warm it."""
    from flows.forkserver_env import _in_fork_server

    if _in_fork_server():
        _warm()


_warm_in_fork_server()


def workers_start_warm(runner: object) -> bool:
    """A run's rendering processes come from the warmed fork server: no warm-up tasks needed."""
    return isinstance(runner, RenderPoolTaskRunner) and start_method() == "forkserver"


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

    def call(self, fn: Callable[..., R], /, *args: Any) -> concurrent.futures.Future[R]:
        """`fn(*args)` in one of the pool's processes as a plain call, not a Prefect task run.

        Why: a task run in a worker costs ~0.2 s of that worker (Prefect rebuilds its settings
        and context, opens API clients, reports states), as long as rendering a chunk of 125
        certificates; the award flow's rendering is one task run of the flow process that
        hands its chunks to the workers this way (bench/RESULTS.md, section 0c). `fn` must be
        importable by name (pickled by reference); it runs under this process's environment as it
        is now (an office folder, a data folder), as Prefect lays it over a task's worker."""
        if self._executor is None:
            raise RuntimeError("the render pool is not started")
        return self._executor.submit(_call_with_environment, dict(os.environ), fn, args)


def _call_with_environment(environment: dict[str, str], fn: Callable[..., R], args: tuple[Any, ...]) -> R:
    """In a rendering process: `fn(*args)` with the caller's environment laid over the worker's,
    which is put back afterwards (what Prefect does for a task, so a later call or task in the same
    worker never sees this one's office folder)."""
    before = os.environ.copy()
    os.environ.update(environment)
    try:
        return fn(*args)
    except Exception as exc:
        sendable = _sendable(exc)
        if sendable is exc:
            raise
        raise sendable from exc  # the original's traceback travels as the cause's text
    finally:
        os.environ.clear()
        os.environ.update(before)


def _sendable(exc: BaseException) -> BaseException:
    """`exc` if it survives the trip back to the caller, else its nearest standard kind with the
    same message. An exception that pickles but cannot be rebuilt (an `__init__` taking other
    arguments than its message) would otherwise break the whole pool: the caller would see "a
    process terminated abruptly" instead of the error."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        pass
    for kind in type(exc).__mro__[1:]:
        if issubclass(kind, Exception):
            try:
                candidate = kind(str(exc))
                pickle.loads(pickle.dumps(candidate))
                return candidate
            except Exception:
                continue
    return RuntimeError(str(exc))
