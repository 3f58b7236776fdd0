"""Certificates → DOCX, fast: the docxtpl template is compiled once per process and layout.

`doc_templates/docx/certificate.docx` is a docxtpl template (one framed paragraph per field,
`{{r field }}` tags, styles a clerk can edit). Rendering it through `DocxTemplate.render` costs
~15 ms a page, most of it re-reading and re-parsing the template. Here the template is read
once: docxtpl's own tag clean-up (`patch_xml`, which also mends tags Word split across runs)
runs once, frame positions are set once from the layout or calibration file, and the result
is compiled as one Jinja template (autoescaped). Each certificate is then one Jinja render of
document.xml added to the other parts, compressed once per process (`vanban.render.zip_one_part`:
re-compressing them, or re-reading the ZIP's directory, for every certificate cost more than the
render). Each value is the run XML docxtpl's `RichText`
would give (`{{r field }}` semantics: text escaped, size set) with the fitted lines separated
by line breaks, which `RichText` cannot express.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup, escape

from vanban.certificate_model import FIELD_KEYS, Certificate, CertificateLayout, FieldBox, PlacedText
from vanban.render.ooxml import twips
from vanban.render.zip_one_part import ZipOnePart
from vanban.resources import template_dir, template_path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def style_key(style_id: str) -> str | None:
    """`GKRecipient` → `recipient`; `GKEmblem` → `emblem`."""
    if not style_id.startswith("GK"):
        return None
    wanted = style_id[2:]
    for key in (*FIELD_KEYS, "emblem"):
        if "".join(part.capitalize() for part in key.split("_")) == wanted:
            return key
    return None


def _y_slot(key: str) -> str:
    """Placeholder of a frame's y filled per certificate (plain text: Jinja leaves it alone)."""
    return f"VANBAN-Y-{key}"


def run_xml(field: PlacedText) -> Markup:
    """One run holding the field's lines separated by line breaks; the text is escaped.

    Weight, slant, colour and size come from the layout (as in the PDF), not only from the
    template's style, so a calibration file means the same in both formats.
    """
    half = round(field.size * 2)
    props = (
        ("<w:b/>" if field.bold else '<w:b w:val="0"/>')
        + ("<w:i/>" if field.italic else '<w:i w:val="0"/>')
        + f'<w:color w:val="{field.color}"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    )
    texts = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in field.lines)
    return Markup(f"<w:r><w:rPr>{props}</w:rPr>{texts}</w:r>")


_PPR_AFTER_JC = (
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)


def _set_alignment(ppr, align: str) -> None:
    """`w:jc` in its schema position (before the elements that follow it in CT_PPr)."""
    jc = ppr.find(_q("jc"))
    if jc is None:
        jc = etree.SubElement(ppr, _q("jc"))
        ppr.remove(jc)
        anchor = next((el for el in ppr if etree.QName(el).localname in _PPR_AFTER_JC), None)
        if anchor is None:
            ppr.append(jc)
        else:
            anchor.addprevious(jc)
    jc.set(_q("val"), {"left": "left", "center": "center", "right": "right"}[align])


class CertificateDocx:
    """A certificate template compiled for one layout; `render` is cheap and repeatable."""

    def __init__(self, chosen: CertificateLayout, template: Path | None = None) -> None:
        with zipfile.ZipFile(template or template_path("docx", "certificate.docx")) as zf:
            self._parts = [(info, zf.read(info.filename)) for info in zf.infolist()]
        if chosen.emblem is not None:  # the layout's (or the issuer's) emblem in the emblem's frame
            image = (template_dir() / chosen.emblem.file).read_bytes()
            self._parts = [
                (info, image if info.filename.startswith("word/media/") else data) for info, data in self._parts
            ]
        document_info, document = next((i, data) for i, data in self._parts if i.filename == "word/document.xml")
        # every part but the text, compressed once: each certificate adds only its document.xml
        static = io.BytesIO()
        with zipfile.ZipFile(static, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self._parts:
                if info.filename != "word/document.xml":
                    out.writestr(info, data)
        self._zip = ZipOnePart(static.getvalue())
        self._document_time = document_info.date_time
        xml = self._apply_layout(document, chosen)
        patched = DocxTemplate.patch_xml(None, xml)  # docxtpl's tag clean-up; it uses no state
        env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined)
        self._template = env.from_string(patched)

    @staticmethod
    def _apply_layout(document: bytes, chosen: CertificateLayout) -> str:
        root = etree.fromstring(document)
        body = root.find(_q("body"))
        for p in list(body.iter(_q("p"))):
            ppr = p.find(_q("pPr"))
            style = ppr.find(_q("pStyle")) if ppr is not None else None
            key = style_key(style.get(_q("val"))) if style is not None else None
            if key is None:
                continue
            box = chosen.emblem if key == "emblem" else chosen.fields.get(key)
            if box is None:  # not printed in this mode (e.g. on pre-printed stock)
                p.getparent().remove(p)
                continue
            frame = ppr.find(_q("framePr"))
            frame.set(_q("x"), twips(box.x + chosen.offset.x))
            # a field that may rise into an empty one's place gets its y per certificate
            rises = isinstance(box, FieldBox) and box.rises_to is not None
            frame.set(_q("y"), _y_slot(key) if rises else twips(box.y + chosen.offset.y))
            frame.set(_q("w"), twips(box.width))
            if isinstance(box, FieldBox):
                _set_alignment(ppr, box.align)
        sect = body.find(_q("sectPr"))
        if chosen.border is None and sect is not None and sect.find(_q("pgBorders")) is not None:
            sect.remove(sect.find(_q("pgBorders")))
        if sect is not None:
            size = sect.find(_q("pgSz"))
            size.set(_q("w"), twips(chosen.page.width))
            size.set(_q("h"), twips(chosen.page.height))
            if chosen.landscape:
                size.set(_q("orient"), "landscape")
            else:
                size.attrib.pop(_q("orient"), None)
        return etree.tostring(root, encoding="unicode")

    def render(self, certificate: Certificate) -> bytes:
        """The certificate's DOCX bytes."""
        values = {key: Markup("") for key in FIELD_KEYS}
        for f in certificate.fields:
            values[f.key] = run_xml(f)
        xml = self._template.render(values)
        for f in certificate.fields:  # the y of a field placed per certificate (`rises_to`)
            xml = xml.replace(_y_slot(f.key), twips(f.y))
        return self._zip.with_part("word/document.xml", xml.encode("utf-8"), self._document_time)
