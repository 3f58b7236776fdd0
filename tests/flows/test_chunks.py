"""`flows.chunks.run_bounded`: a bounded number of pieces in flight, results in completion order,
and one more try for an error that may pass by itself (a busy disk), never for bad input."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from flows.chunks import run_bounded


def _run(pieces, *, limit=2, retry_if=None):
    """Run `pieces` (callables returning a value or raising) on two threads; what came back and
    the most ever in flight."""
    lock, state = threading.Lock(), {"now": 0, "most": 0, "calls": []}

    def work(key):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
            state["calls"].append(key)
        try:
            return pieces[key]()
        finally:
            with lock:
                state["now"] -= 1

    got: dict[int, object] = {}
    with ThreadPoolExecutor(4) as pool:
        run_bounded(
            (lambda k=k: pool.submit(work, k) for k in range(len(pieces))),
            limit,
            got.__setitem__,
            retry_if=retry_if,
        )
    return got, state


def test_every_result_comes_back_with_its_position_and_no_more_than_the_limit_run_at_once():
    got, state = _run([lambda i=i: i * 10 for i in range(9)], limit=2)
    assert got == {i: i * 10 for i in range(9)}
    assert state["most"] <= 2


def test_an_error_that_may_pass_is_tried_once_more():
    tries = {"n": 0}

    def flaky():
        tries["n"] += 1
        if tries["n"] == 1:
            raise OSError("đĩa bận")
        return "ok"

    got, state = _run([lambda: 1, flaky, lambda: 3], retry_if=lambda e: isinstance(e, OSError))
    assert got == {0: 1, 1: "ok", 2: 3}
    assert state["calls"].count(1) == 2


def test_a_second_failure_or_bad_input_ends_the_run_with_its_error():
    def always():
        raise OSError("đĩa đầy")

    with pytest.raises(OSError, match="đĩa đầy"):
        _run([lambda: 1, always], retry_if=lambda e: isinstance(e, OSError))
    calls = []

    def bad():
        calls.append(1)
        raise ValueError("dữ liệu sai")

    with pytest.raises(ValueError):
        _run([bad], retry_if=lambda e: isinstance(e, OSError))
    assert calls == [1]  # bad input is not tried again
    with pytest.raises(OSError):
        _run([always])  # no retry_if (Prefect tasks retry themselves): the first error ends it
