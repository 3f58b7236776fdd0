"""Where the pages of a long list will start, predicted before WeasyPrint lays them out.

A page of a list depends only on the row it starts with: the header repeats at its top and rows
never split. So the rows each page starts with follow from the rows' heights, and a row's height
from its number of lines. The heights, the header's bottom and the page's bottom are read from
pages WeasyPrint has already laid out (the first part of the document); each row's number of
lines comes from `text_metrics.wrap_lines` at the cell's width. With the page starts known, the
rest of the list can be laid out in parts side by side, each part starting on a known page with
a known page number (`vanban.render.pdf.render_pdf` with an executor).

A prediction is only a guess: every part laid out from it is checked against the pages
WeasyPrint actually made, and a part that does not start its pages where predicted is laid out
again in sequence. A wrong guess costs time, never a different page.
"""

from __future__ import annotations

from vanban import rules, text_metrics
from vanban.document_model import Table
from vanban.render import pagination

#: Tolerance (CSS px) when comparing a row's bottom with the page's.
_EPSILON = 1e-3


def cell_inset_mm() -> float:
    """Text inset of a data cell, as the stylesheet sets it (margin plus half the rule)."""
    return round(rules.TABLE_CELL_MARGIN_MM + rules.TABLE_RULE_PT / 2 * rules.MM_PER_PT, 3)


def row_lines(table: Table) -> list[int]:
    """Predicted number of lines of each row of `table` (its tallest cell)."""
    inset, size = cell_inset_mm(), rules.STYLES["table"].size.default
    out = []
    for row in table.rows:
        column, lines = 0, 1
        for cell in row:
            width = sum(table.widths[column : column + cell.colspan]) - 2 * inset
            column += cell.colspan
            lines = max(lines, len(text_metrics.wrap_lines(cell.text, width, size, cell.bold, cell.italic)))
        out.append(lines)
    return out


class ListRows:
    """The rows of the one table an annex's units from `first` on belong to: per unit, its
    predicted lines and whether it is kept with the next row."""

    def __init__(self, first: int, table: Table, lines: list[int] | None = None) -> None:
        self.first = first
        #: `row_lines`' estimate unless the caller knows better (`vanban.render.list_fast`)
        self.lines = row_lines(table) if lines is None else lines
        kept = pagination.rows_kept_together(table)
        self.kept = [i in kept for i in range(len(table.rows))]

    @property
    def stop(self) -> int:
        return self.first + len(self.lines)


class PageGeometry:
    """Heights read from laid-out pages: of a row by its lines, the header's bottom, the page's."""

    def __init__(self, heights: dict[int, float], top: float, bottom: float) -> None:
        self.heights, self.top, self.bottom = heights, top, bottom

    def height(self, lines: int) -> float | None:
        """A row's height by its lines: as measured, else on the line through two measured
        heights (each line adds the same height), else unknown."""
        if lines in self.heights:
            return self.heights[lines]
        if len(self.heights) < 2:
            return None
        (a, ha), (b, hb) = sorted(self.heights.items())[:2]
        return ha + (lines - a) * (hb - ha) / (b - a)


def measure(pages, rows: ListRows) -> PageGeometry | None:
    """Geometry from WeasyPrint pages holding rows of `rows` under a repeated header; None when
    the pages do not tell it unambiguously (then nothing is predicted). Only a page whose
    header is at its top tells where rows start (the annex's first page has its title above)."""
    heights: dict[int, set[float]] = {}
    tops: list[float] = []
    bottom = None
    for page in pages:
        box = page._page_box
        header_bottom = None
        seen = False
        for child in box.descendants():
            element = getattr(child, "element", None)
            if element is None or not element.tag.endswith("tr"):
                continue
            unit = element.get("data-unit")
            if unit is None:
                at_top = child.position_y - (box.margin_top + box.padding_top + box.border_top_width) < 2
                header_bottom = child.position_y + child.height if at_top else None
                continue
            index = int(unit) - rows.first
            if not 0 <= index < len(rows.lines):
                continue
            if not seen and header_bottom is not None and abs(child.position_y - header_bottom) < _EPSILON:
                tops.append(round(header_bottom, 3))
            seen = True
            heights.setdefault(rows.lines[index], set()).add(round(child.height, 3))
        if seen:
            bottom = box.margin_top + box.padding_top + box.border_top_width + box.height
    if bottom is None or len(set(tops)) != 1 or any(len(v) != 1 for v in heights.values()):
        return None
    return PageGeometry({k: next(iter(v)) for k, v in heights.items()}, tops[-1], bottom)


def page_starts(rows: ListRows, geometry: PageGeometry, start: int) -> list[int] | None:
    """Predicted first unit of each page from the page starting with unit `start` to the end of
    the table; None when a row's height is unknown (a line count not seen when measuring)."""
    starts = [start]
    unit = start
    while True:
        y, j = geometry.top, unit
        while j < rows.stop:
            height = geometry.height(rows.lines[j - rows.first])
            if height is None:
                return None
            if y + height > geometry.bottom + _EPSILON:
                break
            y += height
            j += 1
        # a row kept with the next one goes to the next page with it
        while unit + 1 < j < rows.stop and rows.kept[j - 1 - rows.first]:
            j -= 1
        if j >= rows.stop:
            return starts
        if j == unit:
            return None  # a row taller than a page: not predicted
        starts.append(j)
        unit = j
