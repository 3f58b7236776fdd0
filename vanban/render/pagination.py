"""Which blocks of a document stay together on a page, decided once for both renderers.

The rules are values in `vanban.rules` (KEEP_BODY_LINES_WITH_CLOSING, KEEP_WITH_NEXT_ROLES,
LIST_ROWS_KEPT_WITH_TOTAL); this module turns them into flags on the blocks of one document, so
the DOCX (keepNext, keepLines, cantSplit) and the PDF (CSS `break-after: avoid`) keep exactly the
same blocks together and break pages at the same places.
"""

from __future__ import annotations

from vanban import rules, text_metrics
from vanban.document_model import Block, Centered, Paragraph, Table


def body_lines(block: Paragraph | Centered) -> int:
    """Lines the block takes in the text width, by real advance widths. The full width (no
    first-line indent) can only count fewer lines than print, so the rule errs on keeping more."""
    style = rules.STYLES[block.style]
    size = style.size.default
    return max(1, len(text_metrics.wrap_lines(block.text, rules.text_width_mm(), size, style.bold, style.italic)))


def kept_with_closing(blocks: list[Block]) -> set[int]:
    """Indices of the body blocks that stay on the page of Nơi nhận and the signature block.

    The last paragraphs of the body, whole and each kept with the next (the last with the closing
    table), until they make `KEEP_BODY_LINES_WITH_CLOSING` lines (at most
    `KEEP_WITH_CLOSING_PARAGRAPHS_MAX` paragraphs): the signature's page always holds text of the
    body, and a two-line last paragraph does not drag the one before it off a page with room. A
    table at the end of the body keeps its last rows instead (`Table.keep_last`); counting stops.
    """
    kept: set[int] = set()
    lines = 0
    for index in range(len(blocks) - 1, -1, -1):
        if lines >= rules.KEEP_BODY_LINES_WITH_CLOSING or len(kept) >= rules.KEEP_WITH_CLOSING_PARAGRAPHS_MAX:
            break
        block = blocks[index]
        if not isinstance(block, (Paragraph, Centered)):
            break
        kept.add(index)
        lines += body_lines(block)
    return kept


def kept_with_next(blocks: list[Block], index: int) -> bool:
    """A heading (or `QUYẾT ĐỊNH:`) never ends a page: it stays with the block after it."""
    block = blocks[index]
    return isinstance(block, Paragraph) and block.style in rules.KEEP_WITH_NEXT_ROLES and index + 1 < len(blocks)


def keep_flags(blocks: list[Block], closing: bool) -> list[bool]:
    """For each block: is it kept on the page of the block after it (or of the closing block)."""
    tail = kept_with_closing(blocks) if closing else set()
    return [i in tail or kept_with_next(blocks, i) for i in range(len(blocks))]


def rows_kept_together(table: Table) -> set[int]:
    """Indices of the table's rows kept with the row after them: the last `keep_last` rows
    (a list's last rows, its total and the amount in words) and section heading rows."""
    keep = set(range(max(0, len(table.rows) - table.keep_last), len(table.rows) - 1))
    keep |= {i for i in table.section_rows if i + 1 < len(table.rows)}
    return keep
