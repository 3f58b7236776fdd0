"""An .xlsx workbook read within bounds: the archive checked first, then only the real data streamed.

Why not `load_workbook(...)` and `iter_rows(max_row=ws.max_row, max_col=ws.max_column)`: an office
file that once had a whole column formatted carries a cell at `XFD1048576`, so `max_row ×
max_column` is 17 billion cells (18.6 GB before it gave up); and a 3 MB zip can inflate to
3 million rows. Here:

1. the archive is checked before any XML is parsed — members, uncompressed bytes, compression
   ratio, an encrypted (OLE) file — against `vanban.limits`;
2. each sheet's XML is streamed row by row (openpyxl's own parser, one row in memory at a time);
   rows and cells without a value (formatting only) cost nothing and are never stored;
3. the grid is as wide and as long as the cells that hold something, and refused when that real
   extent passes the row, column or cell limits — never silently cut.
"""

from __future__ import annotations

import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from vanban import limits
from vanban.errors import InputError
from vanban.i18n import tr

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xlsx_expected() -> str:
    return tr("tệp .xlsx lưu bằng Excel hoặc LibreOffice")


@dataclass
class RawCell:
    """A cell that holds something, as read from the sheet XML."""

    row: int
    column: int
    value: object = None
    data_type: str = "n"
    formula: str | None = None  # a formula with no saved result
    font: str | None = None


@dataclass
class RawSheet:
    title: str
    hidden: bool
    cells: list[RawCell] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    max_row: int = 0
    max_column: int = 0


def check_archive(path: Path) -> None:
    """Refuse a file that is not a sane .xlsx archive before anything inflates it."""
    file = str(path)
    expected = _xlsx_expected()
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise InputError.single(
            file,
            tr(
                "tệp quá lớn ({size} MB; giới hạn {limit} MB)", size=size // 2**20, limit=limits.MAX_FILE_BYTES // 2**20
            ),
            expected=expected,
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise InputError.single(
            file,
            tr("tệp được đặt mật khẩu, hoặc là tệp Excel 97-2003 (.xls)"),
            expected=tr("tệp .xlsx không đặt mật khẩu (Tệp › Lưu thành… › Sổ làm việc Excel)"),
        )
    if not zipfile.is_zipfile(path):
        raise InputError.single(file, tr("tệp này không phải sổ làm việc Excel"), expected=expected)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError.single(file, tr("tệp Excel bị hỏng ({why})", why=exc), expected=expected) from None
    if len(members) > limits.MAX_XLSX_MEMBERS:
        raise InputError.single(
            file, tr("tệp nén chứa quá nhiều thành phần ({count})", count=len(members)), expected=expected
        )
    total = sum(m.file_size for m in members)
    if total > limits.MAX_XLSX_UNCOMPRESSED:
        raise InputError.single(
            file,
            tr(
                "nội dung giải nén quá lớn ({size} MB; giới hạn {limit} MB) — danh sách thật không lớn đến vậy",
                size=total // 2**20,
                limit=limits.MAX_XLSX_UNCOMPRESSED // 2**20,
            ),
            expected=expected,
        )
    for m in members:
        if m.flag_bits & 0x1:
            raise InputError.single(file, tr("tệp được đặt mật khẩu"), expected=expected)
        if m.file_size > 1_000_000 and m.file_size > limits.MAX_XLSX_RATIO * max(1, m.compress_size):
            raise InputError.single(
                file,
                tr(
                    "thành phần {member} nén bất thường (tỷ lệ {ratio}:1): có thể là bom nén",
                    member=m.filename,
                    ratio=m.file_size // max(1, m.compress_size),
                ),
                expected=expected,
            )


def read_sheets(path: Path) -> list[RawSheet]:
    """Every worksheet's cells that hold a value, streamed; raises `InputError` past the limits."""
    from openpyxl import load_workbook

    check_archive(path)
    file = str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged or foreign zip files
        raise InputError.single(
            file,
            tr("không mở được sổ làm việc ({kind}: {why})", kind=type(exc).__name__, why=str(exc)[:200]),
            expected=_xlsx_expected(),
        ) from None
    try:
        _check_every_sheet_read(path, book)
        sheets = []
        for ws in book.worksheets:
            sheets.append(_stream_sheet(file, book, ws))
        return sheets
    except InputError:
        raise
    except Exception as exc:  # damaged XML inside a valid zip
        raise InputError.single(
            file,
            tr("nội dung tệp Excel bị hỏng ({kind}: {why})", kind=type(exc).__name__, why=str(exc)[:200]),
            expected=_xlsx_expected(),
        ) from None
    finally:
        book.close()


def _check_every_sheet_read(path: Path, book) -> None:
    """openpyxl skips a sheet whose XML is missing from the archive: a list would lose a sheet
    without a word. Every sheet the workbook names must have been found."""
    import re

    with zipfile.ZipFile(path) as archive:
        try:
            workbook_xml = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        except KeyError:
            return
    named = re.findall(r"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", workbook_xml)
    found = {ws.title for ws in book.worksheets} | {cs.title for cs in getattr(book, "chartsheets", [])}
    for name in named:
        import html

        title = html.unescape(name)
        if title not in found:
            raise InputError.single(
                str(path),
                tr("trang tính '{sheet}' có tên trong sổ nhưng thiếu nội dung (tệp bị hỏng)", sheet=title),
                sheet=title,
                expected=tr("mở và lưu lại tệp bằng Excel hoặc LibreOffice"),
            )


def _stream_sheet(file: str, book, ws) -> RawSheet:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):
        """openpyxl's parser, keeping a formula's text when its result was never saved."""

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                formula = self.parse_formula(element)
                cell["formula"] = getattr(formula, "text", formula)
            return cell

    title = unicodedata.normalize("NFC", ws.title)
    sheet = RawSheet(title, hidden=getattr(ws, "sheet_state", "visible") != "visible")
    fonts: dict[int, str | None] = {}
    max_rows = limits.max_list_rows()
    rows_with_data = 0
    with ws._get_source() as src, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser = _Parser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for _, row in parser.parse():
            kept = False
            for c in row:
                value, formula = c["value"], c.get("formula")
                if value is None and not formula:
                    continue  # formatting only: never stored
                if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                    raise InputError.single(
                        file,
                        tr("ô có {count} ký tự (giới hạn {limit})", count=len(value), limit=limits.MAX_CELL_CHARS),
                        sheet=title,
                        row=c["row"],
                        column=_letter(c["column"]),
                    )
                if c["column"] > limits.MAX_COLUMNS:
                    raise InputError.single(
                        file,
                        tr("có dữ liệu ở cột {column}, quá xa bên phải", column=_letter(c["column"])),
                        sheet=title,
                        row=c["row"],
                        column=_letter(c["column"]),
                        expected=tr("danh sách nằm trong {limit} cột đầu; xoá ô thừa", limit=limits.MAX_COLUMNS),
                    )
                style = c["style_id"] or 0
                if style not in fonts:
                    fonts[style] = _font_name(book, style)
                sheet.cells.append(RawCell(c["row"], c["column"], value, c["data_type"], formula, fonts[style]))
                sheet.max_row = max(sheet.max_row, c["row"])
                sheet.max_column = max(sheet.max_column, c["column"])
                kept = True
            if kept:
                rows_with_data += 1
                if rows_with_data > max_rows:
                    raise InputError.single(
                        file,
                        tr("trang tính có hơn {limit} dòng dữ liệu", limit=max_rows),
                        sheet=title,
                        expected=tr("một danh sách tách thành nhiều tệp, hoặc đặt VANBAN_MAX_LIST_ROWS"),
                    )
        merged = getattr(parser, "merged_cells", None)
    if sheet.max_row * sheet.max_column > limits.MAX_CELLS:
        raise InputError.single(
            file,
            tr(
                "vùng dữ liệu {rows} dòng × {columns} cột quá lớn (giới hạn {limit} ô)",
                rows=sheet.max_row,
                columns=sheet.max_column,
                limit=limits.MAX_CELLS,
            ),
            sheet=title,
            expected=tr("xoá các ô có dữ liệu nằm xa danh sách"),
        )
    for rng in getattr(merged, "mergeCell", None) or []:
        from openpyxl.utils.cell import range_boundaries

        try:
            min_col, min_row, max_col, max_row = range_boundaries(rng.ref)
        except (TypeError, ValueError):
            continue
        # Merges beyond the data extent hold nothing to carry: clip them, never expand them.
        max_row, max_col = min(max_row, sheet.max_row), min(max_col, sheet.max_column)
        if min_row <= max_row and min_col <= max_col:
            sheet.merges.append((min_row, min_col, max_row, max_col))
    return sheet


def _font_name(book, style_id: int) -> str | None:
    try:
        font_id = book._cell_styles[style_id].fontId
        return book._fonts[font_id].name
    except (IndexError, AttributeError, TypeError):
        return None


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 1 <= column <= 18278 else str(column)
