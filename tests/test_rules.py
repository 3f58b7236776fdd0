"""Number, date and recipient forms of Decree 30 (values written from the spec)."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban import rules


@pytest.mark.parametrize(
    "args,expected",
    [
        ((5, "KH", "LĐLĐ", "trade_union"), "Số: 05/KH-LĐLĐ"),
        ((15, "QĐ", "UBND", "state"), "Số: 15/QĐ-UBND"),
        ((115, "QĐ", "LĐLĐ", "trade_union"), "Số: 115/QĐ-LĐLĐ"),
        ((12, "KH", "ĐU", "party"), "Số 12-KH/ĐU"),
        ((3, "QyĐ", "UBND", "state"), "Số: 03/QyĐ-UBND"),
        ((9, "TTr", "LĐLĐ", "trade_union"), "Số: 09/TTr-LĐLĐ"),
    ],
)
def test_number_line(args, expected):
    assert rules.number_symbol(*args) == expected


def test_cong_van_symbol_is_issuer_and_drafting_unit():
    assert rules.number_symbol(12, rules.CONG_VAN, "UBND", "state", drafting_unit="VX") == "Số: 12/UBND-VX"


def test_hand_numbering_leaves_at_least_six_spaces():
    line = rules.number_symbol(None, "QĐ", "UBND")
    assert line.startswith("Số: ") and line.endswith("/QĐ-UBND")
    assert len(line[len("Số: ") : line.index("/")]) >= 6


def test_unknown_type_is_refused():
    with pytest.raises(ValueError, match="Appendix III"):
        rules.number_symbol(1, "Qd", "UBND")


@pytest.mark.parametrize(
    "date,expected",
    [
        (dt.date(2020, 3, 5), "ngày 05 tháng 3 năm 2020"),
        (dt.date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
        (dt.date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (dt.date(2021, 12, 17), "ngày 17 tháng 12 năm 2021"),
        (dt.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
    ],
)
def test_date_forms(date, expected):
    assert rules.format_date(date) == expected
    assert rules.date_form_problems(expected) == []


@pytest.mark.parametrize(
    "text",
    ["ngày 5 tháng 1 năm 2026", "ngày 05 tháng 1 năm 2026", "ngày 05 tháng 03 năm 2026", "ngày 31 tháng 02 năm 2026"],
)
def test_bad_date_forms_are_named(text):
    assert rules.date_form_problems(text)


@pytest.mark.parametrize(
    "line,ok",
    [
        ("Số: 05/KH-LĐLĐ", True),
        ("Số: 5/KH-LĐLĐ", False),
        ("Số: 05/Kh-LĐLĐ", False),
        ("Số 05/KH-LĐLĐ", False),
        ("Số: 05 /KH-LĐLĐ", False),
        ("Số: 12/UBND-VX", True),
        ("Số: 03/QyĐ-UBND", True),
        ("Số 12-KH/ĐU", True),
        ("Số: 05/KH-LĐLĐ-TĐKT", True),
        ("Số: 05/KH-lđlđ", False),
    ],
)
def test_number_line_pattern(line, ok):
    assert (rules.number_line_problems(line) == []) is ok


def test_recipient_lines():
    assert rules.recipient_line("UBND tỉnh", "(b/c)") == "- UBND tỉnh (b/c);"  # Decree 30's sample
    assert rules.recipient_line("UBND tỉnh", "(B/c)", after_item=True) == "- UBND tỉnh; (B/c)"
    assert rules.recipient_line("Ban TĐKT tỉnh") == "- Ban TĐKT tỉnh;"
    assert rules.archive_line("VT, CSPL&QHLĐ") == "- Lưu: VT, CSPL&QHLĐ."


def test_point_letters_skip_f_j_w_z():
    assert rules.POINT_LETTERS[:6] == "abcdđe"
    assert not set("fjwz") & set(rules.POINT_LETTERS)


def test_split_recipient_keeps_the_note_where_the_input_put_it():
    from vanban.model import Recipient, split_recipient

    assert split_recipient("- UBND tỉnh (b/c);") == {"name": "UBND tỉnh", "note": "(b/c)", "note_place": "in_item"}
    assert split_recipient("UBND tỉnh; (B/c)") == {"name": "UBND tỉnh", "note": "(B/c)", "note_place": "after_item"}
    assert split_recipient("- Ban TĐKT tỉnh;") == {"name": "Ban TĐKT tỉnh"}
    assert Recipient.model_validate("Thường trực Tỉnh ủy (để chỉ đạo)").line() == "- Thường trực Tỉnh ủy (để chỉ đạo);"
    assert Recipient.model_validate("UBND tỉnh; (B/c)").line() == "- UBND tỉnh; (B/c)"
    assert Recipient(name="Bộ Nội vụ", note="(để b/c)").line() == "- Bộ Nội vụ (để b/c);"
