"""Money and order of an award list: commendation.md §2 (amounts, rounding, collective rule),
vietnamese.md (money in words, name order). Pure Python: no rendering."""

from __future__ import annotations

import pytest
from support.award_docs import collective, individual, read_batch, write_list

from vanban.errors import InputError
from vanban.vietnamese.money import format_money, money_in_words

# vietnamese.md, "Numbers and money": worked values and the rules they illustrate
WORDS = {
    710_000: "Bảy trăm mười nghìn đồng",
    1_410_000: "Một triệu bốn trăm mười nghìn đồng",
    2_340_000: "Hai triệu ba trăm bốn mươi nghìn đồng",
    3_510_000: "Ba triệu năm trăm mười nghìn đồng",
    8_190_000: "Tám triệu một trăm chín mươi nghìn đồng",
    15_570_000: "Mười lăm triệu năm trăm bảy mươi nghìn đồng",
    1_005_000: "Một triệu không trăm linh năm nghìn đồng",
    2_040_000: "Hai triệu không trăm bốn mươi nghìn đồng",
    1_000_000_000: "Một tỷ đồng",
    2_000_340_000: "Hai tỷ ba trăm bốn mươi nghìn đồng",
    31_000: "Ba mươi mốt nghìn đồng",
    11_000: "Mười một nghìn đồng",
    101_000: "Một trăm linh một nghìn đồng",
    25_000: "Hai mươi lăm nghìn đồng",
    105_000: "Một trăm linh năm nghìn đồng",
    14_000: "Mười bốn nghìn đồng",
}


@pytest.mark.parametrize("amount,words", WORDS.items())
def test_money_in_words_worked_values(amount, words):
    assert money_in_words(amount) == words


@pytest.mark.parametrize(
    "amount,text",
    [(710_000, "710.000"), (2_340_000, "2.340.000"), (90_000, "90.000"), (1_000_000_000, "1.000.000.000"), (0, "0")],
)
def test_thousands_separator(amount, text):
    assert format_money(amount) == text


def amounts(batch) -> list[tuple[str, str, int]]:
    return [(p.kind, p.awardee.name, p.amount) for p in batch.awardees]


@pytest.mark.parametrize(
    "date,rule,collective_amount,individual_amount",
    [
        ("2026-01-05", "round_once", 1_410_000, 710_000),  # 0,6 × 2.340.000 = 1.404.000 → 1.410.000
        ("2026-01-05", "double_individual", 1_420_000, 710_000),  # 2 × 710.000
        ("2024-06-30", "round_once", 1_080_000, 540_000),  # base 1.800.000: exact, nothing to round
        ("2023-06-30", "round_once", 900_000, 450_000),  # base 1.490.000: 447.000 → 450.000; 894.000 → 900.000
        ("2024-07-01", "round_once", 1_410_000, 710_000),  # 2.340.000 from 01/07/2024
    ],
)
def test_giay_khen_amounts_by_date_and_rule(tmp_path, date, rule, collective_amount, individual_amount):
    path = write_list(
        tmp_path,
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu")],
        [individual("Nguyễn Văn An", "Nam")],
        date=date,
        collective_rule=rule,
    )
    batch = read_batch(path)
    assert amounts(batch) == [
        ("collective", "Công đoàn ngành Y tế tỉnh Lai Châu", collective_amount),
        ("individual", "Nguyễn Văn An", individual_amount),
    ]
    assert batch.total == collective_amount + individual_amount


def test_form_per_row_and_amount_override(tmp_path):
    path = write_list(
        tmp_path,
        [
            collective("Công đoàn ngành Y tế tỉnh Lai Châu", form="Tập thể lao động xuất sắc"),
            collective("Công đoàn Viên chức tỉnh Lai Châu", form="Tập thể lao động tiên tiến"),
            collective("Công đoàn ngành Giáo dục tỉnh Lai Châu"),
        ],
        [
            individual("Nguyễn Văn An", "Nam", form="Chiến sĩ thi đua cơ sở"),
            individual("Lò Thị Mai", "Nữ", form="Lao động tiên tiến"),
            individual("Tòng Văn Hùng", "Nam", amount=2_000_000),
            individual("Vàng Thị Mỷ", "Nữ", amount="1.500.000"),
            individual("Đèo Văn Thắng", "Nam"),
        ],
    )
    batch = read_batch(path)
    assert [p.amount for p in batch.collectives] == [3_510_000, 1_880_000, 1_410_000]
    assert [p.amount for p in batch.individuals] == [2_340_000, 710_000, 2_000_000, 1_500_000, 710_000]
    assert batch.total == 3_510_000 + 1_880_000 + 1_410_000 + 2_340_000 + 710_000 + 2_000_000 + 1_500_000 + 710_000


def test_bang_khen_coefficient_changes_on_1_july_2025(tmp_path):
    form = "Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương"
    people = [individual("Nguyễn Văn An", "Nam", form=form)]
    before = read_batch(write_list(tmp_path / "a", [], people, date="2025-06-30"))
    after = read_batch(write_list(tmp_path / "b", [], people, date="2025-07-01"))
    assert before.individuals[0].amount == 2_340_000  # 1,0 × 2.340.000
    assert after.individuals[0].amount == 3_510_000  # 1,5 × 2.340.000


def test_unknown_form_is_located(tmp_path):
    path = write_list(
        tmp_path, [], [individual("Nguyễn Văn An", "Nam"), individual("Lò Thị Mai", "Nữ", form="Huân chương Sao Hỏa")]
    )
    with pytest.raises(InputError) as info:
        read_batch(path)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row) == ("Cá nhân", 3)
    assert "Huân chương Sao Hỏa" in problem.message


# --------------------------------------------------------------------------------------------
# Order inside each group (vietnamese.md "Sorting names"; commendation.md §4)

PEOPLE = [  # name, unit — approved (input) order
    ("Nguyễn Văn Bình", "Sở Tư pháp"),
    ("Trần Thị Ánh", "Sở Y tế"),
    ("Lê Văn An", "Sở Tư pháp"),
    ("Đỗ Thị Ánh", "Sở Y tế"),
    ("Lê Văn Bình", "Sở Tư pháp"),
]
GROUPS = [
    "Công đoàn Viên chức tỉnh Lai Châu",
    "Công đoàn ngành Y tế tỉnh Lai Châu",
    "Công đoàn cơ sở Trường THPT Phong Thổ",
]


@pytest.fixture(scope="module")
def order_list(tmp_path_factory):
    return write_list(
        tmp_path_factory.mktemp("order"),
        [collective(n) for n in GROUPS],
        [individual(n, "Nam", "Chuyên viên", u) for n, u in PEOPLE],
    )


def names(group) -> list[str]:
    return [p.awardee.name for p in group]


def test_order_approved_keeps_input_order(order_list):
    batch = read_batch(order_list, order="approved")
    assert names(batch.individuals) == [n for n, _ in PEOPLE]
    assert names(batch.collectives) == GROUPS
    assert [p.index for p in batch.individuals] == [1, 2, 3, 4, 5]


def test_order_name_sorts_by_given_name(order_list):
    batch = read_batch(order_list, order="name")
    # given name first, then middle, then surname: An < Ánh (Đỗ Thị < Trần Thị) < Bình (Lê Văn < Nguyễn Văn)
    assert names(batch.individuals) == ["Lê Văn An", "Đỗ Thị Ánh", "Trần Thị Ánh", "Lê Văn Bình", "Nguyễn Văn Bình"]
    assert [p.index for p in batch.individuals] == [1, 2, 3, 4, 5]
    # collectives by full name: "Công đoàn cơ sở" < "Công đoàn ngành" < "Công đoàn Viên chức"
    assert names(batch.collectives) == [GROUPS[2], GROUPS[1], GROUPS[0]]
    # certificates follow the printed order: collectives first, then individuals
    assert names(batch.awardees) == names(batch.collectives) + names(batch.individuals)


def test_order_spec_example(tmp_path):
    path = write_list(tmp_path, [], [individual(n, "Nam") for n in ("Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Văn An")])
    assert names(read_batch(path, order="name").individuals) == ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Bình"]


def test_order_unit_groups_by_unit_keeping_approved_order(order_list):
    batch = read_batch(order_list, order="unit")
    assert names(batch.individuals) == ["Nguyễn Văn Bình", "Lê Văn An", "Lê Văn Bình", "Trần Thị Ánh", "Đỗ Thị Ánh"]
    assert [p.index for p in batch.individuals] == [1, 2, 3, 4, 5]


def test_order_from_the_session(tmp_path):
    path = write_list(
        tmp_path, [], [individual(n, "Nam") for n in ("Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Văn An")], order="name"
    )
    assert names(read_batch(path).individuals) == ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Bình"]
    assert names(read_batch(path, order="approved").individuals) == ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Văn An"]


def test_annex_rows_follow_the_order(order_list, tmp_path):
    from docx import Document as open_docx
    from support.readback import norm

    from vanban.award.decision import build_decision
    from vanban.render.docx import render_docx

    out = tmp_path / "d.docx"
    out.write_bytes(render_docx(build_decision(read_batch(order_list, order="name"))))
    table = open_docx(str(out)).tables[-1]
    rows = [[norm(c.text) for c in row.cells][:2] for row in table.rows[1:]]
    # the individuals' section of the one list table (issue 11): after its section row
    start = rows.index(["II. CÁ NHÂN (05)", "II. CÁ NHÂN (05)"]) + 1
    rows = rows[start : start + 5]
    assert rows == [
        ["1", "Ông Lê Văn An"],
        ["2", "Ông Đỗ Thị Ánh"],
        ["3", "Ông Trần Thị Ánh"],
        ["4", "Ông Lê Văn Bình"],
        ["5", "Ông Nguyễn Văn Bình"],
    ]
