"""The Prefect UI's run form, as a clerk meets it: drawn from the flows' parameter schema."""

from __future__ import annotations

import json

import pytest
from prefect.utilities.callables import parameter_schema


def _award_form() -> dict:
    from flows.award import award_flow

    schema = parameter_schema(award_flow.fn).model_dump()
    [request] = schema["properties"].values()
    ref = request.get("$ref") or request["allOf"][0]["$ref"]
    return schema["definitions"][ref.rsplit("/", 1)[-1]]


def test_every_field_has_a_vietnamese_label_and_a_default_but_the_list():
    form = _award_form()
    assert form["required"] == ["list_path"]
    assert all(" — " in field.get("description", "") for field in form["properties"].values()), form


def test_choices_are_dropdowns_and_labels_are_vietnamese():
    form = _award_form()
    mode = form["properties"]["mode"]
    assert mode.get("enum") == ["full", "preprinted"], mode
    text = json.dumps(form, ensure_ascii=False)
    assert "Tệp thông tin phiên họp" in text and "chỉ in chữ lên phôi" in text


def _deployment_forms() -> dict[str, dict]:
    """Each deployment's parameter schema, as `vanban serve` registers it and the UI draws it."""
    from flows.deploy import local_deployments

    return {d.name: d._parameter_openapi_schema.model_dump() for d in local_deployments(inbox_cron="0 7 * * 1-5")}


def test_optional_fields_are_plain_inputs_with_vietnamese_titles_and_technical_ones_last():
    """No `str | None` toggle: pydantic's anyOf [X, null] is flattened to X in every form."""
    for name, schema in _deployment_forms().items():
        [request] = schema["definitions"].values()
        props = request["properties"]
        toggles = [
            field for field, prop in props.items() if any(o.get("type") == "null" for o in prop.get("anyOf", []))
        ]
        assert not toggles, (name, toggles)
        assert all(
            prop.get("title") and prop["title"] != field.replace("_", " ").title() for field, prop in props.items()
        )
        positions = [prop["position"] for prop in props.values()]
        assert positions == sorted(positions) == list(range(len(props)))
    award = _deployment_forms()["award"]["definitions"]["AwardRequest"]["properties"]
    assert list(award)[0] == "list_path" and list(award)[-1] == "chunk_size"
    assert award["chunk_size"]["title"].startswith("Kỹ thuật") and award["order"]["enum"] == [
        "approved",
        "unit",
        "name",
    ]
    assert award["date"] == {**award["date"], "type": "string", "format": "date"}
    # How to issue is a dropdown; "draft" (only draft, issue later) says so in Vietnamese.
    assert (
        award["issue"]["enum"] == ["after_approval", "now", "draft"] and award["issue"]["default"] == "after_approval"
    )
    assert "draft: chỉ soạn dự thảo, không chờ duyệt" in award["issue"]["description"]
    # Who drafted is filled in by the web page: after the clerk's fields, before the technical.
    filled = [name for name, prop in award.items() if prop.get("x-vanban-filled-in")]
    assert "drafted_by" in filled and award["drafted_by"]["title"] == "Người soạn"
    assert list(award).index("drafted_by") > list(award).index("calibration")


def test_blank_optional_fields_are_not_given():
    from vanban.requests import AwardRequest, DocumentRequest, InboxRequest

    award = AwardRequest.model_validate(
        {"list_path": "ds.xlsx", "session_path": "", "date": " ", "number": "", "order": "", "office": ""}
    )
    assert (award.session_path, award.date, award.number, award.order, award.office) == (None, None, None, None, None)
    assert DocumentRequest.model_validate({"source": "kh.md", "output_dir": ""}).output_dir is None
    assert InboxRequest.model_validate({"root": ""}).root is None
    assert AwardRequest.model_validate({"list_path": "ds.xlsx", "order": "name"}).order == "name"


def test_the_server_accepts_requests_as_the_page_sends_them():
    """Prefect's server validates a run's parameters against the deployment's schema (after its own
    preprocessing, which lets null through for a typed optional field without a default, but not
    for a choice): a request dumped without its None fields, as flows/web_runs.py sends it, passes;
    a choice outside the list, an unknown field, a missing list are refused."""
    from prefect.utilities.schema_tools.validation import ValidationError, validate

    from vanban.requests import AwardRequest

    schema = _deployment_forms()["award"]
    issued = AwardRequest.model_validate(
        {"list_path": "ds.xlsx", "issue": "now", "date": "2026-01-09", "draft_id": "1c2231e6d7", "approved_by": "C"}
    )
    drafting = AwardRequest.model_validate(
        {"list_path": "ds.xlsx", "session_path": "phien.yaml", "mode": "full", "issue": "draft", "drafted_by": "B"}
    )
    for request in (
        drafting.model_dump(mode="json", exclude_none=True),
        {"list_path": "ds.xlsx"},
        {"list_path": "ds.xlsx", "session_path": None, "number": None, "date": None, "chunk_size": 2},
        {"list_path": "ds.xlsx", "date": "2026-01-09", "number": 15, "order": "name", "issue": "now"},
        issued.model_dump(mode="json", exclude_none=True),
    ):
        validate({"request": request}, schema, raise_on_error=True)
    for bad in (
        {"list_path": "ds.xlsx", "order": "random"},
        {"list_path": "ds.xlsx", "order": None},
        {"list_path": "ds.xlsx", "issue": "later"},
        {"list_path": "ds.xlsx", "unknown": 1},
        {},
    ):
        with pytest.raises(ValidationError):
            validate({"request": bad}, schema, raise_on_error=True)
