"""Errors about user input that point at the exact place to fix.

A clerk reading an error must know which file, which sheet, row and column (or which front-matter
field) is wrong and what was expected. Readers collect every problem they find and raise one
`InputError` holding all of them, so a bad list is fixed in one pass, not one error per run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def pydantic_message(err: Mapping[str, Any]) -> str:
    """A pydantic validation error (one item of `exc.errors()`) in the clerk's language.

    Pydantic's own `msg` is English and speaks of Python types ("Input should be a valid
    integer"); the clerk needs "phải là số nguyên". The common error types are worded here; a
    `ValueError` raised by our own validators already carries a translated message, so it is
    shown as is. A rare type without a wording keeps pydantic's text after a Vietnamese lead.
    """
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind == "literal_error" or kind == "enum":
        # pydantic joins the choices with an English "or": "'colour' or 'print'"
        choices = str(ctx.get("expected", "")).replace(" or ", ", ")
        return tr("phải là một trong: {expected}", expected=choices)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next(iter(v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), "")
        if kind == "greater_than":
            return tr("phải lớn hơn {limit}", limit=limit)
        if kind == "greater_than_equal":
            return tr("phải từ {limit} trở lên", limit=limit)
        if kind == "less_than":
            return tr("phải nhỏ hơn {limit}", limit=limit)
        return tr("không được lớn hơn {limit}", limit=limit)
    if kind in ("string_too_short", "too_short"):
        if ctx.get("min_length") in (1, None):
            return tr("không được để trống")
        return tr("cần ít nhất {count} mục hoặc ký tự", count=ctx.get("min_length"))
    if kind in ("string_too_long", "too_long"):
        return tr("dài quá: nhiều nhất {count} mục hoặc ký tự", count=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return tr("không đúng dạng quy định")
    simple = {
        "missing": tr("thiếu mục bắt buộc này"),
        "extra_forbidden": tr("mục này không có trong mẫu (viết sai tên mục?)"),
        "string_type": tr("phải là chữ"),
        "int_type": tr("phải là số nguyên"),
        "int_parsing": tr("phải là số nguyên"),
        "int_from_float": tr("phải là số nguyên (không có phần lẻ)"),
        "float_type": tr("phải là số"),
        "float_parsing": tr("phải là số"),
        "decimal_parsing": tr("phải là số"),
        "decimal_type": tr("phải là số"),
        "bool_type": tr("phải là có/không (true/false)"),
        "bool_parsing": tr("phải là có/không (true/false)"),
        "date_type": tr("phải là một ngày, ví dụ 05/01/2026 hoặc 2026-01-05"),
        "date_parsing": tr("phải là một ngày, ví dụ 05/01/2026 hoặc 2026-01-05"),
        "date_from_datetime_parsing": tr("phải là một ngày, ví dụ 05/01/2026 hoặc 2026-01-05"),
        "date_from_datetime_inexact": tr("phải là một ngày, không kèm giờ"),
        "datetime_type": tr("phải là ngày giờ"),
        "datetime_parsing": tr("phải là ngày giờ"),
        "list_type": tr("phải là một danh sách (các dòng `- …`)"),
        "dict_type": tr("phải là một tập hợp `khóa: giá trị`"),
        "model_type": tr("phải là một tập hợp `khóa: giá trị`"),
        "model_attributes_type": tr("phải là một tập hợp `khóa: giá trị`"),
        "none_required": tr("phải để trống"),
    }
    if kind in simple:
        return simple[kind]
    return tr("giá trị không hợp lệ ({detail})", detail=err.get("msg", kind))
