"""Reading award lists: header detection, layouts, repairs, and every bad input located."""

from __future__ import annotations

import importlib.util
import shutil
import unicodedata
from pathlib import Path

import pytest
from support.award_lists import (
    COLLECTIVE_HEADER,
    DATA,
    INDIVIDUAL_HEADER,
    ISSUERS,
    set_cached_values,
    to_cp1258,
    write_session,
    write_workbook,
)

from vanban.award.columns import COLUMNS, match_header, parse_amount
from vanban.award.list_reader import read_award_list
from vanban.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def read(path: Path, session: Path | None = None):
    return read_award_list(path, session, issuers_dir=ISSUERS)


def problems(path: Path, session: Path | None = None) -> list:
    with pytest.raises(InputError) as info:
        read(path, session)
    return info.value.problems


def two_sheets(tmp_path: Path, collectives=None, individuals=None, name="list.xlsx", **kw) -> Path:
    write_session(tmp_path)
    return write_workbook(
        tmp_path / name,
        {
            "Tập thể": [
                COLLECTIVE_HEADER,
                *(collectives if collectives is not None else [[1, "Công đoàn ngành Y tế tỉnh Lai Châu", None, None]]),
            ],
            "Cá nhân": [
                INDIVIDUAL_HEADER,
                *(
                    individuals
                    if individuals is not None
                    else [[1, "Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"]]
                ),
            ],
        },
        **kw,
    )


# --------------------------------------------------------------------------------------------
# The example workbook and the small CSV/YAML lists


def _example_module():
    spec = importlib.util.spec_from_file_location("make_example_workbook", ROOT / "tools" / "make_example_workbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("with_session_file", [True, False])
def test_example_workbook(tmp_path, with_session_file):
    path = _example_module().build(tmp_path)
    if with_session_file:
        shutil.copy(ROOT / "doc_templates/examples/khen-thuong-2026.session.yaml", tmp_path)
    result = read_award_list(path)  # the real issuer profiles
    assert len(result.collectives) == 8 and len(result.individuals) == 32
    assert [a.seq for a in result.collectives] == list(range(1, 9))
    assert max(len(a.name) for a in result.collectives) > 120
    assert any("&" in (a.unit or "") for a in result.individuals)
    nam_na = [a for a in result.individuals if a.unit == "Công ty Cổ phần Thủy điện Nậm Na 2"]
    assert len(nam_na) == 3  # one merged cell over three people
    session = result.session
    assert (session.issuer, session.number, str(session.date)) == ("ldld-lai-chau", 15, "2026-01-05")
    assert session.signer.name == "Nguyễn Thị Thiện" and session.signer.authority == ["TM. BAN THƯỜNG VỤ"]
    assert session.archive == "VT, CSPL&QHLĐ"
    assert session.award_form == "giay_khen"
    if with_session_file:
        # the example session leaves Căn cứ out: the decision cites the law in force on its date
        assert session.legal_bases is None
    else:
        assert len(session.legal_bases) == 4  # the workbook's Thông tin sheet lists them
    assert result.conversions == []


def test_committed_example_matches_the_generator(tmp_path):
    assert (ROOT / "doc_templates/examples/khen-thuong-2026.xlsx").is_file()
    result = read_award_list(ROOT / "doc_templates/examples/khen-thuong-2026.xlsx")
    assert len(result.awardees) == 40


def test_small_csv_with_type_column():
    result = read(DATA / "small.csv")
    kinds = [(a.kind, a.seq, a.name, a.amount) for a in result.awardees]
    assert kinds == [
        ("collective", 1, "Công đoàn ngành Giáo dục tỉnh Lai Châu", 1_410_000),
        ("collective", 2, "Ban Chính sách pháp luật & Quan hệ lao động", 1_410_000),
        ("individual", 1, "Nguyễn Văn An", 710_000),
        ("individual", 2, "Lò Thị Mai", 710_000),
        ("individual", 3, "Giàng A Dế", None),
    ]
    assert [a.honorific for a in result.individuals] == ["Ông", "Bà", "Ông"]
    assert result.awardees[2].source.row == 5


def test_small_yaml_list():
    result = read(DATA / "small.yaml")
    assert [a.name for a in result.collectives] == [
        "Công đoàn ngành Y tế tỉnh Lai Châu",
        "Công đoàn cơ sở Trường THPT Phong Thổ",
    ]
    tuan = result.individuals[1]
    assert (tuan.name, tuan.honorific, tuan.position, tuan.amount) == ("Trần Minh Tuấn", "Ông", "Bác sĩ", 710_000)
    assert tuan.source.row == 11 and tuan.source.field == "individuals[2]"


def test_json_list(tmp_path):
    write_session(tmp_path)
    path = tmp_path / "list.json"
    path.write_text(
        '{"awardees": [{"kind": "Tập thể", "name": "Công đoàn Viên chức tỉnh"},'
        ' {"kind": "individual", "name": "Lò Văn Hoan", "sex": "Nam", "amount": "710.000"}]}',
        encoding="utf-8",
    )
    result = read(path)
    assert [(a.kind, a.name, a.amount) for a in result.awardees] == [
        ("collective", "Công đoàn Viên chức tỉnh", None),
        ("individual", "Lò Văn Hoan", 710_000),
    ]


# --------------------------------------------------------------------------------------------
# Header detection and layouts


def test_every_documented_variant_maps_to_its_field():
    for field, variants in COLUMNS.items():
        for variant in variants:
            assert match_header(variant) == field, variant
            assert match_header(variant.upper().replace(" ", "\n ")) == field, variant
    assert match_header("Số tiền thưởng\n(đồng)") == "amount"
    assert match_header("Tên đơn vị/tập thể\ncông tác") == "unit"
    assert match_header("Tên đơn vị / tập thể") == "name"
    assert match_header("Ngày sinh") is None


def test_one_sheet_with_title_rows_variant_headers_and_type_column(tmp_path):
    write_session(tmp_path)
    header = [
        "TT",
        "Tên tập thể/\ncá nhân",
        "Phân loại",
        "Tên gọi\n(Ông/Bà)",
        "Chức vụ",
        "Tên đơn vị/tập thể\ncông tác",
        "Hình thức khen thưởng",
        "Thành tích",
        "Số tiền thưởng\n(đồng)",
        "Ghi chú",
    ]
    rows = [
        ["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"],
        ["(Kèm theo Tờ trình số 05/TTr-CSPL)"],
        header,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
        [1, "Công đoàn ngành Giáo dục", "Tập thể", None, None, None, "Giấy khen", "Xuất sắc", "1.410.000", None],
        [],
        [
            2,
            "Nguyễn Văn An",
            "Cá nhân",
            "ông",
            "Giáo viên",
            "Trường THPT Phong Thổ",
            "Giấy khen",
            None,
            710000,
            "Lần 2",
        ],
        [3, "Lò Thị Mai", "cá nhân", "Bà", "Kế toán", "Trường THPT Phong Thổ", None, None, "710,000", None],
        [None, "Tổng cộng", None, None, None, None, None, None, "2.830.000", None],
        [None, "Tổng Công ty Điện lực miền Bắc", "Tập thể"],
    ]
    path = write_workbook(tmp_path / "ds.xlsx", {"Danh sách": rows}, merges={"Danh sách": ["A1:J1", "A2:J2"]})
    result = read(path)
    assert [(a.kind, a.seq, a.name) for a in result.awardees] == [
        ("collective", 1, "Công đoàn ngành Giáo dục"),
        ("individual", 1, "Nguyễn Văn An"),
        ("individual", 2, "Lò Thị Mai"),
        ("collective", 2, "Tổng Công ty Điện lực miền Bắc"),
    ]
    an = result.individuals[0]
    assert (an.honorific, an.position, an.unit, an.form, an.amount, an.note) == (
        "Ông",
        "Giáo viên",
        "Trường THPT Phong Thổ",
        "Giấy khen",
        710_000,
        "Lần 2",
    )
    assert an.source.sheet == "Danh sách" and an.source.row == 7
    assert result.collectives[0].achievement == "Xuất sắc"


def test_two_sheets_kind_from_sheet_names(tmp_path):
    write_session(tmp_path)
    ambiguous = ["STT", "Tên tập thể/cá nhân", "Đơn vị", "Số tiền"]
    path = write_workbook(
        tmp_path / "ds.xlsx",
        {
            "Tập thể": [ambiguous, [1, "Công đoàn Viên chức tỉnh", None, None]],
            "Cá nhân": [ambiguous, [1, "Hà Thị Phương", "Sở Tư pháp", None]],
        },
    )
    result = read(path)
    assert [(a.kind, a.name) for a in result.awardees] == [
        ("collective", "Công đoàn Viên chức tỉnh"),
        ("individual", "Hà Thị Phương"),
    ]


def test_kind_from_title_row_above_header(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                ["DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"],
                [],
                ["STT", "Tên tập thể/cá nhân", "Đơn vị"],
                [1, "Hà Thị Phương", "Sở Tư pháp"],
            ]
        },
    )
    assert read(path).awardees[0].kind == "individual"


def test_section_rows_split_one_sheet(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["STT", "Tên tập thể/cá nhân", "Chức vụ, đơn vị công tác", "Số tiền"],
                ["I. TẬP THỂ (02)"],
                [1, "Công đoàn ngành Y tế"],
                [2, "Công đoàn Viên chức tỉnh"],
                ["II", "CÁ NHÂN"],
                [1, "Lò Văn Hoan", "Cán bộ, UBND xã Bình Lư"],
            ]
        },
    )
    result = read(path)
    assert [a.kind for a in result.awardees] == ["collective", "collective", "individual"]
    assert result.individuals[0].position == "Cán bộ, UBND xã Bình Lư"


def test_merged_unit_carries_down_and_empty_rows_are_skipped(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[
            [1, "Giàng A Dế", "Nam", "Công nhân", "Công ty Thủy điện Nậm Na 2"],
            [2, "Vàng Thị Mỷ", "Nữ", "Kế toán", None],
            [],
            [3, "Sùng A Páo", "Nam", "Tổ trưởng", None],
        ],
        merges={"Cá nhân": ["E2:E3"]},
    )
    people = read(path).individuals
    assert [p.unit for p in people] == ["Công ty Thủy điện Nậm Na 2", "Công ty Thủy điện Nậm Na 2", None]
    assert [p.seq for p in people] == [1, 2, 3]


def test_formula_cells_use_saved_results(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[
            [1, "Nguyễn Văn An", "Nam", "Giáo viên", "Trường A", "=710000"],
            ["=A2+1", "Lò Thị Mai", "Nữ", "Giáo viên", "Trường A", "=F2"],
        ],
    )
    set_cached_values(path, 2, {"A3": 2, "F2": 710000, "F3": 710000})
    assert [p.amount for p in read(path).individuals] == [710_000, 710_000]


def test_formula_without_saved_result_is_reported_but_stt_formulas_are_fine(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[
            [1, "Nguyễn Văn An", "Nam", "Giáo viên", "Trường A", None],
            ["=A2+1", "Lò Thị Mai", "Nữ", "Giáo viên", "Trường A", "=F2*1"],
        ],
    )
    [p] = problems(path)
    assert (p.sheet, p.row, p.column) == ("Cá nhân", 3, "F")
    assert "=F2*1" in p.message and "chưa có kết quả lưu sẵn" in p.message


@pytest.mark.parametrize(
    "text,expected",
    [
        ("710.000", 710_000),
        ("710000", 710_000),
        ("710,000", 710_000),
        ("1.410.000", 1_410_000),
        ("710 000", 710_000),
        ("710.000 đồng", 710_000),
        ("710.000đ", 710_000),
        (710000, 710_000),
        (710000.0, 710_000),
        ("", None),
        (None, None),
        ("1.410.000,00", 1_410_000),
    ],
)
def test_money_parsing(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["bảy trăm nghìn", "710.5", "-710000", "7,1 triệu", 710.5, True])
def test_money_parsing_rejects(text):
    with pytest.raises(ValueError):
        parse_amount(text)


# --------------------------------------------------------------------------------------------
# Legacy text in cells


def test_tcvn3_and_vni_cells_are_converted_and_reported(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[
            [1, "NguyÔn ThÞ ThiÖn", "N÷", "Chñ tÞch", "Liªn ®oµn Lao ®éng tØnh"],
            [2, "Nguyeãn Vaên An", "Nam", "Giaùo vieân", "Tröôøng THPT Phong Thoå"],
            [3, "CÃ´ng Ä‘oÃ n viÃªn", "Nam", None, None],
            [4, unicodedata.normalize("NFD", "Lê Thị Hồng"), "Nữ", None, None],
        ],
        fonts={
            ("Cá nhân", "B2"): ".VnTime",
            ("Cá nhân", "C2"): ".VnTime",
            ("Cá nhân", "D2"): ".VnTime",
            ("Cá nhân", "E2"): ".VnTime",
            ("Cá nhân", "B3"): "VNI-Times",
            ("Cá nhân", "D3"): "VNI-Times",
            ("Cá nhân", "E3"): "VNI-Times",
        },
    )
    result = read(path)
    people = result.individuals
    assert [p.name for p in people] == ["Nguyễn Thị Thiện", "Nguyễn Văn An", "Công đoàn viên", "Lê Thị Hồng"]
    assert (people[0].honorific, people[0].position, people[0].unit) == ("Bà", "Chủ tịch", "Liên đoàn Lao động tỉnh")
    assert (people[1].position, people[1].unit) == ("Giáo viên", "Trường THPT Phong Thổ")
    seen = {(c.sheet, c.row, c.column): c.encoding for c in result.conversions}
    assert seen == {
        ("Cá nhân", 2, "B"): "TCVN3",
        ("Cá nhân", 2, "C"): "TCVN3",
        ("Cá nhân", 2, "D"): "TCVN3",
        ("Cá nhân", 2, "E"): "TCVN3",
        ("Cá nhân", 3, "B"): "VNI",
        ("Cá nhân", 3, "D"): "VNI",
        ("Cá nhân", 3, "E"): "VNI",
        ("Cá nhân", 4, "B"): "UTF-8 read as cp1252",
        ("Cá nhân", 5, "B"): "NFD",
    }
    first = next(c for c in result.conversions if c.row == 2 and c.column == "B")
    assert (first.original, first.converted) == ("NguyÔn ThÞ ThiÖn", "Nguyễn Thị Thiện")


def test_tcvn3_header_row_is_recognised(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx",
        {"C¸ nh©n": [["STT", "Hä vµ tªn", "§¬n vÞ c«ng t¸c"], [1, "Lß V¨n Hoan", "UBND x· B×nh L\xad"]]},
        fonts={("C¸ nh©n", "B1"): ".VnTime", ("C¸ nh©n", "C1"): ".VnTime"},
    )
    [person] = read(path).individuals
    assert (person.name, person.unit) == ("Lò Văn Hoan", "UBND xã Bình Lư")


def test_unicode_cells_in_a_vntime_font_are_left_alone(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[[1, "Lò Mí Chú", "Nam", "Công nhân", "Mường Tè"]],
        fonts={("Cá nhân", "B2"): ".VnTime", ("Cá nhân", "E2"): ".VnTime"},
    )
    result = read(path)
    assert result.individuals[0].name == "Lò Mí Chú" and result.conversions == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "cp1252-tcvn3"])
def test_csv_encodings(tmp_path, encoding):
    write_session(tmp_path)
    text = "STT;Họ và tên;Đơn vị công tác\n1;Nguyễn Thị Thiện;Liên đoàn Lao động tỉnh Lai Châu\n"
    if encoding == "cp1258":
        data = to_cp1258(text)
    elif encoding == "cp1252-tcvn3":
        data = ("STT;Hä vµ tªn;§¬n vÞ c«ng t¸c\n1;NguyÔn ThÞ ThiÖn;Liªn ®oµn Lao ®éng tØnh Lai Ch©u\n").encode(
            "latin-1"
        )
    else:
        data = text.encode(encoding)
    (tmp_path / "ds.csv").write_bytes(data)
    result = read(tmp_path / "ds.csv")
    [person] = result.individuals
    assert (person.name, person.unit) == ("Nguyễn Thị Thiện", "Liên đoàn Lao động tỉnh Lai Châu")
    if encoding.startswith("utf-8"):
        assert result.conversions == []
    else:
        assert {(c.row, c.column) for c in result.conversions} >= {(2, "B"), (2, "C")}
        assert {c.encoding for c in result.conversions} == {"cp1258" if encoding == "cp1258" else "TCVN3"}


# --------------------------------------------------------------------------------------------
# Bad input: one report, every problem located


def test_missing_name_column(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx", {"DS": [["Tiêu đề"], ["STT", "Đơn vị", "Số tiền"], [1, "Trường A", 710000]]}
    )
    [p] = problems(path)
    assert (p.sheet, p.row) == ("DS", 2)
    assert "không có cột họ tên" in p.message and "Họ và tên" in p.expected


def test_no_header_row_at_all(tmp_path):
    write_session(tmp_path)
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [["Nguyễn Văn An", "Trường A"]]})
    [p] = problems(path)
    assert p.sheet == "DS" and "không tìm thấy danh sách" in p.message and "Họ và tên" in p.expected


def test_empty_list(tmp_path):
    path = two_sheets(tmp_path, collectives=[], individuals=[[], [None, "Tổng cộng"]])
    [p] = problems(path)
    assert "không có ai được khen thưởng" in p.message and p.sheet == "Tập thể" and p.row == 1


def test_blank_name(tmp_path):
    path = two_sheets(
        tmp_path, individuals=[[1, "Nguyễn Văn An", "Nam", "GV", "Trường A"], [2, "  ", "Nữ", "Kế toán", "Trường A"]]
    )
    [p] = problems(path)
    assert (p.sheet, p.row, p.column) == ("Cá nhân", 3, "B")
    assert p.message == "thiếu họ và tên" and "Họ và tên" in p.expected


def test_non_numeric_amount(tmp_path):
    path = two_sheets(tmp_path, individuals=[[1, "Nguyễn Văn An", "Nam", "GV", "Trường A", "bảy trăm nghìn"]])
    [p] = problems(path)
    assert (p.sheet, p.row, p.column) == ("Cá nhân", 2, "F")
    assert "bảy trăm nghìn" in p.message and "710.000" in p.expected


def test_duplicate_awardee(tmp_path):
    path = two_sheets(
        tmp_path,
        individuals=[
            [1, "Nguyễn Văn An", "Nam", "GV", "Trường A"],
            [2, "Nguyễn Văn An", "Nam", "GV", "Trường B"],  # same name, other unit: a namesake
            [3, "nguyễn  văn an", "Nam", "GV", "Trường A"],
        ],
    )
    [p] = problems(path)
    assert (p.sheet, p.row, p.column) == ("Cá nhân", 4, "B")
    assert "duplicate" in p.message and "dòng 2" in p.message


def test_unknown_sex_and_kind_values(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx",
        {
            "DS": [
                ["STT", "Họ và tên/Tên tập thể", "Phân loại", "Giới tính"],
                [1, "Nguyễn Văn An", "Cá nhân", "Ông"],
                [2, "Công đoàn A", "Đơn vị", None],
                [3, "Công đoàn B", None, None],
            ]
        },
    )
    found = {(p.row, p.column): p for p in problems(path)}
    assert set(found) == {(2, "D"), (3, "C"), (4, "C")}
    assert "Nam" in found[2, "D"].expected and "Tập thể" in found[3, "C"].expected


def test_kind_cannot_be_told(tmp_path):
    write_session(tmp_path)
    path = write_workbook(
        tmp_path / "ds.xlsx", {"Sheet1": [["STT", "Tên tập thể/cá nhân", "Đơn vị"], [1, "Nguyễn Văn An", "Trường A"]]}
    )
    [p] = problems(path)
    assert (p.sheet, p.row) == ("Sheet1", 2) and "Phân loại" in p.expected


def test_sheet_named_in_session_is_missing(tmp_path):
    path = two_sheets(tmp_path)
    write_session(tmp_path, sheets=["Tập thể", "Danh sách cá nhân"])
    [p] = problems(path)
    assert p.sheet == "Danh sách cá nhân" and "không có trang tính tên" in p.message
    assert "'Cá nhân'" in p.expected and "session.yaml" in p.message


def test_sheets_named_in_session_are_the_only_ones_read(tmp_path):
    path = two_sheets(tmp_path)
    write_session(tmp_path, sheets=["Cá nhân"])
    assert [a.kind for a in read(path).awardees] == ["individual"]


@pytest.mark.parametrize(
    "name,content,words",
    [
        ("ds.xlsx", b"STT,Ho va ten\n1,An\n", "không phải sổ làm việc Excel"),
        ("ds.xlsx", b"PK\x03\x04 broken zip", "không phải sổ làm việc Excel"),
        ("ds.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("ds.pdf", b"%PDF-1.4", "không đọc được loại tệp danh sách '.pdf'"),
        ("ds.docx", b"PK\x03\x04", "không đọc được loại tệp danh sách '.docx'"),
    ],
)
def test_file_that_is_not_a_list(tmp_path, name, content, words):
    write_session(tmp_path)
    (tmp_path / name).write_bytes(content)
    found = problems(tmp_path / name)
    assert found[0].file.endswith(name) and words in found[0].message


def test_missing_file(tmp_path):
    [p] = problems(tmp_path / "nothing.xlsx")
    assert p.message == "không tìm thấy tệp"


def test_one_report_lists_every_problem(tmp_path):
    path = two_sheets(
        tmp_path,
        collectives=[[1, None, 1410000, "no name"]],
        individuals=[
            [1, "Nguyễn Văn An", "Nam", "GV", "Trường A", "abc"],
            [2, "Nguyễn Văn An", "Nam", "GV", "Trường A"],
            [3, "Lò Thị Mai", "Bê đê", "GV", "Trường A"],
        ],
    )
    write_session(tmp_path, date="2026-02-30", issuer="khong-co")
    with pytest.raises(InputError) as info:
        read(path)
    found = info.value.problems
    located = {(p.sheet, p.row, p.column) for p in found if p.sheet}
    assert located == {("Tập thể", 2, "B"), ("Cá nhân", 2, "F"), ("Cá nhân", 3, "B"), ("Cá nhân", 4, "C")}
    session_fields = {p.field for p in found if p.file.endswith("session.yaml")}
    assert session_fields == {"date", "issuer"}
    report = str(info.value)
    assert report.startswith("Dữ liệu vào có 6 lỗi") and "dòng 4, cột C" in report and "2026-02-30" in report


# --------------------------------------------------------------------------------------------
# Untrusted text stays text

LITERALS = [
    "<script>alert(1)</script>",
    "{{ config.items() }}",
    "{% include '/etc/passwd' %}",
    "file:///etc/passwd",
    "../../etc/passwd",
    "<?xml version='1.0'?><x/>",
    "${HOME} & $(id)",
]


def test_markup_and_paths_are_kept_literally_in_xlsx(tmp_path):
    rows = [[i + 1, text, "Nam", text, text, None, text] for i, text in enumerate(LITERALS)]
    people = read(two_sheets(tmp_path, individuals=rows)).individuals
    assert [p.name for p in people] == LITERALS
    assert all(p.position == p.unit == p.note == p.name for p in people)


def test_formula_like_text_in_csv_stays_text(tmp_path):
    write_session(tmp_path)
    (tmp_path / "ds.csv").write_text(
        'Họ và tên,Đơn vị\n"=HYPERLINK(""file:///etc/passwd"")",{{ x }}\n@SUM(1+1),<b>Trường</b>\n', encoding="utf-8"
    )
    people = read(tmp_path / "ds.csv").individuals
    assert [(p.name, p.unit) for p in people] == [
        ('=HYPERLINK("file:///etc/passwd")', "{{ x }}"),
        ("@SUM(1+1)", "<b>Trường</b>"),
    ]


def test_empty_yaml_list_is_reported_along_with_session_problems(tmp_path):
    write_session(tmp_path, date="2026-02-30")
    (tmp_path / "ds.yaml").write_text("# nothing yet\n", encoding="utf-8")
    found = problems(tmp_path / "ds.yaml")
    assert {p.field for p in found} == {"date", None}
    assert any("không có danh sách người được khen" in p.message and p.file.endswith("ds.yaml") for p in found)


def test_yaml_list_problems_name_line_and_item(tmp_path):
    write_session(tmp_path)
    (tmp_path / "ds.yaml").write_text(
        "individuals:\n  - name: Lò Văn Hoan\n    sex: Nam\n  - name: ''\n    unit: UBND xã\n"
        "  - name: Cao Thị Yến\n    amount: bảy trăm\n    ngay_sinh: x\n",
        encoding="utf-8",
    )
    found = {(p.row, p.field): p for p in problems(tmp_path / "ds.yaml")}
    assert set(found) == {(4, "individuals[2].name"), (7, "individuals[3].amount"), (8, "individuals[3].ngay_sinh")}
