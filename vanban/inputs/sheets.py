"""Spreadsheet-like inputs (.xlsx, .csv) read into plain grids of located, repaired cells.

Every text cell is repaired on the way in (`vanban.vietnamese.legacy.repair`, with the cell's
font as hint) and each conversion is noted, so the clerk sees which cells were changed. A
formula whose result was never saved (a file written by a script) is kept as such and
reported by whoever needs its value; merged ranges remember the value of their first cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from vanban import limits
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.inputs.conversion import Conversion
from vanban.text_safety import decode_excel_escapes
from vanban.vietnamese.legacy import repair, vietnamese_score

Value = str | int | float | bool | dt.date | dt.datetime | None


@dataclass
class Cell:
    """One cell: where it is, and what it holds after repair."""

    row: int
    column: str
    value: Value = None
    formula: str | None = None  # a formula whose result was not saved in the file
    error: str | None = None  # an Excel error value such as #REF!
    merged: Value = None  # value of the merged range covering this (non-first) cell

    @property
    def empty(self) -> bool:
        return (
            (self.value is None or (isinstance(self.value, str) and not self.value.strip()))
            and self.formula is None
            and self.error is None
        )

    @property
    def text(self) -> str:
        """The value as text, stripped ('' when empty); numbers without a useless `.0`."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()


@dataclass
class Grid:
    """A sheet (or a CSV file) as rows of cells of equal width."""

    file: str
    sheet: str | None
    rows: list[list[Cell]] = field(default_factory=list)
    hidden: bool = False

    def where(self, **extra) -> dict:
        return {"sheet": self.sheet, **extra}


def _note(
    conversions: list[Conversion], file: str, sheet: str | None, row: int, column: str, original: str, font: str | None
) -> str:
    fixed, encoding = repair(original, font)
    if encoding is not None:
        conversions.append(
            Conversion(
                file=file, sheet=sheet, row=row, column=column, original=original, converted=fixed, encoding=encoding
            )
        )
    return fixed


# ---------------------------------------------------------------------------------------------
# Excel


def read_xlsx(path: Path, conversions: list[Conversion]) -> list[Grid]:
    """All sheets of a workbook, each as wide and as long as its real data (`xlsx_extent`);
    raises `InputError` when the file is no readable .xlsx or passes the limits."""
    from vanban.inputs.xlsx_extent import read_sheets

    return [_sheet_grid(str(path), raw, conversions) for raw in read_sheets(path)]


def _sheet_grid(file: str, raw, conversions: list[Conversion]) -> Grid:
    sheet = raw.title
    grid = Grid(file, sheet, hidden=raw.hidden)
    letters = [get_column_letter(c) for c in range(1, raw.max_column + 1)]
    grid.rows = [[Cell(r, letters[c]) for c in range(raw.max_column)] for r in range(1, raw.max_row + 1)]
    for xl in raw.cells:
        cell = grid.rows[xl.row - 1][xl.column - 1]
        value = xl.value
        if xl.data_type == "e" and value is not None:
            cell.error = str(value)
        elif isinstance(value, str):
            # Excel writes U+000B as `_x000B_`: judged later like the character it stands for.
            value = decode_excel_escapes(value)
            cell.value = _note(conversions, file, sheet, xl.row, cell.column, value, xl.font)
        else:
            cell.value = value
        if value is None and isinstance(xl.formula, str) and xl.formula.startswith("="):
            cell.formula = xl.formula
    for min_row, min_col, max_row, max_col in raw.merges:
        anchor = grid.rows[min_row - 1][min_col - 1]
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    covered = grid.rows[r - 1][c - 1]
                    covered.merged = anchor.value
                    covered.formula = None
    _trim(grid)
    return grid


def _trim(grid: Grid) -> None:
    while grid.rows and all(c.empty for c in grid.rows[-1]):
        grid.rows.pop()


# ---------------------------------------------------------------------------------------------
# CSV

#: Tried in this order when the bytes are not UTF-8: Vietnamese Windows, then Western Windows
#: (whose text may still be TCVN3/VNI typed in a legacy font, repaired cell by cell).
LEGACY_CSV_ENCODINGS = ("cp1258", "cp1252")


def read_csv(path: Path, conversions: list[Conversion]) -> Grid:
    """A CSV list; the encoding (UTF-8 with or without BOM, cp1258, cp1252) is detected.

    UTF-8 with a few stray bytes is not a legacy file: its bad bytes are reported by row and
    column rather than the whole file read as cp1252 (which prints every Vietnamese letter as
    mojibake). Rows, columns and field lengths are bounded (`vanban.limits`).
    """
    file = str(path)
    if path.stat().st_size > limits.MAX_FILE_BYTES:
        raise InputError.single(
            file,
            tr(
                "tệp quá lớn ({size} MB; giới hạn {limit} MB)",
                size=path.stat().st_size // 2**20,
                limit=limits.MAX_FILE_BYTES // 2**20,
            ),
        )
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError.single(
            file,
            tr("tệp này không phải tệp CSV dạng chữ (có dữ liệu nhị phân)"),
            expected=tr("tệp CSV lưu với bảng mã UTF-8 (Excel: CSV UTF-8)"),
        )
    try:
        text, encoding = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        if _mostly_utf8(raw):
            _report_stray_bytes(file, raw)
        text, encoding = _decode_legacy(raw)
    records = _records(file, text)
    grid = Grid(file, None)
    width = max((len(r) for r in records), default=0)
    for r, record in enumerate(records, start=1):
        cells = []
        for c in range(width):
            value = record[c] if c < len(record) else ""
            cell = Cell(r, get_column_letter(c + 1))
            if value.strip():
                fixed = _note(conversions, file, None, r, cell.column, value, None)
                if encoding and not value.isascii() and fixed == value:
                    conversions.append(
                        Conversion(
                            file=file, row=r, column=cell.column, original=value, converted=fixed, encoding=encoding
                        )
                    )
                cell.value = fixed
            cells.append(cell)
        grid.rows.append(cells)
    _trim(grid)
    return grid


def _records(file: str, text: str) -> list[list[str]]:
    """CSV records within the limits; csv's own errors (a field past 131,072 characters, a NUL)
    become located problems."""
    # strict: an opening quote never closed is an error, not one field swallowing every row after it
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text), strict=True)
    records: list[list[str]] = []
    max_rows = limits.max_list_rows()
    filled = 0
    try:
        for record in reader:
            if len(record) > limits.MAX_COLUMNS and any(v.strip() for v in record[limits.MAX_COLUMNS :]):
                raise InputError.single(
                    file,
                    tr("dòng có {count} cột (giới hạn {limit})", count=len(record), limit=limits.MAX_COLUMNS),
                    row=reader.line_num,
                )
            record = record[: limits.MAX_COLUMNS]
            for c, value in enumerate(record):
                if len(value) > limits.MAX_CELL_CHARS:
                    raise InputError.single(
                        file,
                        tr("ô có {count} ký tự (giới hạn {limit})", count=len(value), limit=limits.MAX_CELL_CHARS),
                        row=reader.line_num,
                        column=get_column_letter(c + 1),
                    )
            if any(v.strip() for v in record):
                filled += 1
                if filled > max_rows:
                    raise InputError.single(
                        file,
                        tr("tệp có hơn {limit} dòng dữ liệu", limit=max_rows),
                        expected=tr("một danh sách tách thành nhiều tệp, hoặc đặt VANBAN_MAX_LIST_ROWS"),
                    )
            records.append(record)
    except csv.Error as exc:
        raise InputError.single(
            file,
            tr("không đọc được dòng CSV ({why})", why=exc),
            row=reader.line_num or None,
            expected=tr("tệp CSV hợp lệ, mỗi ô ngắn hơn {limit} ký tự", limit=limits.MAX_CELL_CHARS),
        ) from None
    return records


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes hold real UTF-8 multi-byte letters and only a few bytes that are not:
    a UTF-8 file with stray bytes, not a cp1258/cp1252 one."""
    text = raw.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    return multibyte >= 3 and stray * 10 <= multibyte


def _report_stray_bytes(file: str, raw: bytes) -> None:
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        for record in reader:
            for c, value in enumerate(record):
                bad = [ch for ch in value if "\udc80" <= ch <= "\udcff"]
                if bad:
                    problems.append(
                        Problem(
                            file,
                            tr(
                                "có byte không phải UTF-8 ({bytes}) giữa chữ UTF-8",
                                bytes=" ".join(f"0x{ord(ch) - 0xDC00:02x}" for ch in bad[:4]),
                            ),
                            row=reader.line_num,
                            column=get_column_letter(c + 1),
                            expected=tr("gõ lại ô này, hoặc lưu tệp bằng Excel: CSV UTF-8"),
                        )
                    )
            if len(problems) >= 50:
                break
    except csv.Error:
        pass
    if not problems:
        problems.append(
            Problem(file, tr("có byte không phải UTF-8 giữa chữ UTF-8"), expected=tr("lưu tệp bằng Excel: CSV UTF-8"))
        )
    raise InputError(problems)


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Pick the 8-bit code page whose text reads as better Vietnamese (ties: cp1258)."""
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(LEGACY_CSV_ENCODINGS):
        try:
            text = unicodedata.normalize("NFC", raw.decode(encoding))
        except UnicodeDecodeError:
            continue
        repaired = " ".join(repair(line)[0] for line in text.splitlines())
        candidate = (vietnamese_score(repaired), -rank, text, encoding)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return raw.decode("latin-1"), "latin-1"
    return best[2], best[3]


def _dialect(text: str):
    sample = "\n".join(text.splitlines()[:30])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel
