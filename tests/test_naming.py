from vanban.file_names import document_stem


def test_number_and_subject_folded_to_ascii():
    stem = document_stem("Số: 05/KH-LĐLĐ", "Triển khai phong trào thi đua đặc biệt “Lai Châu đoàn kết”")
    assert stem == "05-KH-LDLD-trien-khai-phong-trao-thi-dua-dac-biet-lai-chau-doan-ket"


def test_long_subject_cut_at_a_word_boundary():
    stem = document_stem(
        "Số: 15/QĐ-LĐLĐ",
        "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc "
        "trong phong trào thi đua lao động giỏi năm 2025 của công nhân viên chức",
    )
    assert len(stem) <= 90
    words = "ve-viec-tang-giay-khen-cho-cac-tap-the-ca-nhan-da-co-thanh-tich-xuat-sac-trong-phong-trao".split("-")
    assert stem.startswith("15-QD-LDLD-ve-viec")
    assert stem.split("-")[-1] in words + ["thi", "dua", "lao", "dong", "gioi"]


def test_blank_number_and_hostile_subject():
    stem = document_stem("Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND", "../../etc/passwd {{ x }} <b>")
    assert stem.startswith("KH-UBND-")
    assert "/" not in stem and "." not in stem and "{" not in stem and "<" not in stem
