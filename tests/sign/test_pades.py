"""Signing twice per Decree 30 Appendix I, read back with pikepdf, poppler and pyHanko."""

from __future__ import annotations

import datetime as dt
import re

import pikepdf
import pytest
from support.pdf_readers import flattened_text_lines, page_image, pdf_lines, widgets
from support.signing import SEAL_DPI, SEAL_PX, SIGNING_TIME

from vanban import rules
from vanban.sign.pades import FIELD_ATTACHMENT, FIELD_ORGANISATION, FIELD_SIGNER, Pkcs12Key, sign_attachment
from vanban.sign.verify import report_text, verify

TOLERANCE_MM = 0.5
ISO_VN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")


def test_both_signatures_intact_trusted_and_in_order(signed_decision, test_pki):
    path, result = signed_decision
    reports = verify(path, trust_roots=[test_pki.ca_pem])
    assert [r.field for r in reports] == [FIELD_SIGNER, FIELD_ORGANISATION]
    person, organisation = reports
    assert person.signer == "Nguyễn Thị Thiện"
    assert organisation.signer == "Liên đoàn Lao động tỉnh Lai Châu"
    assert organisation.name == "Liên đoàn Lao động tỉnh Lai Châu"  # the organisation's name in the signature
    assert organisation.reason == "Liên đoàn Lao động tỉnh Lai Châu, 2026-01-05T09:30:15+07:00"
    for r in reports:
        assert (r.intact, r.valid, r.trusted, r.level) == (True, True, True, "B-B")
        assert r.signing_time == "2026-01-05T09:30:15+07:00"
    # The signer's signature is followed by one revision that only adds the seal's signature.
    assert (person.covers_whole_file, person.later_changes) == (False, "signatures")
    assert (organisation.covers_whole_file, organisation.later_changes) == (True, "none")
    assert [r.role for r in result.records] == ["signer", "organisation"]


def test_each_signature_is_an_incremental_update(signed_decision, decision_pdfa):
    path, result = signed_decision
    unsigned, signed = decision_pdfa.read_bytes(), path.read_bytes()
    first, second = result.records
    assert signed.startswith(unsigned)
    assert first.sha256_after == second.sha256_before
    import hashlib

    assert first.sha256_before == hashlib.sha256(unsigned).hexdigest()
    assert second.sha256_after == hashlib.sha256(signed).hexdigest()
    assert signed.count(b"%%EOF") == unsigned.count(b"%%EOF") + 2


def test_images_where_decree_30_puts_them(signed_decision, decision_document):
    """Signature centred between title and name; seal at its real size over its left third.
    Expected positions come from poppler's text boxes and the rules, not from vanban.sign."""
    path, _ = signed_decision
    signer = decision_document.frame.signer
    with pikepdf.open(path) as pdf:
        found = widgets(pdf)
        sig, seal = found[FIELD_SIGNER], found[FIELD_ORGANISATION]
        assert sig.page == seal.page < len(pdf.pages)  # the list follows on later pages
        lines = pdf_lines(path, sig.page)
    title = next(ln for ln in lines if ln.text == signer.title)
    name = next(ln for ln in lines if ln.text == signer.name)
    assert title.y1 < name.y0
    # (a) signature: centred horizontally on the block, vertically between the two lines.
    assert abs((sig.left + sig.width / 2) - (title.cx + name.cx) / 2) <= TOLERANCE_MM
    assert abs(sig.cy - (title.y1 + name.y0) / 2) <= TOLERANCE_MM
    gap = name.y0 - title.y1
    expected_h = min(gap - 2 * rules.SIGNATURE_IMAGE_CLEARANCE_MM, rules.SIGNATURE_IMAGE_MAX_WIDTH_MM / 3)
    assert abs(sig.height - expected_h) <= TOLERANCE_MM and abs(sig.width - 3 * expected_h) <= TOLERANCE_MM
    assert sig.top > title.y1 and sig.top + sig.height < name.y0  # clear of both lines
    # (b) seal: real size (425 px at 300 dpi), right edge one third into the signature, same centre line.
    real = SEAL_PX / SEAL_DPI * 25.4
    assert abs(seal.width - real) <= TOLERANCE_MM and abs(seal.height - real) <= TOLERANCE_MM
    assert abs(seal.right - (sig.left + sig.width / 3)) <= TOLERANCE_MM
    assert abs(seal.cy - sig.cy) <= TOLERANCE_MM
    assert seal.left < sig.left  # on its left


def test_widgets_print_and_are_locked(signed_decision):
    path, _ = signed_decision
    with pikepdf.open(path) as pdf:
        for widget in widgets(pdf).values():
            assert int(widget.annotation.F) & 4  # printable (PDF/A)
            assert set(widget.annotation.AP.keys()) == {"/N"}


def _ink(pixel) -> str | None:
    r, g, b = pixel
    if r > 150 and g < 110 and b < 110:
        return "red"
    if b > 120 and r < 110 and g < 130:
        return "blue"
    return None


def test_rendered_page_seal_overlaps_left_third_of_signature(signed_decision, tmp_path):
    """poppler draws the page: red seal ink over the signature's left third, blue strokes to the
    right of the seal, no red beyond it. (The picture is also saved for a person to look at.)"""
    path, _ = signed_decision
    dpi = 100
    with pikepdf.open(path) as pdf:
        found = widgets(pdf)
    sig, seal = found[FIELD_SIGNER], found[FIELD_ORGANISATION]
    image = page_image(path, sig.page, dpi)
    image.save(tmp_path / "trang-ky.png")
    print("page picture:", tmp_path / "trang-ky.png")
    px = lambda mm: int(round(mm * dpi / 25.4))  # noqa: E731

    def inks(left, top, right, bottom):
        counts = {"red": 0, "blue": 0}
        for x in range(px(left), px(right)):
            for y in range(px(top), px(bottom)):
                kind = _ink(image.getpixel((x, y)))
                if kind:
                    counts[kind] += 1
        return counts

    overlap = inks(sig.left, sig.top, seal.right, sig.top + sig.height)
    rest = inks(seal.right + 1, sig.top, sig.right, sig.top + sig.height)
    beyond_seal = inks(seal.right + 1, seal.top, seal.right + 15, seal.top + seal.height)
    assert overlap["red"] > 50 and overlap["blue"] > 20  # the seal lies over part of the signature
    assert rest["blue"] > 200 and rest["red"] == 0
    assert beyond_seal["red"] == 0
    # Nothing coloured outside the two images (the text stays black).
    assert inks(20, 15, 190, seal.top - 1) == {"red": 0, "blue": 0}


def test_changed_byte_is_detected(signed_decision, test_pki):
    path, _ = signed_decision
    data = bytearray(path.read_bytes())
    at = data.index(b"stream", len(data) // 3) + 300  # inside a content stream of the original
    data[at] ^= 0x20
    reports = verify(bytes(data), trust_roots=[test_pki.ca_pem])
    assert [r.intact for r in reports] == [False, False]
    assert all(r.later_changes == "other" and not r.ok for r in reports)
    text = report_text(reports)
    assert "Toàn vẹn: KHÔNG HỢP LỆ — nội dung hoặc chữ ký đã bị thay đổi" in text
    assert "Sau khi ký: VĂN BẢN ĐÃ BỊ SỬA ĐỔI sau khi ký" in text


def test_without_trust_roots_untrusted_but_integrity_checked(signed_decision):
    path, _ = signed_decision
    reports = verify(path)
    assert [(r.intact, r.trusted, r.trust_checked) for r in reports] == [(True, False, False)] * 2
    text = report_text(reports)
    assert text.startswith(
        "Chữ ký số 1/2 (ChuKySo-NguoiCoThamQuyen)\n  Người ký: Nguyễn Thị Thiện "
        "(Liên đoàn Lao động tỉnh Lai Châu)\n  Thời gian ký: 2026-01-05T09:30:15+07:00 (PAdES B-B)"
    )
    assert "Chứng thư số: chưa xác định được độ tin cậy (không có chứng thư gốc tin cậy để đối chiếu)" in text
    english = report_text(reports, "en")
    assert "Certificate: untrusted (no trust roots given)" in english
    assert "After signing: only further signatures added (content unchanged)" in english


def test_content_change_after_signing_is_reported(signed_decision, test_pki):
    """An incremental update that changes page content after both signatures: still intact
    bytes for each signature, but pyHanko's difference analysis flags the modification."""
    import io

    path, _ = signed_decision
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(b"BT /F1 12 Tf 100 100 Td (Sua) Tj ET"), prepend=False)
        out = io.BytesIO()
        pdf.save(out)
    # pikepdf rewrites the whole file: the signatures' byte ranges no longer match.
    reports = verify(out.getvalue(), trust_roots=[test_pki.ca_pem])
    assert not any(r.ok for r in reports)


def test_attachment_text_block_top_right(attachment_pdfa, test_pki, decision_document):
    result = sign_attachment(
        attachment_pdfa.read_bytes(),
        seal_key=Pkcs12Key(test_pki.org_p12, b"mat-khau-thu"),
        number_symbol=decision_document.frame.number_line,
        signing_time=SIGNING_TIME,
    )
    path = attachment_pdfa.with_name("danh-sach.signed.pdf")
    path.write_bytes(result.pdf)
    with pikepdf.open(path) as pdf:
        block = widgets(pdf)[FIELD_ATTACHMENT]
        page_width = float(pdf.pages[0].mediabox[2]) * 25.4 / 72
        appearance = block.annotation.AP.N
        content = appearance.read_bytes()
        fonts = list(appearance.Resources.Font.values())
        # the appearance draws no image: no XObject images anywhere in it
        assert "/XObject" not in appearance.Resources
        assert len(fonts) == 1
        cid = fonts[0].DescendantFonts[0]
        font_name, embedded = str(cid.BaseFont), "/FontFile2" in cid.FontDescriptor
    assert block.page == 1
    assert abs(block.right - (page_width - rules.MARGIN_RIGHT.default)) <= TOLERANCE_MM
    assert abs(block.top - rules.ATTACHMENT_STAMP_TOP_MM) <= TOLERANCE_MM
    # Times New Roman, or Liberation Serif where it is absent, embedded, 10 pt, black.
    assert re.findall(rb"/F\d+ (\d+(?:\.\d+)?) Tf", content) and all(
        size == b"10" for size in re.findall(rb"/F\d+ (\d+(?:\.\d+)?) Tf", content)
    )
    assert b"0 0 0 rg" in content
    assert re.match(r"/[A-Z]{6}\+(LiberationSerif|TimesNewRomanPSMT)$", font_name)
    assert embedded
    lines = [ln for ln in flattened_text_lines(path, 1) if ln.y0 < 20 and ln.x0 > page_width * 2 / 3]
    assert [ln.text for ln in lines] == ["Số: 15/QĐ-LĐLĐ", "2026-01-05T09:30:15+07:00"]
    assert ISO_VN.match(lines[1].text)
    assert max(ln.x1 for ln in lines) <= page_width - rules.MARGIN_RIGHT.default + TOLERANCE_MM
    assert abs((lines[0].y1 - lines[0].y0) - 10 * 25.4 / 72 * 1.1) < 0.5  # a 10 pt line box
    reports = verify(path, trust_roots=[test_pki.ca_pem])
    assert [(r.field, r.intact, r.trusted, r.later_changes) for r in reports] == [
        (FIELD_ATTACHMENT, True, True, "none")
    ]
    from vanban.sign.pdfa import pdfa_problems

    assert pdfa_problems(path) == []


def test_timestamped_signatures_are_b_t(decision_pdfa, test_pki, images):
    """With a timestamp service (here pyHanko's in-process test TSA) both signatures are B-T."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.timestamps import DummyTimeStamper

    from vanban.sign.pades import sign_document

    tsa = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(test_pki.tsa.cert_der()),
        tsa_key=keys.PrivateKeyInfo.load(
            test_pki.tsa.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        certs_to_embed=[x509.Certificate.load(test_pki.ca.cert_der())],
    )
    result = sign_document(
        decision_pdfa.read_bytes(),
        signer_key=Pkcs12Key(test_pki.signer_p12, b"mat-khau-thu"),
        signature_image=images["signature"],
        seal_key=Pkcs12Key(test_pki.org_p12, b"mat-khau-thu"),
        seal_image=images["seal"],
        tsa=tsa,
    )
    assert [r.level for r in result.records] == ["B-T", "B-T"]
    reports = verify(result.pdf, trust_roots=[test_pki.ca_pem])
    assert [(r.level, r.intact, r.trusted) for r in reports] == [("B-T", True, True)] * 2
    for r in reports:
        stamped = dt.datetime.fromisoformat(r.timestamp_time)
        assert abs((stamped - dt.datetime.fromisoformat(r.signing_time)).total_seconds()) < 120
        assert "; dấu thời gian: " in r.text()


def test_wrong_password_and_missing_block_are_clear_errors(decision_pdfa, test_pki, images, tmp_path):
    from vanban.sign.appearance import SignatureLayoutError
    from vanban.sign.pades import SigningError, sign_document

    with pytest.raises(SigningError, match=r"không mở được tệp PKCS#12"):
        sign_document(
            decision_pdfa.read_bytes(),
            signer_key=Pkcs12Key(test_pki.signer_p12, b"sai"),
            signature_image=images["signature"],
            seal_key=Pkcs12Key(test_pki.org_p12, b"sai"),
            seal_image=images["seal"],
        )
    with pytest.raises(SignatureLayoutError, match="không tìm thấy khối chữ ký “PHÓ CHỦ TỊCH”"):
        sign_document(
            decision_pdfa.read_bytes(),
            signer_key=Pkcs12Key(test_pki.signer_p12, b"mat-khau-thu"),
            signature_image=images["signature"],
            seal_key=Pkcs12Key(test_pki.org_p12, b"mat-khau-thu"),
            seal_image=images["seal"],
            title="PHÓ CHỦ TỊCH",
        )
