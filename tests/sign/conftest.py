"""Fixtures of the signing tests: a throwaway PKI, signature and seal images, the example award
decision rendered as PDF/A-2b, and that decision signed twice (once per test session).

Private keys exist only in the test's temporary folders, generated at run time (tests/sign/pki.py).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pki

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


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca = pki.make_ca()
    signer = pki.issue(ca, "Nguyễn Thị Thiện", "Liên đoàn Lao động tỉnh Lai Châu")
    org = pki.issue(ca, "Liên đoàn Lao động tỉnh Lai Châu", "Liên đoàn Lao động tỉnh Lai Châu")
    tsa = pki.issue(ca, "Vanban Test TSA", "Vanban Test", tsa=True)
    made = Pki(ca, signer, org, tsa, folder)
    signer.p12(made.signer_p12)
    org.p12(made.org_p12)
    made.ca_pem.write_bytes(ca.cert_pem())
    return made


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


@pytest.fixture(scope="session")
def images(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("images")
    return {"signature": signature_png(folder / "chu-ky.png"), "seal": seal_png(folder / "con-dau.png")}


@pytest.fixture(scope="session")
def decision_document():
    from vanban.award.pricing import price
    from vanban.award.decision import build_decision
    from vanban.award.list_reader import read_award_list

    return build_decision(price(read_award_list(EXAMPLE_LIST)))


@pytest.fixture(scope="session")
def decision_pdfa(decision_document, tmp_path_factory) -> Path:
    """The example decision (its list attached inside, after the signature) as PDF/A-2b."""
    from vanban.sign.pdfa import render_archival_pdf

    path = tmp_path_factory.mktemp("decision") / "quyet-dinh.pdf"
    path.write_bytes(render_archival_pdf(decision_document, SIGNING_TIME))
    return path


@pytest.fixture(scope="session")
def signed_decision(decision_pdfa, test_pki, images, decision_document):
    """The decision signed by the chairwoman (signature image), then by the organisation (seal)."""
    from vanban.sign.pades import Pkcs12Key, sign_document

    signer = decision_document.frame.signer
    result = sign_document(
        decision_pdfa.read_bytes(),
        signer_key=Pkcs12Key(test_pki.signer_p12, pki.PASSWORD),
        signature_image=images["signature"],
        seal_key=Pkcs12Key(test_pki.org_p12, pki.PASSWORD),
        seal_image=images["seal"],
        organisation=decision_document.frame.issuer.full_name,
        signing_time=SIGNING_TIME,
        title=signer.title,
        name=signer.name,
    )
    path = decision_pdfa.with_name("quyet-dinh.signed.pdf")
    path.write_bytes(result.pdf)
    return path, result


@pytest.fixture(scope="session")
def attachment_pdfa(decision_pdfa, signed_decision) -> Path:
    """The decision's list as its own PDF: the pages after the signature page (a PDF/A copy)."""
    import pikepdf

    signature_page = signed_decision[1].layout.page_index
    path = decision_pdfa.with_name("danh-sach.pdf")
    with pikepdf.open(decision_pdfa) as pdf:
        del pdf.pages[: signature_page + 1]
        pdf.save(path)
    return path
