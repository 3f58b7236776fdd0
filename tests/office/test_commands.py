"""`vanban office init|check` and `vanban certificate calibrate`, run as a clerk runs them."""

from __future__ import annotations

import subprocess

from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from vanban.cli import app

from .conftest import write

ANSWERS = [
    "--id", "ubnd-xa-tan-uyen",
    "--full-name", "Ủy ban nhân dân xã Tân Uyên",
    "--name", "ỦY BAN NHÂN DÂN|XÃ TÂN UYÊN",
    "--parent", "",
    "--abbreviation", "UBND",
    "--place", "Tân Uyên",
    "--system", "state",
    "--signer-title", "CHỦ TỊCH",
    "--signer-authority", "TM. ỦY BAN NHÂN DÂN",
]  # fmt: skip


def test_init_writes_a_starter_that_check_accepts_and_renders(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)  # `office check` sets it for its samples
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "co-quan"
    result = CliRunner().invoke(app, ["office", "init", str(folder), *ANSWERS])
    assert result.exit_code == 0, result.output
    profile = (folder / "issuers" / "ubnd-xa-tan-uyen.yaml").read_text(encoding="utf-8")
    assert "name: [ỦY BAN NHÂN DÂN, XÃ TÂN UYÊN]" in profile
    assert "# Chữ viết tắt trong số, ký hiệu văn bản" in profile
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# Thư mục của cơ quan")
    checked = CliRunner().invoke(app, ["office", "check", str(folder)])
    assert checked.exit_code == 0, checked.output
    assert "✓ issuers/ubnd-xa-tan-uyen.yaml" in checked.output
    assert "✓ ubnd-xa-tan-uyen.yaml: mẫu DOCX và PDF đạt kiểm tra Nghị định 30" in checked.output
    assert "không có lỗi" in checked.output
    again = CliRunner().invoke(app, ["office", "init", str(folder), *ANSWERS])
    assert again.exit_code == 2
    assert "không ghi đè" in again.output


def test_check_reports_every_bad_file_with_file_line_and_field(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "co-quan"
    write(
        folder / "issuers" / "x.yaml",
        "system: state\nname: [A]\nfull_name: A\nabbreviation: A\nplace: 7\nnumbering: ca_hai\n",
    )
    write(folder / "certificates" / "phoi-giay-khen.yaml", "offset: {x: trai}\n")
    write(folder / "content" / "quyet-dinh-khen-thuong.md.j2", "Xin chào\n{% chua_co %}\n")
    write(folder / "data" / "base_salary.yaml", "entries:\n  - from: 2019-07-01\n    amount: 1\n")
    (folder / "images").mkdir()
    (folder / "images" / "emblem.png").write_bytes(b"GIF89a")
    result = CliRunner().invoke(app, ["office", "check", str(folder), "--no-render"])
    assert result.exit_code == 1
    out = result.output
    assert f"✗ {folder / 'issuers' / 'x.yaml'}, dòng 6, mục 'numbering'" in out
    assert f"✗ {folder / 'certificates' / 'phoi-giay-khen.yaml'}, dòng 1, mục 'offset.x'" in out
    assert f"✗ {folder / 'content' / 'quyet-dinh-khen-thuong.md.j2'}, dòng 2" in out
    assert f"✗ {folder / 'data' / 'base_salary.yaml'}, dòng 3, mục 'entries.0.amount'" in out
    assert "không được sửa" in out
    assert f"✗ {folder / 'images' / 'emblem.png'}: không phải ảnh PNG hoặc JPEG" in out
    assert f"✗ {folder / 'issuers' / 'x.yaml'}, dòng 5, mục 'place'" in out
    assert "6 lỗi" in out


def test_office_option_reaches_the_commands(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "co-quan"
    write(folder / "certificates" / "phoi-giay-khen.yaml", "offset: {x: 3, y: 1.5}\n")
    out = tmp_path / "cc.pdf"
    result = CliRunner().invoke(app, ["--office", str(folder), "certificate", "calibrate", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "offsetx=3y=1.5mm" in PdfReader(out).pages[0].extract_text().replace(" ", "")


def test_calibration_sheet_draws_each_box_at_its_place(tmp_path, monkeypatch):
    """Rasterised at 254 dpi (10 px a mm): red box edges where the calibration file puts them."""
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    from vanban.certificate_layouts import default_layout_path, load_layout
    from vanban.render.calibration import box_height_mm, render_calibration

    layout = load_layout(default_layout_path("preprinted"))
    pdf_path = tmp_path / "c.pdf"
    pdf_path.write_bytes(render_calibration(layout, source="phoi-giay-khen.yaml"))
    reader = PdfReader(pdf_path)
    assert len(reader.pages) == 1
    box_pt = reader.pages[0].mediabox
    assert (round(float(box_pt.width) * 25.4 / 72), round(float(box_pt.height) * 25.4 / 72)) == (297, 210)
    text = reader.pages[0].extract_text()
    assert all(key in text for key in layout.fields)
    subprocess.run(["pdftoppm", "-png", "-r", "254", "-singlefile", pdf_path, tmp_path / "c"], check=True)
    image = Image.open(tmp_path / "c.png").convert("RGB")

    def red(x_mm: float, y_mm: float) -> bool:
        near = [
            image.getpixel((round(x_mm * 10) + dx, round(y_mm * 10) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        ]
        return any(r > 150 and g < 90 and b < 90 for r, g, b in near)

    for key in ("recipient", "decision_ref", "signer_name"):
        box = layout.fields[key]
        bottom = box.y + box_height_mm(box.size, box.max_lines)
        assert red(box.x + box.width / 2, box.y), key  # top edge
        assert red(box.x + box.width / 2, bottom), key  # bottom edge
        assert red(box.x + box.width, box.y + 1), key  # right edge
        assert not red(box.x + box.width / 2, box.y - 2.5), key  # nothing red above the box


def test_bang_khen_in_a_profile_is_a_form_that_exists(tmp_path, monkeypatch):
    """ubnd-tinh-lai-chau gives "Bằng khen": the session gets bang_khen_bo_tinh, shown as "Bằng khen"."""
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    from vanban.award.reward import load_award_forms
    from vanban.award.session_reader import read_session_file

    session = write(
        tmp_path / "s.yaml",
        "issuer: ubnd-tinh-lai-chau\nnumber: 3\ndate: 2026-02-02\nsubject: Về việc tặng Bằng khen\n"
        "achievement: đã có thành tích\n",
    )
    read, _, problems = read_session_file(session)
    assert problems == []
    assert read.award_form == "bang_khen_bo_tinh"
    assert read.award_form_name == "Bằng khen"
    assert read.award_form in load_award_forms()
    session.write_text(session.read_text(encoding="utf-8") + "award_form: Bằng khen\n", encoding="utf-8")
    read, _, problems = read_session_file(session)
    assert (read.award_form, problems) == ("bang_khen_bo_tinh", [])


def test_calibration_sheet_crosshairs_ruler_and_offset(tmp_path, monkeypatch):
    """With `offset: {x: 4, y: -3}` every box and its crosshair move by 4 mm right and 3 mm up; the
    crosshair's arms reach 4 mm out of the box's corner; the rulers print 10, 20 … at their
    millimetre along the top and the left edge (read back with pdftotext -bbox)."""
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    import re

    from vanban.certificate_layouts import default_layout_path, load_layout
    from vanban.certificate_model import Offset
    from vanban.render.calibration import render_calibration

    layout = load_layout(default_layout_path("preprinted"))
    moved = layout.model_copy(update={"offset": Offset(x=4, y=-3)})
    pdf_path = tmp_path / "c.pdf"
    pdf_path.write_bytes(render_calibration(moved, source="phoi-giay-khen.yaml"))
    subprocess.run(["pdftoppm", "-png", "-r", "254", "-singlefile", pdf_path, tmp_path / "c"], check=True)
    image = Image.open(tmp_path / "c.png").convert("RGB")

    def red(x_mm: float, y_mm: float) -> bool:
        near = [
            image.getpixel((round(x_mm * 10) + dx, round(y_mm * 10) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        ]
        return any(r > 150 and g < 90 and b < 90 for r, g, b in near)

    for key in ("recipient", "signer_name"):
        box = layout.fields[key]
        x, y = box.x + 4, box.y - 3
        assert red(x + box.width / 2, y), key  # the top edge, moved
        assert not red(box.x + box.width / 2, box.y), key  # nothing left where it was
        assert red(x - 3, y) and red(x, y - 3), key  # crosshair arms out of the corner
        assert not red(x - 6, y) and not red(x, y - 6), key  # ending 4 mm out

    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    words = [
        (float(m["x"]) * 25.4 / 72, float(m["y"]) * 25.4 / 72, m["w"])
        for m in re.finditer(r'<word xMin="(?P<x>[\d.]+)" yMin="(?P<y>[\d.]+)"[^>]*>(?P<w>[^<]+)</word>', bbox)
    ]
    top = {w: x for x, y, w in words if y < 3 and w.isdigit()}
    left = {w: y for x, y, w in words if x < 3 and w.isdigit() and y > 3}
    for mm in (10, 50, 280):
        assert abs(top[str(mm)] - (mm + 0.5)) < 0.6, (mm, top.get(str(mm)))
    for mm in (20, 100, 200):
        assert abs(left[str(mm)] - (mm - 2.5)) < 1.2, (mm, left.get(str(mm)))
