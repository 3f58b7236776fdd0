"""The resident process (`python -m vanban.resident.server KEY`; see the package docstring).

Started by the `vanban` command when no resident process serves its environment; imports what
rendering commands need, then forks one child per command. It stays single-threaded until it
forks (a fork copies only the calling thread: a lock held by another thread would stay held in
the child forever), and keeps no document state: each command's caches live and die in its child.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from vanban.resident import client

#: Seconds without a command after which the resident process ends.
DEFAULT_IDLE = 1200.0
#: What the commands it serves import, imported once here.
PRELOAD = (
    "vanban.cli",
    "flows.document",
    "flows.award",
    "flows.quiet_logs",
    "vanban.render.pdf",
    "vanban.render.docx",
    "vanban.sign.pdfa",
    "vanban.register.cli",
    "vanban.drafts",
)
_MAX_MESSAGE = 4 * 1024 * 1024


def log(message: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} [{os.getpid()}] {message}", flush=True)


def main(argv: list[str]) -> int:
    key = argv[0] if argv else ""
    if key != client.server_key():
        log("environment or code changed since the command asked: not serving")
        return 1
    folder = client.runtime_dir()
    lock = open(folder / f"{key}.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # another resident process serves this key
    named = os.environ.get("PREFECT_API_URL") or os.environ.get("VANBAN_PREFECT_SERVER")
    prefect_server = None if named else _own_prefect_server()
    if not named and prefect_server is None:
        # A command would then start Prefect's temporary server, and a command forked from here
        # ends with os._exit (never the parent's exit handlers): that server would outlive it,
        # holding the clerk's terminal. Commands run in their own process instead, as before.
        log("no Prefect server of its own: not serving")
        return 1
    try:
        _prepare()
        return _serve(client.socket_path(key), _idle_seconds())
    finally:
        if prefect_server is not None:
            prefect_server.terminate()
            try:
                prefect_server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                prefect_server.kill()


def _idle_seconds() -> float:
    try:
        return float(os.environ.get("VANBAN_RESIDENT_IDLE", DEFAULT_IDLE))
    except ValueError:
        return DEFAULT_IDLE


def _own_prefect_server() -> subprocess.Popen | None:
    """A Prefect server for this process's commands when the office named none (otherwise
    each command would start Prefect's temporary one, 5–10 s)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
        preexec_fn=_die_with_resident,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=1) as resp:
                if resp.status == 200:
                    os.environ["PREFECT_API_URL"] = api
                    log(f"Prefect server of its own at {api}")
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.terminate()
    return None


def _die_with_resident() -> None:
    """In the Prefect server's process before it starts: be sent SIGTERM when the resident
    process ends, however it ends (killed included), so no server outlives it. The resident is
    single-threaded here, so "the thread that started it" is the process itself."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux/glibc: the resident's own clean-up still stops it
        pass


def _prepare() -> None:
    from vanban import cli

    cli._quiet_prefect()  # the settings Prefect reads when imported, as a command would set them
    for name in PRELOAD:
        __import__(name)
    # The award's rendering workers are forked from a fork server (flows/process_pool.py): start
    # it here, once, so every command forked from this process shares it instead of starting its
    # own (another ~3 s of imports per award).
    __import__("flows.process_pool").process_pool.start_early()
    import threading

    if threading.active_count() != 1:  # forking with other threads alive could deadlock a child
        raise RuntimeError(f"threads started while preloading: {threading.enumerate()}")
    log(f"ready: {len(sys.modules)} modules imported")


def _serve(path: Path, idle: float) -> int:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path.unlink(missing_ok=True)  # a dead resident's socket: the lock says none is alive
    listener.bind(str(path))
    os.chmod(path, 0o600)
    listener.listen(16)
    children: set[int] = set()
    last = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([listener], [], [], 1.0)
            _reap(children)
            if not ready:
                if not children and time.monotonic() - last > idle:
                    log("idle: ending")
                    return 0
                if not path.exists():
                    log("socket removed: ending")
                    return 0
                continue
            conn, _ = listener.accept()
            last = time.monotonic()
            if not _same_user(conn):  # the folder is private; this is the second lock on the door
                log("refused a connection from another user")
                conn.close()
                continue
            try:
                request, fds = _receive(conn)
            except (OSError, ValueError) as exc:
                log(f"bad request: {exc}")
                conn.close()
                continue
            pid = os.fork()
            if pid == 0:
                listener.close()
                _run_command(conn, request, fds)  # never returns
            children.add(pid)
            log(f"command {' '.join(request.get('argv', [])[:1])}: process {pid}")
            for fd in fds:
                os.close(fd)
            conn.close()
    finally:
        listener.close()
        try:
            path.unlink()
        except OSError:
            pass


def _same_user(conn: socket.socket) -> bool:
    """The peer runs as this process's user (SO_PEERCRED: pid, uid, gid)."""
    try:
        _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
    except OSError:
        return False
    return uid == os.getuid()


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    conn.settimeout(5)
    header, fds, _flags, _addr = socket.recv_fds(conn, client._HEADER.size, 3)
    if len(header) != client._HEADER.size or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        raise ValueError("incomplete header")
    try:
        size = client._HEADER.unpack(header)[0]
        if size > _MAX_MESSAGE:
            raise ValueError("message too large")
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ValueError("message cut short")
            data += chunk
        conn.settimeout(None)
        return json.loads(data), fds
    except BaseException:
        for fd in fds:  # a bad request must not leave the resident holding its terminal
            os.close(fd)
        raise


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done, status = pid, 0
        if done:
            children.discard(pid)
            log(f"process {pid} ended: {os.waitstatus_to_exitcode(status)}")


def _run_command(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """In the forked child: become the command of the terminal that asked, run it, report."""
    code = 1
    try:
        os.setsid()  # its own group: the client forwards Ctrl-C to this process only
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["vanban", *request["argv"]]
        _share_fork_server()
        conn.sendall(client._HEADER.pack(os.getpid()))
        from vanban.cli import main as run

        try:
            run()
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
    except BaseException:  # the child must report and end, whatever happened
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        try:
            conn.sendall(client._HEADER.pack(code))
        except OSError:
            pass
        os._exit(code)


def _share_fork_server() -> None:
    """Use the resident's render fork server from this child. multiprocessing checks that its
    fork server is alive with waitpid(), which only its parent — the resident — may call; the
    child trusts it instead (it lives as long as the resident, which outlives the child)."""
    from multiprocessing import forkserver

    server: Any = forkserver._forkserver
    if getattr(server, "_forkserver_pid", None) is not None:
        trust = lambda: None  # noqa: E731
        server.ensure_running = trust
        forkserver.ensure_running = trust  # the module's name is a bound copy


def _exit_code(value) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
