"""Progress of a running flow, for whoever started it in this process (the CLI's progress bar).

Kept in its own module: Prefect pickles the flow function for process-pool tasks, and a hook
stored in the flow's own module globals (a closure over a terminal widget) would be pickled
with it. This module is pickled by reference.
"""

from __future__ import annotations

from collections.abc import Callable

_hook: Callable[[int, int], None] | None = None
_stage_hook: Callable[[str], None] | None = None


def set_hook(hook: Callable[[int, int], None] | None) -> None:
    global _hook
    _hook = hook


def report(done: int, total: int) -> None:
    if _hook is not None:
        _hook(done, total)


def set_stage_hook(hook: Callable[[str], None] | None) -> None:
    global _stage_hook
    _stage_hook = hook


def stage(name: str) -> None:
    """The step the run is in (read, numbers, printing, packaging), named for the clerk."""
    if _stage_hook is not None:
        _stage_hook(name)
