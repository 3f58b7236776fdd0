"""Issuer profiles (hồ sơ cơ quan ban hành): where they are and how one is read.

A profile is a YAML file `<id>.yaml` in the template folder's `issuers/` (bundled, or the
office's), read through the schema loader into `vanban.model.IssuerProfile`, so a mistake names
the file, the line and the field.
"""

from __future__ import annotations

from pathlib import Path

from vanban.errors import InputError
from vanban.inputs.schema_file import load_model
from vanban.model import IssuerProfile
from vanban.resources import template_path


def issuers_dir() -> Path:
    return template_path("issuers")


def load_issuer(issuer_id: str, directory: Path | None = None, *, source: str | Path | None = None) -> IssuerProfile:
    """Read `<id>.yaml` from the issuer folder; errors name the profile file and field."""
    directory = directory or issuers_dir()
    path = directory / f"{issuer_id}.yaml"
    known = sorted(p.stem for p in directory.glob("*.yaml"))
    if not path.is_file() or "/" in issuer_id or issuer_id.startswith("."):
        raise InputError.single(
            source or path, f"unknown issuer {issuer_id!r}", field="issuer", expected="one of " + ", ".join(known)
        )
    return load_model(path, IssuerProfile, defaults={"id": issuer_id})
