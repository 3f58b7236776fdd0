"""Progress of a running flow, for whoever started it in this process (the CLI's progress bar),
and the progress artifact through which a process elsewhere (the web page following a deployment
run, flows/web_runs.py) reads it from the Prefect API.

Kept in its own module: Prefect pickles the flow function for process-pool tasks, and a hook
stored in the flow's own module globals (a closure over a terminal widget) would be pickled
with it. This module is pickled by reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: The award run's progress artifact: percent of certificates written; its description ends with
#: the number of certificates, so a reader turns the percent back into "120 / 400".
ARTIFACT_KEY = "award-progress"


def artifact_description(total: int) -> str:
    return f"Giấy khen đã tạo / {total}"


def counts_from_artifact(percent: object, description: str | None) -> tuple[int, int] | None:
    """(done, total) from the progress artifact's percent and description; None if unreadable."""
    found = re.search(r"(\d+)\s*$", description or "")
    if not found or not isinstance(percent, int | float):
        return None
    total = int(found.group(1))
    return min(total, max(0, round(float(percent) * total / 100.0))), total


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
