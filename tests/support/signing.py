"""Test identities, signature and seal images and fixed instants for the signing tests.

Private keys are made at run time (`support.pki`), never committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from support import pki

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = ROOT / "doc_templates" / "examples" / "khen-thuong-2026.xlsx"
VN = dt.timezone(dt.timedelta(hours=7))
#: The signing time of the session's documents (the PDF/A creation date is the same instant).
SIGNING_TIME = dt.datetime(2026, 1, 5, 9, 30, 15, tzinfo=VN)
#: Blue ink of the test signature, red ink of the test seal.
BLUE = (20, 40, 200, 255)
RED = (220, 20, 30, 255)
#: The test seal: 425 px at 300 dpi = 35.98 mm across (its "real size").
SEAL_PX, SEAL_DPI = 425, 300


@dataclass
class Pki:
    ca: pki.Identity
    signer: pki.Identity
    org: pki.Identity
    tsa: pki.Identity
    folder: Path

    @property
    def signer_p12(self) -> Path:
        return self.folder / "nguoi-ky.p12"

    @property
    def org_p12(self) -> Path:
        return self.folder / "co-quan.p12"

    @property
    def ca_pem(self) -> Path:
        return self.folder / "ca.pem"


def signature_png(path: Path, colour=BLUE) -> Path:
    """A handwritten-looking stroke, transparent background, 600 × 200 px."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line([(10, 150), (120, 30), (200, 170), (320, 40), (420, 160), (590, 80)], fill=colour, width=12)
    img.save(path)
    return path


def seal_png(path: Path, colour=RED, dpi: int | None = SEAL_DPI) -> Path:
    """Two red rings with a star, transparent background, 425 px square (35.98 mm at 300 dpi)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (SEAL_PX, SEAL_PX), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([6, 6, SEAL_PX - 6, SEAL_PX - 6], outline=colour, width=16)
    draw.ellipse([70, 70, SEAL_PX - 70, SEAL_PX - 70], outline=colour, width=7)
    c = SEAL_PX / 2
    draw.polygon(
        [
            (c, c - 60),
            (c + 18, c - 18),
            (c + 60, c - 18),
            (c + 26, c + 10),
            (c + 38, c + 55),
            (c, c + 28),
            (c - 38, c + 55),
            (c - 26, c + 10),
            (c - 60, c - 18),
            (c - 18, c - 18),
        ],
        fill=colour,
    )
    img.save(path, dpi=(dpi, dpi)) if dpi else img.save(path)
    return path


DECISION = "15-QD-LDLD-ve-viec-tang-giay-khen.pdf"
LIST = "15-QD-LDLD-danh-sach.pdf"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_package(folder: Path, decision_pdfa: Path, attachment_pdfa: Path) -> Path:
    """A package as `vanban award` lays it out, with the list also issued as its own file."""
    folder.mkdir(parents=True)
    shutil.copy(decision_pdfa, folder / DECISION)
    shutil.copy(attachment_pdfa, folder / LIST)
    (folder / DECISION.replace(".pdf", ".docx")).write_bytes(b"docx")
    (folder / "certificates").mkdir()
    shutil.copy(attachment_pdfa, folder / "certificates" / "001-cong-doan.pdf")
    files = [
        (DECISION, "decision"),
        (DECISION.replace(".pdf", ".docx"), "decision"),
        (LIST, "attachment"),
        ("certificates/001-cong-doan.pdf", "cert:0001"),
    ]
    manifest = {
        "issuer": "ldld-lai-chau",
        "decision": {"number_symbol": "15/QĐ-LĐLĐ", "date": "2026-01-05"},
        "files": [
            {"path": p, "sha256": sha256_of(folder / p), "bytes": (folder / p).stat().st_size, "ref": r}
            for p, r in files
        ],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder
