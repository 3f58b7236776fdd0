"""What a clerk sees when a command fails: one clear message, never a traceback on the terminal.

Bad input (`InputError`) prints its problems once and exits 2. Anything else is a bug or the
machine (a full disk, a dead database): the clerk gets one line naming what failed and the file
where the full traceback was written — `<data dir>/errors/`, beside the register, so whoever
supports the office can read it later — and exit status 1. A traceback on the terminal helps no
clerk, and may be pasted into a ticket without the lines that matter.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
import traceback
from pathlib import Path

from vanban.errors import InputError
from vanban.i18n import tr

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def write_traceback(exc: BaseException) -> Path:
    """The traceback in `<data dir>/errors/YYYYMMDD-HHMMSS-PID.txt` (else the temp folder)."""
    from vanban import settings

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    for folder in (settings.current().register_dir / "errors", Path(tempfile.gettempdir()) / "vanban-errors"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{stamp}-{os.getpid()}.txt"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("-")


def unexpected_message(exc: BaseException, where: Path) -> str:
    what = str(exc).splitlines()[0][:200] if str(exc) else ""
    return tr(
        "Lỗi ngoài dự kiến ({kind}{what}); chi tiết đã ghi vào {path}",
        kind=type(exc).__name__,
        what=f": {what}" if what else "",
        path=where,
    )


class HideInputErrors(logging.Filter):
    """Drops Prefect's ERROR record (with its traceback) for a run that failed on bad input: the
    command prints the problems itself, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, InputError):
            return False
        return not (record.levelno >= logging.ERROR and "InputError(" in record.getMessage())


def quiet_input_errors_in_prefect_logs() -> None:
    hide = HideInputErrors()
    for name in ("prefect.flow_runs", "prefect.task_runs", "prefect.flow_engine", "prefect.task_engine"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, HideInputErrors) for f in logger.filters):
            logger.addFilter(hide)
