"""Publishing output atomically: a reader never sees half a set of files.

Files are written into a temporary folder beside the destination (same file system), then moved
into place with `os.replace`/`rename`, which is atomic on POSIX. A failure before the move
leaves the destination as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def publish_files(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file, or none: all are staged first, then each is renamed into place."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"unsafe output file name {name!r}")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=directory))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        targets = []
        for name in files:
            target = directory / name
            os.replace(staging / name, target)
            targets.append(target)
        return targets
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def new_staging_dir(parent: Path) -> Path:
    """A temporary folder beside `parent`'s final entries for building a whole package."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))


def move_into_place(staging: Path, target: Path) -> Path:
    """Rename a finished package folder to its final name; an older one is replaced whole."""
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, target)
    return target
