"""Text helpers: NFC, diacritic folding, safe slugs, upper-casing (spec: Text)."""

import unicodedata

import pytest

from vanban.vietnamese.text import fold, nfc, slugify, upper_vi


def test_nfc_composes_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert nfc(decomposed) == "Nguyễn Thị Ánh"


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Nguyễn Thị Ánh Hồng", "Nguyen Thi Anh Hong"),
        ("Đặng Đức Được", "Dang Duc Duoc"),
        ("Liên đoàn Lao động tỉnh Lai Châu", "Lien doan Lao dong tinh Lai Chau"),
        ("ă â ê ô ơ ư đ", "a a e o o u d"),
        ("ằ ẳ ẵ ắ ặ ỡ ự ỹ", "a a a a a o u y"),
        ("QUYẾT ĐỊNH", "QUYET DINH"),
    ],
)
def test_fold_strips_every_mark(text, folded):
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded
    assert folded.isascii()


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Quyết định khen thưởng năm 2026", "quyet-dinh-khen-thuong-nam-2026"),
        ("Nguyễn Thị Ánh", "nguyen-thi-anh"),
        ("  Đoàn   Văn---Đức  ", "doan-van-duc"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\system32", "windows-system32"),
        ("{{ x }}", "x"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("a\x00b", "a-b"),
        (".hidden", "hidden"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "...", "/", "\x00", "{{ }}", "<>", "漢字", "!!!"])
def test_slugify_never_empty(text):
    assert slugify(text) == "van-ban"


@pytest.mark.parametrize("name", ["con", "CON", " Con ", "prn", "aux", "nul", "com1", "LPT9"])
def test_slugify_windows_reserved_names(name):
    assert slugify(name) == "van-ban-" + name.strip().lower()


def test_slugify_reserved_stem_with_extension_is_no_longer_reserved():
    # Windows reserves `con.txt` (the part before the first dot); the slug has no dot left.
    assert slugify("Con.txt") == "con-txt"


def test_slugify_console_truncated_to_con_is_still_safe():
    assert slugify("console", max_len=8) != "con"
    assert slugify("console", max_len=8) not in {"con", "prn", "aux", "nul"}


def test_slugify_length_and_charset():
    slug = slugify("Kế hoạch " * 40, max_len=30)
    assert len(slug) <= 30
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")


def test_slugify_rejects_tiny_max_len():
    with pytest.raises(ValueError):
        slugify("x", max_len=3)


@pytest.mark.parametrize(
    "text, upper",
    [
        ("đ", "Đ"),
        ("ư", "Ư"),
        ("ằ", "Ằ"),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("ban thường vụ liên đoàn lao động tỉnh", "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH"),
    ],
)
def test_upper_vi(text, upper):
    assert upper_vi(text) == upper
    assert upper_vi(unicodedata.normalize("NFD", text)) == upper


def test_upper_vi_keeps_abbreviations_with_lower_case():
    assert upper_vi("quy định số 05/QyĐ-LĐLĐ", keep={"QyĐ"}) == "QUY ĐỊNH SỐ 05/QyĐ-LĐLĐ"
    assert upper_vi("tờ trình 03/TTr-UBND", keep={"TTr", "CTr", "TrS"}) == "TỜ TRÌNH 03/TTr-UBND"
