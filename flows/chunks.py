"""Streaming many chunk tasks through a task runner with a bounded number in flight.

A 10,000-awardee list is 200 chunks; submitting them all at once would queue every chunk's
payload in memory. `run_bounded` keeps at most `limit` submitted and not yet collected, submits
the next as each finishes, and hands each result to `on_result` in completion order.
"""

from __future__ import annotations

import concurrent.futures
import time
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


def run_bounded(
    submissions: Iterable[Callable[[], Any]],
    limit: int,
    on_result: Callable[[Any, Any], None],
    *,
    retry_if: Callable[[BaseException], bool] | None = None,
    retry_delay: float = 0.0,
) -> None:
    """Run each `submit()` callable (which submits one piece of work and returns its future: a
    Prefect future, or a `concurrent.futures` one from `RenderPoolTaskRunner.call`), keeping at
    most `limit` futures in flight; `on_result(key, result)` receives each result, `key` being
    the position of its submission, in completion order.

    A piece whose error `retry_if` accepts is submitted once more after `retry_delay` seconds
    (what a Prefect task's `retries=1` does; Prefect tasks retry themselves and pass none); any
    other error, or a second one, ends the run with it."""
    pending = enumerate(submissions)
    in_flight: dict[Any, tuple[int, Callable[[], Any]]] = {}
    retried: set[int] = set()

    def submit_next() -> None:
        for key, submit in pending:
            in_flight[submit()] = (key, submit)
            return

    for _ in range(max(1, limit)):
        submit_next()
    while in_flight:
        future = _first_done(list(in_flight))
        key, submit = in_flight.pop(future)
        try:
            result = future.result()
        except Exception as exc:
            if retry_if is None or key in retried or not retry_if(exc):
                raise
            retried.add(key)
            time.sleep(retry_delay)
            in_flight[submit()] = (key, submit)
            continue
        submit_next()
        on_result(key, result)


def _first_done(futures: list[Any]) -> Any:
    """The first of `futures` to finish (all of one kind: Prefect's or the standard library's)."""
    if isinstance(futures[0], concurrent.futures.Future):
        done, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
        return next(f for f in futures if f in done)  # the earliest submitted among those done
    return next(iter(as_completed(futures)))
