"""Vietnamese name ordering (spec: Sorting names)."""

import random
import unicodedata

import pytest

from vanban.vietnamese.collation import collective_sort_key, person_sort_key, syllable_key


def test_people_sort_by_given_name_first():
    names = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Văn An"]
    assert sorted(names, key=person_sort_key) == ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Bình"]


def test_then_middle_then_surname():
    names = ["Trần Văn An", "Lê Văn An", "Lê Thị An", "Lê An"]
    assert sorted(names, key=person_sort_key) == ["Lê An", "Lê Thị An", "Lê Văn An", "Trần Văn An"]


@pytest.mark.parametrize(
    "before, after",
    [
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("d", "đ"),
        ("đ", "e"),
        ("e", "ê"),
        ("ê", "g"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("ơ", "p"),
        ("u", "ư"),
        ("ư", "v"),
        ("x", "y"),
    ],
)
def test_alphabet(before, after):
    assert syllable_key(before) < syllable_key(after)


def test_whole_alphabet_order():
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    shuffled = alphabet[:]
    random.Random(30).shuffle(shuffled)
    assert sorted(shuffled, key=syllable_key) == alphabet


def test_letters_before_tones():
    # the tone of `Ánh` does not put it after `Anh...` words with later letters
    assert syllable_key("ác") < syllable_key("ad")
    assert syllable_key("An") < syllable_key("Ánh") < syllable_key("Bình")
    assert syllable_key("Ân") > syllable_key("Ăn")  # â after ă, whatever the tones


def test_tone_ties_dictionary_order():
    order = ["ma", "mà", "mả", "mã", "má", "mạ"]  # none, huyền, hỏi, ngã, sắc, nặng
    assert sorted(reversed(order), key=syllable_key) == order


def test_tone_ties_sac_before_hoi():
    order = ["ma", "mà", "má", "mả", "mã", "mạ"]
    assert sorted(reversed(order), key=lambda s: syllable_key(s, "sac_before_hoi")) == order
    assert person_sort_key("Lê Văn Má", "sac_before_hoi") < person_sort_key("Lê Văn Mả", "sac_before_hoi")
    assert person_sort_key("Lê Văn Mả") < person_sort_key("Lê Văn Má")


def test_tones_on_letters_with_marks():
    order = ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"]
    assert sorted(reversed(order), key=syllable_key) == order


def test_hoa_spellings_have_the_same_key():
    assert person_sort_key("Nguyễn Thị Hòa") == person_sort_key("Nguyễn Thị Hoà")
    assert syllable_key("Thủy") == syllable_key("Thuỷ")


def test_case_and_normalisation_insensitive():
    assert person_sort_key("NGUYỄN VĂN ĐỨC") == person_sort_key("nguyễn văn đức")
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    assert person_sort_key(nfd) == person_sort_key("Nguyễn Văn Đức")
    assert person_sort_key("  Nguyễn  Văn   Đức ") == person_sort_key("Nguyễn Văn Đức")


def test_collectives_sort_by_full_name():
    names = ["Công đoàn Trường THPT số 10", "Công đoàn cơ sở Bưu điện", "Công đoàn Trường THPT số 2", "Ban Nữ công"]
    assert sorted(names, key=collective_sort_key) == [
        "Ban Nữ công",
        "Công đoàn cơ sở Bưu điện",
        "Công đoàn Trường THPT số 2",
        "Công đoàn Trường THPT số 10",
    ]


def test_collective_syllable_by_syllable():
    assert collective_sort_key("Ba Bể") < collective_sort_key("Bà Rịa")
    assert collective_sort_key("Điện Biên") > collective_sort_key("Đà Lạt")


def test_bad_tone_order():
    with pytest.raises(ValueError):
        person_sort_key("Lê An", "alphabetical")  # type: ignore[arg-type]
