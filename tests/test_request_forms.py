"""The Prefect UI's run form, as a clerk meets it: drawn from the flows' parameter schema."""

from __future__ import annotations

import json

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
