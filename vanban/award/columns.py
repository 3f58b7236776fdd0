"""The columns of an award list (danh sách khen thưởng) and how to recognise them.

Offices name the same column differently (`Họ và tên`, `Tên tập thể/cá nhân`, `Đơn vị công
tác`, …), break headers over lines and wrap them in brackets. `COLUMNS` is the one table of
canonical field → header variants; headers are compared after `header_key` (NFC, no
diacritics, case folded, punctuation and line breaks as single spaces).

The cell parsers here (`parse_amount`, `parse_kind`, `parse_honorific`) return a value or
raise `ValueError` whose text says what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from vanban.award.model import Kind
from vanban.i18n import tr
from vanban.vietnamese.text import fold

#: Canonical field → header variants seen in offices' lists. The only place headers are named.
COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("STT", "TT", "Số TT", "Số thứ tự", "Thứ tự"),
    "name": (
        "Họ và tên",
        "Họ tên",
        "Tên cá nhân",
        "Tên tập thể",
        "Tên tập thể/cá nhân",
        "Tên tập thể, cá nhân",
        "Tên cá nhân/tập thể",
        "Tên đơn vị / tập thể",
        "Tên đơn vị, tập thể",
        "Họ và tên/Tên tập thể",
        "Tên tập thể/Họ và tên",
        "Tên tập thể hoặc cá nhân",
        "Tên",
    ),
    "honorific": ("Tên gọi (Ông/Bà)", "Tên gọi", "Ông/Bà", "Danh xưng", "Xưng hô"),
    "sex": ("Giới tính", "Nam/Nữ", "Giới"),
    "position": (
        "Chức vụ",
        "Chức danh",
        "Chức vụ, chức danh",
        "Chức vụ/chức danh",
        "Chức vụ, đơn vị công tác",
        "Chức vụ, đơn vị",
    ),
    "unit": (
        "Đơn vị",
        "Đơn vị công tác",
        "Tên đơn vị/tập thể công tác",
        "Nơi công tác",
        "Cơ quan, đơn vị",
        "Cơ quan đơn vị công tác",
        "Đơn vị trực thuộc",
    ),
    "kind": ("Phân loại", "Loại", "Đối tượng", "Tập thể/Cá nhân", "Cá nhân/Tập thể", "Loại đối tượng"),
    "form": (
        "Hình thức khen thưởng",
        "Danh hiệu thi đua",
        "Hình thức",
        "Danh hiệu",
        "Hình thức/Danh hiệu",
        "Hình thức khen thưởng/Danh hiệu thi đua",
        "Danh hiệu thi đua/Hình thức khen thưởng",
        "Hình thức đề nghị",
    ),
    "achievement": (
        "Thành tích",
        "Thành tích đạt được",
        "Tóm tắt thành tích",
        "Lý do khen thưởng",
        "Nội dung thành tích",
    ),
    "amount": (
        "Số tiền",
        "Số tiền thưởng",
        "Tiền thưởng",
        "Số tiền (đồng)",
        "Mức thưởng",
        "Mức tiền thưởng",
        "Thành tiền",
    ),
    "note": ("Ghi chú",),
}

#: Name headers that tell the kind of the whole sheet by themselves.
NAME_HEADER_KIND: dict[str, Kind] = {
    "Họ và tên": "individual",
    "Họ tên": "individual",
    "Tên cá nhân": "individual",
    "Tên tập thể": "collective",
    "Tên đơn vị / tập thể": "collective",
    "Tên đơn vị, tập thể": "collective",
}

#: Header rows are looked for in this many rows from the top of a sheet.
HEADER_SCAN_ROWS = 15
#: Fields whose value carries down a vertically merged range (a unit over several people).
CARRY_MERGED = ("position", "unit", "kind", "form", "achievement", "note")


def header_key(text: str) -> str:
    """`Tên đơn vị /\\n tập thể` → `ten don vi tap the`: how headers and keys are compared."""
    folded = fold(unicodedata.normalize("NFC", text)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", folded).split())


_EXACT: dict[str, str] = {header_key(v): f for f, variants in COLUMNS.items() for v in variants}
_PREFIXES = sorted(((k, f) for k, f in _EXACT.items() if " " in k), key=lambda kf: -len(kf[0]))
_NAME_KIND = {header_key(v): kind for v, kind in NAME_HEADER_KIND.items()}


def match_header(text: str) -> str | None:
    """The canonical field a header names, or None. Exact variants first, then the longest
    multi-word variant the header starts with (`Số tiền thưởng (đồng)` → amount)."""
    key = header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, name in _PREFIXES:
        if key.startswith(prefix + " "):
            return name
    return None


@dataclass
class Header:
    """A recognised header row: its index in the grid and the columns of each field."""

    index: int
    row: int
    columns: dict[str, list[int]] = field(default_factory=dict)
    name_kind: Kind | None = None

    def has(self, name: str) -> bool:
        return name in self.columns


def find_header(rows: list[list], scan: int = HEADER_SCAN_ROWS) -> Header | None:
    """The row among the first `scan` that maps the most known headers (at least two)."""
    best: Header | None = None
    for index, cells in enumerate(rows[:scan]):
        header = Header(index, cells[0].row if cells else index + 1)
        for col, cell in enumerate(cells):
            if not isinstance(cell.value, str):
                continue
            name = match_header(cell.value)
            if name is None:
                continue
            header.columns.setdefault(name, []).append(col)
            if name == "name" and header.name_kind is None:
                header.name_kind = _NAME_KIND.get(header_key(cell.value))
        if len(header.columns) >= 2 and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def required_headers_text() -> str:
    return tr("một cột họ tên như {names}", names=", ".join(f"'{v}'" for v in COLUMNS["name"][:6]))


# ---------------------------------------------------------------------------------------------
# Row classification

_SUM_ROW = re.compile(r"^(tong cong|tong so|tong|cong)( so)?( tien)?( thuong)?( dong)?( \d.*)?$")
_SECTION_KINDS: dict[str, Kind] = {
    "tap the": "collective",
    "ca nhan": "individual",
    "gia dinh": "household",
    "ho gia dinh": "household",
}
_SECTION_ROW = re.compile(
    r"^(?:(?:[ivx]+|[a-d]|\d+) )?(?:danh sach )?(?:khen thuong )?"
    r"(tap the|ca nhan|ho gia dinh|gia dinh)(?: \d+)?$"
)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def is_sum_label(text: str) -> bool:
    """`Tổng cộng`, `Tổng số: 05 tập thể`, `Cộng` — but not `Tổng Công ty Điện lực`."""
    return bool(_SUM_ROW.match(header_key(text)))


def section_kind(text: str) -> Kind | None:
    """`I. TẬP THỂ`, `II. CÁ NHÂN (12)` → the kind of the rows that follow."""
    m = _SECTION_ROW.match(header_key(text))
    if not m:
        return None
    return _SECTION_KINDS[m.group(1)]


def is_column_number(text: str) -> bool:
    """`(1)`, `2`: the row of column numbers official forms put under the header."""
    return bool(_COLUMN_NUMBER.match(text.strip()))


def kind_from_words(text: str) -> Kind | None:
    """A sheet name or title that names exactly one kind: `Cá nhân`, `DANH SÁCH TẬP THỂ …`."""
    key = header_key(text)
    found = {kind for word, kind in _SECTION_KINDS.items() if re.search(rf"\b{word}\b", key)}
    if "household" in found and "ho gia dinh" in key:
        found.discard("collective")  # "hộ gia đình" is not "gia đình" twice
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------------
# Cell values

_KINDS: dict[str, Kind] = {
    "tap the": "collective",
    "collective": "collective",
    "tt": "collective",
    "ca nhan": "individual",
    "individual": "individual",
    "cn": "individual",
    "gia dinh": "household",
    "ho gia dinh": "household",
    "household": "household",
    "gd": "household",
}
_HONORIFICS = {"ong": "Ông", "ba": "Bà"}
_SEXES = {"nam": "Ông", "nu": "Bà", "male": "Ông", "female": "Bà"}


def parse_kind(value: str) -> Kind:
    kind = _KINDS.get(header_key(value))
    if kind is None:
        raise ValueError(tr("'Tập thể' hoặc 'Cá nhân'"))
    return kind


def parse_honorific(value: str) -> str:
    honorific = _HONORIFICS.get(header_key(value))
    if honorific is None:
        raise ValueError(tr("'Ông' hoặc 'Bà'"))
    return honorific


def parse_sex(value: str) -> str:
    honorific = _SEXES.get(header_key(value))
    if honorific is None:
        raise ValueError(tr("'Nam' hoặc 'Nữ'"))
    return honorific


def _amount_expected() -> str:
    return tr("một số đồng chẵn, ví dụ 710.000, 710,000 hoặc 710000")


# ASCII digits only: `\d` would take Arabic-Indic or full-width digits that no clerk typed.
_GROUPED = re.compile(r"^[0-9]{1,3}(?:([.,\u00a0 ])[0-9]{3})(?:\1[0-9]{3})*(?:[.,]0{1,2})?$")
_PLAIN = re.compile(r"^[0-9]{1,30}(?:[.,]0{1,2})?$")


def parse_amount(value) -> int | None:
    """`710.000`, `710,000`, `710 000`, `710000`, `710.000 đồng`, 710000.0 → 710000."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise ValueError(_amount_expected())
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_amount_expected())
        number = int(value)
    else:
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd)\.?$", "", str(value).strip(), flags=re.IGNORECASE)
        if not text:
            return None
        if _GROUPED.match(text):
            digits = re.sub(r"[.,]0{1,2}$", "", text) if re.search(r"[.,]\d{1,2}$", text) else text
            number = int(re.sub(r"[^0-9]", "", digits))
        elif _PLAIN.match(text):
            number = int(re.split(r"[.,]", text)[0])
        else:
            raise ValueError(_amount_expected())
    if number < 0:
        raise ValueError(_amount_expected())
    return number
