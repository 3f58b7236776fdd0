"""Everything checked before the register is asked for a number, with every problem reported at once.

Why a step of its own: a number taken from the register is never given back (it can only be
voided), so any failure after it — a control character that crashes DOCX writing, a signer's
name too long for the certificate, an amount of 10^18 đồng, a read-only output folder, a date
in year 9999 — costs the office a number and leaves a gap in the book. The readers check their
own file's structure; this module checks what is printed, in the parsed objects, whatever file
they came from: every text field (characters XML can carry, no bidi or invisible characters,
lengths), numbers and dates within range, amounts under the ceiling, every certificate field fit
(the signer's too), and the output folder writable. Then numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from vanban import limits, rules
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.text_safety import bad_character

#: Awardee fields as a clerk names them (for problems located by row).
AWARDEE_FIELDS = {
    "name": "Họ và tên / Tên tập thể",
    "position": "Chức vụ",
    "unit": "Đơn vị",
    "form": "Hình thức khen thưởng",
    "achievement": "Thành tích",
    "note": "Ghi chú",
}
#: Fields whose text may hold line breaks (a Markdown body, a multi-line address).
_MULTILINE = {"body", "text", "content", "recipients", "lines", "legal_bases", "authority"}


def text_fields(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a model, list or mapping, with its path (`('signer', 'name')`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from text_fields(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, path + (str(key),))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from text_fields(item, path + (i,))


def _dotted(path: tuple) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


def text_problems(model: Any, file: str, *, skip: tuple[str, ...] = ()) -> list[Problem]:
    """Characters and lengths of every text field of a parsed input (session, plan front matter)."""
    problems = []
    for path, text in text_fields(model):
        if path and path[0] in skip:
            continue
        names = {p for p in path if isinstance(p, str)}
        multiline = bool(names & _MULTILINE)
        why = bad_character(text, multiline=multiline)
        if why:
            problems.append(Problem(file, why, field=_dotted(path), expected=tr("chữ in được")))
        limit = limits.MAX_BODY_CHARS if multiline else limits.MAX_CELL_CHARS
        if "subject" in names:
            limit = limits.MAX_SUBJECT_CHARS
        if len(text) > limit:
            problems.append(
                Problem(
                    file,
                    tr("dài {count} ký tự (giới hạn {limit})", count=len(text), limit=limit),
                    field=_dotted(path),
                    expected=tr("nội dung ngắn gọn"),
                )
            )
    return problems


def number_problems(number: int | None, file: str, field: str = "number") -> list[Problem]:
    if number is not None and not 1 <= number <= limits.MAX_DOCUMENT_NUMBER:
        return [
            Problem(
                file,
                tr("số văn bản {number} ngoài khoảng cho phép", number=str(number)[:30]),
                field=field,
                expected=tr("một số từ 1 đến {limit}", limit=limits.MAX_DOCUMENT_NUMBER),
            )
        ]
    return []


def date_problems(date: Any, file: str, field: str = "date") -> list[Problem]:
    if isinstance(date, dt.date) and not limits.MIN_YEAR <= date.year <= limits.MAX_YEAR:
        return [
            Problem(
                file,
                tr("ngày {date} không hợp lý", date=rules.short_date(date)),
                field=field,
                expected=tr("một ngày trong các năm {first}–{last}", first=limits.MIN_YEAR, last=limits.MAX_YEAR),
            )
        ]
    return []


def awardee_problems(award_list: Any) -> list[Problem]:
    """Every text field and amount of every awardee, located by file, sheet and row."""
    problems = []
    ceiling = limits.max_amount()
    for a in award_list.awardees:
        src = a.source
        for name, label in AWARDEE_FIELDS.items():
            text = getattr(a, name, None)
            if not isinstance(text, str):
                continue
            why = bad_character(text)
            if why:
                problems.append(
                    Problem(
                        src.file,
                        why,
                        sheet=src.sheet,
                        row=src.row,
                        column=label,
                        field=src.field,
                        expected=tr("chữ in được"),
                    )
                )
            if len(text) > limits.MAX_CELL_CHARS:
                problems.append(
                    Problem(
                        src.file,
                        tr("dài {count} ký tự (giới hạn {limit})", count=len(text), limit=limits.MAX_CELL_CHARS),
                        sheet=src.sheet,
                        row=src.row,
                        column=label,
                        field=src.field,
                    )
                )
        if a.amount is not None and a.amount > ceiling:
            problems.append(
                Problem(
                    src.file,
                    tr("số tiền {amount} đồng vượt mức trần", amount=f"{a.amount:,}".replace(",", ".")[:40]),
                    sheet=src.sheet,
                    row=src.row,
                    column=tr("Số tiền"),
                    field=src.field,
                    expected=tr(
                        "tối đa {limit} đồng cho một người (đổi bằng VANBAN_MAX_AMOUNT)",
                        limit=f"{ceiling:,}".replace(",", "."),
                    ),
                )
            )
    return problems


def session_problems(session: Any, file: str) -> list[Problem]:
    return (
        text_problems(session, file)
        + number_problems(getattr(session, "number", None), file)
        + date_problems(getattr(session, "date", None), file)
    )


def check_document(parsed: Any, file: str) -> None:
    """All problems of a parsed single document (plan, notice …) before it is numbered."""
    meta = getattr(parsed, "meta", None)
    problems = text_problems(parsed, file, skip=("issuer", "body", "content"))
    content = getattr(parsed, "content", None)
    if isinstance(content, str):
        problems += _line_problems(content, file)
    if meta is not None:
        problems += number_problems(getattr(meta, "number", None), file) + date_problems(
            getattr(meta, "date", None), file
        )
        subject = getattr(meta, "subject", None)
        if isinstance(subject, str) and not subject.strip():
            problems.append(
                Problem(file, tr("trích yếu để trống"), field="subject", expected=tr("trích yếu nội dung văn bản"))
            )
    if problems:
        raise InputError(problems)


def _line_problems(text: str, file: str) -> list[Problem]:
    """Characters a document cannot carry in a whole text file, each with its line."""
    problems = []
    if len(text) > limits.MAX_BODY_CHARS:
        problems.append(
            Problem(file, tr("tệp dài {count} ký tự (giới hạn {limit})", count=len(text), limit=limits.MAX_BODY_CHARS))
        )
    for number, line in enumerate(text.split("\n"), start=1):
        why = bad_character(line.removesuffix("\r"))
        if why:
            problems.append(Problem(file, why, row=number, expected=tr("chữ in được")))
            if len(problems) >= 20:
                break
    return problems


def check_output_folder(root: Path) -> None:
    """The output folder (or its nearest existing parent) can take new files: tried, not guessed."""
    root = Path(root)
    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    where = str(root)
    if not probe.is_dir():
        raise InputError.single(
            where, tr("thư mục ghi kết quả không phải là thư mục"), expected=tr("một thư mục ghi được")
        )
    try:
        fd, name = tempfile.mkstemp(prefix=".vanban-write-test-", dir=probe)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise InputError.single(
            where,
            tr("không ghi được vào thư mục kết quả ({why})", why=exc.strerror or exc),
            expected=tr("một thư mục mà tài khoản này ghi được (-o THƯ-MỤC)"),
        ) from None
