"""YAML (and JSON) read with the line of every value, so problems can name the line.

Dates and decimals stay strings (PyYAML would raise a bare ValueError on `2026-02-30` with
no line, and read the amount `710.000` as 710.0); the readers parse them and report a date that does not exist with its line. Only the safe subset
of YAML is understood: no tags that build objects.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from vanban import limits
from vanban.errors import InputError
from vanban.i18n import tr
from vanban.inputs import yaml_guard

Lines = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp and float resolvers.

    `2026-01-05` stays a string; so does `710.000`, which YAML would read as the float 710.0
    while a Vietnamese clerk means seven hundred and ten thousand đồng.
    """


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: The same loader on libyaml's parser, when PyYAML was built with it: ~8× faster on a
#: 1,000-awardee list (the pure parser took 6 s of a run). Only the good path uses it; a file it
#: refuses is read again by `_Loader`, whose messages (and their Vietnamese wording in
#: `yaml_problem`) are the ones clerks and tests know.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        """`_Loader`'s resolvers on libyaml's parser."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader


def load(path: Path) -> tuple[Any, Lines]:
    """Parse a YAML or JSON file; returns the data and a map path → 1-based line."""
    file = str(path)
    try:
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raise InputError.single(file, tr("tệp quá lớn ({size} byte)", size=path.stat().st_size))
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            file,
            tr("tệp không phải chữ mã UTF-8 (byte thứ {byte})", byte=exc.start),
            expected=tr("tệp YAML/JSON lưu dưới dạng UTF-8"),
        ) from None
    except OSError as exc:
        raise InputError.single(file, tr("không đọc được tệp: {why}", why=exc.strerror or exc)) from None
    try:
        return _load_yaml(text)
    except yaml_guard.UnsafeYaml as exc:
        raise InputError.single(
            file,
            exc.message,
            row=exc.line,
            expected=tr("dữ liệu YAML/JSON thường: chữ, số, danh sách, mục `khoá: giá trị`"),
        ) from None
    except yaml.YAMLError as exc:
        if path.suffix.lower() == ".json":
            try:
                return json.loads(text), {}
            except json.JSONDecodeError as jexc:
                raise InputError.single(
                    file,
                    tr("JSON sai cú pháp: {problem}", problem=jexc.msg),
                    row=jexc.lineno,
                    expected=tr("nội dung JSON đúng cú pháp"),
                ) from None
            except (RecursionError, ValueError) as jexc:  # nesting past the stack; a 5,000-digit number
                raise InputError.single(
                    file,
                    tr("JSON lồng quá sâu hoặc có số quá dài ({why})", why=str(jexc)[:120]),
                    expected=tr("nội dung JSON đúng cú pháp"),
                ) from None
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError.single(
            file,
            tr("YAML sai cú pháp: {problem}", problem=yaml_problem(problem)),
            row=mark.line + 1 if mark else None,
            expected=tr("các dòng `khóa: giá trị` đúng cú pháp YAML"),
        ) from None


def yaml_problem(problem: str) -> str:
    """PyYAML's English wording of a syntax error, in the clerk's words where it is a common one.

    The clerk typed the file by hand: what helps is what to fix (a colon inside a value, a tab,
    an unclosed quote or bracket, indentation), not the parser's state. Rare wordings keep
    PyYAML's text, which names the character at fault.
    """
    if problem.startswith("mapping values are not allowed"):
        return tr("dấu hai chấm ':' không đúng chỗ (giá trị có dấu ':' thì đặt trong ngoặc kép)")
    if problem.startswith("could not find expected ':'"):
        return tr("thiếu dấu ':' sau tên mục")
    if problem.startswith("found character '\\t'"):
        return tr("có ký tự tab; thụt lề bằng dấu cách")
    if problem.startswith("found unexpected end of stream"):
        return tr("dấu ngoặc kép mở mà chưa đóng")
    if problem.startswith("expected <block end>"):
        return tr("thụt lề không khớp với các dòng trên")
    if problem.startswith("expected ',' or ']'") or problem.startswith("expected ',' or '}'"):
        return tr("dấu ngoặc mở mà chưa đóng")
    if problem.startswith("found undefined alias"):
        return tr("dấu '*' ở đầu giá trị (giá trị bắt đầu bằng '*' thì đặt trong ngoặc kép)")
    char = re.match(r"found character (\S+) that cannot start any token", problem)
    if char:
        return tr("ký tự {char} không được đứng đầu giá trị; đặt giá trị trong ngoặc kép", char=char.group(1))
    return problem


def _load_yaml(text: str) -> tuple[Any, Lines]:
    if _FastLoader is not None:
        try:
            return _load_with(text, _FastLoader)
        except Exception:  # whatever libyaml refuses, the pure parser reads again and words it
            pass
    return _load_with(text, _Loader)


def _load_with(text: str, loader_class: type) -> tuple[Any, Lines]:
    loader, node = yaml_guard.compose_checked(text, loader_class)
    try:
        lines: Lines = {}
        data = _build(loader, node, (), lines) if node is not None else None
    finally:
        loader.dispose()
    return data, lines


def _build(loader: yaml.constructor.BaseConstructor, node: yaml.Node, path: tuple, lines: Lines) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list):
                key = tuple(key)
            if key in result:  # PyYAML keeps the last silently; a clerk meant one of them
                raise yaml_guard.UnsafeYaml(
                    tr(
                        "khoá '{key}' ghi hai lần (dòng {first} và {line})",
                        key=key,
                        first=lines[path + (key,)],
                        line=key_node.start_mark.line + 1,
                    ),
                    key_node.start_mark.line + 1,
                )
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, path + (key,), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
