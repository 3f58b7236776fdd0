"""YAML (and JSON) that can only be data: plain scalars, lists and mappings, bounded in size.

`yaml.safe_load` already refuses tags that build Python objects, but not what costs memory:
anchors and aliases expand exponentially ("billion laughs": nine lines, 3.6 GB in 35 s), deep
nesting overflows the recursive composer, and a 5,000-digit integer makes `int()` raise a bare
ValueError. And `!!binary`, `!!set`, `!!omap` turn into bytes, sets and pairs that print as
`b'…'` or `{'a': None}`. So every document is first walked as a stream of events (no recursion,
nothing built): nesting depth, aliases and tags are checked there; then the composed node graph
is sized with its aliases expanded (counted, not built) before anything is constructed.
"""

from __future__ import annotations

import re

import yaml

from vanban import limits
from vanban.i18n import tr

#: Tags a data file may use: what plain YAML resolves to by itself (str, int, bool, null, lists,
#: mappings). Floats and timestamps are not resolved by vanban's loaders (kept as text).
ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class UnsafeYaml(Exception):
    """The text is YAML, but not plain data within the limits; `line` is 1-based."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def check_events(text: str, loader_class: type = yaml.SafeLoader) -> None:
    """Depth, aliases and explicit tags, checked on the event stream (nothing is built)."""
    if len(text) > limits.MAX_FILE_BYTES:
        raise UnsafeYaml(tr("tệp quá lớn ({count} ký tự)", count=len(text)))
    _check_characters(text)
    depth = aliases = 0
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > limits.MAX_YAML_DEPTH:
                    raise UnsafeYaml(tr("lồng nhau quá sâu (hơn {limit} cấp)", limit=limits.MAX_YAML_DEPTH), line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.MAX_YAML_ALIASES:
                    raise UnsafeYaml(tr("quá nhiều bí danh YAML (*tên)"), line)
            tag = getattr(event, "tag", None)
            if tag not in (None, "!") and _full(tag) not in ALLOWED_TAGS:
                raise UnsafeYaml(
                    tr("thẻ YAML '{tag}' không được dùng trong dữ liệu", tag=tag.replace("tag:yaml.org,2002:", "!!")),
                    line,
                )
            if isinstance(event, yaml.ScalarEvent) and event.style is None and _long_number(event.value):
                raise UnsafeYaml(tr("số có quá nhiều chữ số ({count})", count=len(event.value)), line)
    finally:
        loader.dispose()


#: Control characters but tab and line ends, C1 controls, the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _check_characters(text: str) -> None:
    """Control characters named with their line (YAML's own error is English, with an offset)."""
    found = _CONTROL.search(text)  # one search in C: every data file is read through here
    if found is not None:
        raise UnsafeYaml(
            tr(
                "có ký tự điều khiển U+{code:04X} không in được (thường do dán từ Word hoặc máy khác)",
                code=ord(found.group()),
            ),
            text.count("\n", 0, found.start()) + 1,
        )


def check_node(root: yaml.Node | None) -> None:
    """The node graph's size with aliases expanded (counted with a memo, never built), and keys
    that are plain scalars."""
    if root is None:
        return
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise UnsafeYaml(
                        tr("khoá của một mục phải là chữ hoặc số, không phải danh sách"), key.start_mark.line + 1
                    )
                children += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in children)
        if sizes[id(node)] > limits.MAX_YAML_NODES:
            raise UnsafeYaml(
                tr("dữ liệu quá lớn khi mở rộng bí danh (hơn {limit} phần tử)", limit=limits.MAX_YAML_NODES),
                node.start_mark.line + 1,
            )


def _full(tag: str) -> str:
    return "tag:yaml.org,2002:" + tag[2:] if tag.startswith("!!") else tag


def _long_number(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return digits > limits.MAX_NUMBER_DIGITS and value.lstrip("+-").replace("_", "").isdigit()


def compose_checked(text: str, loader_class: type) -> tuple[yaml.Loader, yaml.Node | None]:
    """A loader positioned on the checked node of a single-document `text` (caller disposes it)."""
    check_events(text, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        check_node(node)
    except Exception:
        loader.dispose()
        raise
    return loader, node
