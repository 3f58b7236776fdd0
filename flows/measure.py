"""Where a run's time and memory go (for the run's outcome and `bench/`), and giving memory back.

Kept out of the flows' bodies so they read as their pipelines.
"""

from __future__ import annotations

import ctypes
import gc
import time
from pathlib import Path


def release_memory() -> None:
    """Give freed memory back to the system (glibc keeps it otherwise): a worker that built a
    10,000-row list would sit on ~400 MB for the rest of the run."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def rss_mb() -> float:
    """This process's resident memory (MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Clock:
    """Named instants of a run, and the process's memory at each: `mark("read")`, then `timings()`."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: dict[str, float] = {}
        self.memory: dict[str, float] = {}

    def mark(self, name: str) -> None:
        self.marks[name] = time.perf_counter()
        self.memory[name] = rss_mb()

    def between(self, first: str | None, last: str) -> float:
        return self.marks[last] - (self.marks[first] if first else self.start)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start
