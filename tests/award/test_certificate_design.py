"""Certificates that look like certificates (issue 11): the issuer's own emblem, a frame drawn
alike on every side in the PDF and in Word/LibreOffice, no gap where a collective has no
position line, room for signature and seal, and the authority taken from the profile.

Pictures are read back from the rendered pages (pdftoppm) and the DOCX from its parts; the
slow test looks at LibreOffice's layout of the DOCX.
"""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from docx.oxml.ns import qn
from PIL import Image, ImageChops
from support.award_docs import FULL_LAYOUT, pdf_words, read_batch, small_list
from support.layout import libreoffice_pdfs, needs_soffice
from support.pdf_readers import page_image

from vanban import rules
from vanban.award.certificates import build_certificate, certificate_authority
from vanban.certificate_layouts import layout_for
from vanban.issuers import load_issuer
from vanban.render.certificate_docx import CertificateDocx
from vanban.render.certificate_pdf import render_certificates
from vanban.resources import template_dir

BLUE = (20, 60, 200, 255)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return read_batch(small_list(tmp_path_factory.mktemp("design")))


def _render(batch, chosen, out):
    """The first collective's and the first individual's certificates, PDF and DOCX."""
    collective = next(p for p in batch.awardees if p.awardee.kind == "collective")
    person = next(p for p in batch.awardees if p.awardee.kind == "individual")
    certs = [build_certificate(batch, item, i, chosen) for i, item in enumerate((collective, person), start=1)]
    whole, _ = render_certificates(certs, chosen, single=False)
    (out / "certs.pdf").write_bytes(whole)
    renderer = CertificateDocx(chosen)
    paths = []
    for c in certs:
        path = out / f"cert-{c.index}.docx"
        path.write_bytes(renderer.render(c))
        paths.append(path)
    return certs, out / "certs.pdf", paths


def test_default_emblem_is_drawn_not_downloaded():
    """The shipped emblem is the one tools/draw_emblem.py draws (no downloaded image)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("draw_emblem", template_dir().parent / "tools" / "draw_emblem.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    drawn = module.shipped_emblem().convert("RGBA")
    shipped = Image.open(template_dir() / "images" / "emblem.png").convert("RGBA")
    assert drawn.size == shipped.size
    assert ImageChops.difference(drawn, shipped).getbbox() is None


def test_issuer_emblem_replaces_the_default(batch, office_folder, tmp_path):
    """A profile's `emblem:` (here a blue square in the office folder's images/) is printed in
    the emblem's box in the PDF and carried as the DOCX's picture."""
    Image.new("RGBA", (200, 200), BLUE).save(office_folder / "images" / "logo-test.png")
    chosen = layout_for("full", emblem="images/logo-test.png")
    assert chosen.emblem.file == "images/logo-test.png"
    _certs, pdf, docx_files = _render(batch, chosen, tmp_path)
    box = chosen.emblem
    image = page_image(pdf, 1, 40)
    scale = image.width / chosen.page.width
    center = image.getpixel((round((box.x + box.width / 2) * scale), round((box.y + box.height / 2) * scale)))
    assert center[2] > 150 and center[0] < 80, center
    with zipfile.ZipFile(docx_files[0]) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        picture = Image.open(io.BytesIO(zf.read(media[0]))).convert("RGBA")
    assert picture.getpixel((100, 100)) == BLUE


def test_unknown_emblem_is_refused(office_folder):
    from vanban.errors import InputError

    with pytest.raises(InputError) as err:
        layout_for("full", emblem="images/khong-co.png")
    assert "images/khong-co.png" in str(err.value)


def test_collective_has_no_gap(batch, tmp_path):
    """The collective's achievement stands where an individual's position line stands."""
    chosen = layout_for("full")
    certs, pdf, _ = _render(batch, chosen, tmp_path)
    collective, person = ({f.key: f for f in c.fields} for c in certs)
    assert "position_unit" not in collective
    assert collective["achievement"].y == chosen.fields["position_unit"].y
    assert person["achievement"].y == chosen.fields["achievement"].y
    words = pdf_words(pdf)
    first = min(w.y0 for w in words if w.page == 1 and w.text == "Đã")
    second = min(w.y0 for w in words if w.page == 2 and w.text == "Đã")
    assert second - first == pytest.approx(chosen.fields["achievement"].y - chosen.fields["position_unit"].y, abs=0.5)


def test_room_for_signature_and_seal():
    """From the last line of the signer's title (up to its max lines) to the name: at least the
    Decree's 30 mm; the name stays inside the frame."""
    layout = yaml.safe_load(FULL_LAYOUT.read_text(encoding="utf-8"))
    title, name = layout["fields"]["signer_title"], layout["fields"]["signer_name"]
    line_mm = title["size"] * rules.MM_PER_PT * rules.SINGLE_LINE_EM
    two_lines_end = title["y"] + 2 * line_mm  # TM. BAN THƯỜNG VỤ / CHỦ TỊCH
    assert name["y"] - two_lines_end >= rules.SIGNATURE_SPACE_MM.low
    border = layout["border"]
    inner_edge = layout["page"]["height"] - border["inset"] - border["gap"]
    assert name["y"] + name["size"] * rules.MM_PER_PT * rules.SINGLE_LINE_EM <= inner_edge


def test_authority_from_the_profile():
    """The red authority line comes from the profile: its certificate_authority, else the body
    that decides (the decision's authority line), never a name the profile does not give."""
    for path in sorted((template_dir() / "issuers").glob("*.yaml")):
        issuer = load_issuer(path.stem)
        expected = (issuer.certificate_authority or issuer.deciding_body or issuer.full_name).upper()
        assert certificate_authority(issuer) == expected
    hdtdkt = load_issuer("hdtdkt-tinh-lai-chau")
    assert hdtdkt.certificate_authority is None
    assert certificate_authority(hdtdkt) == hdtdkt.deciding_body.upper()


def test_docx_border_is_symmetric():
    """Word's `double` on all four sides: the one compound style LibreOffice draws like Word."""
    with zipfile.ZipFile(template_dir() / "docx" / "certificate.docx") as zf:
        from lxml import etree

        root = etree.fromstring(zf.read("word/document.xml"))
    borders = root.find(f".//{qn('w:pgBorders')}")
    sides = {el.tag.split("}")[1]: el.get(qn("w:val")) for el in borders}
    assert sides == {"top": "double", "left": "double", "bottom": "double", "right": "double"}


def _frame_profile(image: Image.Image, y: int, from_left: bool, limit: int) -> list[int]:
    """Widths of the red runs met walking in from one edge along row `y` (the frame's lines)."""
    xs = range(limit) if from_left else range(image.width - 1, image.width - 1 - limit, -1)
    runs, current = [], 0
    for x in xs:
        r, g, b = image.getpixel((x, y))[:3]
        red = r > 120 and g < 90 and b < 90
        if red:
            current += 1
        elif current:
            runs.append(current)
            current = 0
    return runs


@pytest.mark.slow
@needs_soffice
def test_frame_alike_on_every_side_in_pdf_and_libreoffice(batch, tmp_path):
    chosen = layout_for("full")
    _certs, pdf, docx_files = _render(batch, chosen, tmp_path)
    converted = libreoffice_pdfs(docx_files[:1], tmp_path / "lo")
    for path in (pdf, converted[docx_files[0]]):
        image = page_image(path, 1, 150)
        mid = image.height // 2
        left = _frame_profile(image, mid, True, 80)
        right = _frame_profile(image, mid, False, 80)
        assert len(left) == len(right) == 2, (path.name, left, right)
        assert abs(left[0] - right[0]) <= 1 and abs(left[1] - right[1]) <= 1, (path.name, left, right)
