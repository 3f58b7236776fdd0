"""Finding the signature block in a rendered PDF, and the images the decree asks for."""

from __future__ import annotations

import datetime as dt

import pytest
from support.pdf_readers import pdf_lines
from support.signing import BLUE, RED, SEAL_DPI, SEAL_PX, seal_png, signature_png

from vanban import rules
from vanban.sign.appearance import SignatureLayoutError, find_signature_block, image_problems, page_count, seal_size_mm


def test_block_found_on_the_signature_page_not_the_last(decision_pdfa, decision_document):
    signer = decision_document.frame.signer
    block = find_signature_block(decision_pdfa)
    assert (block.title.text, block.name.text) == ("CHỦ TỊCH", "Nguyễn Thị Thiện") == (signer.title, signer.name)
    assert block.page_index + 1 < page_count(decision_pdfa)
    lines = pdf_lines(decision_pdfa, block.page_index + 1)
    assert any(ln.text == "Nơi nhận:" for ln in lines)  # the closing block's page
    assert find_signature_block(decision_pdfa, title="Chủ tịch", name="NGUYỄN THỊ THIỆN").page_index == block.page_index
    # The blank between them is the signature space of the rules (≈ 32 mm).
    gap_mm = block.space.height * 25.4 / 72
    assert rules.SIGNATURE_SPACE_MM.low - 2 <= gap_mm <= rules.SIGNATURE_SPACE_MM.high + 2


def test_block_found_in_a_plain_plan(plan_files):
    block = find_signature_block(plan_files["pdf"], title="CHỦ TỊCH")
    assert block.page_index == page_count(plan_files["pdf"]) - 1
    assert block.name.text == plan_files["document"].frame.signer.name


def test_no_block_is_a_clear_error(decision_pdfa):
    with pytest.raises(SignatureLayoutError) as err:
        find_signature_block(decision_pdfa, name="Trần Văn Khác")
    assert str(err.value) == (
        "không tìm thấy khối chữ ký “Trần Văn Khác” (dòng chức vụ, khoảng trống để ký, dòng họ tên) trong tệp PDF"
    )


def test_images_follow_the_decree(tmp_path):
    assert image_problems(signature_png(tmp_path / "ky.png"), "signature") == []
    assert image_problems(seal_png(tmp_path / "dau.png"), "seal") == []
    red_signature = signature_png(tmp_path / "ky-do.png", colour=RED)
    assert [p.split(" (")[0] for p in image_problems(red_signature, "signature")] == [
        f"{red_signature}: chữ ký phải màu xanh"
    ]
    blue_seal = seal_png(tmp_path / "dau-xanh.png", colour=BLUE)
    assert [p.split(" (")[0] for p in image_problems(blue_seal, "seal")] == [f"{blue_seal}: con dấu phải màu đỏ"]
    from PIL import Image

    opaque = tmp_path / "nen-trang.png"
    Image.new("RGB", (100, 50), (255, 255, 255)).save(opaque)
    assert image_problems(opaque, "signature")[0] == f"{opaque}: ảnh chữ ký phải có nền trong suốt (PNG có kênh alpha)"
    jpeg = tmp_path / "ky.jpg"
    Image.new("RGB", (100, 50), (0, 0, 255)).save(jpeg)
    assert image_problems(jpeg, "signature") == [f"{jpeg}: ảnh phải là PNG (định dạng hiện tại: JPEG)"]


def test_seal_real_size(tmp_path):
    with_dpi = seal_png(tmp_path / "dau.png")
    assert seal_size_mm(with_dpi) == pytest.approx((SEAL_PX / SEAL_DPI * 25.4,) * 2, abs=0.01)
    assert seal_size_mm(with_dpi, 40) == (40.0, 40.0)
    assert seal_size_mm(with_dpi, (42, 40)) == (42.0, 40.0)
    without_dpi = seal_png(tmp_path / "dau-khong-dpi.png", dpi=None)
    assert seal_size_mm(without_dpi) == (rules.SEAL_DIAMETER_MM, rules.SEAL_DIAMETER_MM)


def test_signing_time_is_iso_8601_vietnam_time():
    utc = dt.datetime(2026, 1, 5, 2, 30, 15, 123456, tzinfo=dt.UTC)
    assert rules.iso_signing_time(utc) == "2026-01-05T09:30:15+07:00"
    with pytest.raises(ValueError):
        rules.iso_signing_time(dt.datetime(2026, 1, 5, 9, 30))
