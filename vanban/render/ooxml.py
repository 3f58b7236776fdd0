"""Small WordprocessingML helpers shared by the template builder, the DOCX renderer and the checker.

python-docx covers paragraphs and runs; the properties Decree 30 output depends on — all four
font slots, paragraph borders used as rules, fixed table grids, rows that must not split,
repeating header rows — need the XML directly.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from vanban import rules

TWIPS_PER_MM = 1440 / 25.4

#: Paragraph styles of vanban documents: role → (style id, name shown in Word), from `rules.ROLES`.
PARAGRAPH_STYLES: dict[str, tuple[str, str]] = {
    key: (role.word_id, role.word_name) for key, role in rules.ROLES.items()
}


def style_id(key: str) -> str:
    return PARAGRAPH_STYLES[key][0]


def twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def set_fonts(rpr, name: str = rules.FONT_NAME) -> None:
    """Name the font on every slot (ascii, hAnsi, eastAsia, cs) so Word never substitutes."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _child(parent, tag: str, before: tuple[str, ...] = ()):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def set_bottom_border(ppr, weight_pt: float = rules.RULE_WEIGHT_PT) -> None:
    """A solid paragraph bottom border: the prescribed form of the short rules (never underline)."""
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        # pBdr must precede shd/tabs/spacing/ind/jc in CT_PPr order; python-docx inserts in order
        # for known children, so insert right after pStyle/keepNext/keepLines/pageBreakBefore.
        anchor = None
        for tag in (
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
        ):
            found = ppr.find(qn(tag))
            if found is not None:
                anchor = found
        if anchor is None:
            ppr.insert(0, bdr)
        else:
            anchor.addnext(bdr)
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(weight_pt * 8)))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)


def set_indent(paragraph_format, left_mm: float, right_mm: float) -> None:
    paragraph_format.left_indent = Mm(left_mm)
    paragraph_format.right_indent = Mm(right_mm)


def borderless_fixed_table(table, widths_mm: list[float], indent_mm: float = 0.0) -> None:
    """Fixed layout, matching grid and cell widths (LibreOffice lays out from the grid), no borders.

    `indent_mm` is where the table's left edge goes, as in the PDF. Word 2010 layout (the
    templates' compatibility mode) and LibreOffice put the first cell's *text* at `w:tblInd`, so
    the indent written is the edge plus the cell margin, which is set explicitly.
    """
    tbl = table._tbl
    tblPr = tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblInd", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        el = tblPr.find(qn(tag))
        if el is not None:
            tblPr.remove(el)
    tblW = OxmlElement("w:tblW")
    tblW.set(qn("w:w"), twips(sum(widths_mm)))
    tblW.set(qn("w:type"), "dxa")
    tblInd = OxmlElement("w:tblInd")
    tblInd.set(qn("w:w"), twips(indent_mm + rules.TABLE_CELL_MARGIN_MM))
    tblInd.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "nil")
        borders.append(b)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), twips(rules.TABLE_CELL_MARGIN_MM))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    for el in (tblW, tblInd, borders, layout, margins):
        tblPr.append(el)
    set_grid(table, widths_mm)


def set_grid(table, widths_mm: list[float]) -> None:
    tbl = table._tbl
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths_mm:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), twips(w))
        grid.append(col)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=False):
            tcPr = cell._tc.get_or_add_tcPr()
            tcW = tcPr.find(qn("w:tcW"))
            if tcW is None:
                tcW = OxmlElement("w:tcW")
                tcPr.insert(0, tcW)
            tcW.set(qn("w:w"), twips(w))
            tcW.set(qn("w:type"), "dxa")


def set_table_borders(table, weight_pt: float = 0.5) -> None:
    """Single lines on every edge (annex tables)."""
    tblPr = table._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), str(round(weight_pt * 8)))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    layout = tblPr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        tblPr.append(borders)


def row_cant_split(row, header: bool = False) -> None:
    """Keep the row on one page; `header=True` also repeats it at the top of every page."""
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.append(OxmlElement("w:cantSplit"))
    if header and trPr.find(qn("w:tblHeader")) is None:
        trPr.append(OxmlElement("w:tblHeader"))


def add_page_field(paragraph) -> None:
    """A PAGE field (complex form, as Word writes it)."""

    def fld(kind: str):
        r = OxmlElement("w:r")
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r.append(fc)
        return r

    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run.append(instr)
    shown = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    shown.append(t)
    for el in (fld("begin"), instr_run, fld("separate"), shown, fld("end")):
        paragraph._p.append(el)
