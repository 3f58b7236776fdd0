"""The office folder laid over the bundled templates: replaced, merged, appended, refreshed."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from vanban.errors import InputError
from vanban.office.layering import read_yaml
from vanban.resources import base_dir, template_dir

from .conftest import write

PROFILE = """\
system: state
parent: []
name: [ỦY BAN NHÂN DÂN, XÃ THỬ NGHIỆM]
full_name: Ủy ban nhân dân xã Thử Nghiệm
abbreviation: UBND
place: Thử Nghiệm
signer:
  authority: [TM. ỦY BAN NHÂN DÂN]
  title: CHỦ TỊCH
  name: Nguyễn Văn A
"""


def test_without_office_the_templates_are_the_bundled_ones(monkeypatch):
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    assert template_dir() == base_dir()


def test_office_profile_is_found_by_id_and_bundled_ones_stay(office):
    from vanban.issuers import known_issuers, load_issuer

    write(office / "issuers" / "ubnd-xa-thu-nghiem.yaml", PROFILE)
    issuer = load_issuer("ubnd-xa-thu-nghiem")
    assert issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ THỬ NGHIỆM"]
    assert issuer.id == "ubnd-xa-thu-nghiem"
    assert load_issuer("ldld-lai-chau").abbreviation == "LĐLĐ"
    assert {"ubnd-xa-thu-nghiem", "ldld-lai-chau"} <= set(known_issuers())


def test_office_profile_replaces_the_bundled_one_whole(office):
    from vanban.issuers import load_issuer

    write(office / "issuers" / "ldld-lai-chau.yaml", PROFILE)
    issuer = load_issuer("ldld-lai-chau")
    assert issuer.parent == []  # nothing of the bundled profile (parent TỔNG LĐLĐ VIỆT NAM) is kept
    assert issuer.abbreviation == "UBND"


def test_a_mistake_in_an_office_profile_names_the_office_file_and_line(office):
    from vanban.issuers import load_issuer

    path = write(office / "issuers" / "sai.yaml", PROFILE.replace("system: state", "system: nha_nuoc"))
    with pytest.raises(InputError) as info:
        load_issuer("sai")
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.field) == (str(path), 1, "system")


def test_issuer_may_be_a_path_relative_to_the_session(tmp_path, monkeypatch):
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.award.session_reader import read_session_file

    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    write(tmp_path / "ho-so" / "xa.yaml", PROFILE)
    session_dir = tmp_path / "phien"
    session_dir.mkdir()
    example = base_dir() / "examples"
    shutil.copy(example / "khen-thuong-2026.xlsx", session_dir / "ds.xlsx")
    text = (example / "khen-thuong-2026.session.yaml").read_text(encoding="utf-8")
    text = text.replace("issuer: ldld-lai-chau ", "issuer: ../ho-so/xa.yaml ")
    write(session_dir / "ds.session.yaml", text)
    session, _, problems = read_session_file(session_dir / "ds.session.yaml")
    assert problems == []
    assert session.issuer == str((tmp_path / "ho-so" / "xa.yaml").resolve())
    monkeypatch.chdir(tmp_path.parent)  # pricing reads the profile again, from anywhere
    batch = price(read_award_list(session_dir / "ds.xlsx"))
    assert batch.issuer.id == "xa"
    assert batch.issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ THỬ NGHIỆM"]


def test_list_wording_is_merged_key_by_key(office):
    from vanban.award.decision import list_wording

    bundled = list_wording(base_dir() / "content" / "danh-sach-khen-thuong.yaml")
    write(office / "content" / "danh-sach-khen-thuong.yaml", 'title: "DANH SÁCH ĐƯỢC KHEN"\n')
    merged = list_wording()
    assert merged.title == "DANH SÁCH ĐƯỢC KHEN"
    assert merged.heading == bundled.heading
    assert merged.columns == bundled.columns


def test_calibration_offset_alone_moves_the_preprinted_layout(office):
    from vanban.certificate_layouts import layout_for

    write(office / "certificates" / "phoi-giay-khen.yaml", "offset: {x: 2.5, y: -1}\n")
    chosen = layout_for("preprinted")
    assert (chosen.offset.x, chosen.offset.y) == (2.5, -1)
    assert chosen.fields["recipient"].x == 35  # the bundled boxes are kept


def test_decision_template_is_replaced_whole(office):
    from vanban.award.decision import content_dir

    write(office / "content" / "quyet-dinh-khen-thuong.md.j2", "Nội dung riêng của cơ quan.\n")
    assert (content_dir() / "quyet-dinh-khen-thuong.md.j2").read_text(
        encoding="utf-8"
    ) == "Nội dung riêng của cơ quan.\n"


def test_images_are_replaced_and_served_from_the_template_folder(office):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    (office / "images").mkdir()
    (office / "images" / "emblem.png").write_bytes(png)
    assert (template_dir() / "images" / "emblem.png").read_bytes() == png
    assert not (template_dir() / "images" / "emblem.png").is_symlink()  # the PDF fetcher serves only files under it


def test_new_base_salary_entry_is_appended(office):
    from vanban.award.reward import base_salary_on

    write(
        office / "data" / "base_salary.yaml",
        "entries:\n  - from: 2027-07-01\n    amount: 2800000\n    legal_basis: Nghị định số 1/2027/NĐ-CP\n",
    )
    assert base_salary_on(dt.date(2027, 7, 1)) == 2800000
    assert base_salary_on(dt.date(2026, 7, 1)) == 2530000  # the shipped entries stay


def test_changing_a_shipped_entry_is_refused_with_file_line_and_field(office):
    from vanban.award.reward import base_salary_on

    path = write(
        office / "data" / "base_salary.yaml",
        "entries:\n  - from: 2024-07-01\n    amount: 2400000\n    legal_basis: Nghị định số 73/2024/NĐ-CP\n",
    )
    with pytest.raises(InputError) as info:
        base_salary_on(dt.date(2026, 1, 1))
    [problem] = info.value.problems
    assert problem.file == str(path)
    assert problem.row == 3
    assert problem.field == "entries.0.amount"
    assert "không được sửa" in problem.message


def test_a_new_entry_dated_before_the_last_shipped_one_is_refused(office):
    from vanban.award.reward import base_salary_on

    write(office / "data" / "base_salary.yaml", "entries:\n  - from: 2025-01-01\n    amount: 2400000\n")
    with pytest.raises(InputError) as info:
        base_salary_on(dt.date(2026, 1, 1))
    assert info.value.problems[0].field == "entries.0.from"


def test_a_new_award_form_period_and_a_new_form_are_added(office):
    from vanban.award.reward import load_award_forms

    shipped, _ = read_yaml(base_dir() / "data" / "award_forms.yaml")
    write(
        office / "data" / "award_forms.yaml",
        """\
forms:
  giay_khen:
    periods:
      - from: 2028-01-01
        individual: "0.4"
        legal_basis: Nghị định số 9/2027/NĐ-CP
  giay_khen_ubnd_xa:
    name: Giấy khen của Chủ tịch UBND xã
    kind: form
    collective_multiplier: "2"
    periods:
      - individual: "0.15"
        legal_basis: Nghị định số 152/2025/NĐ-CP
""",
    )
    forms = load_award_forms()
    assert len(forms["giay_khen"].periods) == len(shipped["forms"]["giay_khen"]["periods"]) + 1
    assert str(forms["giay_khen"].period_on(dt.date(2028, 2, 1)).individual) == "0.4"
    assert forms["giay_khen_ubnd_xa"].name == "Giấy khen của Chủ tịch UBND xã"


def test_an_edit_is_seen_by_the_next_document(office):
    from vanban.award.decision import list_wording

    path = write(office / "content" / "danh-sach-khen-thuong.yaml", 'title: "MỘT"\n')
    first = template_dir()
    assert list_wording().title == "MỘT"
    path.write_text('title: "HAI"\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert template_dir() != first
    assert list_wording().title == "HAI"


def test_office_that_does_not_exist_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_OFFICE", str(tmp_path / "khong-co"))
    with pytest.raises(InputError) as info:
        template_dir()
    assert "không tìm thấy thư mục của cơ quan" in str(info.value)
