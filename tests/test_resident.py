"""The resident process (vanban/resident): a command handed to it behaves as one run here.

The slow test starts a real resident process (with its own Prefect server, as on a clerk's PC
with none configured) in a private runtime folder, and checks what the clerk sees: the files
written, the paths printed, the exit status and message of bad input, a changed setting not
served by a process started before it, and the process ending when its socket is removed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from support.paths import EXAMPLES, PLAN_EXAMPLE

from vanban.resident import client

VANBAN = [sys.executable, "-c", "from vanban.resident.client import main; main()"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANBAN_", "PREFECT_API_URL"))}
    # Short, as a real XDG_RUNTIME_DIR is (/run/user/1000): pytest's folders are too long for a
    # Unix socket's path, which then moves to /tmp (test_a_long_runtime_folder_…).
    runtime = Path(tempfile.mkdtemp(prefix="vr-", dir="/tmp"))
    runtime.chmod(0o700)
    env.update(
        XDG_RUNTIME_DIR=str(runtime),
        VANBAN_RESIDENT="on",
        VANBAN_RESIDENT_IDLE="120",
        VANBAN_DATA_DIR=str(tmp_path / "data"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        **extra,
    )
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*VANBAN, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def _log(runtime: Path) -> str:
    return "".join(p.read_text() for p in runtime.glob("vanban/*.log"))


@pytest.mark.slow
def test_commands_through_the_resident_process_look_like_commands_run_here(tmp_path):
    env = _env(tmp_path)
    runtime = Path(env["XDG_RUNTIME_DIR"])
    plan = tmp_path / "ke-hoach.md"
    shutil.copy(PLAN_EXAMPLE, plan)

    first = _run(["plan", str(plan), "--now", "-o", str(tmp_path / "out1")], env, tmp_path)
    assert first.returncode == 0, first.stderr
    # The first command ran here and started the resident process in the background.
    sockets = runtime / "vanban"
    end = time.monotonic() + 240
    while time.monotonic() < end and not list(sockets.glob("*.sock")):
        time.sleep(0.5)
    assert list(sockets.glob("*.sock")), _log(runtime)
    while time.monotonic() < end and "ready" not in _log(runtime):
        time.sleep(0.5)

    second = _run(["plan", str(plan), "--now", "-o", str(tmp_path / "out2")], env, tmp_path)
    assert second.returncode == 0, second.stderr
    assert "command plan" in _log(runtime), "the second command did not go through the resident process"
    written_here = sorted(p.name for p in (tmp_path / "out1").iterdir())
    written_there = sorted(p.name for p in (tmp_path / "out2").iterdir())
    assert written_here == written_there and any(n.endswith(".pdf") for n in written_there)
    assert second.stdout.strip().splitlines()[-1].startswith(str(tmp_path / "out2"))

    # An award renders on workers forked from the resident's own fork server.
    for name in ("khen-thuong-2026.xlsx", "khen-thuong-2026.session.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    award = _run(["award", str(tmp_path / "khen-thuong-2026.xlsx"), "--now", "-o", str(tmp_path / "aw")], env, tmp_path)
    assert award.returncode == 0, award.stderr
    package = Path(award.stdout.strip().splitlines()[-1])
    assert list(package.glob("*.zip")) and list(package.glob("*.pdf"))
    assert "command award" in _log(runtime)

    bad = tmp_path / "hong.md"
    bad.write_text("---\nissuer: khong-co\n---\nabc\n", encoding="utf-8")
    failed = _run(["plan", str(bad), "--now"], env, tmp_path)
    assert failed.returncode == 2
    assert "chưa lấy số nào" in failed.stderr and "Traceback" not in failed.stderr
    assert len(re.findall(r"command plan", _log(runtime))) == 2

    # A changed setting is another environment: not served by this process.
    other = _run(["plan", str(plan), "--now", "-o", str(tmp_path / "out3")], {**env, "VANBAN_LANG": "en"}, tmp_path)
    assert other.returncode == 0
    assert len(re.findall(r"command plan", _log(runtime))) == 2

    for sock in sockets.glob("*.sock"):  # removing its socket ends a resident process
        sock.unlink()
    pids = {int(p) for p in re.findall(r"\[(\d+)\] ready", _log(runtime))}
    end = time.monotonic() + 60
    while time.monotonic() < end and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.5)
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
    shutil.rmtree(runtime, ignore_errors=True)


def test_a_long_runtime_folder_puts_the_socket_where_its_path_fits(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    path = client.socket_path("k" * 24)
    assert len(os.fsencode(path)) <= client.MAX_SOCKET_PATH
    assert path.parent == Path("/tmp") / f"vanban-{os.getuid()}"
    assert not path.parent.stat().st_mode & 0o077


def test_only_rendering_commands_given_first_go_to_the_resident_process(monkeypatch):
    monkeypatch.setenv("VANBAN_RESIDENT", "on")
    assert client._eligible(["plan", "x.md"]) and client._eligible(["award", "x.xlsx", "--now"])
    assert not client._eligible(["web", "user", "add", "admin"])  # asks for a password
    assert not client._eligible(["plan", "--help"])
    assert not client._eligible(["--office", "/x", "plan", "x.md"])
    monkeypatch.setenv("VANBAN_RESIDENT", "off")
    assert not client._eligible(["plan", "x.md"])


def test_the_key_follows_settings_and_code(monkeypatch):
    base = {"VANBAN_DATA_DIR": "/a", "PATH": "/bin"}
    assert client.server_key(base) == client.server_key({**base, "PATH": "/usr/bin"})
    assert client.server_key(base) != client.server_key({**base, "VANBAN_DATA_DIR": "/b"})
    assert client.server_key(base) != client.server_key({**base, "PREFECT_API_URL": "http://x/api"})
    before = client.server_key(base)
    monkeypatch.setattr(client, "code_fingerprint", lambda: "another version of vanban")
    assert client.server_key(base) != before


def test_a_runtime_folder_others_can_enter_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "vanban"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(PermissionError):
        client.runtime_dir()
    assert client.run_resident(["plan", "x.md"]) is None  # then the command runs here


def test_the_server_reads_a_command_with_its_terminal_and_checks_who_asks():
    """The hand-over itself, in one process: header and three descriptors, then the message."""
    import json
    import socket

    from vanban.resident import server

    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with ours, theirs:
        assert server._same_user(theirs)
        message = json.dumps({"argv": ["plan", "x.md"], "cwd": "/", "env": {"A": "1"}}).encode()
        r, w = os.pipe()
        try:
            socket.send_fds(ours, [client._HEADER.pack(len(message))], [r, w, w])
            ours.sendall(message)
            request, fds = server._receive(theirs)
        finally:
            os.close(r)
            os.close(w)
        assert request == {"argv": ["plan", "x.md"], "cwd": "/", "env": {"A": "1"}}
        assert len(fds) == 3
        for fd in fds:
            os.close(fd)


def test_a_message_cut_short_or_too_large_is_refused():
    import socket

    from vanban.resident import server

    for size, body in ((100, b"{}"), (server._MAX_MESSAGE + 1, b"")):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with ours, theirs:
            socket.send_fds(ours, [client._HEADER.pack(size)], [0, 1, 2])
            ours.sendall(body)
            ours.shutdown(socket.SHUT_WR)
            with pytest.raises(ValueError):
                server._receive(theirs)


def test_exit_codes_and_idle_setting(monkeypatch):
    from vanban.resident import server

    assert server._exit_code(None) == 0 and server._exit_code(2) == 2 and server._exit_code(256 + 3) == 3
    assert server._exit_code("lỗi") == 1  # sys.exit("message") prints it and exits 1
    monkeypatch.setenv("VANBAN_RESIDENT_IDLE", "30")
    assert server._idle_seconds() == 30.0
    monkeypatch.setenv("VANBAN_RESIDENT_IDLE", "không phải số")
    assert server._idle_seconds() == server.DEFAULT_IDLE
    children = {os.fork() or os._exit(0)}
    time.sleep(0.2)
    server._reap(children)
    assert not children
