"""Legacy Vietnamese text (TCVN3, VNI, mojibake, NFD) is converted; Unicode is never touched."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from vanban.vietnamese.legacy import (
    MOJIBAKE,
    NFD,
    TCVN3,
    TCVN3_TO_UNICODE,
    VNI,
    VNI_LETTERS,
    VNI_MARKS,
    font_encoding,
    repair,
    vietnamese_score,
)

LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
assert len(LOWER) == 67
UPPER = LOWER.upper()

# --------------------------------------------------------------------------------------------
# Encoders built from the module's own tables (Unicode → legacy), for round trips.
_TCVN3_ENCODE = {u: b for b, u in TCVN3_TO_UNICODE.items()}


def tcvn3_encode(text: str) -> str:
    """As typed in TCVN3: a toned capital has no code point, so its lower-case one is used
    (it shows as a capital in the `.VnTimeH` font)."""
    out = []
    for ch in text:
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE and ch not in "ĂÂÊÔƠƯĐ":
            out.append(_TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def _vni_encoder() -> dict[str, str]:
    """Every Unicode letter the VNI tables can produce, from one or two VNI characters."""
    from vanban.vietnamese.legacy import _vni_decode

    alphabet = "aeiouyAEIOUY" + "".join(VNI_LETTERS) + "".join(VNI_MARKS)
    table: dict[str, str] = {}
    for n in (1, 2):
        for combo in itertools.product(alphabet, repeat=n):
            seq = "".join(combo)
            decoded = unicodedata.normalize("NFC", _vni_decode(seq))
            if (
                len(decoded) == 1
                and (decoded != seq or seq in VNI_LETTERS)
                and not decoded.isascii()
                and decoded not in table
            ):
                table[decoded] = seq
    return table


_VNI_ENCODE = _vni_encoder()


def vni_encode(text: str) -> str:
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------------------------
# Tables


def test_tcvn3_table_covers_every_lower_case_letter_once():
    values = list(TCVN3_TO_UNICODE.values())
    assert len(values) == len(set(values)) == 67 + 7
    assert set(LOWER) <= set(values)
    assert set("ĂÂÊÔƠƯĐ") <= set(values)
    assert all(0xA1 <= ord(b) <= 0xFE for b in TCVN3_TO_UNICODE)


def test_vni_tables_cover_every_letter_both_cases():
    assert set(LOWER) <= set(_VNI_ENCODE)
    assert set(UPPER) <= set(_VNI_ENCODE)
    assert all(ord(c) <= 0xFF for seq in _VNI_ENCODE.values() for c in seq)


# --------------------------------------------------------------------------------------------
# Known legacy strings (as found in old office spreadsheets)

TCVN3_KNOWN = {
    "NguyÔn ThÞ ThiÖn": "Nguyễn Thị Thiện",
    "Liªn ®oµn Lao ®éng tØnh Lai Ch©u": "Liên đoàn Lao động tỉnh Lai Châu",
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam": "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "§éc lËp - Tù do - H¹nh phóc": "Độc lập - Tự do - Hạnh phúc",
    "Tr\xadêng THPT Phong Thæ": "Trường THPT Phong Thổ",
    "C«ng ®oµn c¬ së": "Công đoàn cơ sở",
    "QuyÕt ®Þnh khen th\xad\xadëng": "Quyết định khen thưưởng",
    "n¨m 2025": "năm 2025",
    "§¶NG CéNG S¶N VIÖT NAM": "ĐẢNG CỘNG SẢN VIỆT NAM",
}

VNI_KNOWN = {
    "Nguyeãn Thò Thieän": "Nguyễn Thị Thiện",
    "Lieân ñoaøn Lao ñoäng tænh Lai Chaâu": "Liên đoàn Lao động tỉnh Lai Châu",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam": "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc": "Độc lập - Tự do - Hạnh phúc",
    "Tröôøng THPT Phong Thoå": "Trường THPT Phong Thổ",
    "ÑAÛNG COÄNG SAÛN VIEÄT NAM": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Chieán só thi ñua cô sôû": "Chiến sĩ thi đua cơ sở",
    "naêm 2025": "năm 2025",
}


@pytest.mark.parametrize("legacy,unicode", TCVN3_KNOWN.items())
@pytest.mark.parametrize("font", [None, ".VnTime"])
def test_known_tcvn3(legacy, unicode, font):
    assert repair(legacy, font) == (unicode, TCVN3)


@pytest.mark.parametrize("legacy,unicode", VNI_KNOWN.items())
@pytest.mark.parametrize("font", [None, "VNI-Times"])
def test_known_vni(legacy, unicode, font):
    assert repair(legacy, font) == (unicode, VNI)


def test_capitals_font_vntimeh_draws_lower_case_as_capitals():
    assert repair("céng hoµ x· héi chñ nghÜa viÖt nam", ".VnTimeH") == ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", TCVN3)
    assert repair("ban chÊp hµnh", ".VnArialH") == ("BAN CHẤP HÀNH", TCVN3)


# --------------------------------------------------------------------------------------------
# Round trips through the same tables

ROUND_TRIP = [
    "Nguyễn Thị Thiện",
    "Liên đoàn Lao động tỉnh Lai Châu",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Trường THPT Phong Thổ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ban Chính sách pháp luật và Quan hệ lao động",
    "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2",
    "đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "Chủ tịch Công đoàn cơ sở, giáo viên Trường Tiểu học Mường Tè",
    "Giàng A Dế, Vàng Thị Mỷ, Sùng A Páo, Lò Văn Pâng",
    "Quyết định khen thưởng tập thể lao động xuất sắc",
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ",
    "Bùi Quang Huy, Phạm Văn Đức, Đỗ Thị Thu Trang",
    "khuyến khích, nghiêng, ngoẹo, khuỷu, quyển, người, giường, hươu, ruộng",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_tcvn3_round_trip(text):
    legacy = tcvn3_encode(text)
    assert legacy != text
    assert repair(legacy) == (text, TCVN3)
    assert repair(legacy, ".VnTime") == (text, TCVN3)


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_vni_round_trip(text):
    legacy = vni_encode(text)
    assert legacy != text
    assert repair(legacy) == (text, VNI)
    assert repair(legacy, "VNI-Times") == (text, VNI)


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_mojibake_round_trip(text):
    assert repair(
        text.encode("utf-8").decode("cp1252", errors="strict")
        if _cp1252_ok(text)
        else text.encode("utf-8").decode("latin-1")
    ) == (text, MOJIBAKE)


def _cp1252_ok(text: str) -> bool:
    try:
        text.encode("utf-8").decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def test_mojibake_with_lost_no_break_space():
    # `à` is C3 A0 in UTF-8; A0 is a no-break space that often became a plain space.
    assert repair("CÃ´ng Ä‘oÃ n") == ("Công đoàn", MOJIBAKE)
    assert repair("Ban ChÃ­nh sÃ¡ch phÃ¡p luáº­t") == ("Ban Chính sách pháp luật", MOJIBAKE)


def test_nfd_is_composed_and_reported():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Thiện")
    assert decomposed != "Nguyễn Thị Thiện"
    assert repair(decomposed) == ("Nguyễn Thị Thiện", NFD)


# --------------------------------------------------------------------------------------------
# Never touch ASCII or proper Unicode

REAL_SENTENCES = [
    "Liên đoàn Lao động tỉnh Lai Châu",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc",
    "Điều 1. Tặng Giấy khen cho 05 tập thể và 12 cá nhân (có danh sách kèm theo).",
    "Tổng số tiền thưởng: 15.570.000 đồng (Bằng chữ: Mười lăm triệu năm trăm bảy mươi nghìn đồng)",
    "Quyết định này có hiệu lực kể từ ngày ký./.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Nơi nhận: - Như Điều 3; - Lưu: VT, CSPL&QHLĐ.",
    "Ông Nguyễn Văn Bình, Phó Chủ tịch Công đoàn cơ sở",
    "Bà Trần Thị Ánh Hồng, Trưởng phòng Tổ chức - Hành chính",
    "Thực hiện Kế hoạch số 123/KH-LĐLĐ ngày 17 tháng 12 năm 2021",
    "Trường Phổ thông Dân tộc Nội trú THCS&THPT huyện Mường Tè",
    "Công ty TNHH MTV Cao su Lai Châu",
    "Thuỷ điện Nậm Na 2; Hoà Bình; Khánh Hòa; Thừa Thiên Huế",
    "Lò Mí Chú",  # only Latin-1 letters
    "Bùi Thành Tâm",
    "Tô Hoài",
    "HÀ TÂY",
    "Chí Minh",
    "À, ơi! Ừ, ạ.",
    "khuyến khích, ngoẹo, khuỷu tay, quyển sổ vàng",
    "Số sổ vàng: 0123",
    "Giấy khen © 2026 – bản quyền",
    "Nguyễn Thị Thiện",
    "Đèo Văn Thắng – Chủ tịch Công đoàn cơ sở «Điện lực»",
    "Lưu: VT, TĐKT.",
    "Phòng Giáo dục & Đào tạo",
    "Mùa xuân ở Sìn Hồ; Tả Lèng; Mù Cang Chải",
    "Café Müller; Søren; naïve façade",  # foreign words with Latin-1 letters
]
ASCII = [
    "Lai Chau",
    "STT",
    "So tien (dong)",
    "{{ name }}",
    "<b>x</b>",
    "../../etc/passwd",
    "file:///etc/passwd",
    "710.000",
    "",
]


@pytest.mark.parametrize("font", [None, "Times New Roman", "Arial", ".VnTime", ".VnTimeH", "VNI-Times"])
@pytest.mark.parametrize("text", REAL_SENTENCES + ASCII)
def test_unicode_and_ascii_are_never_altered(text, font):
    assert repair(text, font) == (text, None)


def test_score_prefers_real_syllables():
    assert vietnamese_score("Nguyễn Thị Thiện") == 1.0
    assert vietnamese_score("NguyÔn ThÞ ThiÖn") == 0.0


@pytest.mark.parametrize(
    "font,expected",
    [
        (".VnTime", TCVN3),
        (".VnTimeH", TCVN3),
        (".VnArial", TCVN3),
        ("VNI-Times", VNI),
        ("VNI-Helve", VNI),
        ("Times New Roman", None),
        (None, None),
        ("Calibri", None),
    ],
)
def test_font_encoding(font, expected):
    assert font_encoding(font) == expected
