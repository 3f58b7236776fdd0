"""The `vanban` command's entry point: hand the command to the resident process, or run it here.

Standard library only, and nothing of vanban but this package: this runs before every command,
and whatever it imports is paid even when the resident process answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
from pathlib import Path

from vanban.resident import RESIDENT_COMMANDS

#: Variables that decide what a command does and that Prefect reads once, when imported: a
#: resident process serves only commands whose values are the same as its own.
KEY_PREFIXES = ("VANBAN_", "PREFECT_")
#: How long the client waits for the resident process to accept (seconds).
CONNECT_TIMEOUT = 2.0
_HEADER = struct.Struct("!I")
_CODE_ROOTS = ("vanban", "flows")


def main() -> None:
    """`vanban …`: through the resident process when one serves this environment."""
    argv = sys.argv[1:]
    if _eligible(argv):
        code = run_resident(argv)
        if code is not None:
            sys.exit(code)
    from vanban.cli import main as run_here

    run_here()


def _eligible(argv: list[str]) -> bool:
    if os.environ.get("VANBAN_RESIDENT", "on").strip().lower() in ("off", "0", "false", "no"):
        return False
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in RESIDENT_COMMANDS or "--help" in argv:
        return False
    # `--office DIR` before the command changes the environment: keep it simple, run it here.
    return argv[0] == command


def runtime_dir() -> Path:
    """A folder only this user can enter, for the sockets and the servers' logs."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "vanban" if base else Path("/tmp") / f"vanban-{os.getuid()}"
    _private(folder)
    return folder


def _private(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{folder}: not private to this user")


def code_fingerprint() -> str:
    """The vanban code this interpreter would run: every module's path, size and mtime."""
    h = hashlib.sha256(sys.executable.encode())
    for root_name in _CODE_ROOTS:
        root = _package_dir(root_name)
        if root is None:
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and d != "doc_templates")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(dirpath, name))
                    h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _package_dir(name: str) -> str | None:
    here = Path(__file__).resolve().parent.parent  # vanban/
    candidate = here if name == "vanban" else here.parent / name
    return str(candidate) if (candidate / "__init__.py").is_file() else None


def server_key(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ if environ is None else environ)
    settings = sorted((k, v) for k, v in environ.items() if k.startswith(KEY_PREFIXES) and k != "VANBAN_RESIDENT_IDLE")
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(json.dumps(settings).encode())
    return h.hexdigest()[:24]


#: A Unix socket's path must fit in sockaddr_un (108 bytes on Linux, with its final NUL).
MAX_SOCKET_PATH = 100


def socket_path(key: str) -> Path:
    """The socket of the resident process for `key`: in the runtime folder, or in a private
    folder under /tmp when that path would be too long for a Unix socket."""
    path = runtime_dir() / f"{key}.sock"
    if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
        return path
    short = Path("/tmp") / f"vanban-{os.getuid()}"
    _private(short)
    return short / f"{key}.sock"


def run_resident(argv: list[str]) -> int | None:
    """The command's exit status from the resident process; None when none could take it
    (then one is started in the background, and the caller runs the command itself)."""
    try:
        key = server_key()
        path = socket_path(key)
    except OSError:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(CONNECT_TIMEOUT)
    try:
        conn.connect(str(path))
    except OSError:
        conn.close()
        start_server(key)
        return None
    try:
        return _hand_over(conn, argv)
    finally:
        conn.close()


def _hand_over(conn: socket.socket, argv: list[str]) -> int | None:
    message = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    try:
        socket.send_fds(conn, [_HEADER.pack(len(message))], [0, 1, 2])
        conn.sendall(message)
        conn.settimeout(None)
        pid = _read_int(conn)
    except OSError:
        return None  # the server went away before taking the command: run it here
    if pid is None:
        return None

    def forward(signum, _frame) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    code = _read_int(conn)
    if code is None:  # the command's process died without a word (killed)
        print("vanban: lệnh bị dừng giữa chừng (tiến trình thường trú)", file=sys.stderr)
        return 1
    return code


def _read_int(conn: socket.socket) -> int | None:
    data = b""
    while len(data) < _HEADER.size:
        try:
            chunk = conn.recv(_HEADER.size - len(data))
        except InterruptedError:
            continue
        if not chunk:
            return None
        data += chunk
    return _HEADER.unpack(data)[0]


def start_server(key: str) -> None:
    """Start the resident process for this environment, detached from the terminal."""
    try:
        log = open(runtime_dir() / f"{key}.log", "ab")
    except OSError:
        return
    with log:
        try:
            subprocess.Popen(
                [sys.executable, "-m", "vanban.resident.server", key],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
                close_fds=True,
            )
        except OSError:
            pass
