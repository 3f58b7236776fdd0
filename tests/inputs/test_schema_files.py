"""Files a clerk edits are read through one loader with a schema: mistakes name file, line, field."""

from __future__ import annotations

import shutil

import pytest
from support.paths import ROOT

from vanban.award import reward
from vanban.award.decision import list_wording
from vanban.certificate_layouts import load_layout
from vanban.errors import InputError
from vanban.issuers import load_issuer

TEMPLATES = ROOT / "doc_templates"


def _problems(call) -> list:
    with pytest.raises(InputError) as info:
        call()
    return info.value.problems


def test_malformed_issuer_profile_names_the_line_not_a_parser_traceback(tmp_path):
    (tmp_path / "x.yaml").write_text("system: state\nname: [UBND TỈNH\nplace: Hà Nội\n", encoding="utf-8")
    [problem] = _problems(lambda: load_issuer("x", tmp_path))
    assert problem.file.endswith("x.yaml") and problem.row == 3 and "YAML sai cú pháp" in problem.message


def test_issuer_profile_fields_are_checked_on_their_lines(tmp_path):
    text = (TEMPLATES / "issuers" / "ubnd-tinh-lai-chau.yaml").read_text(encoding="utf-8")
    text = text.replace("system: state", "system: federal") + "\nmotto: x\n"
    (tmp_path / "u.yaml").write_text(text, encoding="utf-8")
    problems = {p.field: p for p in _problems(lambda: load_issuer("u", tmp_path))}
    assert set(problems) == {"system", "motto"}
    lines = text.splitlines()
    assert lines[problems["system"].row - 1].startswith("system:")
    assert lines[problems["motto"].row - 1].startswith("motto:")


def test_reward_data_errors_name_the_entry_and_its_line(tmp_path):
    shutil.copy(TEMPLATES / "data" / "award_forms.yaml", tmp_path)
    (tmp_path / "base_salary.yaml").write_text(
        "entries:\n  - from: 2024-07-01\n    amount: 2340000\n  - from: 2023-07-01\n    amount: -5\n", encoding="utf-8"
    )
    problems = _problems(lambda: reward.load_base_salaries(tmp_path))
    assert any(p.field == "entries.1.amount" and p.row == 5 for p in problems), problems


def test_award_forms_with_an_unknown_kind_is_refused_at_its_line(tmp_path):
    text = (TEMPLATES / "data" / "award_forms.yaml").read_text(encoding="utf-8")
    (tmp_path / "award_forms.yaml").write_text(text.replace("kind: form", "kind: medal", 1), encoding="utf-8")
    [problem] = _problems(lambda: reward.load_award_forms(tmp_path))
    assert problem.field == "forms.giay_khen.kind"
    assert text.splitlines()[problem.row - 1].strip() == "kind: form"


def test_list_wording_columns_must_fill_the_text_width(tmp_path):
    text = (TEMPLATES / "content" / "danh-sach-khen-thuong.yaml").read_text(encoding="utf-8")
    path = tmp_path / "w.yaml"
    path.write_text(text.replace("label: Ghi chú, width: 20", "label: Ghi chú, width: 30", 1), encoding="utf-8")
    [problem] = _problems(lambda: list_wording(path))
    assert problem.field == "columns" and "175 mm" in problem.message and "165 mm" in problem.message
    assert problem.row is not None


def test_certificate_layout_field_errors_name_the_field(tmp_path):
    text = (TEMPLATES / "certificates" / "giay-khen.yaml").read_text(encoding="utf-8")
    path = tmp_path / "layout.yaml"
    path.write_text(text.replace("size: 44", "size: 400"), encoding="utf-8")
    [problem] = _problems(lambda: load_layout(path))
    assert problem.field == "fields.title.size"
    assert "title:" in text.splitlines()[problem.row - 1]


def test_the_bundled_files_all_load():
    for path in sorted((TEMPLATES / "issuers").glob("*.yaml")):
        load_issuer(path.stem)
    assert reward.load_base_salaries() and reward.load_award_forms()
    assert list_wording().columns["portrait"]
    for path in sorted((TEMPLATES / "certificates").glob("*.yaml")):
        load_layout(path)
