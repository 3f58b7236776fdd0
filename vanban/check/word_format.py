"""The formatting Word would show for a run or a paragraph, whatever the file wrote where.

A DOCX may say "13 pt, bold" on the run itself, in a character style, in the paragraph's style,
in the style that one is `basedOn`, or only in the document defaults (`w:docDefaults`). python-docx
answers `run.font.size` only from the run's own properties, so a checker that trusts it reports
`None` for a perfectly good document written with styles (as vanban's are), and the wrong value for
a document that overrides a style locally. `WordFormat` walks the same chain Word walks:

    run properties → character style (and its basedOn chain)
                   → paragraph style (and its basedOn chain, or the default paragraph style)
                   → document defaults

and returns the first value found. Paragraph properties walk the paragraph's own `w:pPr`, then the
paragraph style chain, then the default paragraph properties. Nothing here knows Decree 30: it
reads formatting; the checks compare it with `vanban.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml.etree import _Element

#: The four `w:rFonts` slots Word picks a font from, by the script of each character.
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")

#: The theme attribute of each slot is the slot's name + `Theme`, except this one (lower-case t).
_THEME_ATTRIBUTE = {"w:cs": "w:cstheme"}

_OFF = ("0", "false", "off")


class WordFormat:
    """Effective formatting of one opened document, resolved through styles and defaults."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        styles = doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        self.default_rpr: _Element | None = (
            defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
        )
        self.default_ppr: _Element | None = (
            defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr")) if defaults is not None else None
        )
        self.styles: dict[str | None, _Element] = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.default_para_style: _Element | None = next(
            (
                s
                for s in styles.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"
            ),
            None,
        )

    # --- the chains -------------------------------------------------------------------------
    def style_chain(self, style_id: str | None) -> Iterator[_Element]:
        """The style `style_id` (or the default paragraph style when None), then each style it is
        `basedOn`, nearest first. A `basedOn` loop (Word tolerates one) ends the walk."""
        style = self.styles.get(style_id) if style_id else self.default_para_style
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(qn("w:basedOn"))
            style = self.styles.get(based.get(qn("w:val"))) if based is not None else None

    def run_properties(self, paragraph: DocxParagraph, run: DocxRun | None = None) -> Iterator[_Element]:
        """Every `w:rPr` that may decide a run's formatting, in the order Word consults them.
        Without a run: the paragraph's style chain and the defaults (what an empty run would get)."""
        if run is not None and run._r.rPr is not None:
            yield run._r.rPr
            rstyle = run._r.rPr.find(qn("w:rStyle"))
            if rstyle is not None:
                for st in self.style_chain(rstyle.get(qn("w:val"))):
                    if st.find(qn("w:rPr")) is not None:
                        yield st.find(qn("w:rPr"))
        for st in self.style_chain(self.paragraph_style_id(paragraph)):
            if st.find(qn("w:rPr")) is not None:
                yield st.find(qn("w:rPr"))
        if self.default_rpr is not None:
            yield self.default_rpr

    def paragraph_properties(self, paragraph: DocxParagraph) -> Iterator[_Element]:
        """Every `w:pPr` that may decide a paragraph's formatting, in the order Word consults them."""
        if paragraph._p.pPr is not None:
            yield paragraph._p.pPr
        for st in self.style_chain(self.paragraph_style_id(paragraph)):
            if st.find(qn("w:pPr")) is not None:
                yield st.find(qn("w:pPr"))
        if self.default_ppr is not None:
            yield self.default_ppr

    @staticmethod
    def paragraph_style_id(paragraph: DocxParagraph) -> str | None:
        """The paragraph's own `w:pStyle`, or None (then the default paragraph style applies)."""
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.pStyle is not None:
            return ppr.pStyle.val
        return None

    # --- run formatting ---------------------------------------------------------------------
    def run_prop(self, paragraph: DocxParagraph, run: DocxRun | None, tag: str, attr: str = "w:val") -> str | None:
        """The first `tag` element found along the run's chain: its `attr`, or None if no level sets
        it. An element present without `w:val` (`<w:b/>`) answers "true", as Word reads it."""
        for rpr in self.run_properties(paragraph, run):
            el = rpr.find(qn(tag))
            if el is not None:
                return el.get(qn(attr), "true") if attr == "w:val" else el.get(qn(attr))
        return None

    def size(self, paragraph: DocxParagraph, run: DocxRun | None = None) -> float | None:
        """Font size in points (`w:sz` holds half-points), or None if nothing sets it."""
        val = self.run_prop(paragraph, run, "w:sz")
        return int(val) / 2 if val not in (None, "true") else None

    def flag(self, paragraph: DocxParagraph, run: DocxRun | None, tag: str) -> bool:
        """An on/off property (`w:b`, `w:i`, …): on unless absent or set to 0/false/off."""
        val = self.run_prop(paragraph, run, tag)
        return val is not None and val not in _OFF

    def fonts(self, paragraph: DocxParagraph, run: DocxRun | None) -> dict[str, str | None]:
        """The font of each slot (`ascii`, `hAnsi`, `eastAsia`, `cs`), each resolved on its own:
        a run may name only `ascii` and inherit the rest. A theme font reads `theme:<name>`
        (`theme:minorHAnsi`) and, as ECMA-376 §17.3.2.26 says, wins over a font named on the same
        `w:rFonts` (Word shows the theme's font, not the named one); None means no level names one
        (Word then falls back silently). The complex-script theme attribute is spelled `w:cstheme`."""
        found: dict[str, str | None] = {}
        for slot in FONT_SLOTS:
            theme_attr = qn(_THEME_ATTRIBUTE.get(slot, slot + "Theme"))
            for rpr in self.run_properties(paragraph, run):
                el = rpr.find(qn("w:rFonts"))
                if el is None:
                    continue
                theme, name = el.get(theme_attr), el.get(qn(slot))
                if theme or name:
                    found[slot[2:]] = f"theme:{theme}" if theme else name
                    break
            else:
                found[slot[2:]] = None
        return found

    # --- paragraph formatting ---------------------------------------------------------------
    def para_prop(self, paragraph: DocxParagraph, tag: str, attr: str) -> str | None:
        """The first `attr` of a `tag` element along the paragraph's chain. Per attribute, not per
        element: a style may set `w:spacing/@w:after` while the paragraph sets only `@w:before`."""
        for ppr in self.paragraph_properties(paragraph):
            el = ppr.find(qn(tag))
            if el is not None and el.get(qn(attr)) is not None:
                return el.get(qn(attr))
        return None

    def alignment(self, paragraph: DocxParagraph) -> str:
        """`left`, `center`, `right` or `justify` (Word's `both`; `start`/`end` read as left/right)."""
        val = self.para_prop(paragraph, "w:jc", "w:val") or "left"
        return {"both": "justify", "start": "left", "end": "right"}.get(val, val)

    def first_line_mm(self, paragraph: DocxParagraph) -> float:
        """First-line indent in millimetres (`w:ind/@w:firstLine` is in twentieths of a point)."""
        val = self.para_prop(paragraph, "w:ind", "w:firstLine")
        return int(val) / 1440 * 25.4 if val else 0.0

    def space_after_pt(self, paragraph: DocxParagraph) -> float:
        """Space after the paragraph in points."""
        val = self.para_prop(paragraph, "w:spacing", "w:after")
        return int(val) / 20 if val else 0.0

    def has_bottom_border(self, paragraph: DocxParagraph) -> bool:
        """Whether a bottom paragraph border (how a rule under a line is often drawn) is in effect;
        the nearest `w:pBdr` that sets a bottom border decides, `nil`/`none` meaning off."""
        for ppr in self.paragraph_properties(paragraph):
            bdr = ppr.find(qn("w:pBdr"))
            if bdr is not None and bdr.find(qn("w:bottom")) is not None:
                return bdr.find(qn("w:bottom")).get(qn("w:val")) not in ("nil", "none")
        return False
