"""Money in figures and words; every worked value of the spec (Numbers and money)."""

import pytest

from vanban.vietnamese.money import MoneyWordsStyle, format_money, money_in_words, number_in_words


@pytest.mark.parametrize(
    "n, text",
    [
        (0, "0"),
        (5, "5"),
        (999, "999"),
        (1000, "1.000"),
        (710000, "710.000"),
        (2340000, "2.340.000"),
        (15570000, "15.570.000"),
        (1000000000, "1.000.000.000"),
        (-1410000, "-1.410.000"),
    ],
)
def test_format_money(n, text):
    assert format_money(n) == text


# Worked values and rule examples, copied from the spec.
SPEC_WORDS = [
    (710_000, "Bảy trăm mười nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
    (8_190_000, "Tám triệu một trăm chín mươi nghìn đồng"),
    (15_570_000, "Mười lăm triệu năm trăm bảy mươi nghìn đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (2_040_000, "Hai triệu không trăm bốn mươi nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (2_000_340_000, "Hai tỷ ba trăm bốn mươi nghìn đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi bốn đồng"),
    (25, "Hai mươi lăm đồng"),
    (31, "Ba mươi mốt đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
]


@pytest.mark.parametrize("n, words", SPEC_WORDS)
def test_spec_worked_values(n, words):
    assert money_in_words(n) == words


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (20, "Hai mươi đồng"),
        (100, "Một trăm đồng"),
        (110, "Một trăm mười đồng"),
        (1_000, "Một nghìn đồng"),
        (1_001, "Một nghìn không trăm linh một đồng"),
        (10_000, "Mười nghìn đồng"),
        (1_880_000, "Một triệu tám trăm tám mươi nghìn đồng"),
        (18_720_000, "Mười tám triệu bảy trăm hai mươi nghìn đồng"),
        (1_000_005_000, "Một tỷ không trăm linh năm nghìn đồng"),
        (700_000_231, "Bảy trăm triệu hai trăm ba mươi mốt đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"),
        (1_000_000_000_000_000_000, "Một tỷ tỷ đồng"),
    ],
)
def test_more_values(n, words):
    assert money_in_words(n) == words


def test_four_setting_only_after_tens_of_twenty_or_more():
    assert money_in_words(24, four="tư") == "Hai mươi tư đồng"
    assert money_in_words(54_000, four="tư") == "Năm mươi tư nghìn đồng"
    assert money_in_words(14, four="tư") == "Mười bốn đồng"
    assert money_in_words(104, four="tư") == "Một trăm linh bốn đồng"
    assert money_in_words(4, four="tư") == "Bốn đồng"


def test_zero_tens_setting():
    assert money_in_words(105, zero_tens="lẻ") == "Một trăm lẻ năm đồng"
    assert money_in_words(1_005_000, zero_tens="lẻ") == "Một triệu không trăm lẻ năm nghìn đồng"


def test_chan_is_off_by_default_and_only_for_round_sums():
    assert money_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"
    assert money_in_words(2_340_000, chan=True) == "Hai triệu ba trăm bốn mươi nghìn đồng chẵn"
    assert money_in_words(2_340_001, chan=True).endswith("một đồng")


def test_style_object_and_override():
    style = MoneyWordsStyle(four="tư", zero_tens="lẻ", chan=True)
    assert money_in_words(24_000, style=style) == "Hai mươi tư nghìn đồng chẵn"
    assert money_in_words(24_000, style=style, chan=False) == "Hai mươi tư nghìn đồng"
    assert MoneyWordsStyle() == MoneyWordsStyle(four="bốn", zero_tens="linh", chan=False)


def test_nghin_never_ngan():
    assert "ngàn" not in money_in_words(123_456_789)
    assert number_in_words(123_456_789) == (
        "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"
    )


def test_bad_input():
    with pytest.raises(ValueError):
        money_in_words(-1)
    with pytest.raises(TypeError):
        money_in_words(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        money_in_words(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        MoneyWordsStyle(four="four")  # type: ignore[arg-type]
