"""The render fork server forgets the environment's vanban variables, as they stood when it
started (`flows.process_pool`).

Prefect lays the parent's current environment over a worker's for each task and restores it
afterwards; a variable the parent has removed since the server started (an office folder, a data
folder) would otherwise stay set in every worker forked from it. Prefect's own variables are
kept: Prefect reads its logging set-up from them when the server imports it.

Two ways in: a fork server started by `multiprocessing` imports this module first (it acts only
when the fork server's preloading is on the import's call stack; imported anywhere else it does
nothing), and one forked from the caller (`process_pool`) calls `forget_vanban_environment()`.
"""

from __future__ import annotations

import os
import sys


def forget_vanban_environment() -> None:
    for name in [n for n in os.environ if n.startswith("VANBAN_")]:
        del os.environ[name]


def _in_fork_server() -> bool:
    frame = sys._getframe()
    while frame is not None:
        code = frame.f_code
        if code.co_name == "main" and code.co_filename.endswith(os.path.join("multiprocessing", "forkserver.py")):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


if _in_fork_server():
    forget_vanban_environment()
