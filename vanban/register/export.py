"""The register as a clerk keeps it on paper: an .xlsx sổ đăng ký văn bản đi for one year.

One sheet per book: the administrative sequence (or one per type when the issuer numbers each
type separately), the council's own book, and the sổ vàng. Each sheet has the title row
`SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM YYYY`, a line naming the issuer and the book, then one row per number in
number order — voided numbers included, since a register never hides a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from vanban import rules
from vanban.register.service import Entry
from vanban.text_safety import as_text_cell

HEADERS = ("Số, ký hiệu", "Ngày tháng", "Trích yếu nội dung", "Người ký", "Nơi nhận", "Loại", "Trạng thái", "Tệp")
WIDTHS = (18, 12, 50, 22, 30, 16, 22, 60)
HEADER_ROW = 3
STATUS_TEXT = {"reserved": "Đã giữ số", "issued": "Đã ban hành", "voided": "Đã hủy"}
BOOK_NAMES = {"admin": "Văn bản hành chính", "council": "Văn bản của Hội đồng", "so_vang": "Sổ vàng"}


def title(year: int) -> str:
    return f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year}"


def book_name(sequence: str) -> str:
    """`admin` → `Văn bản hành chính`; a per-type sequence `QĐ` → `Quyết định`."""
    if sequence in BOOK_NAMES:
        return BOOK_NAMES[sequence]
    if sequence == rules.CONG_VAN:
        return "Công văn"
    return rules.TYPE_ABBREVIATIONS.get(sequence, sequence)


def kind_text(entry: Entry) -> str:
    if entry.kind == "so_vang":
        return "Sổ vàng"
    name = (
        "Công văn" if entry.doc_type == rules.CONG_VAN else rules.TYPE_ABBREVIATIONS.get(entry.doc_type, entry.doc_type)
    )
    return f"{name} (Hội đồng)" if entry.kind == "council" else name


def status_text(entry: Entry) -> str:
    text = STATUS_TEXT.get(entry.status, entry.status)
    if entry.status == "voided" and entry.void_reason:
        text += f": {entry.void_reason}"
    return text


def files_text(entry: Entry) -> str:
    return "\n".join(f"{path} (SHA-256 {sha})" for path, sha in entry.files)


def _sheet_title(issuer_id: str, sequence: str, several_issuers: bool, used: set[str]) -> str:
    base = book_name(sequence)
    if several_issuers:
        base = f"{issuer_id} {base}"
    base = "".join("-" if c in "[]:*?/\\" else c for c in base)[:31]
    name, i = base, 2
    while name in used:
        suffix = f" ({i})"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name)
    return name


DRAFTS_SHEET = "Dự thảo"
DRAFT_HEADERS = ("Mã dự thảo", "Trích yếu", "Cơ quan", "Người soạn", "Ngày soạn", "Trạng thái", "Ghi chú")
DRAFT_WIDTHS = (14, 60, 20, 18, 14, 14, 40)
DRAFT_STATUS = {"draft": "Chờ ký", "issued": "Đã ban hành", "abandoned": "Đã bỏ"}


def _drafts_sheet(wb: Workbook, drafts: Sequence, year: int) -> None:
    """Drafts of the year on a sheet of their own: they hold no number, so the books list only
    what was issued (or reserved, or voided); this sheet says what is still waiting to be signed."""
    ws = wb.create_sheet(DRAFTS_SHEET)
    for col, (header, width) in enumerate(zip(DRAFT_HEADERS, DRAFT_WIDTHS, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, d in enumerate((d for d in drafts if d.year == year), start=2):
        note = d.number_symbol or d.reason or ""
        values = (d.id, d.subject, d.issuer_id, d.created_by, d.created_at.date(), DRAFT_STATUS[d.status], note)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            as_text_cell(cell)  # a name beginning with `=` stays a name, never a formula
        ws.cell(row=r, column=5).number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"


def export_xlsx(entries: Sequence[Entry], year: int, path: str | Path, drafts: Sequence = ()) -> Path:
    """Write the year's register to `path`; returns it. Entries of other years are ignored.
    `drafts` (`vanban.register.drafts.DraftRecord`), if any, go on their own sheet, last."""
    path = Path(path)
    rows = sorted((e for e in entries if e.year == year), key=lambda e: (e.issuer_id, e.sequence, e.number))
    wb = Workbook()
    wb.remove(wb.active)
    books = [(k, list(g)) for k, g in groupby(rows, key=lambda e: (e.issuer_id, e.sequence))]
    if not books:
        books = [(("", "admin"), [])]
    several = len({issuer for (issuer, _), _ in books}) > 1
    used: set[str] = set()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for (issuer_id, sequence), items in books:
        ws = wb.create_sheet(_sheet_title(issuer_id, sequence, several, used))
        last_col = get_column_letter(len(HEADERS))
        ws["A1"] = title(year)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A1:{last_col}1")
        ws["A2"] = f"Cơ quan: {issuer_id}    Sổ: {book_name(sequence)}" if issuer_id else "Chưa có số nào"
        ws["A2"].alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A2:{last_col}2")
        for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
            cell = ws.cell(row=HEADER_ROW, column=col, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            ws.column_dimensions[get_column_letter(col)].width = width
        for r, e in enumerate(items, start=HEADER_ROW + 1):
            values = (
                e.number_symbol,
                e.date,
                e.subject,
                e.signer,
                "\n".join(e.recipients),
                kind_text(e),
                status_text(e),
                files_text(e),
            )
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=col, value=value)
                as_text_cell(cell)  # a name beginning with `=` stays a name, never a formula
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.border = border
            ws.cell(row=r, column=2).number_format = "DD/MM/YYYY"
            if e.status == "voided":
                for col in range(1, len(HEADERS) + 1):  # struck through, the reason left readable
                    if HEADERS[col - 1] != "Trạng thái":
                        ws.cell(row=r, column=col).font = Font(strike=True)
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    if drafts:
        _drafts_sheet(wb, drafts, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
