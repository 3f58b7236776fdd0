"""Reward money: dated base salary and coefficients (commendation spec §2)."""

import datetime as dt
from decimal import Decimal

import pytest

from vanban.award.reward import (
    RewardError,
    award_form,
    base_salary_on,
    load_award_forms,
    reward_amount,
    round_up_to_step,
)
from vanban.errors import InputError

AFTER_152 = dt.date(2026, 1, 5)  # base 2.340.000, Decree 152/2025 in force


@pytest.mark.parametrize(
    "date, base",
    [
        (dt.date(2019, 7, 1), 1_490_000),
        (dt.date(2023, 6, 30), 1_490_000),
        (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 1, 5), 2_340_000),
    ],
)
def test_base_salary_on(date, base):
    assert base_salary_on(date) == base


def test_base_salary_before_first_entry_is_a_clear_error():
    with pytest.raises(RewardError, match="01/07/2019"):
        base_salary_on(dt.date(2019, 6, 30))


def test_base_salary_accepts_datetime():
    assert base_salary_on(dt.datetime(2024, 7, 1, 8, 30)) == 2_340_000


# The spec's coefficient table, column "at 2.340.000".
@pytest.mark.parametrize(
    "form_id, individual",
    [
        ("giay_khen", 710_000),
        ("bang_khen_bo_tinh", 3_510_000),
        ("bang_khen_thu_tuong", 8_190_000),
        ("lao_dong_tien_tien", 710_000),
        ("chien_si_thi_dua_co_so", 2_340_000),
        ("chien_si_thi_dua_cap_tinh", 7_020_000),
    ],
)
def test_individual_amounts_at_2340000(form_id, individual):
    assert reward_amount(form_id, AFTER_152, collective=False) == individual


@pytest.mark.parametrize(
    "form_id, amount",
    [
        ("tap_the_lao_dong_tien_tien", 1_880_000),
        ("tap_the_lao_dong_xuat_sac", 3_510_000),
        ("co_thi_dua_cap_tinh", 18_720_000),
    ],
)
def test_collective_titles_at_2340000(form_id, amount):
    assert reward_amount(form_id, AFTER_152, collective=True) == amount
    assert reward_amount(form_id, AFTER_152, True, "double_individual") == amount


def test_giay_khen_collective_rules():
    assert reward_amount("giay_khen", AFTER_152, True) == 1_410_000  # default round_once
    assert reward_amount("giay_khen", AFTER_152, True, "round_once") == 1_410_000
    assert reward_amount("giay_khen", AFTER_152, True, "double_individual") == 1_420_000


@pytest.mark.parametrize(
    "form_id, collective",
    [
        ("bang_khen_bo_tinh", 7_020_000),  # 2 × 1,5 × 2.340.000
        ("bang_khen_thu_tuong", 16_380_000),  # 2 × 3,5 × 2.340.000
    ],
)
def test_bang_khen_collective_is_twice(form_id, collective):
    assert reward_amount(form_id, AFTER_152, True) == collective
    assert reward_amount(form_id, AFTER_152, True, "double_individual") == collective


def test_spec_decision_total():
    # Điều 2 of the spec's decision: 05 collectives and 12 individuals, 15.570.000 đồng.
    total = 5 * reward_amount("giay_khen", AFTER_152, True) + 12 * reward_amount("giay_khen", AFTER_152)
    assert total == 15_570_000


def test_bang_khen_coefficient_switch_on_2025_07_01():
    assert reward_amount("bang_khen_bo_tinh", dt.date(2025, 6, 30)) == 2_340_000  # 1,0
    assert reward_amount("bang_khen_bo_tinh", dt.date(2025, 7, 1)) == 3_510_000  # 1,5
    assert reward_amount("bang_khen_bo_tinh", dt.date(2025, 6, 30), True) == 4_680_000
    assert reward_amount("bang_khen_bo_tinh", dt.date(2025, 7, 1), True) == 7_020_000


def test_older_base_salary_is_used_for_older_dates():
    # 0,3 × 1.800.000 = 540.000 exactly; 0,3 × 1.490.000 = 447.000 → 450.000
    assert reward_amount("giay_khen", dt.date(2024, 6, 30)) == 540_000
    assert reward_amount("giay_khen", dt.date(2020, 1, 1)) == 450_000
    assert reward_amount("bang_khen_bo_tinh", dt.date(2024, 6, 30)) == 1_800_000


def test_round_up_to_10000():
    assert round_up_to_step(Decimal("702000")) == 710_000
    assert round_up_to_step(Decimal("1404000")) == 1_410_000
    assert round_up_to_step(Decimal("1872000")) == 1_880_000
    assert round_up_to_step(Decimal("3510000")) == 3_510_000
    assert round_up_to_step(Decimal("3510000.01")) == 3_520_000


def test_forms_have_ascii_ids_and_vietnamese_names():
    forms = load_award_forms()
    assert {
        "giay_khen",
        "bang_khen_bo_tinh",
        "bang_khen_thu_tuong",
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_cap_tinh",
        "tap_the_lao_dong_tien_tien",
        "tap_the_lao_dong_xuat_sac",
        "co_thi_dua_cap_tinh",
    } <= set(forms)
    assert all(form_id.isascii() for form_id in forms)
    assert forms["giay_khen"].name == "Giấy khen"
    assert award_form("lao_dong_tien_tien").name == "Lao động tiên tiến"


def test_subject_errors():
    with pytest.raises(RewardError, match="chỉ tặng cho tập thể"):
        reward_amount("tap_the_lao_dong_tien_tien", AFTER_152, collective=False)
    with pytest.raises(RewardError, match="chỉ tặng cho cá nhân"):
        reward_amount("chien_si_thi_dua_co_so", AFTER_152, collective=True)
    with pytest.raises(RewardError, match="không có trong danh mục"):
        reward_amount("giay_khen_vang", AFTER_152)
    with pytest.raises(RewardError, match="Cách tính tiền tập thể"):
        reward_amount("giay_khen", AFTER_152, True, "round_twice")  # type: ignore[arg-type]


def test_data_errors_point_at_the_file(tmp_path):
    (tmp_path / "base_salary.yaml").write_text(
        "entries:\n  - from: 2024-07-01\n    amount: 2340000\n", encoding="utf-8"
    )
    (tmp_path / "award_forms.yaml").write_text(
        "forms:\n  giay_khen:\n    name: Giấy khen\n    kind: form\n    periods:\n      - individual: ba\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="award_forms.yaml, dòng 6, mục 'forms.giay_khen.periods.0.individual'"):
        reward_amount("giay_khen", AFTER_152, directory=tmp_path)
    # An unquoted coefficient is read as written (text, then Decimal), never through a float.
    (tmp_path / "award_forms.yaml").write_text(
        "forms:\n  giay_khen:\n    name: Giấy khen\n    kind: form\n    periods:\n      - individual: 0.3\n",
        encoding="utf-8",
    )
    assert reward_amount("giay_khen", AFTER_152, directory=tmp_path) == 710_000
    with pytest.raises(RewardError, match="chỉ tặng cho cá nhân"):  # no collective_multiplier in this file
        reward_amount("giay_khen", AFTER_152, True, directory=tmp_path)
