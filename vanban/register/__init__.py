"""The document register (sổ đăng ký văn bản đi): numbers never duplicated, never lost.

`Register` gives numbers to batches of documents atomically and idempotently, records hand-given
numbers, publishes (reserved → issued, with the files' SHA-256) and voids. The store is SQLite
by default and PostgreSQL when `VANBAN_DATABASE_URL` says so; see `store` and `docs/register.md`.
"""

from vanban.register.service import (
    AmbiguousNumber,
    Entry,
    NumberRequest,
    NumberTaken,
    Register,
    RegisterError,
    UnknownNumber,
    format_symbol,
    sequence_name,
    vn_today,
)

__all__ = [
    "AmbiguousNumber",
    "Entry",
    "NumberRequest",
    "NumberTaken",
    "Register",
    "RegisterError",
    "UnknownNumber",
    "format_symbol",
    "sequence_name",
    "vn_today",
]
