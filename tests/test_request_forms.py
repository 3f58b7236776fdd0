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


def test_tuning_knobs_stay_out_of_the_clerks_form():
    form = _award_form()
    assert "chunk_size" not in form["properties"]
    assert "list_path" in form["properties"]


def test_choices_are_dropdowns_and_labels_are_vietnamese():
    form = _award_form()
    mode = form["properties"]["mode"]
    assert mode.get("enum") == ["full", "preprinted"], mode
    text = json.dumps(form, ensure_ascii=False)
    assert "Tệp thông tin phiên họp" in text and "chỉ in chữ lên phôi" in text
