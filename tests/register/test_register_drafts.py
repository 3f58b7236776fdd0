"""Drafts in the register (register_drafts), on SQLite and on PostgreSQL: recorded once per id,
found by a prefix, issued once, abandoned with a reason and revived by drafting again."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.register import Register, RegisterError
from vanban.register.drafts import DraftRecord, abandon_draft, get_draft, list_drafts, mark_issued, save_draft

NOW = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def record(ident: str = "3be708953d", **changes) -> DraftRecord:
    data = dict(
        id=ident,
        kind="award",
        issuer_id="ldld-laichau",
        year=2026,
        subject="Về việc tặng Giấy khen",
        status="draft",
        content_hash="a" * 64,
        inputs={"list": {"path": "/in/ds.xlsx", "sha256": "b" * 64}},
        request={"list_path": "/in/ds.xlsx", "mode": "full"},
        folder="/out/du-thao/" + ident,
        created_by="Nguyễn Thị B",
        created_at=NOW,
        updated_at=NOW,
    )
    data.update(changes)
    return DraftRecord.model_validate(data)


def test_a_draft_is_recorded_once_and_found_by_prefix(db_url):
    reg = Register(db_url)
    first = save_draft(reg, record())
    again = save_draft(reg, record(created_by="someone else", created_at=NOW + dt.timedelta(hours=1)))
    assert again == first  # the same input drafted again is the same draft, first author kept
    assert first.created_by == "Nguyễn Thị B" and first.created_at == NOW and first.status == "draft"
    assert first.inputs == {"list": {"path": "/in/ds.xlsx", "sha256": "b" * 64}}
    assert get_draft(reg, "3be708") == first
    assert get_draft(reg, "3be7") is None  # too short to be a prefix
    assert get_draft(reg, "ffffff") is None
    assert reg.entries() == []  # a draft takes no number


def test_ambiguous_prefix_is_refused(db_url):
    reg = Register(db_url)
    save_draft(reg, record("abcdef0001"))
    save_draft(reg, record("abcdef0002"))
    with pytest.raises(RegisterError, match="matches 2 drafts"):
        get_draft(reg, "abcdef")


def test_issue_records_approver_number_and_files_once(db_url, issuer):
    from vanban.register import NumberRequest

    reg = Register(db_url)
    save_draft(reg, record())
    key = Register.batch_key(issuer.id, "award", b"v1")
    request = NumberRequest(kind="document", doc_type="QĐ", date=dt.date(2026, 12, 17), subject="s", signer="x")
    reg.reserve(issuer=issuer, batch_key=key, requests=[request])
    issued = mark_issued(
        reg,
        "3be708953d",
        approved_by="Trần Văn C",
        issue_date=dt.date(2026, 12, 17),
        number_symbol="01/QĐ-LĐLĐ",
        batch_key=key,
        folder="/out/pkg",
        files=["a.pdf"],
    )
    assert (issued.status, issued.approved_by, issued.issue_date, issued.number_symbol, issued.batch_key) == (
        "issued",
        "Trần Văn C",
        dt.date(2026, 12, 17),
        "01/QĐ-LĐLĐ",
        key,
    )
    assert issued.issued_files == ["a.pdf"] and issued.issued_at is not None
    later = mark_issued(
        reg,
        "3be708953d",
        approved_by="other",
        issue_date=dt.date(2026, 12, 18),
        number_symbol="02/QĐ-LĐLĐ",
        batch_key=key,
        folder="/x",
        files=[],
    )
    assert later == issued  # issuing twice changes nothing
    with pytest.raises(RegisterError, match="void that number"):
        abandon_draft(reg, "3be708953d", "không ký")
    assert save_draft(reg, record()).status == "issued"


def test_abandon_keeps_the_reason_and_drafting_again_revives(db_url):
    reg = Register(db_url)
    save_draft(reg, record())
    with pytest.raises(RegisterError, match="needs a reason"):
        abandon_draft(reg, "3be708953d", "  ")
    gone = abandon_draft(reg, "3be708953d", "Lãnh đạo không ký")
    assert (gone.status, gone.reason) == ("abandoned", "Lãnh đạo không ký")
    assert [d.id for d in list_drafts(reg, status="abandoned")] == ["3be708953d"]
    assert list_drafts(reg, status="draft") == []
    back = save_draft(reg, record())
    assert (back.status, back.reason) == ("draft", None)
    abandon_draft(reg, "3be708953d", "Không trình ký nữa")
    with pytest.raises(RegisterError, match="is abandoned"):  # an abandoned draft is never issued
        mark_issued(
            reg,
            "3be708953d",
            approved_by="x",
            issue_date=NOW.date(),
            number_symbol=None,
            batch_key=None,
            folder="",
            files=[],
        )
