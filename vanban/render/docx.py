"""Document → DOCX bytes, through the editable docxtpl frame `doc_templates/docx/frame.docx`.

The frame template holds the styles, the header table and the signature table; a clerk may
restyle it in Word. The body and annexes are built as docxtpl subdocuments with python-docx,
using the template's own styles (`VB Nội dung`, …), so the look stays in the template. After
docxtpl renders, one pass sets the lengths of the short rules, which depend on the text above
them (`vanban.text_metrics`). Rendering escapes all data (`autoescape=True`): `&`, `<`, `{{` in a
name stay text.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from docxtpl import DocxTemplate

from vanban import rules, text_metrics
from vanban.document_model import Annex, Block, Cell, Centered, Document, PageBreak, Paragraph, Table
from vanban.render import ooxml, pagination
from vanban.render.ooxml import style_id
from vanban.resources import template_path


def frame_template() -> Path:
    """The editable frame template in use (bundled, or the office's)."""
    return template_path("docx", "frame.docx")


#: Temporary attribute on the first paragraph of a landscape annex, removed by the post-pass.
_LANDSCAPE_MARK = "vanbanLandscapeAnnex"


#: Name of the bookmark that marks where the annexes go in the rendered document.
_ANNEX_MARK = "vanban_annexes"


def render_docx(document: Document, template: Path | None = None) -> bytes:
    tpl = DocxTemplate(str(template or frame_template()))
    tpl.render(_context(tpl, document), autoescape=True)
    _body_with_docx_classes(tpl.docx)
    deferred: dict[str, str] = {}
    _insert_annexes(tpl.docx, document, deferred)
    _set_rule_lengths(tpl.docx, document)
    if document.frame.draft_mark:
        _add_draft_mark(tpl.docx, document.frame.draft_mark)
    if any(annex.landscape for annex in document.annexes):
        _landscape_annex_section(tpl.docx)
    buf = io.BytesIO()
    tpl.save(buf)
    return _with_deferred_rows(buf.getvalue(), deferred)


#: An annex table with more body rows than this is written into document.xml as text when the
#: file is saved, never as an element tree (see `_add_table`).
DEFERRED_ROWS_FROM = 50


def _with_deferred_rows(data: bytes, deferred: dict[str, str]) -> bytes:
    """The saved DOCX with each long table's rows put where its placeholder comment stands."""
    if not deferred:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                text = part.decode("utf-8")
                for key, rows in deferred.items():
                    placeholder = f"<!--{key}-->"
                    if text.count(placeholder) != 1:
                        raise RuntimeError(f"table rows placeholder {key} not found once in document.xml")
                    text = text.replace(placeholder, rows)
                part = text.encode("utf-8")
            dst.writestr(info, part)
    return out.getvalue()


def _body_with_docx_classes(docx) -> None:
    """docxtpl parses the rendered body with a plain lxml parser and swaps it in; while that
    parser's proxy object is still alive, lxml hands it back for the body instead of
    python-docx's CT_Body, and `.paragraphs` fails with "no attribute 'p_lst'" (seen in Dask
    workers, where the proxy outlived the render). Re-parse the body with python-docx's parser
    when that happens, so the classes never depend on garbage-collection timing."""
    from docx.oxml.document import CT_Body
    from lxml import etree

    root = docx.element
    body = root.find(qn("w:body"))
    if body is not None and not isinstance(body, CT_Body):
        root.replace(body, parse_xml(etree.tostring(body)))


def _context(tpl: DocxTemplate, document: Document) -> dict:
    f = document.frame
    party = f.issuer.system == "party"
    cong_van = f.doc_type == rules.CONG_VAN
    body = tpl.new_subdoc()
    for block, keep in zip(document.blocks, pagination.keep_flags(document.blocks, closing=True), strict=True):
        _add_block(body, block, keep_next=keep)
    # The annexes (a list of thousands of rows) do not go through docxtpl: its Jinja pass would
    # copy their XML as strings several times. A marker goes in; the annexes are built in place
    # of it after rendering (`_insert_annexes`).
    marker = tpl.new_subdoc()
    if document.annexes:
        mark = OxmlElement("w:bookmarkStart")
        mark.set(qn("w:id"), "9999")
        mark.set(qn("w:name"), _ANNEX_MARK)
        marker.add_paragraph()._p.append(mark)
    return {
        "parent_lines": f.issuer.parent,
        "issuer_lines": f.issuer.name,
        "party": party,
        "party_star": rules.PARTY_STAR,
        "party_name": rules.PARTY_NAME,
        "national_name": rules.NATIONAL_NAME,
        "motto": rules.MOTTO,
        "number_line": f.number_line,
        "cv_subject": f.subject if cong_van else [],
        "place_date": f.place_date,
        "type_name": f.type_name,
        "subject_lines": [] if cong_van else f.subject,
        "kinh_gui": f.kinh_gui,
        "body": body,
        "recipients_label": rules.RECIPIENTS_LABEL,
        "recipients": f.recipients,
        "signer_authority": f.signer.authority,
        "signer_title": f.signer.title,
        "signer_name": f.signer.name,
        "annexes": marker,
    }


def _add_draft_mark(doc, mark: str) -> None:
    """`DỰ THẢO` in bold in a box, right-aligned above the header table of page 1 (a draft)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    body = doc.element.body
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(mark)
    run.bold = True
    run.font.size = Pt(rules.DRAFT_MARK_SIZE_PT)
    border = parse_xml(f'<w:bdr {nsdecls("w")} w:val="single" w:sz="6" w:space="2" w:color="000000"/>')
    run._r.get_or_add_rPr().append(border)
    body.remove(paragraph._p)
    body.insert(0, paragraph._p)


def _insert_annexes(doc, document: Document, deferred: dict[str, str] | None = None) -> None:
    """Build the annexes in the rendered document where the marker is.

    They are built directly in the document's own tree: moving a large subtree in from another
    lxml document costs seconds (namespace reconciliation, ~6 s for 3,000 rows). The frame
    template keeps the marker last, so building at the end of the body puts them in its place;
    if a clerk moved the placeholder, the built elements are moved there.
    """
    body = doc.element.body
    mark = next((m for m in body.iter(qn("w:bookmarkStart")) if m.get(qn("w:name")) == _ANNEX_MARK), None)
    if mark is None:
        return
    paragraph = mark.getparent()
    first_new = len(body)
    for annex in document.annexes:
        _add_annex(doc, annex, deferred)
    created = [el for el in list(body)[first_new - 1 :] if el.tag != qn("w:sectPr")]
    following = paragraph.getnext()
    if following is not None and following.tag != qn("w:sectPr") and following is not created[0]:
        for element in created:
            paragraph.addprevious(element)
    body.remove(paragraph)


def _styled_paragraph(container, key: str):
    paragraph = container.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    pstyle = ppr.find(qn("w:pStyle"))
    if pstyle is None:
        pstyle = ppr._add_pStyle()
    pstyle.set(qn("w:val"), style_id(key))
    return paragraph


def _add_runs(paragraph, runs) -> None:
    for r in runs:
        run = paragraph.add_run(rules.no_break_tokens(r.text))
        if r.bold:
            run.bold = True
        if r.italic:
            run.italic = True


def _keep(paragraph, keep_next: bool) -> None:
    """keepNext and keepLines: the paragraph stays whole and on the page of the next block."""
    if keep_next:
        # Whole as well: Word keeps only a paragraph's last line with the next, LibreOffice the
        # whole paragraph; keepLines makes both (and the PDF's break-inside: avoid) agree.
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True


def _add_block(container, block: Block, keep_next: bool = False, deferred: dict[str, str] | None = None) -> None:
    if isinstance(block, Paragraph):
        paragraph = _styled_paragraph(container, block.style)
        _add_runs(paragraph, block.runs)
        _keep(paragraph, keep_next)
    elif isinstance(block, Centered):
        paragraph = _styled_paragraph(container, block.style)
        _add_runs(paragraph, block.runs)
        _keep(paragraph, keep_next or block.rule_after)
        if block.rule_after:
            rule = _styled_paragraph(container, "rule_subject")
            length = text_metrics.rule_length_mm(
                [block.text], block.style, rules.SUBJECT_RULE_FRACTION.default, rules.text_width_mm()
            )
            _center_rule(rule, length, rules.text_width_mm())
    elif isinstance(block, Table):
        _add_table(container, block, deferred)
    elif isinstance(block, PageBreak):
        container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _add_annex(container, annex: Annex, deferred: dict[str, str] | None = None) -> None:
    """An annex starts on a new page: `pageBreakBefore` on its first paragraph, not an empty
    paragraph holding a break (which lands alone on a page when the previous page is full)."""
    start = len(container.paragraphs)
    for block, keep in zip(annex.blocks, pagination.keep_flags(annex.blocks, closing=False), strict=True):
        _add_block(container, block, keep_next=keep, deferred=deferred)
    first = container.paragraphs[start]
    first.paragraph_format.page_break_before = True
    if annex.landscape:
        first._p.set(_LANDSCAPE_MARK, "1")


_JC = {"left": "left", "center": "center", "right": "right"}


def _cell_xml(cell: Cell, width_twips: int, style: str, header: bool = False, keep_next: bool = False) -> str:
    """One `w:tc`, written as text: building thousand-row tables through python-docx's object
    API costs ~1.6 s per 1,000 rows (every cell access re-walks the grid); this costs ~0.1 s."""
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    valign = '<w:vAlign w:val="center"/>' if header else ""
    keep = "<w:keepNext/>" if keep_next else ""
    rpr = ("<w:b/>" if cell.bold else "") + ("<w:i/>" if cell.italic else "")
    run = (
        f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{xml_escape(rules.no_break_tokens(cell.text))}</w:t></w:r>'
        if cell.text
        else ""
    )
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>{span}{valign}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}<w:jc w:val="{_JC[cell.align]}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _add_table(container, table: Table, deferred: dict[str, str] | None = None) -> None:
    """A bordered table, fixed grid; header rows repeat on every page; no row splits; the rows
    `pagination.rows_kept_together` names stay with the next (keepNext on their paragraphs, which
    Word and LibreOffice honour across rows). Cell margins and the indent that puts the border on
    the text margin come from `rules`, as in the PDF.

    With `deferred` (a whole document being rendered) a long table's body rows stay text: a
    placeholder comment goes into the tree and `_with_deferred_rows` writes the rows in its place
    in the saved document.xml. As elements, 10,000 rows held ~150 MB of lxml nodes in the
    process rendering the decision, and were parsed and serialised again for nothing."""
    widths = [round(w * ooxml.TWIPS_PER_MM) for w in table.widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rule = round(rules.TABLE_RULE_PT * 8)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{rule}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    kept = pagination.rows_kept_together(table)
    rows: list[str] = []
    body_rows: list[str] = []
    for header, group in ((True, table.header), (False, table.rows)):
        style = style_id("table_header" if header else "table")
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        for r, cells in enumerate(group):
            col, tcs = 0, []
            keep = header or r in kept
            for cell in cells:
                tcs.append(_cell_xml(cell, sum(widths[col : col + cell.colspan]), style, header, keep))
                col += cell.colspan
            (rows if header else body_rows).append(f"<w:tr>{trpr}{''.join(tcs)}</w:tr>")
    if deferred is not None and len(body_rows) > DEFERRED_ROWS_FROM:
        key = f"vanban-rows-{len(deferred)}"
        deferred[key] = "".join(body_rows)
        rows.append(f"<!--{key}-->")
    else:
        rows += body_rows
    side = ooxml.twips(rules.TABLE_CELL_MARGIN_MM)
    pad = round(rules.TABLE_CELL_PADDING_PT * 20)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{side}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{pad}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    container.element.body._insert_tbl(parse_xml(xml))  # before the trailing sectPr


def _center_rule(paragraph, length_mm: float, box_mm: float) -> None:
    side = max(0.0, (box_mm - length_mm) / 2)
    ooxml.set_indent(paragraph.paragraph_format, side, side)
    paragraph.paragraph_format.first_line_indent = Mm(0)


def _set_rule_lengths(doc, document: Document) -> None:
    """Give each frame rule its prescribed length by indenting its paragraph from both sides."""
    f = document.frame
    lengths = text_metrics.frame_rule_lengths(f.issuer.name, f.right_title, f.subject, f.issuer.system == "party")
    boxes = {
        "rule_issuer": rules.HEADER_LEFT_COL.default - text_metrics.CELL_MARGINS_MM,
        "rule_motto": rules.HEADER_RIGHT_COL.default - text_metrics.CELL_MARGINS_MM,
        "rule_subject": rules.text_width_mm(),
    }
    wanted = {style_id(k): (lengths[k.removeprefix("rule_")], box) for k, box in boxes.items()}
    for p in doc.element.body.iter(qn("w:p")):
        ppr = p.pPr
        if ppr is None or ppr.pStyle is None or ppr.pStyle.val not in wanted:
            continue
        length, box = wanted[ppr.pStyle.val]
        _center_rule(DocxParagraph(p, doc.part), length, box)


def _landscape_annex_section(doc) -> None:
    """Put the annex marked landscape in its own landscape section at the end of the document.

    The section before it (portrait) ends with a copy of the document's section properties in
    the paragraph before the annex; the final section properties turn landscape.
    """
    body = doc.element.body
    marker = next((p for p in body.iter(qn("w:p")) if p.get(_LANDSCAPE_MARK) == "1"), None)
    if marker is None:
        return
    del marker.attrib[_LANDSCAPE_MARK]
    final = body.sectPr
    portrait = copy.deepcopy(final)
    # A section ends in a paragraph; after the closing table there is none, so add a tiny one
    # (1 pt, no spacing) that cannot spill onto a page of its own.
    holder = OxmlElement("w:p")
    marker.addprevious(holder)
    ppr = holder.get_or_add_pPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)
    ppr.append(portrait)
    # A new section starts on a new page by itself.
    ppr = marker.pPr
    if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
        ppr.remove(ppr.find(qn("w:pageBreakBefore")))
    pgSz = final.find(qn("w:pgSz"))
    w, h = pgSz.get(qn("w:w")), pgSz.get(qn("w:h"))
    pgSz.set(qn("w:w"), h)
    pgSz.set(qn("w:h"), w)
    pgSz.set(qn("w:orient"), "landscape")
    title_pg = final.find(qn("w:titlePg"))
    if title_pg is not None:
        final.remove(title_pg)
