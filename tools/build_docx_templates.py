"""Build the editable DOCX frame template `doc_templates/docx/frame.docx` from `vanban.rules`.

The template is a docxtpl document a clerk can open in Word or LibreOffice and restyle: named
paragraph styles (`VB Quốc hiệu`, `VB Nội dung`, …), a two-row borderless header table (names
above, number level with the place and date), the signature/recipients table, page numbers from
page 2. Its sizes come from `vanban.rules`, so run this again after changing a rule value;
`tests/render/test_templates.py` fails while the committed file is stale.

    .venv/bin/python tools/build_docx_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vanban import rules
from vanban.render import ooxml
from vanban.render.ooxml import PARAGRAPH_STYLES

OUT = Path(__file__).resolve().parent.parent / "doc_templates" / "docx" / "frame.docx"

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def base_document():
    """python-docx's default document, trimmed of the sample content and latent style bulk."""
    doc = Document()
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    # stylesWithEffects.xml (~440 KB) is a Word 2010 compatibility copy of the styles: every render
    # would re-zip it. Word and LibreOffice open the document without it.
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)
    latent = doc.styles.element.find(qn("w:latentStyles"))
    if latent is not None:
        doc.styles.element.remove(latent)
    # Drop every style the frame does not use (python-docx ships ~160): smaller, faster template.
    keep = {"Normal", "Default Paragraph Font", "Normal Table", "Table Grid", "No List"}
    for style in list(doc.styles):
        if style.name not in keep:
            style.element.getparent().remove(style.element)
    return doc


def setup_normal(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(rules.STYLES["body"].size.default)
    ooxml.set_fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    # Widow control: never fewer than KEEP_LINES_MIN (2) lines of a paragraph alone on a page,
    # as the PDF's `orphans`/`widows`.
    pf.widow_control = True
    # docDefaults name the theme fonts; point them at Times New Roman too.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(rpr_default)
    for el in rpr_default.findall(qn("w:lang")):
        el.set(qn("w:val"), "vi-VN")


def add_style(
    doc,
    key: str,
    *,
    size: float,
    bold=False,
    italic=False,
    align="center",
    first_line_mm: float | None = None,
    space_after_pt: float = 0,
    space_before_pt: float = 0,
    line_spacing: float = 1.0,
    keep_next=False,
):
    sid, name = PARAGRAPH_STYLES[key]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), sid)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    ooxml.set_fonts(style.element.get_or_add_rPr())
    pf = style.paragraph_format
    pf.alignment = ALIGN[align]
    pf.space_after = Pt(space_after_pt)
    pf.space_before = Pt(space_before_pt)
    pf.line_spacing = line_spacing
    if first_line_mm is not None:
        pf.first_line_indent = Mm(first_line_mm)
    pf.keep_with_next = keep_next
    return style


def add_styles(doc) -> None:
    S = rules.STYLES
    for key in (
        "national_name",
        "motto",
        "party_name",
        "parent",
        "issuer",
        "number",
        "cv_subject",
        "place_date",
        "type_name",
        "subject",
        "authority_body",
        "decides",
        "annex_heading",
        "annex_title",
        "annex_reference",
        "kinh_gui",
    ):
        st = S[key]
        add_style(
            doc,
            key,
            size=st.size.default,
            bold=st.bold,
            italic=st.italic,
            align=st.align,
            keep_next=key in ("type_name", "subject", "annex_heading", "annex_title", *rules.KEEP_WITH_NEXT_ROLES),
            # as the PDF's `.authority_body, .decides { margin-bottom }`: the body's spacing below
            space_after_pt=rules.PARAGRAPH_SPACING_PT.default if key in ("authority_body", "decides") else 0,
        )
    body_kw = dict(
        first_line_mm=rules.FIRST_LINE_INDENT_MM.default,
        space_after_pt=rules.PARAGRAPH_SPACING_PT.default,
        line_spacing=rules.LINE_SPACING.default,
    )
    for key in ("body", "item", "legal_basis", "heading1", "heading2", "heading3"):
        st = S[key]
        add_style(
            doc,
            key,
            size=st.size.default,
            bold=st.bold,
            italic=st.italic,
            align=st.align,
            keep_next=key in rules.KEEP_WITH_NEXT_ROLES,
            **body_kw,
        )
    st = S["recipients_label"]
    add_style(doc, "recipients_label", size=st.size.default, bold=True, italic=True, align="left")
    add_style(doc, "recipient", size=S["recipient"].size.default, align="left")
    for key in ("signer_authority", "signer_title", "signer_name"):
        st = S[key]
        add_style(doc, key, size=st.size.default, bold=st.bold, align="center")
    add_style(doc, "signature_space", size=S["signer_name"].size.default, align="center")
    add_style(doc, "table", size=S["table"].size.default, align="left")
    add_style(doc, "table_header", size=S["table_header"].size.default, bold=True, align="center")
    add_style(doc, "page_number", size=rules.PAGE_NUMBER_SIZE.default, align="center")
    add_style(doc, "party_star", size=S["issuer"].size.default, align="center")
    # Rules: near-empty paragraphs whose bottom border is the line; 2 pt text keeps them tight
    # under the text above. The renderer sets their indents to give the prescribed length.
    for key in ("rule_issuer", "rule_motto", "rule_subject"):
        style = add_style(doc, key, size=2, align="center")
        ooxml.set_bottom_border(style.element.get_or_add_pPr())


def para(container, doc, key: str, text: str = ""):
    paragraph = container.add_paragraph(text)
    paragraph.style = doc.styles[PARAGRAPH_STYLES[key][1]]
    return paragraph


def line_loop(container, doc, key: str, variable: str, first_in_cell: bool = False) -> None:
    """`{%p for line in <variable> %}` / `{{ line }}` / `{%p endfor %}`: one paragraph per line."""
    opening = f"{{%p for line in {variable} %}}"
    if first_in_cell:
        first_cell_paragraph(container, doc, key, opening)
    else:
        para(container, doc, key, opening)
    para(container, doc, key, "{{ line }}")
    para(container, doc, key, "{%p endfor %}")


def first_cell_paragraph(cell, doc, key: str, text: str):
    paragraph = cell.paragraphs[0]
    paragraph.text = text
    paragraph.style = doc.styles[PARAGRAPH_STYLES[key][1]]
    return paragraph


def setup_section(doc) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width = Mm(rules.PAGE_WIDTH_MM)
    sec.page_height = Mm(rules.PAGE_HEIGHT_MM)
    sec.top_margin = Mm(rules.MARGIN_TOP.default)
    sec.bottom_margin = Mm(rules.MARGIN_BOTTOM.default)
    sec.left_margin = Mm(rules.MARGIN_LEFT.default)
    sec.right_margin = Mm(rules.MARGIN_RIGHT.default)
    sec.header_distance = Mm(rules.HEADER_DISTANCE_MM)
    sec.footer_distance = Mm(rules.HEADER_DISTANCE_MM)
    sec.gutter = Mm(0)
    # Page numbers centred in the top margin, from page 2: a different first-page header, empty.
    sec.different_first_page_header_footer = True
    header = sec.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    hp.style = doc.styles[PARAGRAPH_STYLES["page_number"][1]]
    ooxml.add_page_field(hp)
    first = sec.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].text = ""


def build(out: Path = OUT) -> Path:
    doc = base_document()
    setup_normal(doc)
    add_styles(doc)
    setup_section(doc)

    # Header: row 1 names, row 2 number | place and date (the two stand on one level).
    left, right = rules.HEADER_LEFT_COL.default, rules.HEADER_RIGHT_COL.default
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    ooxml.borderless_fixed_table(table, [left, right], indent_mm=rules.HEADER_TABLE_INDENT_MM)
    l1, r1 = table.rows[0].cells
    l2, r2 = table.rows[1].cells
    line_loop(l1, doc, "parent", "parent_lines", first_in_cell=True)
    line_loop(l1, doc, "issuer", "issuer_lines")
    para(l1, doc, "issuer", "{%p if party %}")
    para(l1, doc, "party_star", "{{ party_star }}")
    para(l1, doc, "issuer", "{%p else %}")
    para(l1, doc, "rule_issuer")
    para(l1, doc, "issuer", "{%p endif %}")
    first_cell_paragraph(r1, doc, "national_name", "{%p if party %}")
    para(r1, doc, "party_name", "{{ party_name }}")
    para(r1, doc, "rule_motto")
    para(r1, doc, "national_name", "{%p else %}")
    para(r1, doc, "national_name", "{{ national_name }}")
    para(r1, doc, "motto", "{{ motto }}")
    para(r1, doc, "rule_motto")
    para(r1, doc, "national_name", "{%p endif %}")
    first_cell_paragraph(l2, doc, "number", "{{ number_line }}")
    line_loop(l2, doc, "cv_subject", "cv_subject")
    first_cell_paragraph(r2, doc, "place_date", "{{ place_date }}")
    for cell in (l2, r2):
        cell.paragraphs[0].paragraph_format.space_before = Pt(rules.HEADER_NUMBER_GAP_PT)
    for row in table.rows:
        ooxml.row_cant_split(row)
    para(doc, doc, "type_name", "{%p if type_name %}")
    tn = para(doc, doc, "type_name", "{{ type_name }}")
    tn.paragraph_format.space_before = Pt(rules.TYPE_NAME_SPACE_BEFORE_PT)
    para(doc, doc, "type_name", "{%p endif %}")
    line_loop(doc, doc, "subject", "subject_lines")
    para(doc, doc, "subject", "{%p if subject_lines %}")
    rule = para(doc, doc, "rule_subject")
    rule.paragraph_format.space_after = Pt(rules.SUBJECT_RULE_SPACE_AFTER_PT)
    para(doc, doc, "subject", "{%p endif %}")
    line_loop(doc, doc, "kinh_gui", "kinh_gui")
    para(doc, doc, "body", "{{p body }}")

    # Nơi nhận | signature: one borderless row that never splits across pages.
    sig = doc.add_table(rows=1, cols=2)
    ooxml.borderless_fixed_table(sig, [rules.SIGNATURE_TABLE_LEFT_MM, rules.SIGNATURE_TABLE_RIGHT_MM])
    ooxml.row_cant_split(sig.rows[0])
    lc, rc = sig.rows[0].cells
    label = first_cell_paragraph(lc, doc, "recipients_label", "{{ recipients_label }}")
    label.paragraph_format.space_before = Pt(rules.CLOSING_SPACE_BEFORE_PT)
    line_loop(lc, doc, "recipient", "recipients")
    line_loop(rc, doc, "signer_authority", "signer_authority", first_in_cell=True)
    para(rc, doc, "signer_title", "{{ signer_title }}")
    space = para(rc, doc, "signature_space", "")
    space.paragraph_format.space_before = Mm(rules.SIGNATURE_SPACE_MM.default)
    para(rc, doc, "signer_name", "{{ signer_name }}")
    para(doc, doc, "body", "{{p annexes }}")

    doc.core_properties.title = "vanban — khung văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
    doc.core_properties.author = "vanban"
    doc.core_properties.comments = (
        "Mẫu khung văn bản. Có thể sửa kiểu (Styles) 'VB …' trong Word; giữ nguyên các thẻ mẫu trong dấu ngoặc nhọn."
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


CERT_OUT = OUT.parent / "certificate.docx"


def build_certificate(out: Path = CERT_OUT) -> Path:
    """The certificate template: landscape A4, one page-anchored frame per field.

    Each field is a paragraph in its own style (`GK Họ tên` …: font, colour, weight a clerk may
    change in Word) holding the docxtpl tag `{{r <field> }}`; the renderer sets each frame's
    position from the layout or calibration file and fills the tag with fitted text.
    """
    import yaml

    from vanban.certificate_layouts import default_layout_path
    from vanban.certificate_model import COLORS, FIELD_KEYS

    spec = yaml.safe_load(default_layout_path("full").read_text(encoding="utf-8"))
    doc = base_document()
    setup_normal(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width = Mm(spec["page"]["width"])
    sec.page_height = Mm(spec["page"]["height"])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(sec, side, Mm(10))
    # Page border: the office's frame in full mode (removed when printing on pre-printed stock).
    border = spec["border"]
    pg = OxmlElement("w:pgBorders")
    pg.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        # `double` (two equal lines) is drawn alike on every side by Word and LibreOffice;
        # LibreOffice does not mirror thick-thin styles on the bottom and right as Word does
        b.set(qn("w:val"), "double")
        b.set(qn("w:sz"), str(round(border["outer_pt"] * 8)))
        b.set(qn("w:space"), str(round(border["inset"] * 72 / 25.4)))
        b.set(qn("w:color"), border["color"])
        pg.append(b)
    sec._sectPr.insert(sec._sectPr.index(sec._sectPr.find(qn("w:pgMar"))) + 1, pg)

    def frame(paragraph, x, y, width, height=None):
        ppr = paragraph._p.get_or_add_pPr()
        fp = OxmlElement("w:framePr")
        fp.set(qn("w:w"), ooxml.twips(width))
        if height:
            fp.set(qn("w:h"), ooxml.twips(height))
            fp.set(qn("w:hRule"), "exact")
        fp.set(qn("w:wrap"), "around")
        fp.set(qn("w:hAnchor"), "page")
        fp.set(qn("w:vAnchor"), "page")
        fp.set(qn("w:x"), ooxml.twips(x))
        fp.set(qn("w:y"), ooxml.twips(y))
        ppr.insert(0, fp)
        pstyle = ppr.find(qn("w:pStyle"))
        if pstyle is not None:  # pStyle comes first in CT_PPr
            ppr.remove(pstyle)
            ppr.insert(0, pstyle)

    emblem = spec["emblem"]
    estyle = doc.styles.add_style("GK Biểu tượng", WD_STYLE_TYPE.PARAGRAPH)
    estyle.element.set(qn("w:styleId"), "GKEmblem")
    estyle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para_e = doc.add_paragraph(style=estyle)
    # The picture is square and as tall as the slot; the slot is a little wider so it never clips.
    para_e.add_run().add_picture(
        str(ROOT / "doc_templates" / emblem["file"]), width=Mm(emblem["height"] - 1), height=Mm(emblem["height"] - 1)
    )
    frame(para_e, emblem["x"], emblem["y"], emblem["width"], emblem["height"])

    for key in FIELD_KEYS:
        f = spec["fields"][key]
        style = doc.styles.add_style(f"GK {key}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), certificate_style_id(key))
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(f["size"])
        style.font.bold = f.get("bold", False)
        style.font.italic = f.get("italic", False)
        style.font.color.rgb = __import__("docx").shared.RGBColor.from_string(COLORS[f.get("color", "black")])
        ooxml.set_fonts(style.element.get_or_add_rPr())
        style.paragraph_format.alignment = ALIGN[f.get("align", "center")]
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        paragraph = doc.add_paragraph(f"{{{{r {key} }}}}", style=style)
        frame(paragraph, f["x"], f["y"], f["width"])
    doc.core_properties.title = "vanban — Giấy khen / Bằng khen"
    doc.core_properties.comments = (
        "Mẫu giấy khen: sửa phông, màu, cỡ chữ trong các kiểu 'GK …'. "
        "Vị trí các dòng lấy từ tệp doc_templates/certificates/*.yaml."
    )
    for rel_id, rel in list(doc.part.rels.items()):  # no thumbnail, numbering: smaller, faster
        if rel.reltype.endswith("/numbering"):
            doc.part.drop_rel(rel_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def certificate_style_id(key: str) -> str:
    return "GK" + "".join(part.capitalize() for part in key.split("_"))


ROOT = Path(__file__).resolve().parent.parent


if __name__ == "__main__":
    print(build())
    print(build_certificate())
