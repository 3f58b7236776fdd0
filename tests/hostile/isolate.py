"""Run one input through vanban in a forked child: its outcome, peak memory and time, bounded.

Why a fork per input: the parent (pytest, or bench/hostile.py) has vanban already imported, so a
child starts in milliseconds, not the ~2 s of a new interpreter — 300 inputs stay fast enough for
CI — and a child that blows up or hangs cannot take the test run with it: its address space is
capped (RLIMIT_AS) and an alarm ends it. The peak resident size comes from the kernel
(`wait4` → `ru_maxrss`), and includes the pages the child shares with its parent. Under pytest
that parent is a test process that has run other tests before (a few hundred MB, more as the
suite grows), so `added_mb` — the peak less the resident size the child started with — is what
the input itself cost; tests add it to a fresh reading process's size (`reader_base_mb`).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from vanban.errors import InputError

#: The documented bound (docs/limits.md): no input makes a reading process larger than this.
MEMORY_BOUND_MB = 400
#: Address space a child may add beyond its parent's before allocations fail (a runaway input
#: then ends as "memory", never by taking the machine).
HEADROOM_MB = 1500


@dataclass
class Outcome:
    kind: str  # ok | input_error | crash | memory | timeout | killed
    message: str
    peak_mb: float
    seconds: float
    problems: int = 0
    #: resident size the child started with (its parent's pages), MB
    start_mb: float = 0.0

    @property
    def added_mb(self) -> float:
        """What reading the input added to the process at its peak."""
        return self.peak_mb - self.start_mb


def _status_kb(field: str) -> int:
    """A size from /proc/self/status (`VmRSS`, `VmSize`), in kB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def run_isolated(fn: Callable[[], object], *, timeout: int = 60, env: dict[str, str] | None = None) -> Outcome:
    """`fn()` in a forked child; InputError → input_error with its message."""
    read_fd, write_fd = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        start_kb = _status_kb("VmRSS")
        try:
            limit = (_status_kb("VmSize") * 1024) + HEADROOM_MB * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            signal.alarm(timeout)
            for key, value in (env or {}).items():
                os.environ[key] = value
            try:
                fn()
                result = {"kind": "ok", "message": ""}
            except InputError as exc:
                result = {"kind": "input_error", "message": str(exc), "problems": len(exc.problems)}
            except MemoryError:
                result = {"kind": "memory", "message": "MemoryError"}
            except BaseException:
                result = {"kind": "crash", "message": traceback.format_exc()[-3000:]}
            result["start_kb"] = start_kb
            with os.fdopen(write_fd, "w") as out:
                json.dump(result, out)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        data = fh.read()
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        kind = "timeout" if sig == signal.SIGALRM else "killed"
        return Outcome(kind, f"signal {sig}", peak, seconds)
    if not data:
        return Outcome("crash", f"child exited {os.WEXITSTATUS(status)} without a result", peak, seconds)
    result = json.loads(data)
    start = result.get("start_kb", 0) / 1024
    return Outcome(result["kind"], result["message"], peak, seconds, result.get("problems", 0), start)


def reader_base_mb() -> float:
    """The resident size of a fresh process that has read one legitimate list (interpreter,
    vanban's readers, pricing data): what a clerk's reading process is before a hostile input."""
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parent.parent
    script = (
        "import sys, tempfile; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from hostile.corpus import all_cases, read_case;"
        "case = next(c for c in all_cases() if c.expect == 'ok' and c.kind == 'award');"
        "read_case(case, case.build(Path(tempfile.mkdtemp())));"
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tests)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024
