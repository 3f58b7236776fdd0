"""Uploaded files: checked by their content, kept by their content hash.

A file is refused when it is larger than the limit (read in chunks, so a huge upload is cut off
early rather than held in memory) or when its bytes are not what its kind reads: an Excel
workbook is a ZIP with `xl/workbook.xml`; CSV, YAML, JSON and Markdown are UTF-8 text (or, for
CSV, cp1258/UTF-16 as Excel saves them — the reader decides) without NUL bytes. The extension
only chooses which check applies; it never makes bad content acceptable.

Stored as `<uploads>/<sha256>/<safe name>`: the same file uploaded twice is one file, a draft's
input never changes under it (the register records its hash), and the name a clerk gave is kept,
made safe (no folders, no leading dots, at most 120 characters), because problems name the file.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import BinaryIO

from vanban.errors import InputError, Problem
from vanban.i18n import tr

CHUNK = 1 << 16
LIST_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".yaml", ".yml", ".json")
SESSION_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (".md",)


def safe_name(name: str) -> str:
    """The last part of a client's file name, with only letters, digits, '.', '-', '_' and spaces."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c if (c.isalnum() or c in ".-_ ") else "_" for c in base).strip(" .")
    return base[-120:] or "tep"


def _looks_like(data: bytes, suffix: str) -> bool:
    if suffix in (".xlsx", ".xlsm"):
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "xl/workbook.xml" in zf.namelist()
        except zipfile.BadZipFile:
            return False
    if b"\x00" in data[:CHUNK] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # a binary file (a renamed .exe, a PDF, an old .xls) is not text
    if suffix == ".csv":
        return True  # the CSV reader finds its encoding (UTF-8, UTF-16, cp1258) and reports it
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def store_upload(
    stream: BinaryIO, filename: str, *, allowed: tuple[str, ...], folder: Path, limit: int, what: str
) -> Path:
    """Check and keep one upload; `InputError` naming the file and what was expected otherwise."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise InputError([Problem(name, tr("loại tệp không đọc được ({what})", what=what), expected=" ".join(allowed))])
    buf = bytearray()
    while chunk := stream.read(CHUNK):
        buf.extend(chunk)
        if len(buf) > limit:
            raise InputError(
                [
                    Problem(
                        name,
                        tr("tệp quá lớn"),
                        expected=tr("tệp không quá {mb} MB", mb=round(limit / 1024 / 1024, 1)),
                    )
                ]
            )
    data = bytes(buf)
    if not data:
        raise InputError([Problem(name, tr("tệp rỗng"))])
    if not _looks_like(data, suffix):
        raise InputError(
            [Problem(name, tr("nội dung tệp không đúng loại {suffix}", suffix=suffix), expected=" ".join(allowed))]
        )
    return store_bytes(data, name, folder=folder)


def store_bytes(data: bytes, name: str, *, folder: Path) -> Path:
    """Keep `data` as `<folder>/<sha256>/<name>` (written once, renamed into place)."""
    name = safe_name(name)
    digest = hashlib.sha256(data).hexdigest()
    target = folder / digest / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.part")
        partial.write_bytes(data)
        partial.replace(target)
    return target
