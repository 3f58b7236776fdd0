"""Pictures of a draft's first page, for a person approving it without opening files.

Drawn with poppler's `pdftoppm` (installed with the system packages of the Makefile); without it
there is no picture, and the approver opens the PDF from its link instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: 60 dpi: an A4 page is ~500×700 px, ~60 KB as PNG — readable, small enough for an artifact.
PREVIEW_DPI = 60


def first_page_png(pdf: Path, dpi: int = PREVIEW_DPI) -> bytes | None:
    """The first page of `pdf` as PNG bytes, or None when it cannot be drawn here."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    # Into a folder of its own and read back: poppler before 23 writes `-` as a file named
    # `-.png` in the working folder instead of to standard output.
    with tempfile.TemporaryDirectory(prefix="vanban-preview-") as tmp:
        root = Path(tmp) / "page"
        try:
            subprocess.run(
                [exe, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(root)],
                capture_output=True,
                timeout=60,
                check=True,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        png = root.with_suffix(".png")
        return png.read_bytes() if png.is_file() and png.stat().st_size else None
