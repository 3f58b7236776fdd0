"""Streaming many chunk tasks through a task runner with a bounded number in flight.

A 10,000-awardee list is 200 chunks; submitting them all at once would queue every chunk's
payload in memory. `run_bounded` keeps at most `limit` submitted and not yet collected, submits
the next as each finishes, and hands each result to `on_result` in completion order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from prefect.futures import as_completed

T = TypeVar("T")


class Opaque(Generic[T]):
    """A task parameter Prefect passes along as it is.

    Prefect walks every parameter of a submitted task (lists, dicts, pydantic models, …) looking
    for futures to wait on: for a chunk of awardee models that walk cost 6 s of the flow
    process's CPU at 1,000 awardees. It does not look inside an object it does not know.
    (`prefect.utilities.annotations.quote` does the same on a process pool, but the Dask runner
    hands the quote itself, a tuple, to the task.)"""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __getstate__(self):
        return self.value

    def __setstate__(self, value) -> None:
        self.value = value


def run_bounded(submissions: Iterable[Callable[[], Any]], limit: int, on_result: Callable[[Any, Any], None]) -> None:
    """Run each `submit()` callable (which submits one task and returns its future), keeping at
    most `limit` futures in flight; `on_result(key, result)` receives each result, `key` being
    the position of its submission."""
    pending = enumerate(submissions)
    in_flight: dict[Any, int] = {}

    def submit_next() -> None:
        for key, submit in pending:
            in_flight[submit()] = key
            return

    for _ in range(max(1, limit)):
        submit_next()
    while in_flight:
        future = next(iter(as_completed(list(in_flight))))
        key = in_flight.pop(future)
        submit_next()
        on_result(key, future.result())
