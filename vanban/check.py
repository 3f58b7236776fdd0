"""The Decree 30 checker: read any DOCX (and, where it can, a PDF) and report rule by rule.

It does not trust that the file came from vanban: elements are found by their text and place
(the national name, the `Số` line, the `ngày … tháng … năm` line, the table holding `Nơi nhận:`),
and formatting is resolved the way Word resolves it — run, then paragraph style and its
`basedOn` chain, then the document defaults. Every value compared comes from `vanban.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from vanban import rules

EMU_PER_MM = 36000


@dataclass(frozen=True)
class Result:
    rule: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'}  {self.rule:<22} {self.detail}"


# ---------------------------------------------------------------------------------------------
# Effective formatting (run → character style → paragraph style chain → document defaults)


class _Resolver:
    def __init__(self, doc) -> None:
        self.doc = doc
        styles = doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
        self.default_ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr")) if defaults is not None else None
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.default_para_style = next(
            (
                s
                for s in styles.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"
            ),
            None,
        )

    def _style_chain(self, style_id: str | None):
        style = self.styles.get(style_id) if style_id else self.default_para_style
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(qn("w:basedOn"))
            style = self.styles.get(based.get(qn("w:val"))) if based is not None else None

    def _rpr_chain(self, paragraph: DocxParagraph, run=None):
        if run is not None and run._r.rPr is not None:
            yield run._r.rPr
            rstyle = run._r.rPr.find(qn("w:rStyle"))
            if rstyle is not None:
                for st in self._style_chain(rstyle.get(qn("w:val"))):
                    if st.find(qn("w:rPr")) is not None:
                        yield st.find(qn("w:rPr"))
        for st in self._style_chain(self._pstyle(paragraph)):
            if st.find(qn("w:rPr")) is not None:
                yield st.find(qn("w:rPr"))
        if self.default_rpr is not None:
            yield self.default_rpr

    def _ppr_chain(self, paragraph: DocxParagraph):
        if paragraph._p.pPr is not None:
            yield paragraph._p.pPr
        for st in self._style_chain(self._pstyle(paragraph)):
            if st.find(qn("w:pPr")) is not None:
                yield st.find(qn("w:pPr"))
        if self.default_ppr is not None:
            yield self.default_ppr

    @staticmethod
    def _pstyle(paragraph: DocxParagraph) -> str | None:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.pStyle is not None:
            return ppr.pStyle.val
        return None

    def run_prop(self, paragraph, run, tag: str, attr: str = "w:val"):
        for rpr in self._rpr_chain(paragraph, run):
            el = rpr.find(qn(tag))
            if el is not None:
                return el.get(qn(attr), "true") if attr == "w:val" else el.get(qn(attr))
        return None

    def size(self, paragraph, run=None) -> float | None:
        val = self.run_prop(paragraph, run, "w:sz")
        return int(val) / 2 if val not in (None, "true") else None

    def flag(self, paragraph, run, tag: str) -> bool:
        val = self.run_prop(paragraph, run, tag)
        return val is not None and val not in ("0", "false", "off")

    def fonts(self, paragraph, run) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            for rpr in self._rpr_chain(paragraph, run):
                el = rpr.find(qn("w:rFonts"))
                if el is not None and (el.get(qn(slot)) or el.get(qn(slot.replace("w:", "w:") + "Theme"))):
                    found[slot[2:]] = el.get(qn(slot)) or f"theme:{el.get(qn(slot + 'Theme'))}"
                    break
            else:
                found[slot[2:]] = None
        return found

    def para_prop(self, paragraph, tag: str, attr: str):
        for ppr in self._ppr_chain(paragraph):
            el = ppr.find(qn(tag))
            if el is not None and el.get(qn(attr)) is not None:
                return el.get(qn(attr))
        return None

    def alignment(self, paragraph) -> str:
        val = self.para_prop(paragraph, "w:jc", "w:val") or "left"
        return {"both": "justify", "start": "left", "end": "right"}.get(val, val)

    def first_line_mm(self, paragraph) -> float:
        val = self.para_prop(paragraph, "w:ind", "w:firstLine")
        return int(val) / 1440 * 25.4 if val else 0.0

    def space_after_pt(self, paragraph) -> float:
        val = self.para_prop(paragraph, "w:spacing", "w:after")
        return int(val) / 20 if val else 0.0

    def has_bottom_border(self, paragraph) -> bool:
        for ppr in self._ppr_chain(paragraph):
            bdr = ppr.find(qn("w:pBdr"))
            if bdr is not None and bdr.find(qn("w:bottom")) is not None:
                return bdr.find(qn("w:bottom")).get(qn("w:val")) not in ("nil", "none")
        return False


def _text(p: DocxParagraph) -> str:
    return p.text.strip()


def _runs(p: DocxParagraph):
    return [r for r in p.runs if r.text.strip()]


# ---------------------------------------------------------------------------------------------


class DocxChecker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc = open_docx(str(path))
        self.res = _Resolver(self.doc)
        self.results: list[Result] = []
        body = self.doc.element.body
        self.blocks = [
            DocxParagraph(el, self.doc._body) if el.tag == qn("w:p") else DocxTable(el, self.doc._body)
            for el in body
            if el.tag in (qn("w:p"), qn("w:tbl"))
        ]
        self.header_table = next((b for b in self.blocks if isinstance(b, DocxTable)), None)
        self.closing_table = next(
            (
                b
                for b in reversed(self.blocks)
                if isinstance(b, DocxTable) and rules.RECIPIENTS_LABEL in "".join(c.text for c in _cells(b))
            ),
            None,
        )
        self.header_paragraphs = (
            [p for c in _cells(self.header_table) for p in c.paragraphs] if self.header_table else []
        )

    def add(self, rule: str, ok: bool, detail: str) -> None:
        self.results.append(Result(rule, ok, detail))

    #: The rules this checker applies, in reporting order.
    CHECKS = (
        "check_page",
        "check_margins",
        "check_fonts",
        "check_page_numbers",
        "check_header_right",
        "check_issuer",
        "check_number",
        "check_date",
        "check_type_and_subject",
        "check_body",
        "check_closing",
    )

    def run(self) -> list[Result]:
        for name in self.CHECKS:
            getattr(self, name)()
        return self.results

    # --- page -----------------------------------------------------------------------------
    def _page_size(self, rule: str, width: float, height: float, what: str) -> None:
        sec = self.doc.sections[0]
        w, h = sec.page_width / EMU_PER_MM, sec.page_height / EMU_PER_MM
        ok = abs(w - width) < 1 and abs(h - height) < 1
        self.add(rule, ok, f"{w:.1f} × {h:.1f} mm" + ("" if ok else f" (expected {what} {width:g} × {height:g} mm)"))

    def check_page(self) -> None:
        self._page_size("page.size", rules.PAGE_WIDTH_MM, rules.PAGE_HEIGHT_MM, "A4 portrait")

    def check_margins(self) -> None:
        sec = self.doc.sections[0]
        problems = []
        for name, value, allowed in (
            ("top", sec.top_margin, rules.MARGIN_TOP),
            ("bottom", sec.bottom_margin, rules.MARGIN_BOTTOM),
            ("left", sec.left_margin, rules.MARGIN_LEFT),
            ("right", sec.right_margin, rules.MARGIN_RIGHT),
        ):
            mm = value / EMU_PER_MM
            if mm not in allowed:
                problems.append(f"{name} {mm:.1f} mm (expected {allowed.low:g}–{allowed.high:g})")
        got = ", ".join(
            f"{n} {v / EMU_PER_MM:.0f}"
            for n, v in (
                ("top", sec.top_margin),
                ("bottom", sec.bottom_margin),
                ("left", sec.left_margin),
                ("right", sec.right_margin),
            )
        )
        self.add("page.margins", not problems, "; ".join(problems) or f"{got} mm")

    def _all_paragraphs(self):
        for block in self.blocks:
            if isinstance(block, DocxParagraph):
                yield block
            else:
                for cell in _cells(block):
                    yield from cell.paragraphs

    def check_fonts(self) -> None:
        bad = []
        for p in self._all_paragraphs():
            for r in _runs(p):
                fonts = self.res.fonts(p, r)
                wrong = {slot: name for slot, name in fonts.items() if name != rules.FONT_NAME}
                if wrong:
                    bad.append(f"“{r.text.strip()[:30]}” " + ", ".join(f"{s}={n}" for s, n in wrong.items()))
        self.add(
            "fonts",
            not bad,
            f"{len(bad)} run(s) not in {rules.FONT_NAME}: " + "; ".join(bad[:3])
            if bad
            else f"{rules.FONT_NAME} on every run and slot (ascii, hAnsi, eastAsia, cs)",
        )

    def check_page_numbers(self) -> None:
        sec = self.doc.sections[0]
        title_pg = sec._sectPr.find(qn("w:titlePg"))
        first_page = title_pg is not None and title_pg.get(qn("w:val"), "1") not in ("0", "false")
        header = sec.header
        xml = header._element.xml if not header.is_linked_to_previous else ""
        has_page = (
            "PAGE" in "".join(header._element.itertext())
            or 'instr=" PAGE' in xml
            or "w:instrText" in xml
            and " PAGE " in xml
        )
        centered = any(self.res.alignment(p) == "center" for p in header.paragraphs) if has_page else False
        first_empty = not any(p.text.strip() for p in sec.first_page_header.paragraphs) if first_page else False
        ok = has_page and centered and first_page and first_empty
        self.add(
            "page.numbers",
            ok,
            "PAGE field centred in the header, none on page 1"
            if ok
            else "expected a centred PAGE field in the header and a different, empty first-page header",
        )

    # --- header ---------------------------------------------------------------------------
    def _find(self, predicate, paragraphs=None) -> DocxParagraph | None:
        for p in paragraphs if paragraphs is not None else self.header_paragraphs:
            if predicate(_text(p)):
                return p
        return None

    def _style_problems(self, p: DocxParagraph, key: str) -> list[str]:
        style = rules.STYLES[key]
        problems = []
        for r in _runs(p):
            size = self.res.size(p, r)
            if size is None or size not in style.size:
                problems.append(f"size {size} pt (expected {style.size.low:g}–{style.size.high:g})")
            if self.res.flag(p, r, "w:b") != style.bold:
                problems.append("bold" if not style.bold else "not bold")
            if self.res.flag(p, r, "w:i") != style.italic:
                problems.append("italic" if not style.italic else "not italic")
            underline = self.res.run_prop(p, r, "w:u")
            if underline not in (None, "none", "0", "false"):
                problems.append("text underline (draw a line or a paragraph border instead)")
            if problems:
                break
        if style.caps and _text(p) != _text(p).upper():
            problems.append("not in capitals")
        return problems

    def _next_paragraph(self, p: DocxParagraph) -> DocxParagraph | None:
        el = p._p.getnext()
        while el is not None and el.tag != qn("w:p"):
            el = el.getnext()
        return DocxParagraph(el, p._parent) if el is not None else None

    def _rule_under(self, p: DocxParagraph) -> bool:
        nxt = self._next_paragraph(p)
        return (
            self.res.has_bottom_border(p)
            or (nxt is not None and not _text(nxt) and self.res.has_bottom_border(nxt))
            or (nxt is not None and "w:drawing" in nxt._p.xml or "v:line" in (nxt._p.xml if nxt is not None else ""))
        )

    def check_header_right(self) -> None:
        party = self._find(lambda t: t == rules.PARTY_NAME)
        if party is not None:
            problems = self._style_problems(party, "party_name")
            if not self._rule_under(party):
                problems.append("no line under it")
            self.add("header.party_name", not problems, "; ".join(problems) or rules.PARTY_NAME)
            return
        nat = self._find(lambda t: t == rules.NATIONAL_NAME)
        if nat is None:
            near = self._find(lambda t: "CỘNG H" in t.upper())
            self.add(
                "header.national_name",
                False,
                f"expected “{rules.NATIONAL_NAME}”"
                + (f", found “{_text(near)}”" if near is not None else ", not found in the header table"),
            )
        else:
            problems = self._style_problems(nat, "national_name")
            self.add("header.national_name", not problems, "; ".join(problems) or rules.NATIONAL_NAME)
        motto = self._find(lambda t: t == rules.MOTTO)
        if motto is None:
            near = self._find(lambda t: "Hạnh phúc" in t or "Độc lập" in t)
            self.add(
                "header.motto",
                False,
                f"expected “{rules.MOTTO}”" + (f", found “{_text(near)}”" if near is not None else ""),
            )
        else:
            problems = self._style_problems(motto, "motto")
            if not self._rule_under(motto):
                problems.append("no line under the motto")
            self.add("header.motto", not problems, "; ".join(problems) or f"{rules.MOTTO}, line under it")

    def check_issuer(self) -> None:
        if self.header_table is None:
            self.add("header.issuer", False, "no header table (two columns: issuer | national name)")
            return
        left = self.header_table.rows[0].cells[0]
        lines = [p for p in left.paragraphs if _text(p)]
        bold_lines = [p for p in lines if _runs(p) and all(self.res.flag(p, r, "w:b") for r in _runs(p))]
        if not bold_lines:
            self.add("header.issuer", False, "no bold issuing body in the header's left column")
            return
        problems = []
        for p in bold_lines:
            problems += self._style_problems(p, "issuer")
        for p in lines:
            if p not in bold_lines and rules.PARTY_STAR != _text(p):
                problems += [f"parent body: {x}" for x in self._style_problems(p, "parent")]
        party = self._find(lambda t: t == rules.PARTY_NAME) is not None
        last = bold_lines[-1]
        if party:
            nxt = self._next_paragraph(last)
            if nxt is None or _text(nxt) != rules.PARTY_STAR:
                problems.append("no `*` under the Party issuer")
        elif not self._rule_under(last):
            problems.append("no line under the issuing body")
        self.add(
            "header.issuer", not problems, "; ".join(dict.fromkeys(problems)) or " / ".join(_text(p) for p in lines)
        )

    def check_number(self) -> None:
        p = self._find(lambda t: t.startswith("Số"))
        if p is None:
            self.add("number", False, "no `Số: …` line in the header")
            return
        text = p.text.strip(" ")
        problems = rules.number_line_problems(text) + self._style_problems(p, "number")
        self.add("number", not problems, "; ".join(problems) or text)

    def check_date(self) -> None:
        p = self._find(lambda t: bool(rules.DATE_RE.search(t)))
        if p is None:
            self.add("date", False, "no `<Place>, ngày DD tháng M năm YYYY` line in the header")
            return
        problems = rules.date_form_problems(_text(p))
        if "," not in _text(p).split("ngày")[0]:
            problems.append("expected `<Place>, ngày …`")
        problems += self._style_problems(p, "place_date")
        self.add("date", not problems, "; ".join(problems) or _text(p))

    # --- title and body -------------------------------------------------------------------
    def _body_paragraphs(self) -> list[DocxParagraph]:
        """Top-level paragraphs between the header table and the closing table."""
        out, started = [], False
        for block in self.blocks:
            if block is self.header_table:
                started = True
                continue
            if block is self.closing_table:
                break
            if started and isinstance(block, DocxParagraph) and _text(block):
                out.append(block)
        return out

    def check_type_and_subject(self) -> None:
        paras = self._body_paragraphs()
        if not paras:
            self.add("type_name", False, "no text after the header")
            return
        cv = any(_text(p).startswith("V/v") for p in self.header_paragraphs)
        if cv:
            self.add("type_name", True, "công văn: no type name, subject `V/v …` under the number")
            return
        first = paras[0]
        known = {name.upper() for name in rules.TYPE_ABBREVIATIONS.values()}
        problems = [] if _text(first) in known else [f"“{_text(first)[:40]}” is not a type name of Appendix III"]
        problems += self._style_problems(first, "type_name")
        if self.res.alignment(first) != "center":
            problems.append("not centred")
        self.add("type_name", not problems, "; ".join(problems) or _text(first))
        subject = paras[1:2]
        if subject:
            sp = self._style_problems(subject[0], "subject")
            rule_found = any(self._rule_under(p) for p in paras[1:4])
            if not rule_found:
                sp.append("no line under the subject")
            self.add("subject", not sp, "; ".join(sp) or _text(subject[0])[:60])

    def check_body(self) -> None:
        paras = self._body_paragraphs()
        justified = [p for p in paras if self.res.alignment(p) == "justify"]
        if not justified:
            self.add("body", False, "no justified body paragraph")
            return
        problems = []
        for p in justified:
            where = f"“{_text(p)[:30]}…”"
            indent = self.res.first_line_mm(p)
            if indent not in rules.FIRST_LINE_INDENT_MM:
                problems.append(
                    f"{where} first-line indent {indent:.1f} mm (expected "
                    f"{rules.FIRST_LINE_INDENT_MM.low:g}–{rules.FIRST_LINE_INDENT_MM.high:g})"
                )
            if self.res.space_after_pt(p) < rules.PARAGRAPH_SPACING_PT.low and not self._space_before_next(p):
                problems.append(f"{where} less than {rules.PARAGRAPH_SPACING_PT.low:g} pt between paragraphs")
            for r in _runs(p):
                size = self.res.size(p, r)
                if size not in rules.STYLES["body"].size:
                    problems.append(f"{where} size {size} pt (expected 13–14)")
                    break
            if p._p.find(".//" + qn("w:br")) is not None and not p._p.findall(".//" + qn("w:br"))[0].get(qn("w:type")):
                problems.append(f"{where} manual line break inside a justified paragraph")
            if p._p.pPr is not None and p._p.pPr.numPr is not None:
                problems.append(f"{where} Word list numbering (write `- ` as text)")
        self.add(
            "body",
            not problems,
            "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
            if problems
            else f"{len(justified)} justified paragraphs, indent and spacing per rule",
        )

    def _space_before_next(self, p: DocxParagraph) -> bool:
        nxt = self._next_paragraph(p)
        if nxt is None:
            return True
        val = self.res.para_prop(nxt, "w:spacing", "w:before")
        return bool(val) and int(val) / 20 >= rules.PARAGRAPH_SPACING_PT.low

    # --- signature and recipients ---------------------------------------------------------
    def check_closing(self) -> None:
        t = self.closing_table
        if t is None:
            self.add("signature", False, "no table holding `Nơi nhận:` and the signature block")
            self.add("recipients", False, "no `Nơi nhận:`")
            return
        problems = []
        for row in t.rows:
            trpr = row._tr.trPr
            if trpr is None or trpr.find(qn("w:cantSplit")) is None:
                problems.append("row may split across pages (set `cantSplit`)")
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders):
            problems.append("table has borders")
        cells = t.rows[-1].cells
        signer = [p for p in cells[-1].paragraphs if _text(p)]
        if len(signer) < 3:
            problems.append("signature block needs authority/title lines and the name")
        else:
            *titles, name = signer
            for p in titles:
                problems += [f"“{_text(p)}”: {x}" for x in self._style_problems(p, "signer_title")]
            if not rules.AUTHORITY_RE.match(_text(titles[0])) and len(titles) > 1:
                problems.append(
                    f"“{_text(titles[0])}” does not start with an authority word " + "/".join(rules.AUTHORITY_WORDS)
                )
            problems += [f"name: {x}" for x in self._style_problems(name, "signer_name")]
        self.add("signature", not problems, "; ".join(problems) or " / ".join(_text(p) for p in signer))

        lines = [p for p in cells[0].paragraphs if _text(p)]
        rp = []
        if not lines or _text(lines[0]) != rules.RECIPIENTS_LABEL:
            rp.append(f"first line must be `{rules.RECIPIENTS_LABEL}`")
        else:
            rp += [f"label: {x}" for x in self._style_problems(lines[0], "recipients_label")]
            items = lines[1:]
            if not items:
                rp.append("no recipients")
            for p in items[:-1]:
                text = _text(p)
                if not text.startswith("- ") or not re.search(r";(\s*\(.*\))?$|\)\s*;$", text):
                    rp.append(f"“{text}” should start `- ` and end `;`")
                rp += [f"“{text[:20]}”: {x}" for x in self._style_problems(p, "recipient")]
            if items:
                last = _text(items[-1])
                if not (last.startswith("- " + rules.ARCHIVE_PREFIX) and last.endswith(".")):
                    rp.append(f"last item “{last}” should be `- Lưu: VT, … .`")
        self.add(
            "recipients", not rp, "; ".join(dict.fromkeys(rp)) or f"{len(lines) - 1} items, ends “{_text(lines[-1])}”"
        )


def _cells(table: DocxTable | None):
    if table is None:
        return []
    seen, out = set(), []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                out.append(cell)
    return out


class CertificateChecker(DocxChecker):
    """A certificate (Giấy khen / Bằng khen) is not an administrative document: no header table,
    no Nơi nhận. It is checked for what it must carry: the page, Times New Roman, the national
    lines and the title (unless printed on pre-printed stock, which carries them), the decision's
    number and date, the place and date, and the signer's authority."""

    CHECKS = (
        "check_cert_page",
        "check_fonts",
        "check_cert_titles",
        "check_cert_number",
        "check_cert_date",
        "check_cert_signer",
    )

    def run(self) -> list[Result]:
        self.lines = [line.strip() for p in self._all_paragraphs() for line in p.text.split("\n") if line.strip()]
        return super().run()

    def check_cert_page(self) -> None:
        self._page_size("cert.page", rules.PAGE_HEIGHT_MM, rules.PAGE_WIDTH_MM, "A4 landscape")

    def check_cert_titles(self) -> None:
        title = next((ln for ln in self.lines if ln in rules.CERTIFICATE_TITLES), None)
        national = rules.NATIONAL_NAME in self.lines
        if title is None and not national:
            self.add("cert.titles", True, "pre-printed stock: national lines and title are on the blank")
            return
        problems = []
        if not national:
            problems.append(f"no “{rules.NATIONAL_NAME}”")
        if rules.MOTTO not in self.lines:
            problems.append(f"no “{rules.MOTTO}”")
        if title is None:
            problems.append("no title " + " / ".join(rules.CERTIFICATE_TITLES))
        self.add("cert.titles", not problems, "; ".join(problems) or f"national lines, {title}")

    def check_cert_number(self) -> None:
        line = next((ln for ln in self.lines if ln.startswith("Số:") and " ngày " in ln), None)
        if line is None:
            self.add("cert.number", False, "no `Số: NN/QĐ-… ngày DD/MM/YYYY` line")
            return
        number, _, date = line.partition(" ngày ")
        problems = rules.number_line_problems(number)
        m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", date.strip())
        if not m:
            problems.append(f"date “{date}” is not DD/MM/YYYY")
        else:
            try:
                dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                problems.append(f"“{date}” is not a real date")
        self.add("cert.number", not problems, "; ".join(problems) or line)

    def check_cert_date(self) -> None:
        line = next((ln for ln in self.lines if rules.DATE_RE.search(ln) and "," in ln), None)
        problems = rules.date_form_problems(line) if line else ["no `<Place>, ngày DD tháng M năm YYYY` line"]
        self.add("cert.date", not problems, "; ".join(problems) or line)

    def check_cert_signer(self) -> None:
        authority = [ln for ln in self.lines if rules.AUTHORITY_RE.match(ln)]
        self.add(
            "cert.signer",
            bool(authority),
            " / ".join(authority) if authority else "no authority line (TM./KT./Q./TL./TUQ. …) above the signer",
        )


def _is_certificate(checker: DocxChecker) -> bool:
    sec = checker.doc.sections[0]
    landscape = sec.page_width > sec.page_height
    text = "\n".join(p.text for p in checker._all_paragraphs())
    return (
        landscape
        and checker.closing_table is None
        and ("Số sổ vàng" in text or any(t in text for t in rules.CERTIFICATE_TITLES))
    )


def check_docx(path: Path) -> list[Result]:
    checker = DocxChecker(path)
    if _is_certificate(checker):
        return CertificateChecker(path).run()
    return checker.run()


# ---------------------------------------------------------------------------------------------
# PDF: what can be read back from a PDF — page size, embedded fonts, header text.


def check_pdf(path: Path) -> list[Result]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    results = []
    page = reader.pages[0]
    w_mm = float(page.mediabox.width) * rules.MM_PER_PT
    h_mm = float(page.mediabox.height) * rules.MM_PER_PT
    ok = abs(w_mm - rules.PAGE_WIDTH_MM) < 1 and abs(h_mm - rules.PAGE_HEIGHT_MM) < 1
    results.append(Result("pdf.page.size", ok, f"{w_mm:.1f} × {h_mm:.1f} mm"))
    fonts, unembedded = set(), set()
    for pg in reader.pages:
        res = pg.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "?")).split("+")[-1]
            fonts.add(name)
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                unembedded.add(name)
    allowed = [f.replace(" ", "") for f in (rules.FONT_NAME, *rules.FONT_FALLBACKS)]
    wrong = {f for f in fonts if not any(a.lower() in f.replace("-", "").replace(",", "").lower() for a in allowed)}
    results.append(
        Result(
            "pdf.fonts",
            not unembedded and not wrong and bool(fonts),
            f"embedded: {', '.join(sorted(fonts))}"
            if not unembedded and not wrong
            else f"not embedded: {sorted(unembedded)}; not Times-compatible: {sorted(wrong)}",
        )
    )
    text = page.extract_text() or ""
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines()]
    national = rules.NATIONAL_NAME in lines or rules.PARTY_NAME in lines
    # The number and the date stand on one level, so text extraction may put them on one line.
    tokens = [m.group(0) for ln in lines for m in [re.search(r"Số:? \S+", ln)] if m]
    number = any(not rules.number_line_problems(t) for t in tokens)
    date = next((ln for ln in lines if rules.DATE_RE.search(ln)), None)
    problems = []
    if not national:
        problems.append("national name / Party name not found")
    if rules.PARTY_NAME not in lines and rules.MOTTO not in lines:
        problems.append("motto not found")
    if not number:
        problems.append("no well-formed `Số:` line")
    if date is None:
        problems.append("no date line")
    else:
        problems += rules.date_form_problems(date)
    results.append(
        Result("pdf.header", not problems, "; ".join(problems) or "national name, motto, number and date found")
    )
    return results


def check_file(path: Path) -> list[Result]:
    if path.suffix.lower() == ".pdf":
        return check_pdf(path)
    return check_docx(path)
