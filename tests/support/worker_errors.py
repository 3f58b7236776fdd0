"""Errors raised inside a rendering process, for `tests/flows/test_process_pool.py` (a worker
imports this module by name)."""

from __future__ import annotations

from vanban.certificate_model import FieldTooLong


class OddError(ValueError):
    """An error whose `__init__` takes other arguments than its message: it pickles, but cannot
    be rebuilt from what pickle keeps."""

    def __init__(self, code: int, where: str) -> None:
        super().__init__(f"lỗi {code} ở {where}")


def too_long() -> None:
    raise FieldTooLong("recipient", "Công đoàn cơ sở " * 40, 6, 2)


def odd() -> None:
    raise OddError(7, "ô B12")
