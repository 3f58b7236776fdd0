"""Rendering workers die with the process that started them.

Why: killing the `vanban` parent (as the OOM killer or a clerk's kill -9 would) left its render
workers running, ~170 MB each, still holding the caller's pipes — a terminal or a CI step waiting
on them never ends. A process-pool worker is only told to stop by its parent; when the parent dies
without a word the worker is reparented and waits forever. `die_with_parent` runs as the pool's
initializer: a daemon thread notices the parent is gone (the worker's parent pid changes) and ends
the worker within a second. A thread rather than `prctl(PR_SET_PDEATHSIG)`: the signal fires when
the *thread* that spawned the worker exits, which for a pool is whichever thread submitted first.
"""

from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5


def die_with_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
