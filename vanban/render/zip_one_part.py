"""A ZIP whose parts are fixed but one: the fixed parts compressed once, each copy adds its part.

A certificate's DOCX is the template's parts (styles, settings, the emblem, …) plus its own
`word/document.xml`. Appending to a copy with `zipfile.ZipFile(buf, "a")` re-reads the central
directory and rewrites it each time: ~1 ms of a certificate's ~2.3 ms. Here the fixed parts'
local entries and central directory records are kept as bytes, and each copy is those bytes
with one more local entry, one more directory record and a new end record — the layout of
APPNOTE.TXT §4.3 that `zipfile` itself writes (no ZIP64: a certificate is far below 4 GB).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_DEFLATED = 8
_MADE_BY_UNIX = 3
_VERSION = 20  # deflate
_PERMISSIONS = 0o600 << 16  # what zipfile.writestr gives a part written from bytes


class ZipOnePart:
    """`fixed` (a ZIP without comment or ZIP64 records) plus one part per copy."""

    def __init__(self, fixed: bytes, compresslevel: int = 1) -> None:
        end = _END.unpack(fixed[-_END.size :])
        if end[0] != b"PK\x05\x06" or end[-1] != 0:
            raise ValueError("the fixed parts must be a ZIP without an archive comment")
        _sig, _disk, _cd_disk, _here, self._count, cd_size, cd_offset, _comment = end
        self._locals = fixed[:cd_offset]
        self._directory = fixed[cd_offset : cd_offset + cd_size]
        with zipfile.ZipFile(io.BytesIO(fixed)) as zf:
            self._names = set(zf.namelist())
        self._level = compresslevel

    def with_part(self, name: str, data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
        """The whole ZIP with `name` (not one of the fixed parts) holding `data`, deflated."""
        if name in self._names:
            raise ValueError(f"{name} is one of the fixed parts")
        packer = zlib.compressobj(self._level, zlib.DEFLATED, -15)  # raw deflate, as in a ZIP
        body = packer.compress(data) + packer.flush()
        crc = zlib.crc32(data)
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # the name's encoding bit, as zipfile sets it
        year, month, day, hour, minute, second = date_time
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        offset = len(self._locals)
        local = _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, dos_time, dos_date, crc, len(body), len(data), len(encoded), 0
        )
        record = _CENTRAL.pack(
            b"PK\x01\x02",
            _VERSION,
            _MADE_BY_UNIX,
            _VERSION,
            0,
            flags,
            _DEFLATED,
            dos_time,
            dos_date,
            crc,
            len(body),
            len(data),
            len(encoded),
            0,
            0,
            0,
            0,
            _PERMISSIONS,
            offset,
        )
        directory_at = offset + len(local) + len(encoded) + len(body)
        directory_size = len(self._directory) + len(record) + len(encoded)
        count = self._count + 1
        end = _END.pack(b"PK\x05\x06", 0, 0, count, count, directory_size, directory_at, 0)
        return b"".join((self._locals, local, encoded, body, self._directory, record, encoded, end))
