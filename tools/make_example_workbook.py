"""Write the example award list `doc_templates/examples/khen-thuong-2026.xlsx`.

It looks like a real office's list on purpose, so the reader is shown working on one: two
title rows in merged cells, headers with line breaks and local names, an empty row, formula
cells (STT and a `Tổng cộng` row), a unit merged over several people, sheets `Tập thể` and
`Cá nhân`, and a `Thông tin` sheet with the session. The session YAML beside it
(`khen-thuong-2026.session.yaml`) holds the same information and wins when both exist.

Usage: python tools/make_example_workbook.py [output folder]
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "doc_templates" / "examples"
STEM = "khen-thuong-2026"

LONG_NAME = (
    "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2 thuộc Công đoàn các Khu công nghiệp, "
    "Doanh nghiệp ngoài nhà nước và Đơn vị sự nghiệp ngoài công lập tỉnh Lai Châu"
)
AMPERSAND_UNIT = "Ban Chính sách pháp luật & Quan hệ lao động"

COLLECTIVES = [
    "Công đoàn ngành Giáo dục tỉnh Lai Châu",
    "Công đoàn ngành Y tế tỉnh Lai Châu",
    "Công đoàn Viên chức tỉnh Lai Châu",
    "Công đoàn cơ sở Trường THPT Phong Thổ",
    "Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Lai Châu",
    "Công đoàn cơ sở Công ty Điện lực Lai Châu",
    f"{AMPERSAND_UNIT}, Liên đoàn Lao động tỉnh",
    LONG_NAME,
]

# (name, sex, position, unit)
INDIVIDUALS = [
    ("Nguyễn Văn An", "Nam", "Chủ tịch Công đoàn cơ sở", "Trường THPT Phong Thổ"),
    ("Lò Thị Mai", "Nữ", "Giáo viên", "Trường THPT Phong Thổ"),
    ("Tòng Văn Hùng", "Nam", "Phó Chủ tịch Công đoàn cơ sở", "Trường PTDTNT tỉnh Lai Châu"),
    ("Giàng A Dế", "Nam", "Công nhân", "Công ty Cổ phần Thủy điện Nậm Na 2"),
    ("Vàng Thị Mỷ", "Nữ", "Kế toán", "Công ty Cổ phần Thủy điện Nậm Na 2"),
    ("Sùng A Páo", "Nam", "Tổ trưởng tổ công đoàn", "Công ty Cổ phần Thủy điện Nậm Na 2"),
    ("Đèo Văn Thắng", "Nam", "Chủ tịch Công đoàn cơ sở", "Công ty Điện lực Lai Châu"),
    ("Hoàng Thị Hà", "Nữ", "Điều dưỡng trưởng", "Bệnh viện Đa khoa tỉnh Lai Châu"),
    ("Trần Minh Tuấn", "Nam", "Bác sĩ", "Bệnh viện Đa khoa tỉnh Lai Châu"),
    ("Lê Thị Hồng Nhung", "Nữ", "Chuyên viên", AMPERSAND_UNIT),
    ("Phạm Văn Đức", "Nam", "Phó Trưởng ban", AMPERSAND_UNIT),
    ("Đỗ Thị Thu Trang", "Nữ", "Chuyên viên", "Văn phòng Liên đoàn Lao động tỉnh"),
    ("Bùi Quang Huy", "Nam", "Chánh Văn phòng", "Văn phòng Liên đoàn Lao động tỉnh"),
    ("Vũ Thị Lan Anh", "Nữ", "Trưởng ban", "Ban Tổ chức, Liên đoàn Lao động tỉnh"),
    ("Ngô Thanh Sơn", "Nam", "Chủ nhiệm Ủy ban Kiểm tra", "Liên đoàn Lao động tỉnh Lai Châu"),
    ("Hà Thị Phương", "Nữ", "Chủ tịch Công đoàn cơ sở", "Sở Tư pháp tỉnh Lai Châu"),
    ("Lường Văn Thanh", "Nam", "Phó Chủ tịch", "Công đoàn ngành Giáo dục tỉnh Lai Châu"),
    ("Tao Văn Hải", "Nam", "Giáo viên", "Trường THCS Sìn Hồ"),
    ("Lù Thị Dung", "Nữ", "Giáo viên", "Trường Tiểu học Mường Tè"),
    ("Phan Thị Thanh Hương", "Nữ", "Chủ tịch", "Công đoàn ngành Y tế tỉnh Lai Châu"),
    ("Đặng Văn Hải", "Nam", "Công nhân vận hành", "Công ty Điện lực Lai Châu"),
    ("Nguyễn Thị Ngọc Ánh", "Nữ", "Dược sĩ", "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu"),
    ("Trịnh Văn Sơn", "Nam", "Chủ tịch Công đoàn cơ sở", "Công ty TNHH MTV Cao su Lai Châu"),
    ("Quàng Thị Ngân", "Nữ", "Công nhân", "Công ty TNHH MTV Cao su Lai Châu"),
    ("Lý A Sì", "Nam", "Công nhân", "Công ty TNHH MTV Cao su Lai Châu"),
    ("Hoàng Văn Bình", "Nam", "Phó Chủ tịch Công đoàn cơ sở", "Sở Giao thông vận tải tỉnh Lai Châu"),
    ("Cao Thị Yến", "Nữ", "Chuyên viên", "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"),
    ("Đinh Công Thành", "Nam", "Chủ tịch Công đoàn cơ sở", "Ngân hàng Nông nghiệp và PTNT tỉnh Lai Châu"),
    ("Lò Văn Hoan", "Nam", "Cán bộ", "Ủy ban nhân dân xã Bình Lư"),
    ("Mào Thị Khuyên", "Nữ", "Giáo viên", "Trường Mầm non Tân Uyên"),
    ("Chẻo Văn Lả", "Nam", "Công nhân", "Công ty Cổ phần Chè Tam Đường"),
    ("Bạc Thị Thu", "Nữ", "Kế toán", "Công ty Cổ phần Chè Tam Đường"),
]

SESSION_ROWS = [
    ("Cơ quan ban hành", "ldld-lai-chau"),
    ("Số quyết định", 15),
    ("Ngày quyết định", "05/01/2026"),
    (
        "Trích yếu",
        "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    ),
    ("Căn cứ", "Điều lệ Công đoàn Việt Nam"),
    ("Căn cứ", "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"),
    (
        "Căn cứ",
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
        "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
        "Thi đua, khen thưởng",
    ),
    (
        None,
        "Quyết định số 999/QĐ-TLĐ ngày 29 tháng 5 năm 2024 của Đoàn Chủ tịch Tổng Liên đoàn Lao "
        "động Việt Nam ban hành Quy chế khen thưởng của tổ chức Công đoàn",
    ),
    ("Đơn vị đề nghị", "Ban Chính sách pháp luật và Quan hệ lao động"),
    ("Tờ trình", "Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026"),
    ("Thành tích", "đã có thành tích xuất sắc trong phong trào thi đua năm 2025"),
    ("Hình thức", "Giấy khen"),
    ("Thẩm quyền", "TM. BAN THƯỜNG VỤ"),
    ("Chức vụ người ký", "CHỦ TỊCH"),
    ("Người ký", "Nguyễn Thị Thiện"),
    ("Nơi nhận", "Như Điều 3"),
    ("Nơi nhận", "Tổng Liên đoàn Lao động Việt Nam", "(B/c)"),
    ("Nơi nhận", "Thường trực Tỉnh ủy", "(B/c)"),
    ("Nơi nhận", "Các Ban, Văn phòng LĐLĐ tỉnh"),
    ("Lưu", "VT, CSPL&QHLĐ"),
    ("Thi hành", "Chánh Văn phòng, Trưởng ban Chính sách pháp luật và Quan hệ lao động Liên đoàn Lao động tỉnh"),
]

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _titles(ws, last_col: str, first: str, second: str) -> None:
    ws.merge_cells(f"A1:{last_col}1")
    ws.merge_cells(f"A2:{last_col}2")
    ws["A1"], ws["A2"] = first, second
    ws["A1"].font = Font(name="Times New Roman", bold=True, size=13)
    ws["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    ws["A1"].alignment = ws["A2"].alignment = CENTER


def _header(ws, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = ws.cell(row, col, name)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment, cell.border = CENTER, BOX
    ws.row_dimensions[row].height = 36


def _collectives(wb: Workbook) -> None:
    ws = wb.create_sheet("Tập thể")
    _titles(
        ws,
        "D",
        "DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG",
        "(Kèm theo Tờ trình số 05/TTr-CSPL ngày 02/01/2026 của Ban Chính sách pháp luật và Quan hệ lao động)",
    )
    _header(ws, 4, ["STT", "Tên đơn vị /\ntập thể", "Số tiền\n(đồng)", "Ghi chú"])
    row = 5
    for i, name in enumerate(COLLECTIVES):
        if i == 4:
            row += 1  # an empty row, as real lists have
        ws.cell(row, 1, 1 if i == 0 else f"=MAX($A$5:A{row - 1})+1")
        ws.cell(row, 2, name).alignment = WRAP
        row += 1
    ws.cell(row, 1, "Tổng cộng")
    ws.cell(row, 3, f"=SUM(C5:C{row - 1})")
    ws.column_dimensions["B"].width = 70


def _individuals(wb: Workbook) -> None:
    ws = wb.create_sheet("Cá nhân")
    _titles(ws, "G", "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", "(Kèm theo Tờ trình số 05/TTr-CSPL ngày 02/01/2026)")
    _header(ws, 4, ["TT", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị\ncông tác", "Số tiền\n(đồng)", "Ghi chú"])
    row, merged_rows = 5, []
    for i, (name, sex, position, unit) in enumerate(INDIVIDUALS):
        if i == 16:
            row += 1
        ws.cell(row, 1, 1 if i == 0 else f"=MAX($A$5:A{row - 1})+1")
        ws.cell(row, 2, name)
        ws.cell(row, 3, sex)
        ws.cell(row, 4, position)
        ws.cell(row, 5, unit).alignment = WRAP
        if unit == "Công ty Cổ phần Thủy điện Nậm Na 2":
            merged_rows.append(row)
        row += 1
    # One unit over the rows of its three people, as offices often draw it.
    ws.merge_cells(start_row=merged_rows[0], start_column=5, end_row=merged_rows[-1], end_column=5)
    ws.cell(row, 1, "Tổng cộng")
    for col, width in zip("BCDE", (28, 10, 30, 45), strict=True):
        ws.column_dimensions[col].width = width


def _info(wb: Workbook) -> None:
    ws = wb.create_sheet("Thông tin")
    ws.append(["Thông tin", "Nội dung", "Ghi chú"])
    for entry in SESSION_ROWS:
        ws.append(list(entry))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100


def build(out_dir: Path = OUT) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    _collectives(wb)
    _individuals(wb)
    _info(wb)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{STEM}.xlsx"
    wb.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
