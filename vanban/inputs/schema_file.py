"""Files a clerk edits (issuer profiles, reward data, list wording, certificate layouts), each read
through one loader and validated against its schema.

A mistake in such a file must read like a mistake in an input: which file, which line, which
field, what was expected — never a raw `yaml.parser.ParserError` or a `KeyError` deep in a
renderer. `load_model` parses with the located YAML loader (safe subset; dates and decimals kept
as text for the schema to parse exactly), validates with the file's pydantic model, and turns
every validation error into a `Problem` on the line of the offending key.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vanban.errors import InputError, Problem, pydantic_message
from vanban.i18n import tr
from vanban.inputs import located_yaml

M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, model: type[M], *, defaults: dict[str, Any] | None = None) -> M:
    """Read `path` (YAML or JSON) as one `model`; `defaults` fill keys the file leaves out."""
    path = Path(path)
    if not path.is_file():
        raise InputError.single(path, tr("không tìm thấy tệp"), expected=tr("tệp {model}", model=model.__name__))
    data, lines = located_yaml.load(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError.single(
            path,
            tr("tệp không phải một tập hợp `khóa: giá trị`"),
            row=1,
            expected=tr("các mục YAML `khóa: giá trị` ({model})", model=model.__name__),
        )
    if defaults:
        data = {**defaults, **data}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise located_error(path, exc, lines) from None


def located_error(path: Path | str, exc: ValidationError, lines: located_yaml.Lines, prefix: tuple = ()) -> InputError:
    """A pydantic error as problems on the lines of the fields they name."""
    problems = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or None
        problems.append(Problem(str(path), pydantic_message(err), row=located_yaml.line_of(lines, loc), field=field))
    return InputError(problems)


def cached_loader(model: type[M]):
    """A loader for one schema that reads a file again only when it changed (keyed on mtime)."""

    @functools.lru_cache(maxsize=32)
    def _load(path_str: str, _mtime_ns: int) -> M:
        return load_model(Path(path_str), model)

    def load(path: Path) -> M:
        # abspath, not resolve(): no syscall per component on a lookup made thousands of times
        path = Path(os.path.abspath(path))
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            raise InputError.single(
                path, tr("không tìm thấy tệp"), expected=tr("tệp {model}", model=model.__name__)
            ) from None
        return _load(str(path), mtime)

    return load
