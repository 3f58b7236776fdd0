"""What a DOCX check sees: the opened file, its `WordFormat`, and its parts found by text and place.

The checker does not trust that the file came from vanban: the header table is the first table,
the closing table is the last table holding `Nơi nhận:`, the body is the top-level paragraphs
between them. These parts are located once per file here, and every check reads them from the
context instead of searching again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell as DocxCell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from vanban import rules
from vanban.check.word_format import WordFormat

#: English Metric Units per millimetre (python-docx lengths are EMU).
EMU_PER_MM = 36000


def text(p: DocxParagraph) -> str:
    """The paragraph's text as read: no-break spaces as spaces, word joiners dropped
    (`rules.no_break_tokens`), without surrounding spaces."""
    return rules.plain_spaces(p.text).strip()


def runs(p: DocxParagraph) -> list[DocxRun]:
    """The runs that carry visible text (empty runs say nothing about the formatting seen)."""
    return [r for r in p.runs if r.text.strip()]


def cells(table: DocxTable | None) -> list[DocxCell]:
    """Each cell of the table once (a merged cell is returned by python-docx for every grid slot)."""
    if table is None:
        return []
    seen, out = set(), []
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                out.append(cell)
    return out


class DocxContext:
    """One opened DOCX and its located parts, shared by the document and certificate checks."""

    def __init__(self, path: Path, document: DocxDocument) -> None:
        self.path = path
        self.document = document
        self.fmt = WordFormat(document)
        body = document.element.body
        #: Top-level paragraphs and tables, in document order.
        self.blocks: list[DocxParagraph | DocxTable] = [
            DocxParagraph(el, document._body) if el.tag == qn("w:p") else DocxTable(el, document._body)
            for el in body
            if el.tag in (qn("w:p"), qn("w:tbl"))
        ]
        #: The first table: issuer | national name, number | place and date.
        self.header_table: DocxTable | None = next((b for b in self.blocks if isinstance(b, DocxTable)), None)
        #: The last table holding `Nơi nhận:` (Nơi nhận | signature block).
        self.closing_table: DocxTable | None = next(
            (
                b
                for b in reversed(self.blocks)
                if isinstance(b, DocxTable) and rules.RECIPIENTS_LABEL in "".join(c.text for c in cells(b))
            ),
            None,
        )
        self.header_paragraphs: list[DocxParagraph] = (
            [p for c in cells(self.header_table) for p in c.paragraphs] if self.header_table else []
        )

    @classmethod
    def open(cls, path: Path) -> DocxContext:
        return cls(path, open_docx(str(path)))

    def all_paragraphs(self) -> Iterator[DocxParagraph]:
        """Every top-level paragraph and every paragraph in a table cell, in document order."""
        for block in self.blocks:
            if isinstance(block, DocxParagraph):
                yield block
            else:
                for cell in cells(block):
                    yield from cell.paragraphs

    @cached_property
    def body_paragraphs(self) -> list[DocxParagraph]:
        """Top-level paragraphs with text between the header table and the closing table."""
        out, started = [], False
        for block in self.blocks:
            if block is self.header_table:
                started = True
                continue
            if block is self.closing_table:
                break
            if started and isinstance(block, DocxParagraph) and text(block):
                out.append(block)
        return out

    @cached_property
    def lines(self) -> list[str]:
        """Every non-empty line of text (a manual line break splits a paragraph), stripped; how a
        certificate is read, since it has no header table to locate things by."""
        return [line.strip() for p in self.all_paragraphs() for line in p.text.split("\n") if line.strip()]

    def find(
        self, predicate: Callable[[str], bool], paragraphs: list[DocxParagraph] | None = None
    ) -> DocxParagraph | None:
        """The first paragraph (of the header table, unless given) whose text satisfies `predicate`."""
        for p in paragraphs if paragraphs is not None else self.header_paragraphs:
            if predicate(text(p)):
                return p
        return None

    @staticmethod
    def next_paragraph(p: DocxParagraph) -> DocxParagraph | None:
        """The next paragraph in the same container, skipping tables and other elements."""
        el = p._p.getnext()
        while el is not None and el.tag != qn("w:p"):
            el = el.getnext()
        return DocxParagraph(el, p._parent) if el is not None else None
