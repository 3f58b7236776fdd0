"""Errors about user input that point at the exact place to fix.

A clerk reading an error must know which file, which sheet, row and column (or which front-matter
field) is wrong and what was expected. Readers collect every problem they find and raise one
`InputError` holding all of them, so a bad list is fixed in one pass, not one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vanban.i18n import tr


def describe_location(
    file: str, sheet: str | None = None, row: int | None = None, column: str | None = None, field: str | None = None
) -> str:
    """`list.xlsx, trang tính 'Cá nhân', dòng 12, cột C`: how every message names a place."""
    parts = [file]
    if sheet is not None:
        parts.append(tr("trang tính '{sheet}'", sheet=sheet))
    if row is not None:
        parts.append(tr("dòng {row}", row=row))
    if column is not None:
        parts.append(tr("cột {column}", column=column))
    if field is not None:
        parts.append(tr("mục '{field}'", field=field))
    return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    file: str
    message: str
    expected: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None

    def location(self) -> str:
        return describe_location(self.file, self.sheet, self.row, self.column, self.field)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.expected:
            text += tr(" (cần: {expected})", expected=self.expected)
        return text


@dataclass
class InputError(Exception):
    """Bad input: nothing was written and no document number was consumed."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        head = tr("Dữ liệu vào có {count} lỗi; chưa ghi tệp nào, chưa lấy số nào:", count=len(self.problems))
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])

    @classmethod
    def single(cls, file: str | Path, message: str, **where) -> InputError:
        return cls([Problem(str(file), message, **where)])
