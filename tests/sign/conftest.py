"""Fixtures of the signing tests: a throwaway PKI, signature and seal images, the example award
decision rendered as PDF/A-2b, and that decision signed twice (once per test session).

Private keys exist only in the test's temporary folders, generated at run time (tests/sign/pki.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import pki
from support.signing import EXAMPLE_LIST, SIGNING_TIME, Pki, seal_png, signature_png


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


@pytest.fixture(scope="session")
def images(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("images")
    return {"signature": signature_png(folder / "chu-ky.png"), "seal": seal_png(folder / "con-dau.png")}


@pytest.fixture(scope="session")
def decision_document():
    from vanban.award.decision import build_decision
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price

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
