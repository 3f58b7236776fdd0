"""`ZipOnePart`: the fixed parts once, one part added per copy, read back by zipfile and Word's
reader (python-docx) as an ordinary ZIP."""

from __future__ import annotations

import io
import zipfile

import pytest

from vanban.render.zip_one_part import ZipOnePart

WHEN = (2026, 1, 5, 9, 30, 14)


def _fixed(parts: dict[str, bytes], comment: bytes = b"") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        zf.comment = comment
    return buf.getvalue()


def test_each_copy_is_a_valid_zip_with_the_fixed_parts_and_its_own():
    fixed = {
        "[Content_Types].xml": b"<Types/>",
        "word/styles.xml": b"<w:styles/>" * 500,
        "media/image1.png": b"\x89PNG",
    }
    zipper = ZipOnePart(_fixed(fixed))
    texts = ["<w:document>Nguyễn Văn An</w:document>", "<w:document>Lò Thị Xuân</w:document>" * 300]
    for text in texts:
        data = zipper.with_part("word/document.xml", text.encode("utf-8"), WHEN)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None  # every CRC checks
            assert zf.namelist() == [*fixed, "word/document.xml"]
            for name, body in fixed.items():
                assert zf.read(name) == body
            assert zf.read("word/document.xml").decode("utf-8") == text
            info = zf.getinfo("word/document.xml")
            assert info.date_time == (2026, 1, 5, 9, 30, 14)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o600


def test_a_non_ascii_name_is_marked_utf8():
    zipper = ZipOnePart(_fixed({"a.txt": b"a"}))
    data = zipper.with_part("giấy-khen.xml", b"x", WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["a.txt", "giấy-khen.xml"]
        assert zf.getinfo("giấy-khen.xml").flag_bits & 0x800


def test_refuses_a_fixed_part_again_and_an_archive_comment():
    zipper = ZipOnePart(_fixed({"word/document.xml": b"old"}))
    with pytest.raises(ValueError, match="fixed parts"):
        zipper.with_part("word/document.xml", b"new", WHEN)
    with pytest.raises(ValueError, match="comment"):
        ZipOnePart(_fixed({"a": b"a"}, comment=b"note"))


def test_a_rendered_certificate_keeps_every_part_of_the_template():
    """The real use: the certificate template's parts stay as they are, its text is added; the
    file opens in python-docx (Word's reader in the tests) with the awardee's name in it."""
    import docx
    from support.paths import EXAMPLES

    from vanban.award.certificates import build_certificate
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.certificate_layouts import layout_for
    from vanban.render.certificate_docx import CertificateDocx
    from vanban.resources import template_path

    batch = price(read_award_list(EXAMPLES / "khen-thuong-2026.xlsx"))
    chosen = layout_for("full")
    person = batch.individuals[0]
    data = CertificateDocx(chosen).render(build_certificate(batch, person, 9, chosen, golden_book="0009"))
    with (
        zipfile.ZipFile(template_path("docx", "certificate.docx")) as template,
        zipfile.ZipFile(io.BytesIO(data)) as zf,
    ):
        assert zf.testzip() is None
        assert sorted(zf.namelist()) == sorted(template.namelist())
        for name in template.namelist():
            if name != "word/document.xml" and not name.startswith("word/media/"):
                assert zf.read(name) == template.read(name), name
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert person.awardee.name in text
