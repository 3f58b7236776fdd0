"""How each form of award is written: its verb, the words of Điều 1, its certificate's title.

Wording, not law: the money of each form is dated data in `data/award_forms.yaml`; this is
`content/hinh-thuc-khen-thuong.yaml`, which a clerk may edit. A form missing here is written
"Tặng <its name>" with its name in capitals as the certificate's title.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from vanban.inputs.schema_file import cached_loader
from vanban.resources import template_path

FORM_WORDING_FILE = "hinh-thuc-khen-thuong.yaml"


class FormWording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    verb: str = Field(min_length=1)
    object: str = Field(min_length=1)
    certificate: list[str] | None = Field(default=None, description="title lines; None: no certificate")


class FormWordingFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    forms: dict[str, FormWording] = Field(min_length=1)


_load = cached_loader(FormWordingFile)


def form_wording(form_id: str, form_name: str, directory: Path | None = None) -> FormWording:
    """The wording of a form; a form not in the file is given as "Tặng <name>"."""
    known = _load((directory or template_path("content")) / FORM_WORDING_FILE).forms
    return known.get(form_id) or FormWording(verb="Tặng", object=form_name, certificate=[form_name.upper()])
