"""The office's own folder (thư mục của cơ quan) laid over the bundled templates.

An office keeps only the files it changes, in a folder shaped like `doc_templates/`
(`VANBAN_OFFICE` or `vanban --office DIR`). Every module keeps asking `resources.template_dir()`
for its files; when an office folder is set, that folder is a *layered* copy built here:

- issuer profiles, images, DOCX/HTML frames, `.md.j2` wording and any other file: the office's
  file of the same name replaces the bundled one whole (a profile is one office's, never a mix);
- `content/*.yaml` and `certificates/*.yaml` (wording, certificate layouts and calibration): merged
  key by key, so an office that changes one heading or one box writes only that key;
- `data/*.yaml` (the law as dated data): the office may *add* entries (a new base salary, a
  provincial form of award), never change one that ships — a past entry of the law is never
  edited, so such a change is refused with the file, line and field.

Why a built folder rather than a lookup in every loader: the renderers, the certificate fetcher
(which serves only files under the template folder) and the content loaders all keep working
unchanged, and their caches — keyed on the folder's path — are rebuilt when the folder is.
The folder's name is a hash of every source file's path, size and modification time, so an
edited file is seen by the next document; building is atomic (a temporary folder renamed).

This module must not import the input readers (the renderers import `resources`, which imports
this): it reads YAML with its own small loader, which keeps dates and decimals as text exactly
as the located loader of `vanban.inputs` does.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from vanban.errors import InputError, Problem
from vanban.i18n import tr

#: Folders whose YAML files are merged key by key.
MERGED = ("content", "certificates")
#: Folders whose YAML files only take new entries.
APPENDED = ("data",)
YAML_SUFFIXES = (".yaml", ".yml")
#: Bumped when the way folders are laid over each other changes (old built folders are ignored).
LAYOUT_VERSION = "1"


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps and floats: `2026-01-05` and `710.000` stay text."""


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Lines = dict[tuple, int]


def read_yaml(path: Path) -> tuple[Any, Lines]:
    """A YAML file and the line of each key; a syntax error names the file and the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path, tr("không phải văn bản UTF-8 (byte {n})", n=exc.start), expected=tr("tệp YAML lưu dạng UTF-8")
        ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        data = _build(loader, node, (), lines) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError.single(
            path,
            tr("YAML sai cú pháp: {problem}", problem=getattr(exc, "problem", None) or str(exc)),
            row=mark.line + 1 if mark else None,
            expected=tr("các dòng `khóa: giá trị` đúng cú pháp YAML"),
        ) from None
    finally:
        loader.dispose()
    return data, lines


def _build(loader: _Loader, node: yaml.Node, path: tuple, lines: Lines) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, path + (key,), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _line(lines: Lines, path: tuple) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _field(path: tuple) -> str | None:
    return ".".join(str(p) for p in path) or None


# --------------------------------------------------------------------------------------------
# Merging


def merge_keys(base: Any, office: Any) -> Any:
    """Key-by-key merge: mappings merge recursively; any other value of the office wins whole."""
    if isinstance(base, dict) and isinstance(office, dict):
        merged = dict(base)
        for key, value in office.items():
            merged[key] = merge_keys(base[key], value) if key in base else value
        return merged
    return office


class _Appender:
    """Adds the office's entries to a dated data file; a shipped entry may be repeated, never changed."""

    def __init__(self, file: Path, lines: Lines) -> None:
        self.file, self.lines = file, lines
        self.problems: list[Problem] = []

    def changed(self, path: tuple, shipped: Any) -> None:
        self.problems.append(
            Problem(
                str(self.file),
                tr(
                    "thay đổi một mục đã có trong dữ liệu gốc (đang là {shipped}); dữ liệu pháp lý đã ban hành không được sửa",
                    shipped=repr(shipped),
                ),
                row=_line(self.lines, path),
                field=_field(path),
                expected=tr("giữ nguyên mục cũ và thêm một mục mới có ngày hiệu lực (`from`) sau đó"),
            )
        )

    def merge(self, base: Any, office: Any, path: tuple = ()) -> Any:
        if isinstance(base, dict) and isinstance(office, dict):
            merged = dict(base)
            for key, value in office.items():
                merged[key] = self.merge(base[key], value, path + (key,)) if key in base else value
            return merged
        if isinstance(base, list) and isinstance(office, list):
            return self._merge_list(base, office, path)
        if base != office:
            self.changed(path, base)
        return base

    def _merge_list(self, base: list, office: list, path: tuple) -> list:
        if not all(isinstance(item, dict) for item in base + office):
            if office != base:
                self.changed(path, base)
            return base
        shipped = {_identity(item): i for i, item in enumerate(base)}
        starts = [d for d in (_date(item.get("from")) for item in base) if d is not None]
        latest = max(starts, default=None)
        merged = list(base)
        for i, item in enumerate(office):
            key = _identity(item)
            if key in shipped:
                self.merge(base[shipped[key]], item, path + (i,))
                continue
            start = _date(item.get("from"))
            if latest is not None and "id" not in item and (start is None or start <= latest):
                self.problems.append(
                    Problem(
                        str(self.file),
                        tr("mục mới có ngày hiệu lực trước mục cuối cùng của dữ liệu gốc ({latest})", latest=latest),
                        row=_line(self.lines, path + (i,)),
                        field=_field(path + (i, "from")),
                        expected=tr("một ngày `from` sau {latest}", latest=latest),
                    )
                )
                continue
            merged.append(item)
        return merged


def _identity(item: dict) -> Any:
    """What names an entry: its `id`, else its start date `from` (None for an open first period)."""
    return ("id", item["id"]) if "id" in item else ("from", str(item.get("from")))


def _date(value: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def merge_file(folder: str, base_file: Path, office_file: Path) -> Any:
    """The content of one YAML file present in both folders, as the layered folder holds it."""
    base, _ = read_yaml(base_file)
    office, lines = read_yaml(office_file)
    if office is None:
        return base
    if not isinstance(office, dict) or not isinstance(base, dict):
        raise InputError.single(
            office_file, tr("tệp không phải một tập hợp `khóa: giá trị`"), row=1, expected=tr("một ánh xạ YAML")
        )
    if folder in APPENDED:
        appender = _Appender(office_file, lines)
        merged = appender.merge(base, office)
        if appender.problems:
            raise InputError(appender.problems)
        return merged
    return merge_keys(base, office)


# --------------------------------------------------------------------------------------------
# The layered folder


def _files(root: Path) -> dict[str, Path]:
    """Every file under `root` by its relative POSIX path; hidden files and folders are skipped."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for name in filenames:
            if name.startswith((".", "~$")):
                continue
            path = Path(dirpath) / name
            found[path.relative_to(root).as_posix()] = path
    return found


def signature(base: Path, office: Path) -> str:
    """A hash of both folders' file names, sizes and modification times."""
    digest = hashlib.sha256(LAYOUT_VERSION.encode())
    for label, root in (("base", base), ("office", office)):
        digest.update(f"\0{label}\0{root}".encode())
        for rel, path in sorted(_files(root).items()):
            st = path.stat()
            digest.update(f"\0{rel}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def layered_dir(base: Path, office: Path, cache_root: Path) -> Path:
    """The office folder laid over `base`, built once per version of both folders."""
    base, office = base.resolve(), office.resolve()
    if not office.is_dir():
        raise InputError.single(
            office, tr("không tìm thấy thư mục của cơ quan"), expected=tr("một thư mục (VANBAN_OFFICE hoặc --office)")
        )
    target = cache_root / "office" / signature(base, office)
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        build(base, office, staging)
        try:
            staging.rename(target)
        except OSError:  # another process built the same version first
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def build(base: Path, office: Path, into: Path) -> None:
    """Write the layered folder: bundled files, replaced or merged with the office's."""
    base_files, office_files = _files(base), _files(office)
    for rel in sorted(base_files.keys() | office_files.keys()):
        dest = into / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        folder = rel.split("/", 1)[0]
        in_base, in_office = base_files.get(rel), office_files.get(rel)
        if (
            in_base is not None
            and in_office is not None
            and folder in MERGED + APPENDED
            and "/" in rel
            and dest.suffix.lower() in YAML_SUFFIXES
        ):
            merged = merge_file(folder, in_base, in_office)
            header = f"# {in_base} + {in_office} (built by vanban; edit the office's file)\n"
            dest.write_text(header + yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
            continue
        source = in_office if in_office is not None else in_base
        assert source is not None
        shutil.copy2(source, dest)
