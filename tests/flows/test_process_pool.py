"""The render fork server (flows/process_pool.py): where it comes from, what it forgets, how long
it lives; and the plain calls the award flow hands its workers.

The fork-server tests run in a fresh interpreter: a pytest process has threads (xdist), and the
fork server is forked from its caller only when the caller runs a single thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import json, os, sys, threading, time
    from multiprocessing import forkserver, get_context

    import flows.award  # the command has imported the renderers, as the CLI has
    from flows import process_pool

    def facts():
        from vanban.render import certificate_fast
        return {
            "ppid": os.getppid(),
            "canary": os.environ.get("VANBAN_CANARY"),
            "backgrounds_cached": certificate_fast._background_for.cache_info().currsize,
        }

    if __name__ == "__main__":
        os.environ["VANBAN_CANARY"] = "set before the server started"
        if sys.argv[1] == "threaded":
            stop = threading.Event()
            threading.Thread(target=stop.wait, daemon=True).start()
        process_pool.start_early()
        server = forkserver._forkserver._forkserver_pid
        with get_context("forkserver").Pool(1) as pool:
            worker = pool.apply(facts)
        # Read once the server has served a worker: read during its exec(), a started server's
        # command line is empty.
        with open(f"/proc/{server}/cmdline", "rb") as f:
            command = f.read().replace(b"\\0", b" ").decode()
        print(json.dumps({"me": os.getpid(), "server": server, "command": command, "worker": worker}))
        sys.stdout.flush()
        if sys.argv[1] == "threaded":
            stop.set()
    """
)


def _probe(tmp_path: Path, how: str) -> dict:
    script = tmp_path / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VANBAN_WORKER_START": "forkserver"}
    done = subprocess.run(
        [sys.executable, str(script), how], env=env, cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _gone(pid: int, seconds: float = 20) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except OSError:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.13's fork server is left to multiprocessing")
def test_a_single_threaded_command_forks_its_fork_server_warm_and_without_its_settings(tmp_path):
    seen = _probe(tmp_path, "single")
    # A fork of the command (same command line), not a new interpreter importing everything again.
    assert "multiprocessing.forkserver" not in seen["command"]
    assert "probe.py" in seen["command"]
    worker = seen["worker"]
    assert worker["ppid"] == seen["server"]
    # The server forgot the command's vanban settings: a setting removed later cannot linger.
    assert worker["canary"] is None
    # The certificate designs were laid out once, in the server: the worker starts warm.
    assert worker["backgrounds_cached"] >= 1
    assert _gone(seen["server"]), "the fork server outlived the command that started it"


def test_a_command_with_threads_gets_multiprocessing_s_own_fork_server(tmp_path):
    seen = _probe(tmp_path, "threaded")
    assert "multiprocessing.forkserver" in seen["command"]
    worker = seen["worker"]
    assert worker["ppid"] == seen["server"]
    assert worker["canary"] is None
    assert worker["backgrounds_cached"] >= 1  # warmed by the last module it preloads
    assert _gone(seen["server"])


def test_workers_from_the_fork_server_need_no_warm_up_tasks(monkeypatch):
    from flows.process_pool import RenderPoolTaskRunner, workers_start_warm

    assert workers_start_warm(RenderPoolTaskRunner(max_workers=1))
    assert not workers_start_warm(object())  # a Dask cluster, say: warm-up tasks as before
    monkeypatch.setenv("VANBAN_WORKER_START", "spawn")
    assert not workers_start_warm(RenderPoolTaskRunner(max_workers=1))


def test_a_plain_call_runs_under_the_callers_environment_and_leaves_nothing_behind(monkeypatch):
    """The award flow hands its chunks to the workers as plain calls (`RenderPoolTaskRunner.call`):
    each sees the caller's office folder as it is at the call, and a later call in the same worker
    does not see a folder the caller has dropped since."""
    from flows.process_pool import RenderPoolTaskRunner

    with RenderPoolTaskRunner(max_workers=1) as runner:
        monkeypatch.setenv("VANBAN_OFFICE", "/srv/van-phong-a")
        assert runner.call(os.getenv, "VANBAN_OFFICE").result(timeout=120) == "/srv/van-phong-a"
        assert runner.call(os.getpid).result(timeout=60) != os.getpid()
        monkeypatch.delenv("VANBAN_OFFICE")
        assert runner.call(os.getenv, "VANBAN_OFFICE").result(timeout=60) is None
    with pytest.raises(RuntimeError):
        RenderPoolTaskRunner(max_workers=1).call(os.getpid)  # not started: no pool to call


def test_an_error_in_a_worker_reaches_the_caller_as_itself_or_its_standard_kind():
    """A plain call's error comes back as the error, never as a pool broken by an exception
    that cannot be rebuilt: a too-long field whole, with its message for the clerk; an error
    whose `__init__` takes other arguments as its nearest standard kind, same message."""
    from support import worker_errors

    from flows.process_pool import RenderPoolTaskRunner
    from vanban.certificate_model import FieldTooLong

    with RenderPoolTaskRunner(max_workers=1) as runner:
        with pytest.raises(FieldTooLong, match="quá dài so với ô trên giấy khen") as got:
            runner.call(worker_errors.too_long).result(timeout=120)
        assert got.value.key == "recipient"
        with pytest.raises(ValueError, match="lỗi 7 ở ô B12") as odd:
            runner.call(worker_errors.odd).result(timeout=60)
        assert type(odd.value) is ValueError
        assert runner.call(os.getpid).result(timeout=60) > 0  # the pool still works
