"""Reading a Markdown file with a YAML front matter, strictly and with located errors.

Dates stay strings while YAML is parsed (PyYAML would otherwise raise a bare ValueError on
`2021-02-30` with no field name); pydantic then validates them and the error names the field.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.inputs import located_yaml, yaml_guard


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: `2021-12-17` stays a string."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, file: str | Path) -> Any:
    """Parse YAML with dates kept as strings; a syntax error names the line."""
    try:
        loader, node = yaml_guard.compose_checked(text, _StringDateLoader)
        try:
            return loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml_guard.UnsafeYaml as exc:
        where = tr("dòng {line}: ", line=exc.line) if exc.line else ""
        raise InputError.single(
            file, where + exc.message, expected=tr("dữ liệu YAML thường: chữ, số, danh sách, mục `khoá: giá trị`")
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = tr("dòng {line}, cột {column}: ", line=mark.line + 1, column=mark.column + 1) if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError.single(
            file,
            tr("YAML sai cú pháp: {where}{problem}", where=where, problem=located_yaml.yaml_problem(problem)),
            expected=tr("các dòng `khóa: giá trị` đúng cú pháp YAML"),
        ) from None


def read_utf8(path: Path) -> str:
    """The file's text as NFC; a file that is not UTF-8 is refused with the line it fails on."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, tr("không đọc được tệp: {why}", why=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = f"{raw[exc.start]:02x}"
        raise InputError(
            [
                Problem(
                    str(path),
                    tr("dòng {line}: byte 0x{byte} không phải mã UTF-8", line=line, byte=byte),
                    expected=tr("tệp chữ mã UTF-8 (trong trình soạn thảo, lưu với bảng mã 'UTF-8')"),
                )
            ]
        ) from None
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)


def split_front_matter(text: str, file: str | Path) -> tuple[dict, str, int]:
    """(metadata, body, line number where the body starts)."""
    match = _FENCE.match(text)
    if not match:
        raise InputError.single(
            file,
            tr("đầu tệp không có phần thông tin (front matter)"),
            expected=tr("dòng đầu là `---`, tiếp theo các mục YAML, rồi một dòng `---` để đóng"),
        )
    meta = load_yaml(match.group(1), file)
    if not isinstance(meta, dict):
        raise InputError.single(
            file,
            tr("phần thông tin đầu tệp không phải các mục `khóa: giá trị`"),
            expected=tr("các mục YAML như `issuer: ldld-lai-chau`"),
        )
    body_line = text[: match.end()].count("\n") + 1
    return meta, text[match.end() :], body_line
