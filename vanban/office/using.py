"""An office folder chosen by a request (the Prefect form, the web page) rather than the process.

`vanban --office DIR` and `VANBAN_OFFICE` choose the office folder for a whole process. A worker
serving several offices runs each request with its own: the request's `office` field names it,
and everything of that run — reading the input, drafting, checking the draft before issue,
rendering (processes started by the run inherit it) — sees that folder laid over the templates.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vanban.errors import InputError, Problem
from vanban.i18n import tr

ENV = "VANBAN_OFFICE"


@contextmanager
def office_folder(folder: str | Path | None) -> Iterator[Path | None]:
    """Run the block with `folder` as the office folder (`VANBAN_OFFICE`), then put back what was
    there. None keeps the process's own choice. A folder that does not exist is bad input."""
    if folder is None or not str(folder).strip():
        yield None
        return
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise InputError(
            [
                Problem(
                    str(folder),
                    tr("không có thư mục của cơ quan này"),
                    field="office",
                    expected=tr("thư mục tạo bằng `vanban office init`"),
                )
            ]
        )
    before = os.environ.get(ENV)
    os.environ[ENV] = str(path.resolve())
    try:
        yield path.resolve()
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before
