"""Builders for award-list fixtures: workbooks written with openpyxl, session files, encoders."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font

DATA = Path(__file__).resolve().parent / "data" / "award"
ISSUERS = DATA / "issuers"

SESSION = {
    "issuer": "ldld-lai-chau",
    "number": 15,
    "date": "2026-01-05",
    "subject": "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc "
    "trong phong trào thi đua năm 2025",
    "legal_bases": ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
    "proposer": "Ban Chính sách pháp luật và Quan hệ lao động",
    "proposal": "Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026",
    "achievement": "đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "award_form": "giay_khen",
    "recipients": ["Như Điều 3"],
    "archive": "VT, CSPL&QHLĐ",
}


def write_session(folder: Path, name: str = "session.yaml", **changes) -> Path:
    data = {**SESSION, **changes}
    data = {k: v for k, v in data.items() if v is not ...}
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_workbook(
    path: Path,
    sheets: dict[str, list[list]],
    *,
    fonts: dict[tuple[str, str], str] | None = None,
    merges: dict[str, list[str]] | None = None,
) -> Path:
    """Sheets as rows of values (None for empty); `fonts[(sheet, 'B5')] = '.VnTime'`."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    for (sheet, ref), font in (fonts or {}).items():
        wb[sheet][ref].font = Font(name=font)
    wb.save(path)
    return path


def set_cached_values(path: Path, sheet_number: int, values: dict[str, object]) -> None:
    """Store results for formula cells, as Excel does when it saves (openpyxl cannot)."""
    member = f"xl/worksheets/sheet{sheet_number}.xml"
    with zipfile.ZipFile(path) as z:
        contents = {n: z.read(n) for n in z.namelist()}
    xml = contents[member].decode("utf-8")
    for ref, value in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?', rf"\g<1><v>{value}</v>", xml)
        assert n == 1, ref
    contents[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in contents.items():
            z.writestr(n, data)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tones as combining marks after a base letter such as `ê`."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


INDIVIDUAL_HEADER = ["STT", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị công tác", "Số tiền", "Ghi chú"]
COLLECTIVE_HEADER = ["STT", "Tên tập thể", "Số tiền", "Ghi chú"]
