"""Every Decree 30/2020/NĐ-CP value vanban uses, in one place.

The DOCX renderer, the PDF renderer and the checker all read from this module, so a value
changed here changes all three. Where the decree allows a range the range is kept (the
checker accepts it) together with the default the generators use. Sources: Decree 30,
Appendix I (format) and Appendix III (type abbreviations); trade-union bodies apply it via
QĐ 933/QĐ-TLĐ; Party bodies follow Quy định 399-QĐ/TW and guide 36-HD/VPTW.

Pure constants and pure functions; no I/O.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

System = Literal["state", "trade_union", "party"]

# --------------------------------------------------------------------------------------------
# Units. Lengths are millimetres throughout; renderers convert.
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Range:
    """An inclusive interval the decree allows, with the value vanban generates."""

    low: float
    high: float
    default: float

    def __contains__(self, value: float) -> bool:  # tolerate rounding from EMU/twip units
        return self.low - 0.05 <= value <= self.high + 0.05


# --------------------------------------------------------------------------------------------
# §1 Page (khổ giấy, lề)
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP = Range(20, 25, 20)
MARGIN_BOTTOM = Range(20, 25, 20)
MARGIN_LEFT = Range(30, 35, 30)
MARGIN_RIGHT = Range(15, 20, 15)
#: Header/footer distance from the page edge; the page number sits in the top margin.
HEADER_DISTANCE_MM = 10.0

FONT_NAME = "Times New Roman"
#: Metric-compatible substitutes with Vietnamese glyphs, tried in order when Times New Roman
#: is not installed (PDF only: the DOCX always names Times New Roman, the clerk's Word has it).
FONT_FALLBACKS = ("Liberation Serif", "Tinos")
PAGE_NUMBER_SIZE = Range(13, 14, 14)


def text_width_mm(
    margin_left: float = MARGIN_LEFT.default,
    margin_right: float = MARGIN_RIGHT.default,
    page_width: float = PAGE_WIDTH_MM,
) -> float:
    """Width of the text block between the margins."""
    return page_width - margin_left - margin_right


# --------------------------------------------------------------------------------------------
# Element styles (§2, §5–§8, §12). One entry per element of the frame and body.


@dataclass(frozen=True)
class TextStyle:
    """How one element of the document looks: size range (pt), weight, slant, case, alignment."""

    size: Range
    bold: bool = False
    italic: bool = False
    caps: bool = False
    align: Literal["left", "center", "right", "justify"] = "center"


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
#: The line under the Party issuer is a single star (dấu sao), not a rule.
PARTY_STAR = "*"


@dataclass(frozen=True)
class Role:
    """A paragraph role: how it looks (its Decree 30 style) and its names in a Word template.

    The one list of roles (`ROLES`) is what every other declaration derives from: the styles
    the checker compares (`STYLES`), the DOCX template's paragraph styles (`VB …`, built by
    `tools/build_docx_templates.py`), the CSS classes of the PDF, the roles a body block may take
    (`BODY_ROLES`, the `[[role]]` marks of wording templates) and `document_model.BlockStyle`.
    `style` is None for roles that only draw (a rule, the room for the signature).
    """

    style: TextStyle | None
    word_id: str  # ASCII style id, addressable by every consumer
    word_name: str  # the name a clerk sees in Word
    body: bool = False  # a body paragraph may take this role


ROLES: dict[str, Role] = {
    "national_name": Role(TextStyle(Range(12, 13, 13), bold=True, caps=True), "VBQuocHieu", "VB Quốc hiệu"),
    "motto": Role(TextStyle(Range(13, 14, 14), bold=True), "VBTieuNgu", "VB Tiêu ngữ"),
    "party_name": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBTenDang", "VB Tên Đảng"),
    "parent": Role(TextStyle(Range(12, 13, 13), caps=True), "VBCoQuanChuQuan", "VB Cơ quan chủ quản"),
    "issuer": Role(TextStyle(Range(12, 13, 13), bold=True, caps=True), "VBCoQuanBanHanh", "VB Cơ quan ban hành"),
    "number": Role(TextStyle(Range(13, 13, 13)), "VBSoKyHieu", "VB Số, ký hiệu"),
    "cv_subject": Role(TextStyle(Range(12, 13, 12)), "VBTrichYeuCV", "VB Trích yếu công văn"),
    "place_date": Role(TextStyle(Range(13, 14, 14), italic=True), "VBDiaDanhNgay", "VB Địa danh, ngày tháng"),
    "type_name": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBTenLoai", "VB Tên loại văn bản"),
    "subject": Role(TextStyle(Range(13, 14, 14), bold=True), "VBTrichYeu", "VB Trích yếu"),
    "kinh_gui": Role(TextStyle(Range(13, 14, 14)), "VBKinhGui", "VB Kính gửi"),
    "authority_body": Role(
        TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBThamQuyen", "VB Thẩm quyền ban hành", body=True
    ),
    "body": Role(TextStyle(Range(13, 14, 14), align="justify"), "VBNoiDung", "VB Nội dung", body=True),
    "item": Role(TextStyle(Range(13, 14, 14), align="justify"), "VBGachDauDong", "VB Gạch đầu dòng", body=True),
    "heading1": Role(TextStyle(Range(13, 14, 14), bold=True, align="justify"), "VBDeMuc1", "VB Đề mục I", body=True),
    "heading2": Role(TextStyle(Range(13, 14, 14), bold=True, align="justify"), "VBDeMuc2", "VB Đề mục 1", body=True),
    "heading3": Role(
        TextStyle(Range(13, 14, 14), bold=True, italic=True, align="justify"), "VBDeMuc3", "VB Đề mục a", body=True
    ),
    "legal_basis": Role(TextStyle(Range(13, 14, 14), italic=True, align="justify"), "VBCanCu", "VB Căn cứ", body=True),
    "decides": Role(TextStyle(Range(13, 14, 14), bold=True), "VBQuyetDinh", "VB Quyết định", body=True),
    "recipients_label": Role(
        TextStyle(Range(12, 12, 12), bold=True, italic=True, align="left"), "VBNoiNhan", "VB Nơi nhận"
    ),
    "recipient": Role(TextStyle(Range(11, 11, 11), align="left"), "VBNoiNhanDong", "VB Nơi nhận - dòng"),
    "signer_authority": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBQuyenHanKy", "VB Quyền hạn ký"),
    "signer_title": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBChucVuKy", "VB Chức vụ người ký"),
    "signer_name": Role(TextStyle(Range(13, 14, 14), bold=True), "VBHoTenKy", "VB Họ tên người ký"),
    "annex_heading": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBPhuLuc", "VB Phụ lục - tiêu đề"),
    "annex_title": Role(TextStyle(Range(13, 14, 14), bold=True, caps=True), "VBPhuLucTen", "VB Phụ lục - tên"),
    "annex_reference": Role(TextStyle(Range(13, 14, 14), italic=True), "VBPhuLucKemTheo", "VB Phụ lục - kèm theo"),
    "table": Role(TextStyle(Range(12, 13, 13), align="left"), "VBBang", "VB Bảng"),
    "table_header": Role(TextStyle(Range(12, 13, 13), bold=True), "VBBangTieuDe", "VB Bảng - tiêu đề cột"),
    "page_number": Role(None, "VBSoTrang", "VB Số trang"),
    "rule_issuer": Role(None, "VBKeCoQuan", "VB Đường kẻ dưới cơ quan"),
    "rule_motto": Role(None, "VBKeTieuNgu", "VB Đường kẻ dưới tiêu ngữ"),
    "rule_subject": Role(None, "VBKeTrichYeu", "VB Đường kẻ dưới trích yếu"),
    "party_star": Role(None, "VBDauSao", "VB Dấu sao"),
    "signature_space": Role(None, "VBChoKy", "VB Chỗ ký"),
}

#: How each styled role looks (sizes, weight, slant, case, alignment): what the checker compares.
STYLES: dict[str, TextStyle] = {key: role.style for key, role in ROLES.items() if role.style is not None}
#: The roles a body paragraph may take, in declaration order.
BODY_ROLES: tuple[str, ...] = tuple(key for key, role in ROLES.items() if role.body)
#: Body roles set as running text: justified, first-line indent, space after.
INDENTED_ROLES: tuple[str, ...] = tuple(key for key in BODY_ROLES if STYLES[key].align == "justify")

# --------------------------------------------------------------------------------------------
# Body paragraph geometry (§6)
FIRST_LINE_INDENT_MM = Range(10.0, 12.7, 12.7)
PARAGRAPH_SPACING_PT = Range(6, 12, 6)  # space after; the decree sets only the minimum
LINE_SPACING = Range(1.0, 1.5, 1.15)  # multiple of single spacing
#: Recipient items and table cells are set tighter than the body.
RECIPIENT_SPACING_PT = 0.0

# --------------------------------------------------------------------------------------------
# §2 Header table geometry (P: office practice; the decree draws the layout, not the widths)
HEADER_LEFT_COL = Range(70, 75, 70)
HEADER_RIGHT_COL = Range(97.5, 103, 100)
#: The header table is wider than the text block; it reaches this far into the left margin.
HEADER_TABLE_INDENT_MM = text_width_mm() - HEADER_LEFT_COL.default - HEADER_RIGHT_COL.default

#: Space between the issuer's rule and the number line (the place/date line keeps the same level).
HEADER_NUMBER_GAP_PT = 6.0

#: Vertical spacing of the frame (P: office practice), the same in DOCX and PDF.
TYPE_NAME_SPACE_BEFORE_PT = 18.0  # between the header table and the type name
SUBJECT_RULE_SPACE_AFTER_PT = 12.0  # between the subject's rule and the body
CLOSING_SPACE_BEFORE_PT = 6.0  # above Nơi nhận and the signature block

#: Rule lengths as fractions of the text above them.
ISSUER_RULE_FRACTION = Range(1 / 3, 1 / 2, 0.4)
SUBJECT_RULE_FRACTION = Range(1 / 3, 1 / 2, 0.4)
#: The motto's rule is as long as the motto itself.
MOTTO_RULE_FRACTION = Range(0.95, 1.05, 1.0)
RULE_WEIGHT_PT = 0.75

# §7 Signature block: room left blank for signature and seal.
SIGNATURE_SPACE_MM = Range(30, 40, 32)
#: Widths of the two cells of the recipients/signature table (Nơi nhận | chữ ký).
SIGNATURE_TABLE_LEFT_MM = 75.0
SIGNATURE_TABLE_RIGHT_MM = text_width_mm() - SIGNATURE_TABLE_LEFT_MM

# --------------------------------------------------------------------------------------------
# Pagination: what stays together on a page (P: office practice; Decree 30 draws one page, the
# offices' rule is that a page is never signed without text of the body on it). Both renderers
# apply these: DOCX as keepNext/keepLines/widowControl/cantSplit, PDF as CSS break-* rules.

#: Lines of the body, at least, on the page of Nơi nhận and the signature block: the page that
#: carries the signature always carries text of the body (a lone signature page invites a forged
#: first part). The last paragraphs are kept whole with the closing block until they make this
#: many lines — one paragraph of two lines or more is enough, so the page before is not left
#: half empty for nothing.
KEEP_BODY_LINES_WITH_CLOSING = 2
#: ... and never more paragraphs than this (short one-line closings, e.g. "Điều 3. …").
KEEP_WITH_CLOSING_PARAGRAPHS_MAX = 3
#: Fewest lines of a paragraph left at the foot or carried to the head of a page (orphans and
#: widows; Word's widow control is exactly 2).
KEEP_LINES_MIN = 2
#: Body roles kept on the page of the paragraph that follows them (a heading never ends a page).
KEEP_WITH_NEXT_ROLES = ("heading1", "heading2", "heading3", "authority_body", "decides")
#: Rows of a list carried with its total row (a total never stands alone on the last page).
LIST_ROWS_KEPT_WITH_TOTAL = 3

#: Table cells (annex lists): inner margins the same in Word, LibreOffice and the PDF. The
#: horizontal margin is Word's default (0.19 cm); tables are indented by it so their left edge
#: sits on the margin in every renderer (Word 2010 layout puts the cell text, not the border, on
#: the table indent).
TABLE_CELL_MARGIN_MM = 1.905
TABLE_CELL_PADDING_PT = 1.0
TABLE_RULE_PT = 0.5

#: Single line height of the body font as a multiple of its size, as Word and LibreOffice set it:
#: the font's ascent + descent + line gap (Times New Roman and Liberation Serif: 1.15 em). The PDF
#: takes it from the font file (`text_metrics.single_line_em`); this is the value without one.
SINGLE_LINE_EM = 1.15

#: No-break space (U+00A0) and no-break hyphen-free join (U+2060 WORD JOINER) used to keep
#: tokens whole: a line never breaks inside them.
NBSP = "\u00a0"
WORD_JOINER = "\u2060"

_UNITS = r"(?:đồng|triệu|tỷ|nghìn|tập thể|cá nhân|gia đình|hộ|người|%)"
#: Phrases whose spaces become no-break spaces (each match is short: it always fits a line).
_NO_BREAK_PATTERNS = (
    # `Điều 1.`, `Khoản 2`, `Chương II`, `Phụ lục 01`, `số 15`: the word and its number
    re.compile(r"\b(?:Điều|Khoản|Chương|Mục|Phụ lục|Mẫu|số|Số:?) [0-9IVXLC]+\b"),
    # `ngày 05 tháng 01`, `năm 2026`: day and month with their words, the year with its word
    re.compile(r"\bngày \d{1,2} tháng \d{1,2}\b|\b(?:ngày|tháng|năm) \d{1,4}\b"),
    # `710.000 đồng`, `05 tập thể`, `12 cá nhân`: a number and its unit
    re.compile(rf"\b\d[\d.,]* {_UNITS}(?!\w)"),
    # `TM. BAN`, `KT. CHỦ TỊCH`: an authority word and the word after it
    re.compile(r"\b(?:TM|KT|TL|TUQ|Q)\. "),
)
#: Number-and-symbol and numeric dates: `13/TTr-UBND`, `152/2025/NĐ-CP`, `05/01/2026`. Slashes and
#: hyphens are break opportunities for Pango and LibreOffice; inside these they must not be.
_SYMBOL_RE = re.compile(r"\b\d+(?:[/-][0-9A-Za-zÀ-ỹĐđ&]+)+")


def no_break_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of `text` that must stay on one line, merged and in order.

    Offices never let a line end between a word and its number (`Điều 1.`, `ngày 05 tháng 01`,
    `710.000 đồng`) or inside a number and symbol (`13/TTr-UBND`, `05/01/2026`). The PDF wraps
    each span in a no-wrap box; the DOCX writes it with no-break spaces and word joiners
    (`no_break_tokens`). One list of spans, so both renderers keep the same tokens whole.
    """
    found = sorted(m.span() for pattern in (*_NO_BREAK_PATTERNS, _SYMBOL_RE) for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def no_break_tokens(text: str) -> str:
    """`text` for Word and LibreOffice: inside each `no_break_spans` token, spaces become no-break
    spaces (U+00A0) and a word joiner (U+2060) follows each `/` and `-`. The text reads the same
    (a no-break space is a space; a word joiner is invisible); `plain_spaces` undoes it."""
    out, at = [], 0
    for start, end in no_break_spans(text):
        token = text[start:end].replace(" ", NBSP)
        out += [text[at:start], re.sub(r"([/-])(?=.)", r"\1" + WORD_JOINER, token)]
        at = end
    out.append(text[at:])
    return "".join(out)


def plain_spaces(text: str) -> str:
    """The reading form of `no_break_tokens` text: no-break spaces as spaces, joiners removed."""
    return text.replace(NBSP, " ").replace(WORD_JOINER, "")


# --------------------------------------------------------------------------------------------
# §11 Type abbreviations (Appendix III, exact case)
TYPE_ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}
COPY_ABBREVIATIONS = {"SY": "Bản sao y", "TrS": "Bản trích sao", "SL": "Bản sao lục"}
#: Pseudo-type for a công văn: it has no abbreviation; its symbol is issuer-drafting unit.
CONG_VAN = "CV"


def type_name(abbreviation: str) -> str:
    """The heading printed for a type (`KH` → `KẾ HOẠCH`). Công văn prints no type name."""
    if abbreviation == CONG_VAN:
        return ""
    return TYPE_ABBREVIATIONS[abbreviation].upper()


# --------------------------------------------------------------------------------------------
# §3 Number and symbol (số, ký hiệu)
#: Width of the blank left for hand numbering (at least six spaces).
HAND_NUMBER_BLANK = "\u00a0" * 8


def format_number(number: int | None) -> str:
    """Arabic number with a leading zero below 10 (`5` → `05`); None → a blank to fill by hand."""
    if number is None:
        return HAND_NUMBER_BLANK
    if number < 1:
        raise ValueError(f"a document number starts at 1, got {number}")
    return f"{number:02d}"


def number_symbol(
    number: int | None, doc_type: str, issuer_abbr: str, system: System = "state", drafting_unit: str | None = None
) -> str:
    """The number line: `Số: 05/KH-LĐLĐ`, công văn `Số: 12/UBND-VX`, Party `Số 12-KH/ĐU`."""
    n = format_number(number)
    if doc_type == CONG_VAN:
        if not drafting_unit:
            raise ValueError("a công văn's symbol needs the drafting unit (đơn vị soạn thảo)")
        symbol = f"{issuer_abbr}-{drafting_unit}"
    elif doc_type in TYPE_ABBREVIATIONS:
        symbol = f"{doc_type}-{issuer_abbr}" if system != "party" else f"{doc_type}/{issuer_abbr}"
    else:
        raise ValueError(
            f"unknown document type {doc_type!r}; expected one of Appendix III: " + ", ".join(TYPE_ABBREVIATIONS)
        )
    if system == "party":
        if doc_type == CONG_VAN:
            return f"Số {n}-CV/{issuer_abbr}"
        return f"Số {n}-{symbol}"
    return f"Số: {n}/{symbol}"


def bare_number_symbol(number_line: str) -> str:
    """`Số: 05/KH-LĐLĐ` → `05/KH-LĐLĐ` (for references such as `Quyết định số 05/QĐ-LĐLĐ`)."""
    return re.sub(r"^Số:?\s*", "", number_line)


_ABBR = "|".join(sorted((re.escape(a) for a in TYPE_ABBREVIATIONS), key=len, reverse=True))
_NUMBER = r"(?:0[1-9]|[1-9]\d+)"
#: The shape of a number line; `number_line_problems` checks the parts.
NUMBER_LINE_RE = re.compile(rf"^Số: (?P<n>{_NUMBER}|[\s\u00a0]{{6,}})/(?P<symbol>[^\s/]+)$")
PARTY_NUMBER_LINE_RE = re.compile(rf"^Số (?P<n>{_NUMBER})-(?P<type>{_ABBR}|CV)/(?P<issuer>[^\s/-]+)$")


#: Official abbreviations of state office-holders written in mixed case in number symbols: the
#: Prime Minister's decisions are `Số: 337/QĐ-TTg` (every other issuer code is in capitals:
#: QĐ-UBND, TT-BNV, TTr-BGDĐT, QĐ-LĐLĐ, SGD&ĐT). Evidence: tests/data/decisions/law-facts.md §6.
MIXED_CASE_ISSUER_CODES = {"TTg": "Thủ tướng Chính phủ"}


def _is_code(part: str) -> bool:
    """An issuer or unit code: capitals, digits and `&` (e.g. LĐLĐ, UBND, CSPL&QHLĐ), or an
    official mixed-case abbreviation (TTg)."""
    if part in MIXED_CASE_ISSUER_CODES:
        return True
    return bool(part) and part == part.upper() and all(ch.isalnum() or ch == "&" for ch in part)


def number_line_problems(line: str) -> list[str]:
    """Why a number line breaks §3, or [] when it is right (state, trade-union or Party form)."""
    line = line.strip()
    party = PARTY_NUMBER_LINE_RE.match(line)
    if party:
        return [] if _is_code(party.group("issuer")) else [f"issuer code {party.group('issuer')!r} not in capitals"]
    m = NUMBER_LINE_RE.match(line)
    if not m:
        return [
            f"“{line}” is not `Số: NN/<type>-<issuer>` (a leading zero below 10, no spaces) "
            "nor the Party form `Số NN-<type>/<issuer>`"
        ]
    groups = m.group("symbol").split("-")
    if len(groups) < 2 or not all(groups):
        return [f"symbol {m.group('symbol')!r} needs `<type>-<issuer>` or, for a công văn, `<issuer>-<unit>`"]
    head, rest = groups[0], groups[1:]
    if head in TYPE_ABBREVIATIONS:
        bad = [g for g in rest if not _is_code(g)]
        return [f"issuer code {g!r} not in capitals" for g in bad]
    if all(_is_code(g) for g in groups):  # công văn: issuer-drafting unit
        return []
    return [f"type {head!r} is not an Appendix III abbreviation (exact case: QĐ, KH, QyĐ, TTr …)"]


# --------------------------------------------------------------------------------------------
# §4 Place and date (địa danh, thời gian)


#: Width of the day and month left blank on a draft (dự thảo): the leader signs, then the văn thư
#: writes the signing day in (`…, ngày      tháng      năm 2026`). No-break spaces, so HTML and
#: Word keep the width.
DRAFT_DAY_BLANK = "\u00a0" * 6


class UndatedDay(_dt.date):
    """A draft's date (ngày … tháng … năm): the day and month are printed blank, the year filled.

    A draft is not dated yet: the date is the day the leader signs. The value still holds the
    planned date (the input's), so everything that depends on the date without printing it (the
    law in force, the year's sequence) sees a real date; only the printed forms below are blank.
    `UndatedDay.of(date)` keeps the planned date; `date.replace(...)` keeps the subclass.
    """

    @classmethod
    def of(cls, date: _dt.date) -> UndatedDay:
        return cls(date.year, date.month, date.day)


def day_month(date: _dt.date) -> tuple[str, str]:
    """Day below 10 and months 1–2 get a leading zero; months 3–12 do not. A draft's date
    (`UndatedDay`) gives two blanks."""
    if isinstance(date, UndatedDay):
        return DRAFT_DAY_BLANK, DRAFT_DAY_BLANK
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return day, month


def format_date(date: _dt.date) -> str:
    """`ngày 05 tháng 01 năm 2026`, `ngày 17 tháng 12 năm 2021`."""
    day, month = day_month(date)
    return f"ngày {day} tháng {month} năm {date.year}"


def place_date(place: str, date: _dt.date) -> str:
    """`Lai Châu, ngày 17 tháng 12 năm 2021`."""
    return f"{place}, {format_date(date)}"


def numeric_date(date: _dt.date) -> str:
    """`ngày 28/3/2008`, `ngày 04/6/2008`: the numeric form some offices use in running text and
    annex references, padded as the long form is (day below 10, months 1–2)."""
    day, month = day_month(date)
    return f"ngày {day}/{month}/{date.year}"


def short_date(date: _dt.date) -> str:
    """Short form used on certificates: `05/01/2026` (a draft's: blanks and the year)."""
    if isinstance(date, UndatedDay):
        return f"{DRAFT_DAY_BLANK}/{DRAFT_DAY_BLANK}/{date.year}"
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


DATE_RE = re.compile(r"ngày (?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})")
#: A draft's date line: day and month left blank (at least four spaces each), the year filled.
DRAFT_DATE_RE = re.compile(r"ngày[\s\u00a0]{4,}tháng[\s\u00a0]{4,}năm (?P<y>\d{4})")

# --------------------------------------------------------------------------------------------
# Drafts (dự thảo). Decree 30 leaves the draft's look to the office; in practice the first page
# carries the words DỰ THẢO in bold capitals in a box at the top right, above the national name
# (Government and ministry drafts published for comment, provincial drafts on their portals).
DRAFT_MARK = "DỰ THẢO"
DRAFT_MARK_SIZE_PT = 13


def date_form_problems(text: str) -> list[str]:
    """Why a `ngày … tháng … năm …` phrase breaks §4, or [] when it is right."""
    m = DATE_RE.search(text)
    if not m:
        if DRAFT_DATE_RE.search(text):
            return []  # a draft (dự thảo): the day and month are written in at signing
        return ["no `ngày DD tháng M năm YYYY` phrase"]
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    try:
        date = _dt.date(int(y), int(mo), int(d))
    except ValueError:
        return [f"`{m.group(0)}` is not a real date"]
    want_d, want_m = day_month(date)
    problems = []
    if d != want_d:
        problems.append(f"day written `{d}`, expected `{want_d}`")
    if mo != want_m:
        problems.append(f"month written `{mo}`, expected `{want_m}`")
    return problems


# --------------------------------------------------------------------------------------------
# §7 Authority words (thẩm quyền ký)
AUTHORITY_WORDS = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
#: Party documents write the same words with a slash (guide 36-HD/VPTW): `T/M BAN THƯỜNG VỤ`.
PARTY_AUTHORITY_WORDS = ("T/M", "K/T", "T/L", "T/UQ")
AUTHORITY_RE = re.compile(r"^(?:TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T/L|T/UQ) \S")

# §8 Recipients (nơi nhận)
RECIPIENTS_LABEL = "Nơi nhận:"
KINH_GUI_LABEL = "Kính gửi:"
ARCHIVE_PREFIX = "Lưu: "


def recipient_line(name: str, note: str | None = None, *, after_item: bool = False) -> str:
    """`- UBND tỉnh;`; with a note, as Decree 30's sample writes it, inside the item:
    `- UBND tỉnh (b/c);`; with `after_item`, as some offices write it: `- UBND tỉnh; (B/c)`."""
    if not note:
        return f"- {name};"
    return f"- {name}; {note}" if after_item else f"- {name} {note};"


def archive_line(archive: str) -> str:
    """The last recipient: `- Lưu: VT, CSPL&QHLĐ.`"""
    return f"- {ARCHIVE_PREFIX}{archive.rstrip('.')}."


#: Titles printed on certificates (commendation forms); a title may continue on a second line
#: (`BẰNG KHEN` / `CỦA THỦ TƯỚNG CHÍNH PHỦ`, `BẰNG CHỨNG NHẬN` / `CHIẾN SĨ THI ĐUA CƠ SỞ`).
CERTIFICATE_TITLES = ("GIẤY KHEN", "BẰNG KHEN", "BẰNG CHỨNG NHẬN", "GIẤY CHỨNG NHẬN")


def is_certificate_title(line: str) -> bool:
    """A certificate's (first) title line: one of `CERTIFICATE_TITLES`, alone or continued
    (`BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ` on one line)."""
    return any(line == t or line.startswith(t + " ") for t in CERTIFICATE_TITLES)


#: A decision's text ends with this mark after its last sentence.
END_MARK = "./."

# §6 Points inside a clause use the Vietnamese letter sequence (no f, j, w, z).
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


# --------------------------------------------------------------------------------------------
# Electronic issue: digital signatures (chữ ký số), Decree 30 Art. 33 and Appendix I (issue 14).
# (C) read in the decree; (P) office practice or a vanban choice where the decree is silent.
#: The competent person's signature image: blue, PNG, transparent background, centred between
#: the title line (e.g. CHỦ TỊCH) and the full name (C).
SIGNATURE_IMAGE_COLOUR = "blue"
#: Largest size of the signature image; it keeps its aspect ratio and stays this far clear of the
#: title and name lines (P: a handwritten signature is about 3–5 cm wide on paper).
SIGNATURE_IMAGE_MAX_WIDTH_MM = 50.0
SIGNATURE_IMAGE_CLEARANCE_MM = 2.0
#: The organisation's signature image is the seal: red, at the seal's real size, PNG with a
#: transparent background (C), covering about one third of the signature image on its left (C:
#: "trùm lên khoảng 1/3 hình ảnh chữ ký số của người có thẩm quyền về bên trái").
SEAL_IMAGE_COLOUR = "red"
SEAL_OVERLAP_FRACTION = Range(0.25, 0.42, 1 / 3)
#: The seal's real size when neither the office nor the image (its PNG resolution) gives it (P:
#: round seals of agencies are about 3.5–4.2 cm across).
SEAL_DIAMETER_MM = 36.0
#: The two signatures are made in this order, each as an incremental update (C/P).
SIGNATURE_ORDER = ("signer", "organisation")
#: An attachment issued as its own file is signed by the organisation at the top right of its
#: first page, with no image, showing the number and symbol and the signing time: Times New
#: Roman, lower case, upright, 10 pt, black (C).
ATTACHMENT_STAMP_SIZE_PT = 10.0
#: Where that text block sits (P): its right edge on the right margin, its top this far below
#: the top edge of the page (inside the top margin, above the first line of text).
ATTACHMENT_STAMP_TOP_MM = 6.0
#: Signing time: date; hour, minute, second; Vietnam time zone, written per ISO 8601 (C).
VIETNAM_UTC_OFFSET_HOURS = 7


def iso_signing_time(moment: _dt.datetime) -> str:
    """`2026-01-05T09:30:00+07:00`: the signing time in Vietnam time, ISO 8601, to the second."""
    vn = _dt.timezone(_dt.timedelta(hours=VIETNAM_UTC_OFFSET_HOURS))
    if moment.tzinfo is None:
        raise ValueError("a signing time needs its time zone")
    return moment.astimezone(vn).replace(microsecond=0).isoformat()
