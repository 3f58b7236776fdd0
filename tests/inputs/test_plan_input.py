"""Bad plan input: one clear message naming the file, the field and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.paths import PLAN_EXAMPLE

from vanban.errors import InputError
from vanban.written.reader import read_written

GOOD_FRONT = """---
issuer: ldld-lai-chau
number: 5
date: 2026-01-09
subject: Tổ chức phong trào thi đua năm 2026
recipients: [Như trên]
---
"""


def write(tmp_path: Path, text: str | bytes, name="plan.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_written(path)
    return [str(p) for p in info.value.problems]


def test_example_reads(tmp_path):
    plan = read_written(PLAN_EXAMPLE)
    assert plan.issuer.abbreviation == "LĐLĐ"
    assert plan.meta.date.isoformat() == "2021-12-17"
    assert plan.body[0].style == "body" and plan.body[1].text == "I. MỤC ĐÍCH, YÊU CẦU"


def test_missing_front_matter(tmp_path):
    [msg] = problems(write(tmp_path, "Chỉ có nội dung.\n"))
    assert "plan.md" in msg and "front matter" in msg and "(cần: " in msg


def test_malformed_front_matter(tmp_path):
    [msg] = problems(write(tmp_path, "---\nissuer: [ldld\ndate: 2026-01-09\n---\nNội dung.\n"))
    assert "plan.md" in msg and "YAML sai cú pháp" in msg and "dòng 2" in msg


def test_unknown_issuer(tmp_path):
    [msg] = problems(write(tmp_path, GOOD_FRONT.replace("ldld-lai-chau", "ldld-ha-noi") + "Nội dung.\n"))
    assert "mục 'issuer'" in msg and "ldld-ha-noi" in msg and "ldld-lai-chau" in msg


def test_impossible_date(tmp_path):
    [msg] = problems(write(tmp_path, GOOD_FRONT.replace("2026-01-09", "2026-02-30") + "Nội dung.\n"))
    assert "mục 'date'" in msg and "2026-02-30" in msg and "năm-tháng-ngày" in msg


def test_several_problems_reported_at_once(tmp_path):
    text = (
        GOOD_FRONT.replace("2026-01-09", "2026-13-01")
        .replace("number: 5", "number: 0")
        .replace("issuer: ldld-lai-chau", "issuer: ldld-lai-chau\ntype: Kh")
    )
    msgs = problems(write(tmp_path, text + "Nội dung.\n"))
    fields = {m.split("mục '")[1].split("'")[0] for m in msgs}
    assert {"date", "type"} <= fields and any(f.startswith("number") for f in fields)


def test_body_not_utf8(tmp_path):
    # "Thi đua" as a Windows-1258 editor saves it: đ is the single byte 0xF0.
    data = GOOD_FRONT.encode("utf-8") + b"Thi \xf0ua.\n"
    [msg] = problems(write(tmp_path, data))
    assert "plan.md" in msg and "không phải mã UTF-8" in msg and "dòng 8" in msg


def test_unknown_field_is_named(tmp_path):
    msgs = problems(write(tmp_path, GOOD_FRONT.replace("number: 5", "numbr: 5") + "Nội dung.\n"))
    assert any("mục 'numbr'" in m for m in msgs)


def test_nfd_input_is_normalised(tmp_path):
    import unicodedata

    text = unicodedata.normalize("NFD", GOOD_FRONT + "Thi đua yêu nước.\n")
    plan = read_written(write(tmp_path, text))
    assert plan.body[0].text == "Thi đua yêu nước."
    assert plan.meta.subject == "Tổ chức phong trào thi đua năm 2026"
