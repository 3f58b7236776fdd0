"""The office folder named by a request (the Prefect form's `office`, the web page) instead of the
process: used for drafting, for checking the draft at issue, and for the whole flow run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vanban import drafts
from vanban.errors import InputError
from vanban.office.using import office_folder
from vanban.requests import AwardRequest, DocumentRequest

from .conftest import write
from .test_layering import PROFILE

PLAN = """\
---
issuer: ubnd-xa-thu-nghiem
type: TB
date: 2026-03-02
subject: Lịch tiếp công dân tháng 3 năm 2026
recipients: [Các thôn]
---

Ủy ban nhân dân xã thông báo lịch tiếp công dân trong tháng 3 năm 2026 vào sáng thứ Hai hằng tuần.
"""


@pytest.fixture
def folders(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """An office folder holding a profile the bundled templates do not have, and no process-wide
    office (VANBAN_OFFICE unset)."""
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    monkeypatch.setenv("VANBAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    office = tmp_path / "co-quan"
    write(office / "issuers" / "ubnd-xa-thu-nghiem.yaml", PROFILE)
    source = write(tmp_path / "in" / "thong-bao.md", PLAN)
    return office, source


class Issued(Exception):
    """Raised by the stand-in runner: the draft passed its check and reached the issuing job."""


def test_the_request_office_is_used_to_draft_and_to_check_before_issue(folders, tmp_path):
    office, source = folders
    bare = DocumentRequest(source=str(source), output_dir=str(tmp_path / "out"))
    with pytest.raises(InputError, match="ubnd-xa-thu-nghiem"):
        drafts.draft("written", bare)  # not a bundled profile

    draft = drafts.draft("written", bare.model_copy(update={"office": str(office)}))
    assert draft.issuer_id == "ubnd-xa-thu-nghiem" and draft.request["office"] == str(office)
    assert "VANBAN_OFFICE" not in os.environ  # put back as it was

    seen = {}

    def runner(kind, request):
        seen["office"] = request.office
        raise Issued

    with pytest.raises(Issued):
        drafts.issue(draft.id, runner=runner)  # the check before issue read the office's profile
    assert seen == {"office": str(office)} and "VANBAN_OFFICE" not in os.environ


def test_office_folder_restores_the_process_choice_and_refuses_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_OFFICE", str(tmp_path))
    other = tmp_path / "khac"
    other.mkdir()
    with office_folder(other) as used:
        assert used == other.resolve() and os.environ["VANBAN_OFFICE"] == str(other.resolve())
    assert os.environ["VANBAN_OFFICE"] == str(tmp_path)
    with office_folder(None):
        assert os.environ["VANBAN_OFFICE"] == str(tmp_path)
    with pytest.raises(InputError) as err, office_folder(tmp_path / "khong-co"):
        pass
    assert "khong-co" in str(err.value) and "không có thư mục của cơ quan này" in str(err.value)


def test_the_deployment_forms_ask_for_the_office_folder():
    """The Prefect UI builds each deployment's form from its parameter schema."""
    from flows.deploy import local_deployments

    forms = {d.name: d._parameter_openapi_schema.model_dump() for d in local_deployments(inbox_cron="0 7 * * 1-5")}
    for name, request in (("award", "AwardRequest"), ("document", "DocumentRequest")):
        fields = forms[name]["definitions"][request]["properties"]
        assert "office" in fields and "Thư mục của cơ quan" in fields["office"]["description"]
    assert AwardRequest.model_fields["office"].default is None
