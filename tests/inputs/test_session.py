"""The session (thông tin quyết định): YAML file or `Thông tin` sheet, found, validated, located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.award_lists import COLLECTIVE_HEADER, DATA, ISSUERS, SESSION, write_session, write_workbook

from vanban.award.list_reader import read_award_list
from vanban.award.session_reader import parse_date, parse_number, parse_recipient, read_session_file
from vanban.errors import InputError

LIST = [COLLECTIVE_HEADER, [1, "Công đoàn ngành Y tế tỉnh Lai Châu", None, None]]

INFO_ROWS = [
    ["Thông tin", "Nội dung", "Ghi chú"],
    ["Cơ quan ban hành", "ldld-lai-chau"],
    ["Số quyết định", 15],
    ["Ngày quyết định", dt.datetime(2026, 1, 5)],
    ["Trích yếu", "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc"],
    ["Căn cứ", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
    [None, "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"],
    ["Căn cứ:", "Quyết định số 999/QĐ-TLĐ ngày 29/5/2024"],
    ["Đơn vị đề nghị", "Ban Chính sách pháp luật và Quan hệ lao động"],
    ["Tờ trình", "Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026"],
    ["Thành tích", "đã có thành tích xuất sắc trong phong trào thi đua năm 2025"],
    ["Hình thức", "Giấy khen"],
    ["Thẩm quyền", "KT. CHỦ TỊCH"],
    ["Chức vụ người ký", "Phó Chủ tịch"],
    ["Người ký", "Lê Văn Bình"],
    ["Nơi nhận", "Như Điều 3"],
    ["Nơi nhận", "Tổng LĐLĐ Việt Nam", "(B/c)"],
    ["Lưu", "VT, CSPL&QHLĐ"],
]


def read(path: Path, session: Path | None = None):
    return read_award_list(path, session, issuers_dir=ISSUERS)


def located(path: Path, session: Path | None = None) -> dict:
    with pytest.raises(InputError) as info:
        read(path, session)
    return {p.field: p for p in info.value.problems}


def test_session_file_fields(tmp_path):
    write_session(
        tmp_path,
        recipients=["- Như Điều 3;", "Tổng LĐLĐ Việt Nam (B/c)", {"name": "Thường trực Tỉnh ủy", "note": "(để b/c)"}],
        legal_bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        executors="Chánh Văn phòng",
        collective_rule="double_individual",
        order="name",
    )
    session = read(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})).session
    assert session.number == 15 and session.date == dt.date(2026, 1, 5)
    assert session.legal_bases == ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]
    assert [(r.name, r.note) for r in session.recipients] == [
        ("Như Điều 3", None),
        ("Tổng LĐLĐ Việt Nam", "(B/c)"),
        ("Thường trực Tỉnh ủy", "(để b/c)"),
    ]
    assert session.signer.name == "Nguyễn Thị Thiện"  # from the issuer profile
    assert (session.executors, session.collective_rule, session.order) == (
        "Chánh Văn phòng",
        "double_individual",
        "name",
    )


def test_number_is_optional(tmp_path):
    write_session(tmp_path, number=...)
    assert read(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})).session.number is None


def test_vietnamese_keys_in_yaml(tmp_path):
    (tmp_path / "session.yaml").write_text(
        "Cơ quan ban hành: ldld-lai-chau\nSố quyết định: 15/QĐ-LĐLĐ\nNgày quyết định: 05/01/2026\n"
        "Trích yếu: Về việc tặng Giấy khen\nCăn cứ:\n  - Luật Thi đua, khen thưởng\n"
        "Đơn vị đề nghị: Ban Tổ chức\nThành tích: đã có thành tích\nHình thức: Giấy khen\n"
        "Người ký: Lê Văn Bình\n",
        encoding="utf-8",
    )
    session = read(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})).session
    assert (session.number, session.award_form, session.award_form_name) == (15, "giay_khen", "Giấy khen")
    assert session.signer.name == "Lê Văn Bình" and session.signer.title == "CHỦ TỊCH"


def test_info_sheet(tmp_path):
    path = write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST, "Thông tin": INFO_ROWS})
    session = read(path).session
    assert session.legal_bases == [
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ",
        "Quyết định số 999/QĐ-TLĐ ngày 29/5/2024",
    ]
    assert session.signer.authority == ["KT. CHỦ TỊCH"] and session.signer.title == "PHÓ CHỦ TỊCH"
    assert [(r.name, r.note) for r in session.recipients] == [("Như Điều 3", None), ("Tổng LĐLĐ Việt Nam", "(B/c)")]
    assert (session.date, session.number, session.award_form) == (dt.date(2026, 1, 5), 15, "giay_khen")


def test_info_sheet_problems_name_row_and_column(tmp_path):
    rows = [r for r in INFO_ROWS if r[0] != "Thành tích"]
    rows[2] = ["Số quyết định", "mười lăm"]
    rows[3] = ["Ngày quyết định", "31/04/2026"]
    rows.append(["Người duyệt", "Ai đó"])
    path = write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST, "Thông tin": rows})
    with pytest.raises(InputError) as info:
        read(path)
    found = {(p.sheet, p.row, p.column): p for p in info.value.problems}
    assert set(found) == {
        ("Thông tin", 3, "B"),
        ("Thông tin", 4, "B"),
        ("Thông tin", 18, "A"),
        ("Thông tin", None, None),
    }
    assert "không có ngày '31/04/2026'" in found["Thông tin", 4, "B"].message
    assert "khóa 'Người duyệt' không có trong mẫu" in found["Thông tin", 18, "A"].message
    missing = found["Thông tin", None, None]
    assert "achievement" in missing.message and "Thành tích" in missing.message and missing.field == "achievement"


def test_session_file_wins_over_info_sheet_and_explicit_path_wins_over_both(tmp_path):
    path = write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST, "Thông tin": INFO_ROWS})
    write_session(tmp_path, number=20)
    assert read(path).session.number == 20
    write_session(tmp_path, "ds.session.yaml", number=21)
    assert read(path).session.number == 21
    other = write_session(tmp_path, "other.yaml", number=22)
    assert read(path, other).session.number == 22


def test_no_session_anywhere(tmp_path):
    path = write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})
    with pytest.raises(InputError) as info:
        read(path)
    [p] = info.value.problems
    assert (
        "không tìm thấy thông tin đợt khen thưởng" in p.message
        and "ds.session.yaml" in p.expected
        and "Thông tin" in p.expected
    )


def test_explicit_session_path_missing(tmp_path):
    path = write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})
    with pytest.raises(InputError) as info:
        read(path, tmp_path / "nope.yaml")
    assert "không tìm thấy tệp thông tin" in info.value.problems[0].message


def test_missing_and_bad_keys_are_all_listed_with_lines(tmp_path):
    (tmp_path / "session.yaml").write_text(
        "issuer: khong-co\nnumber: 0\ndate: 2026-13-01\nlegal_bases: []\nextra_key: 1\n"
        "signer: {title: CHỦ TỊCH, name: A, authority: [THAY MẶT BAN]}\n",
        encoding="utf-8",
    )
    found = located(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST}))
    assert found["issuer"].row == 1 and "ldld-lai-chau" in found["issuer"].expected
    assert found["number"].row == 2
    assert found["date"].row == 3 and "không có ngày" in found["date"].message
    assert found["extra_key"].row == 5
    assert "legal_bases" not in found  # empty: the law in force on the date is cited
    assert found["signer.authority"].row == 6
    assert "thiếu mục 'achievement'" in found["achievement"].message
    assert "subject" not in found and "proposer" not in found  # written from the decision's shape


def test_date_not_a_date(tmp_path):
    write_session(tmp_path, date="mùng 5 Tết")
    found = located(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST}))
    assert "không phải là ngày" in found["date"].message and "05/01/2026" in found["date"].expected


def test_malformed_yaml_names_the_line(tmp_path):
    (tmp_path / "session.yaml").write_text("issuer: ldld-lai-chau\nsubject: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST}))
    [p] = info.value.problems
    assert "YAML sai cú pháp" in p.message and p.row is not None


def test_markup_in_session_is_kept_literally(tmp_path):
    subject = "Về việc {{ 7*7 }} <script>x</script> ../../etc/passwd file:///etc/passwd"
    write_session(tmp_path, subject=subject, archive="{% raw %}VT{% endraw %}")
    session = read(write_workbook(tmp_path / "ds.xlsx", {"Tập thể": LIST})).session
    assert session.subject == subject and session.archive == "{% raw %}VT{% endraw %}"


def test_example_session_file_reads():
    session, options, problems = read_session_file(
        Path(__file__).resolve().parents[2] / "doc_templates/examples/khen-thuong-2026.session.yaml"
    )
    assert problems == [] and session.number == 15 and options.sheets == []
    assert session.proposer == "Ban Chính sách pháp luật và Quan hệ lao động"


def test_data_session_is_complete():
    session, _, problems = read_session_file(DATA / "session.yaml", issuers_dir=ISSUERS)
    assert problems == [] and session.subject == SESSION["subject"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-01-05", dt.date(2026, 1, 5)),
        ("05/01/2026", dt.date(2026, 1, 5)),
        ("5/1/2026", dt.date(2026, 1, 5)),
        ("05.01.2026", dt.date(2026, 1, 5)),
        ("ngày 05 tháng 01 năm 2026", dt.date(2026, 1, 5)),
        (dt.datetime(2026, 1, 5, 0, 0), dt.date(2026, 1, 5)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-29", "30/02/2026", "ngày 31 tháng 4 năm 2026"])
def test_parse_date_rejects_days_that_do_not_exist(text):
    with pytest.raises(ValueError, match="không có ngày"):
        parse_date(text)


@pytest.mark.parametrize(
    "value,expected", [(15, 15), ("15", 15), (15.0, 15), ("15/QĐ-LĐLĐ", 15), (None, None), ("", None)]
)
def test_parse_number(value, expected):
    assert parse_number(value) == expected


def test_parse_recipient():
    assert parse_recipient("- UBND tỉnh (B/c);") == {"name": "UBND tỉnh", "note": "(B/c)", "note_place": "in_item"}
    assert parse_recipient("- UBND tỉnh; (B/c)") == {"name": "UBND tỉnh", "note": "(B/c)", "note_place": "after_item"}
    assert parse_recipient("Như Điều 3;") == {"name": "Như Điều 3"}
