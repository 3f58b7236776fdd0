"""What a clerk reads about bad input is Vietnamese, with no English left in it, and proper English
under VANBAN_LANG=en: one bad input of each common kind (an amount in words, a blank name, a field
the form does not have, malformed YAML, a date that does not exist, a pydantic error) read through
the real readers, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.award_lists import ISSUERS, write_session

from vanban.award.list_reader import read_award_list
from vanban.errors import InputError, Problem
from vanban.issuers import load_issuer

LIST_HEAD = "individuals:\n"


def _list_problem(tmp_path: Path, items: str, field: str) -> Problem:
    write_session(tmp_path)
    path = tmp_path / "ds.yaml"
    path.write_text(LIST_HEAD + items, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_award_list(path, issuers_dir=ISSUERS)
    [problem] = [p for p in info.value.problems if p.field == field]
    return problem


def _session_problem(tmp_path: Path, session_text: str | None = None, **changes) -> Problem:
    session = write_session(tmp_path, **changes)
    if session_text is not None:
        session.write_text(session_text, encoding="utf-8")
    path = tmp_path / "ds.yaml"
    path.write_text(LIST_HEAD + "  - name: Lò Thị Mai\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_award_list(path, issuers_dir=ISSUERS)
    [problem] = [p for p in info.value.problems if p.file.endswith("session.yaml")]
    return problem


def _profile_problem(tmp_path: Path) -> Problem:
    (tmp_path / "x.yaml").write_text("system: state\nplace: Hà Nội\nfull_name: Ủy ban\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_issuer("x", tmp_path)
    return next(p for p in info.value.problems if p.field == "name")


# case → (how to get the problem, Vietnamese message, English message)
CASES = {
    "amount-in-words": (
        lambda t: _list_problem(t, "  - name: Lò Thị Mai\n    amount: bảy trăm nghìn\n", "individuals[1].amount"),
        "số tiền 'bảy trăm nghìn' không phải là số",
        "the amount 'bảy trăm nghìn' is not a number",
    ),
    "blank-name": (
        lambda t: _list_problem(t, "  - name: '  '\n    unit: Trường A\n", "individuals[1].name"),
        "thiếu họ và tên",
        "the name is blank",
    ),
    "unknown-field": (
        lambda t: _list_problem(t, "  - name: Lò Thị Mai\n    ngay_sinh: 1980\n", "individuals[1].ngay_sinh"),
        "trường 'ngay_sinh' không có trong mẫu",
        "unknown field 'ngay_sinh'",
    ),
    "malformed-yaml": (
        lambda t: _session_problem(t, "issuer: [ldld-lai-chau\ndate: 2026-01-05\n"),
        "YAML sai cú pháp: dấu ngoặc mở mà chưa đóng",
        "malformed YAML: a bracket opened but not closed",
    ),
    "date-that-does-not-exist": (
        lambda t: _session_problem(t, date="2026-02-30"),
        "không có ngày '2026-02-30' (ngày hoặc tháng sai)",
        "the date '2026-02-30' does not exist",
    ),
    "required-field-missing": (
        _profile_problem,
        "thiếu mục bắt buộc này",
        "this required field is missing",
    ),
}

# Words of English prose (not keys of the file formats, which the clerk types as they are).
ENGLISH = re.compile(
    r"\b(the|is|are|not|no|of|or|and|an|file|found|missing|blank|number|unknown|malformed|field|"
    r"expected|should|valid|required|exist|does|input|such|as|line|row|column|date|value|list)\b",
    re.IGNORECASE,
)
# Vietnamese terms the English text keeps on purpose: the money's unit and the column headings.
DOMAIN_TERMS = r"đồng|Họ và tên|Tên tập thể"
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ\u1ea0-\u1ef9]", re.IGNORECASE)


def _prose(text: str) -> str:
    """The words the code wrote: quoted values and `code`, and the list after 'một trong:', removed."""
    text = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"", "", text)
    return re.sub(r"một trong:.*", "", text)


@pytest.mark.parametrize("case", CASES)
def test_vietnamese_without_english_fragments(tmp_path, monkeypatch, case):
    monkeypatch.setenv("VANBAN_LANG", "vi")
    get, vietnamese, _ = CASES[case]
    problem = get(tmp_path)
    assert problem.message == vietnamese
    for text in (problem.message, problem.expected or ""):
        assert not ENGLISH.search(_prose(text)), text
    assert VIETNAMESE.search(problem.expected or "không"), problem.expected
    shown = str(problem)
    assert "(cần: " in shown or not problem.expected


@pytest.mark.parametrize("case", CASES)
def test_english_under_vanban_lang_en(tmp_path, monkeypatch, case):
    monkeypatch.setenv("VANBAN_LANG", "en")
    get, vietnamese, english = CASES[case]
    problem = get(tmp_path)
    assert problem.message == english
    for text in (problem.message, problem.expected or ""):
        assert not VIETNAMESE.search(re.sub(DOMAIN_TERMS, "", _prose(text))), text


def test_pydantic_errors_are_worded_for_the_clerk(monkeypatch):
    """Pydantic's English ("Input should be a valid integer") never reaches the clerk: each common
    error type has its wording, and a validator's own (translated) message is shown as it is."""
    import datetime as dt
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

    from vanban.errors import pydantic_message

    class Form(BaseModel):
        model_config = ConfigDict(extra="forbid")
        mode: Literal["colour", "print"]
        count: int = Field(gt=0)
        day: dt.date
        name: str = Field(min_length=1)

        @field_validator("name")
        @classmethod
        def _no_digits(cls, value: str) -> str:
            if any(c.isdigit() for c in value):
                raise ValueError("tên không được có chữ số")
            return value

    monkeypatch.setenv("VANBAN_LANG", "vi")
    bad = {"mode": "grey", "count": 0, "day": "mùng 5", "name": "An 2", "colour": 1}
    with pytest.raises(ValidationError) as info:
        Form.model_validate(bad)
    worded = {e["loc"][0]: pydantic_message(e) for e in info.value.errors()}
    assert worded == {
        "mode": "phải là một trong: 'colour', 'print'",
        "count": "phải lớn hơn 0",
        "day": "phải là một ngày, ví dụ 05/01/2026 hoặc 2026-01-05",
        "name": "tên không được có chữ số",
        "colour": "mục này không có trong mẫu (viết sai tên mục?)",
    }
    with pytest.raises(ValidationError) as info:
        Form.model_validate({k: v for k, v in bad.items() if k != "day"})
    missing = [e for e in info.value.errors() if e["loc"] == ("day",)]
    assert pydantic_message(missing[0]) == "thiếu mục bắt buộc này"
    monkeypatch.setenv("VANBAN_LANG", "en")
    assert pydantic_message(missing[0]) == "this required field is missing"
