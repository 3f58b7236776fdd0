"""The pages of a long list drawn without WeasyPrint, once WeasyPrint has laid out its first pages.

A decision's list costs WeasyPrint ~5 ms a row (cascade, boxes, table and line layout, drawing)
and nothing in it is a hot spot; but past its first pages a list is the same page again and
again: the page number, the repeated header row, rows of cells and their rules. So
`vanban.render.pdf.render_pdf` lets WeasyPrint lay out the decision and the first pages of the
list (`FIRST_UNITS`), and this module draws the rest:

- the geometry is read from WeasyPrint's own pages (`measure`): the page, the column edges, the
  header row (its text copied as WeasyPrint placed it), where rows start and the page ends, a
  row's height by its number of lines, where a cell's text sits in it, the page number's place;
- each cell's lines are broken as WeasyPrint breaks them: greedy, at spaces (and after a
  hyphen or slash before a letter) outside the no-break spans (`vanban.rules.no_break_spans`),
  widths from HarfBuzz at the font size in Pango units (`vanban.shaping.shape_at`, the advances
  Pango itself gets, to the unit), each no-break span shaped on its own as WeasyPrint shapes
  each text box;
- the page starts are those `vanban.render.list_pages` predicts from these line counts,
  checked against the rows' heights and keep rules;
- the pages are written as content streams in WeasyPrint's coordinates (CSS px, y down), fonts
  embedded once as subsets with ToUnicode (`vanban.render.pdf_objects`, shared with the fast
  certificates), and joined after WeasyPrint's pages, which keep the catalog (PDF/A).

Nothing here is taken on trust. Before drawing, the model of a cell (lines, x of every text
box, baseline) is checked against every row WeasyPrint laid out, the page number against every
numbered page, row heights against the measured ones. What this module cannot be sure of goes
back to WeasyPrint, as little of it as possible, so a wrong guess may cost time, never
different pages:

- a cell whose breaks are not modelled (a line that fits or not by a kerning pair, a break next
  to a no-break span, a dash or `?` where a line could break, a line within a hair of the
  width) is laid out by WeasyPrint on its own (`_ask`: all of a list's such cells in one
  document) and its text boxes are drawn here;
- a row that cannot be drawn here (a glyph the font lacks: WeasyPrint takes it from another
  font) or a page too close to call (a row ending within a hair of the bottom): the pages
  before it are drawn, WeasyPrint lays out that page and a little more (`Rest.resume`), and
  this module is asked again;
- the page itself (a style beyond black text and solid black rules, a block after the table):
  WeasyPrint lays out the rest.

Set `VANBAN_LIST_RENDERER=weasyprint` to lay every page out with WeasyPrint.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import io
import logging
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from vanban import rules, settings, shaping
from vanban.document_model import Cell, Document, Table
from vanban.render import list_pages, pdf_objects

LOG = logging.getLogger(__name__)

#: Annex units (the annex heading's three lines and the rows) WeasyPrint lays out before the
#: rest of the list is drawn here: three or four list pages, so that at least one page that
#: starts with the repeated header is among the pages kept (`measure` reads the geometry there).
FIRST_UNITS = 80

#: Units WeasyPrint lays out past a row list_fast cannot draw before list_fast is asked again
#: (at least a page of one-line rows more), and how many times a list asks again.
RESUME_UNITS = 40
MAX_RESUMES = 8

#: CSS px: a row ending this close to the page's bottom is too close to call.
_CLOSE_PX = 0.01
#: CSS px: a line this close to its cell's width is too close to call; a measured position this
#: far from the model's means the model is wrong.
_TOLERANCE_PX = 0.01
#: Characters inside a word (outside no-break spans) after which no line can break: letters,
#: digits and marks, and punctuation that UAX #14 joins to what follows. Any other character
#: (a dash, `!`, `?`, an ellipsis…) may be a break opportunity for Pango that is not modelled.
_JOINING = set(".,;:()[]'\"“”‘’«»&%*#@°")
#: A line may break after these when a letter follows (UAX #14 HY and SY; not before a digit).
_BREAK_AFTER = set("-/")
#: A line may not begin with these (UAX #14 LB13: no break before them, even after a space;
#: LB15b: nor before a closing quotation mark).
_NOT_FIRST = set(")]}!?,.;:/%”’»")
#: A line may not end with these (LB14: no break after an opening bracket, even before a space;
#: LB15a: nor after an opening quotation mark).
_NOT_LAST = set("([{“‘«")
#: Straight quotes break like letters around a space, except before an opening bracket (LB15).
_STRAIGHT_QUOTES, _OPENING = set("\"'"), set("([{")


def enabled() -> bool:
    """Whether `render_pdf` draws a long list's pages here (`VANBAN_LIST_RENDERER`, default fast)."""
    return settings.current().list_renderer == "fast"


# --------------------------------------------------------------------------------------------
# A cell's lines, broken as WeasyPrint breaks them.


@dataclass(frozen=True)
class Piece:
    """One text box of a line: its text, its pen position from the line's start and width (px)."""

    text: str
    x: float
    width: float


def _face(bold: bool, italic: bool) -> Path:
    return shaping.face_path(bold, italic)


def _width_pu(path: Path, text: str, size: int) -> int:
    return sum(shaping.shape_at(path, text, size).advances)


def _tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """(start, end) of the unbreakable pieces of `text`, split where Pango may break a line
    outside the no-break spans: at a space (dropped) and after a hyphen or a slash followed by a
    letter (kept on the line: `Kế hoạch-` / `Tài chính`, measured; before a digit, as in `2-3`,
    neither breaks). None when the text is not plain single-spaced text (other white space
    collapses or does not break in ways this module does not model)."""
    if (
        text != text.strip(" ")
        or "  " in text
        or any((c.isspace() and c != " ") or unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn") for c in text)
    ):
        return None  # other white space, soft hyphens, joiners, controls: not modelled
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start, end))
    out, at = [], 0
    for i, c in enumerate(text):
        if i in inside:
            continue
        if c == " ":
            out.append((at, i))
            at = i + 1
        elif c in _BREAK_AFTER and i + 1 < len(text) and text[i + 1].isalpha() and i + 1 not in inside:
            out.append((at, i + 1))
            at = i + 1
    out.append((at, len(text)))
    return out


def _pieces(text: str, start: int, end: int, cuts: list[int], path: Path, size: int) -> tuple[list[Piece], int]:
    """The line text[start:end] as WeasyPrint's text boxes (cut where no-break spans begin and
    end, each shaped on its own, no box but blanks); its drawn width in Pango units."""
    bounds = [start, *(c for c in cuts if start < c < end), end]
    pieces, pen = [], 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        width = _width_pu(path, text[a:b], size)
        if text[a:b].strip(" "):
            pieces.append(Piece(text[a:b], pen / 1024, width / 1024))
        pen += width
    return pieces, pen


def _fit_pu(text: str, start: int, end: int, cuts: list[int], path: Path, size: int) -> int:
    """The width Pango weighs when it decides whether text[start:end] fits its line: the boxes
    as drawn, except that the last one is shaped with the character after it (the space, or the
    letter after a hyphen) when that character is in the same box: a kerning pair such as
    `T`+space then pulls the line in by ~0.3 px (measured: `Trường THPT` fits a cell 0.31 px
    narrower than its drawn width)."""
    if end >= len(text) or end in cuts:
        return _pieces(text, start, end, cuts, path, size)[1]
    last = max([start, *(c for c in cuts if start < c < end)])
    before = _pieces(text, start, last, cuts, path, size)[1] if last > start else 0
    shaped = shaping.shape_at(path, text[last : end + 1], size)
    # less the following character: the glyphs of the last cluster
    cluster = max(k for k, part in enumerate(shaped.texts) if part)
    return before + sum(shaped.advances[:cluster])


def _breakable(text: str, spans: list[tuple[int, int]], tokens, j: int) -> bool:
    """Whether Pango breaks the line before token `j` and nowhere inside it."""
    a, b = tokens[j]
    first, last = text[a], text[tokens[j - 1][1] - 1]
    if first in _NOT_FIRST or last in _NOT_LAST or (last in _STRAIGHT_QUOTES and first in _OPENING):
        return False
    return not _opportunity_inside(text, spans, a, b)


def _opportunity_inside(text: str, spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether Pango might break text[a:b] somewhere this module does not model."""
    for i in range(a, b):
        if any(s <= i < e for s, e in spans):
            continue
        c = text[i]
        if c.isalnum() or unicodedata.category(c).startswith("M") or c in _JOINING:
            continue
        after = text[i + 1] if i + 1 < len(text) else " "
        if c in _BREAK_AFTER and (
            after == " " or after.isdigit() or (after.isalpha() and not any(s <= i + 1 < e for s, e in spans))
        ):
            continue  # before a space or a digit: no break of its own; before a letter: `_tokens` broke there
        return True
    return False


@dataclass(frozen=True)
class Line:
    pieces: list[Piece]
    width: float  # px, as drawn (what text-align places)
    #: as wide as the cell or wider (a word wider than the cell, or a line that fits only by the
    #: kerning with the space after it): WeasyPrint then sets it at the cell's left whatever the
    #: alignment (`text_align`: no offset when the line is at least as wide as the box)
    overflow: bool = False


#: `cell_lines` tries the whole text on one line first (False only to compare with the word-by-word route).
_ONE_LINE_FIRST = True


@functools.lru_cache(maxsize=8192)  # a list repeats its positions, units and amounts
def cell_lines(text: str, bold: bool, italic: bool, size: int, width_px: float) -> list[Line] | str:
    """`text` broken into lines in a cell `width_px` wide at `size` (Pango units), as WeasyPrint
    breaks it: greedy, at spaces and after hyphens and slashes outside no-break spans; or why the
    breaks cannot be known for sure."""
    if not text:
        return []
    spans = rules.no_break_spans(text)
    tokens = _tokens(text, spans)
    if tokens is None:
        return f"white space other than single spaces, or an invisible character, in {text!r}"
    path = _face(bold, italic)
    cuts = sorted({c for span in spans for c in span})

    def fits(start: int, end: int) -> bool | str:
        """Whether text[start:end] fits the cell: sure only when the line is clear of the width
        both as drawn and as weighed with the kerning of the character after it. Which of the
        two WeasyPrint weighs depends on how much text it hands Pango (measured: `Trường THPT`
        fits a cell 0.31 px narrower than its drawn width, `Tổ Y` in a narrow cell does not),
        so a line between them is not guessed."""
        drawn = _pieces(text, start, end, cuts, path, size)[1] / 1024
        weighed = _fit_pu(text, start, end, cuts, path, size) / 1024
        if min(abs(drawn - width_px), abs(weighed - width_px)) <= _TOLERANCE_PX:
            return f"a line of {text!r} is a hair from its cell's width"
        if (drawn <= width_px) != (weighed <= width_px):
            return f"a line of {text!r} fits its cell or not by a kerning pair"
        return drawn <= width_px

    def line(start: int, end: int) -> Line | str:
        pieces, drawn = _pieces(text, start, end, cuts, path, size)
        if any(0 in shaping.shape_at(path, piece.text, size).gids for piece in pieces):
            return f"{_LACKS} a character of {text!r} (WeasyPrint takes it from another font)"
        return Line(pieces, drawn / 1024, drawn / 1024 >= width_px)

    # Most cells are one line. When the whole text fits clear of the width, so does every line the
    # greedy loop below would try first (each is shorter by at least a space and a word, more than
    # any kerning pair), and the loop would end with this one line: one shaping instead of two per
    # word (tests/render/test_list_fast.py compares both routes).
    if _ONE_LINE_FIRST and fits(0, len(text)) is True:
        return [one] if isinstance(one := line(0, len(text)), Line) else one
    lines: list[Line] = []
    i = 0
    while i < len(tokens):
        j = i + 1
        alone = fits(tokens[i][0], tokens[i][1])
        if isinstance(alone, str):
            return alone
        if not alone and _opportunity_inside(text, spans, *tokens[i]):
            return f"{text!r} is wider than its cell and may break inside a word"
        while j < len(tokens) and alone:  # a word wider than the cell stands alone
            fit = fits(tokens[i][0], tokens[j][1])
            if isinstance(fit, str):
                return fit
            if not fit:
                break
            j += 1
        if j < len(tokens) and not _breakable(text, spans, tokens, j):
            return f"{text!r} may break where this module does not model"
        if j < len(tokens) and any(tokens[j - 1][1] <= c < tokens[j][1] for c in cuts):
            # the break falls where a no-break span begins or ends: WeasyPrint then re-breaks the
            # text box before it by narrowing it 1 px at a time, which may break a word or more
            # earlier than Pango would (seen: `Tổ` alone before `trưởng … Nậm` / `2-3 …`)
            return f"a line of {text!r} breaks next to a no-break span"
        found = line(tokens[i][0], tokens[j - 1][1])
        if isinstance(found, str):
            return found
        lines.append(found)
        i = j
    return lines


@dataclass(frozen=True)
class Run:
    """Text drawn in one go, as WeasyPrint draws a text box: face, size (Pango units), pen x
    and baseline y (CSS px from the page's top left)."""

    text: str
    bold: bool
    italic: bool
    size: int
    x: float
    y: float


# --------------------------------------------------------------------------------------------
# The geometry of a list page, read from WeasyPrint's pages.


@dataclass
class Template:
    """What a list page looks like, in CSS px (WeasyPrint's units, y down from the page's top)."""

    page_width: float
    page_height: float
    columns: list[float]  # the column edges, left to right (one more than the columns)
    rule: float  # the width of a table rule
    header: list[tuple[float, float, frozenset[int]]]  # per header row: top, height, edges with a rule
    header_runs: list[Run]
    top: float  # where the first row under the header starts
    bottom: float  # the page's content bottom
    inset_left: float  # from a column's edge to its cell's text
    inset_right: float
    first_baseline: float  # from a row's top to its first baseline
    step: float  # from one line to the next
    pad: float  # a row's height less its lines
    size: int  # the table's text size, Pango units
    number_center: float
    number_baseline: float
    number_size: int
    heights: dict[int, float] = field(default_factory=dict)  # row height by lines, as measured
    #: the table's column widths (mm) and page orientation, to ask WeasyPrint about one cell
    widths_mm: tuple[float, ...] = ()
    landscape: bool = False

    def row_height(self, lines: int) -> float:
        return self.heights.get(lines, self.pad + lines * self.step)

    def cell_box(self, column: int, span: int) -> tuple[float, float]:
        """(left, width) of the text of a cell from `column` spanning `span` columns."""
        left = self.columns[column] + self.inset_left
        return left, self.columns[column + span] - self.inset_right - left


def _kind(box) -> str:
    return type(box).__name__


def _text_boxes(box) -> list:
    return [b for b in box.descendants() if _kind(b) == "TextBox"]


def _run_of(box) -> Run:
    style = box.style
    return Run(
        text=box.text,
        bold=style["font_weight"] >= 600,
        italic=style["font_style"] != "normal",
        size=int(style["font_size"] * 1024),
        x=box.position_x,
        y=box.position_y + box.baseline,
    )


def _rows_of(table_box) -> list:
    return [row for group in table_box.children for row in group.children]


def _content_top(page_box) -> float:
    return page_box.margin_top + page_box.padding_top + page_box.border_top_width


def _tables(page) -> list:
    return [b for b in page._page_box.descendants() if _kind(b) == "TableBox"]


def _units(row) -> int | None:
    unit = row.element.get("data-unit") if row.element is not None else None
    return int(unit) if unit is not None else None


def _number_box(page):
    for box in page._page_box.children:
        if _kind(box) == "MarginBox" and box.at_keyword == "@top-center":
            texts = _text_boxes(box)
            return texts[0] if len(texts) == 1 else None
    return None


def measure(pages, first: int, table: Table) -> Template | str:
    """The template of a list page from WeasyPrint's `pages`, read on the last page that starts
    with the repeated header; or why it cannot be read."""
    for page in reversed(pages):
        for tbox in _tables(page):
            rows = _rows_of(tbox)
            groups = tbox.children
            if not groups or not groups[0].is_header or not rows:
                continue
            header_rows = groups[0].children
            body = [r for r in rows if r not in header_rows]
            units = [_units(r) for r in body]
            if not body or any(u is None or not first <= u < first + len(table.rows) for u in units):
                continue
            page_box = page._page_box
            top = _content_top(page_box)
            if header_rows[0].position_y - top > 2:
                continue  # the annex's first page: the title is above the table
            return _template(page, tbox, header_rows, body, top + page_box.height)
    return NotYet("no page of the first part starts with the list's header")


def _black(color) -> bool:
    return getattr(color, "space", None) == "srgb" and tuple(color.coordinates) == (0, 0, 0) and color.alpha == 1


def _paints(background) -> bool:
    return background is not None and (
        background.color.alpha > 0 or any(layer.image is not None for layer in background.layers)
    )


def _unstyled(page, tbox) -> str | None:
    """Why the page is drawn with more than black text and black solid rules (an office's
    stylesheet may shade the header or colour the text), or None."""
    number = _number_box(page)
    boxes = [page._page_box, tbox, *tbox.descendants(), *([number] if number is not None else [])]
    for box in boxes:
        style = box.style
        if _paints(getattr(box, "background", None)) or style["opacity"] != 1 or style["visibility"] != "visible":
            return "the list has backgrounds or transparency"
        if _kind(box) == "TextBox" and (
            not _black(style["color"])
            or style["text_decoration_line"] != "none"
            or style["letter_spacing"] != "normal"
            or style["word_spacing"] != 0
        ):
            return "the list's text is coloured, decorated or spaced"
    for grid in tbox.collapsed_border_grid:
        for row in grid:
            if any(w and (style != "solid" or not _black(color)) for _score, (style, w, color) in row):
                return "the list's rules are not solid black"
    if number is not None and (number.style["font_weight"] >= 600 or number.style["font_style"] != "normal"):
        return "the page number is not in the regular face"
    return None


def _template(page, tbox, header_rows, body, bottom: float) -> Template | str:
    if tbox.skip_cell_border_top or tbox.skip_cell_border_bottom:
        return "the table's rules are cut at the page"
    problem = _unstyled(page, tbox)
    if problem:
        return problem
    columns = [*tbox.column_positions, tbox.column_positions[-1] + tbox.column_widths[-1]]
    vertical, _horizontal = tbox.collapsed_border_grid
    widths = {w for row in vertical for _score, (_style, w, _color) in row if w}
    if len(widths) != 1:
        return "the table's rules are not all alike"
    header = []
    for row in header_rows:
        edges = {0}
        for cell in row.children:
            edges.add(cell.grid_x + cell.colspan)
        header.append((row.position_y, row.height, frozenset(edges)))
    header_runs = [_run_of(b) for row in header_rows for b in _text_boxes(row) if b.text.strip(" ")]
    # a data cell's text box: inset from the column edges, first baseline and line step
    insets, baselines, steps, sizes = set(), set(), set(), set()
    for row in body:
        for cell in row.children:
            left = cell.content_box_x()
            right = columns[cell.grid_x + cell.colspan]
            insets.add((round(left - columns[cell.grid_x], 6), round(right - left - cell.width, 6)))
            for number, line in enumerate(cell.children):
                texts = _text_boxes(line)
                if not texts:
                    continue
                sizes.add(int(texts[0].style["font_size"] * 1024))
                if number == 0:
                    baselines.add(round(texts[0].position_y + texts[0].baseline - row.position_y, 6))
                steps.add(round(line.height, 6))
    if len(insets) != 1 or len(baselines) != 1 or len(steps) != 1 or len(sizes) != 1:
        return "the list's cells are not all set alike"
    number = _number_box(page)
    if number is None:
        return "no page number on the list's pages"
    page_box = page._page_box
    (inset_left, inset_right), step = next(iter(insets)), next(iter(steps))
    return Template(
        page_width=page_box.margin_width(),
        page_height=page_box.margin_height(),
        columns=columns,
        rule=next(iter(widths)),
        header=header,
        header_runs=header_runs,
        top=header_rows[-1].position_y + header_rows[-1].height,
        bottom=bottom,
        inset_left=inset_left,
        inset_right=inset_right,
        first_baseline=next(iter(baselines)),
        step=step,
        pad=body[0].height - _lines_drawn(body[0]) * step,
        size=next(iter(sizes)),
        number_center=number.position_x + number.width / 2,
        number_baseline=number.position_y + number.baseline,
        number_size=int(number.style["font_size"] * 1024),
    )


def _lines_drawn(row) -> int:
    return max(1, *(len(cell.children) for cell in row.children))


# --------------------------------------------------------------------------------------------
# The rows: their lines, checked against WeasyPrint's rows in the first part.


@dataclass(frozen=True)
class RowText:
    lines: int
    runs: tuple[Run, ...]  # relative to the row's top (y) and the page's left (x)
    edges: frozenset[int]  # column edges with a rule in this row


def _row_text(cells: list[Cell], t: Template) -> RowText | str:
    runs: list[Run] = []
    column, lines = 0, 1
    edges = {0}
    for cell in cells:
        left, width = t.cell_box(column, cell.colspan)
        broken = cell_lines(cell.text, cell.bold, cell.italic, t.size, width)
        if isinstance(broken, str):
            # a cell whose breaks the model cannot be sure of is laid out by WeasyPrint alone
            asked = _asked(cell, sum(t.widths_mm[column : column + cell.colspan]), t.landscape) if t.widths_mm else None
            if asked is None or broken.startswith(_LACKS):
                return broken
            runs += [Run(r.text, r.bold, r.italic, r.size, left + r.x, r.y) for r in asked[1]]
            lines = max(lines, asked[0])
        else:
            for number, line in enumerate(broken):
                offset = {"left": 0.0, "center": (width - line.width) / 2, "right": width - line.width}[cell.align]
                x = left + (0.0 if line.overflow else offset)
                y = t.first_baseline + number * t.step
                runs += [Run(p.text, cell.bold, cell.italic, t.size, x + p.x, y) for p in line.pieces]
            lines = max(lines, len(broken))
        column += cell.colspan
        edges.add(column)
    if column != len(t.columns) - 1:
        return "a row does not fill the table's columns"
    return RowText(lines, tuple(runs), frozenset(edges))


_LACKS = "the font lacks"


#: Cells laid out by WeasyPrint on their own: (cell, width mm, landscape) → (lines, text boxes).
#: Kept per template folder: an office folder may restyle the list (padding, sizes).
_ASKED: dict[tuple[Cell, float, bool], tuple[int, tuple[Run, ...]] | None] = {}
_ASKED_FOLDER: list[str] = [""]


def _asked_here() -> dict[tuple[Cell, float, bool], tuple[int, tuple[Run, ...]] | None]:
    """`_ASKED`, emptied when the template folder in use is not the one its cells were laid out with."""
    from vanban.render.pdf import html_dir

    folder = str(html_dir())
    if _ASKED_FOLDER[0] != folder:
        _ASKED.clear()
        _ASKED_FOLDER[0] = folder
    return _ASKED


def _asked(cell: Cell, width_mm: float, landscape: bool) -> tuple[int, tuple[Run, ...]] | None:
    """The cell laid out by WeasyPrint on its own (see `_ask`)."""
    key = (cell, width_mm, landscape)
    if key not in _asked_here():
        _ask([key])
    return _ASKED.get(key)


def _ask(keys: list[tuple[Cell, float, bool]]) -> None:
    """Lay out each cell by WeasyPrint on its own, all in one document: a one-cell table per
    cell, with the list's stylesheet and the cell's width (a cell's lines depend only on its
    text, style and width). For each, its number of lines and its text boxes (x from the cell's
    text box left, y from the row's top) go to `_ASKED`, None when it cannot be read. For the
    few cells whose breaks `cell_lines` cannot be sure of: ~3 ms a cell, where drawing them from
    a WeasyPrint part would cost a page or two each."""
    from markupsafe import Markup

    from vanban.render import pdf

    asked = _asked_here()
    keys = list(dict.fromkeys(k for k in keys if k not in asked))
    if not keys:
        return
    if len(_ASKED) > 4096:  # bounded: a worker's memory must not grow with the lists it renders
        _ASKED.clear()
    html = []
    for landscape in (False, True):
        tables = []
        for index, (cell, width_mm, orient) in enumerate(keys):
            if orient != landscape:
                continue
            classes = " ".join([cell.align, *(["bold"] if cell.bold else []), *(["italic"] if cell.italic else [])])
            tables.append(
                Markup(
                    '<table class="data" style="width: {w}mm" data-ask="{i}"><colgroup><col style="width: {w}mm">'
                    '</colgroup><tbody><tr><td class="{c}">{t}</td></tr></tbody></table>'
                ).format(w=width_mm, i=index, c=classes, t=pdf.no_break(cell.text))
            )
        if tables:
            html.append(f'<section class="annex{" landscape" if landscape else ""}">{"".join(tables)}</section>')
    laid = pdf._layout("".join(html))
    found: dict[int, tuple[int, tuple[Run, ...]] | None] = {}
    for page in laid.pages:
        for table in _tables(page):
            index = int(table.element.get("data-ask"))
            rows = _rows_of(table)
            cells = [c for row in rows for c in row.children]
            if len(rows) != 1 or len(cells) != 1 or index in found:
                found[index] = None  # split across pages: not read
                continue
            box, row = cells[0], rows[0]
            left = box.content_box_x()
            runs = tuple(
                Run(r.text, r.bold, r.italic, r.size, r.x - left, r.y - row.position_y)
                for r in (_run_of(b) for b in _text_boxes(box))
                if r.text.strip(" ")
            )
            found[index] = (sum(1 for line in box.children if _text_boxes(line)), runs)
    for index, key in enumerate(keys):
        _ASKED[key] = found.get(index)


def _check_against(pages, first: int, table: Table, t: Template, texts: dict[int, RowText]) -> str | None:
    """Every row, header and page number WeasyPrint laid out in the first part, against the
    model; a reason when one differs."""
    for page in pages:
        for tbox in _tables(page):
            for row in _rows_of(tbox):
                unit = _units(row)
                if unit is None or not first <= unit < first + len(table.rows):
                    continue
                index = unit - first
                model = texts.get(index) or _row_text(table.rows[index], t)
                if isinstance(model, str):
                    continue  # a row the model is not sure of: WeasyPrint laid it out, nothing to compare
                texts[index] = model
                drawn = [_run_of(b) for b in _text_boxes(row)]
                drawn = [r for r in drawn if r.text.strip(" ")]
                if len(drawn) != len(model.runs):
                    return f"row {index}: WeasyPrint drew {len(drawn)} text boxes, the model {len(model.runs)}"
                for d, m in zip(drawn, model.runs, strict=True):
                    if (
                        d.text.strip(" ") != m.text.strip(" ")
                        or (d.bold, d.italic, d.size) != (m.bold, m.italic, m.size)
                        or abs(d.x - m.x) > _TOLERANCE_PX
                        or abs(d.y - row.position_y - m.y) > _TOLERANCE_PX
                    ):
                        return f"row {index}: {d} drawn by WeasyPrint, {m} by the model"
                if abs(row.height - t.row_height(model.lines)) > _TOLERANCE_PX:
                    return f"row {index}: {model.lines} lines {row.height:.3f} px high, not {t.row_height(model.lines):.3f}"
                t.heights.setdefault(model.lines, row.height)
        number = _number_box(page)
        if number is not None:
            run = _run_of(number)
            if abs(_number_x(run.text, t) - run.x) > _TOLERANCE_PX or abs(run.y - t.number_baseline) > _TOLERANCE_PX:
                return f"page number {run.text} drawn at {run.x:.3f}, not where the model puts it"
    return None


def _number_x(text: str, t: Template) -> float:
    return t.number_center - _width_pu(_face(False, False), text, t.number_size) / 1024 / 2


# --------------------------------------------------------------------------------------------
# The plan: the rest of the list's pages, or why not.


@dataclass
class Plan:
    template: Template
    pages: list[list[tuple[float, RowText]]]  # per page: (row top, row) for each row
    first_page: int
    #: where WeasyPrint takes over (the first unit of the page after those planned), or None
    resume: int | None = None
    #: the unit this module could not be sure of, and why (WeasyPrint lays out past it)
    uncertain: int | None = None
    reason: str = ""


def plan(document: Document, pages, start: int, first_page: int) -> Plan | str:
    """The pages from annex unit `start` on, numbered from `first_page`, read from WeasyPrint's
    `pages` of the part before: all of them, or those before the page of the first row this
    module cannot be sure of (`Plan.resume`); or why none can be drawn here."""
    from vanban.render.pdf import _annex_units

    units = _annex_units(document)
    total = sum(len(b.rows) if isinstance(b, Table) else 1 for _a, b, _f in units)
    found = [(b, f) for _a, b, f in units if isinstance(b, Table) and f <= start < f + len(b.rows)]
    if not found:
        return "the rest of the annex is not a table"
    table, first = found[0]
    end = first + len(table.rows)
    if end != total:
        return "the annex goes on after the table"
    template = measure(pages, first, table)
    if isinstance(template, str):
        return template
    template.widths_mm = tuple(table.widths)
    template.landscape = next(a.landscape for a in document.annexes if any(b is table for b in a.blocks))
    # the cells the model cannot be sure of, laid out by WeasyPrint in one go (rows laid out
    # already included: they are checked against the pages below)
    _ask(_unsure_cells(table, 0, template))
    texts: dict[int, RowText] = {}
    problem = _check_against(pages, first, table, template, texts)
    if problem:
        return problem
    uncertain, reason = end, ""
    for index in range(start - first, len(table.rows)):
        text = texts.get(index) or _row_text(table.rows[index], template)
        if isinstance(text, str):
            uncertain, reason = first + index, text
            break
        texts[index] = text
    # the pages are predicted from these lines, not from `list_pages.row_lines`' estimate: that
    # one sums unkerned advances and breaks at spaces only, these are checked against WeasyPrint
    # (a row not known yet counts one line: no page that depends on it is drawn)
    rows = list_pages.ListRows(first, table, [texts[i].lines if i in texts else 1 for i in range(len(table.rows))])
    geometry = list_pages.PageGeometry(
        {n: template.row_height(n) for n in set(rows.lines)}, template.top, template.bottom
    )
    starts = list_pages.page_starts(rows, geometry, start) or [start]
    laid: list[list[tuple[float, RowText]]] = []
    for k, page_start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else end
        problem, reached = _check_page(rows, texts, template, page_start, stop, end)
        if reached >= uncertain or problem:
            # this page depends on a row not known for sure, or is too close to call: WeasyPrint's
            return Plan(template, laid, first_page, page_start, min(reached, uncertain), problem or reason)
        y, page_rows = template.top, []
        for unit in range(page_start, stop):
            page_rows.append((y, texts[unit - first]))
            y += template.row_height(texts[unit - first].lines)
        laid.append(page_rows)
    return Plan(template, laid, first_page)


def _unsure_cells(table: Table, index: int, t: Template) -> list[tuple[Cell, float, bool]]:
    """The cells from row `index` on whose breaks `cell_lines` cannot be sure of (to be laid out
    by WeasyPrint in one go)."""
    out = []
    for cells in table.rows[index:]:
        column = 0
        for cell in cells:
            _left, width = t.cell_box(column, cell.colspan)
            broken = cell_lines(cell.text, cell.bold, cell.italic, t.size, width)
            if isinstance(broken, str) and not broken.startswith(_LACKS):
                out.append((cell, sum(t.widths_mm[column : column + cell.colspan]), t.landscape))
            column += cell.colspan
    return out


def _check_page(
    rows: list_pages.ListRows, texts: dict[int, RowText], t: Template, start: int, stop: int, end: int
) -> tuple[str, int]:
    """Whether the page holding units [start, stop) follows from the rows' heights as WeasyPrint
    fills a page: rows go on while they fit (none may end within `_CLOSE_PX` of the bottom, too
    close to call), then the break moves back over rows kept with the next. The prediction is
    `list_pages`' and is checked here, not trusted: the pages drawn must be WeasyPrint's.
    Returns the reason it does not ("" when it does) and the last unit the fill looked at."""
    y, fill = t.top, start
    while fill < end:
        if fill - rows.first not in texts:
            return "", fill  # a row not known for sure decides this page
        y += t.row_height(texts[fill - rows.first].lines)
        if abs(y - t.bottom) < _CLOSE_PX:
            return f"row {fill - rows.first} ends a hair from the page's bottom", fill
        if y > t.bottom:
            break
        fill += 1
    kept = rows.kept
    if stop == fill or (
        start < stop < fill and not kept[stop - 1 - rows.first] and all(kept[u - rows.first] for u in range(stop, fill))
    ):
        return "", min(fill, end - 1)
    return f"the predicted page break before unit {stop} does not follow from the rows' heights (fill to {fill})", fill


# --------------------------------------------------------------------------------------------
# Drawing.


def _num(x: float) -> bytes:
    return pdf_objects.num(x)


@functools.lru_cache(maxsize=8192)
def _shown(path: Path, text: str, size: int) -> tuple[shaping.Shaped, bytes | None]:
    """`text` shaped, and the TJ array that shows it (None when a mark sits off the pen: then
    each glyph is placed on its own). Cached: a list repeats its amounts, positions and units."""
    shaped = shaping.shape_at(path, text, size)
    if not shaped.plain:
        return shaped, None
    widths = _pdf_widths(path)
    parts = [b"["]
    for gid, advance in zip(shaped.gids, shaped.advances, strict=True):
        parts.append(b"<%04x>" % gid)
        # the font's width as the /W array states it, less the advance Pango gave the glyph
        adjust = widths[gid] - advance * 1000 / size
        if abs(adjust) > 5e-4:
            parts.append(_num(adjust))
    parts.append(b"] TJ")
    return shaped, b"".join(parts)


@functools.cache
def _pdf_widths(path: Path) -> dict[int, float]:
    upem = pdf_objects.font_info(path)["upem"]
    return {gid: float(_num(w * 1000 / upem)) for gid, w in pdf_objects.hmtx(path).items()}


class _Text:
    """Text operators for one face and size at a time; the glyphs each face uses."""

    def __init__(self, use: pdf_objects.GlyphUse) -> None:
        self.use = use
        self.font: tuple[str, int] | None = None
        self.recorded: set[tuple[str, str]] = set()

    def run(self, r: Run, out: list[bytes]) -> None:
        path = _face(r.bold, r.italic)
        face = shaping.FACE_KEYS[(r.bold, r.italic)]
        shaped, shown = _shown(path, r.text, r.size)
        if (face, r.text) not in self.recorded:
            if 0 in shaped.gids:
                raise _Missing(r.text)
            self.use.add(face, shaped)
            self.recorded.add((face, r.text))
        if self.font != (face, r.size):
            out.append(b"/F%s %s Tf" % (face.encode(), _num(r.size / 1024)))
            self.font = (face, r.size)
        if shown is not None:
            out.append(b"1 0 0 -1 %s %s Tm %s" % (_num(r.x), _num(r.y), shown))
            return
        pen = 0  # marks placed off the pen position: each glyph at its own point
        for gid, advance, dx, dy in zip(shaped.gids, shaped.advances, shaped.x_offsets, shaped.y_offsets, strict=True):
            x, y = r.x + (pen + dx) / 1024, r.y - dy / 1024
            out.append(b"1 0 0 -1 %s %s Tm <%04x> Tj" % (_num(x), _num(y), gid))
            pen += advance


class _Missing(Exception):
    pass


def _rules(t: Template, rows: list[tuple[float, float, frozenset[int]]]) -> list[bytes]:
    """The table's rules as WeasyPrint draws collapsed borders: the top of the first row, then
    row by row the left edge, and for each column its right edge (where a cell ends) and its
    bottom; each rule runs on by half a rule's width where another meets it."""
    half = t.rule / 2
    tops = [y for y, _h, _e in rows] + [rows[-1][0] + rows[-1][1]]
    n = len(t.columns) - 1
    out: list[bytes] = []

    def vertical(k: int, r: int) -> None:
        if k in rows[r][2] or k == n:
            x = _num(t.columns[k])
            out.append(b"%s %s m %s %s l S" % (x, _num(tops[r] - half), x, _num(tops[r + 1] + half)))

    def has_edge(r: int, k: int) -> bool:
        return 0 <= r < len(rows) and (k in rows[r][2] or k == n)

    def horizontal(c: int, r: int) -> None:
        before = half if has_edge(r - 1, c) or has_edge(r, c) else 0
        after = half if has_edge(r - 1, c + 1) or has_edge(r, c + 1) else 0
        y = _num(tops[r])
        out.append(b"%s %s m %s %s l S" % (_num(t.columns[c] - before), y, _num(t.columns[c + 1] + after), y))

    for c in range(n):
        horizontal(c, 0)
    for r in range(len(rows)):
        vertical(0, r)
        for c in range(n):
            vertical(c + 1, r)
            horizontal(c, r + 1)
    return out


def _page_content(p: Plan, number: int, page_rows: list[tuple[float, RowText]], text: _Text) -> bytes:
    t = p.template
    grid = [*t.header, *((y, t.row_height(row.lines), row.edges) for y, row in page_rows)]
    ops = [
        b"1 0 0 -1 0 %s cm" % b"%.6f" % (t.page_height * 0.75),
        b"q 0.75 0 0 0.75 0 0 cm",
        b"0 0 0 RG %s w" % _num(t.rule),
        *_rules(t, grid),
        b"0 0 0 rg",
        b"BT",
    ]
    text.font = None
    for run in t.header_runs:
        text.run(run, ops)
    for y, row in page_rows:
        for run in row.runs:
            text.run(Run(run.text, run.bold, run.italic, run.size, run.x, y + run.y), ops)
    label = str(number)
    text.run(Run(label, False, False, t.number_size, _number_x(label, t), t.number_baseline), ops)
    ops += [b"ET", b"Q"]
    return zlib.compress(b"\n".join(ops), 6)


def write(p: Plan) -> bytes | str:
    """The planned pages as a PDF of their own (to be joined after WeasyPrint's pages); or why
    not (a character the font lacks: WeasyPrint would take it from another font)."""
    use = pdf_objects.GlyphUse()
    text = _Text(use)
    try:
        contents = [_page_content(p, p.first_page + k, rows, text) for k, rows in enumerate(p.pages)]
    except _Missing as missing:
        return f"the font lacks a character of {missing.args[0]!r}"
    out = io.BytesIO()
    w = pdf_objects.Writer(out)
    font_refs = []
    for face, glyphs in sorted(use.faces.items()):
        bold, italic = next(k for k, v in shaping.FACE_KEYS.items() if v == face)
        first = w.reserve(pdf_objects.FONT_OBJECTS)
        for i, body in enumerate(pdf_objects.font_objects(face, _face(bold, italic), glyphs, first)):
            w.write(first + i, body)
        font_refs.append(b"/F%s %d 0 R" % (face.encode(), first))
    resources = w.reserve()
    w.write(resources, b"<< /Font << %s >> /ProcSet [/PDF /Text] >>" % b" ".join(font_refs))
    pages_obj = w.reserve()
    t = p.template
    box = b"[0 0 %.6f %.6f]" % (t.page_width * 0.75, t.page_height * 0.75)
    kids = []
    for content in contents:
        n_content = w.reserve(2)
        w.write(n_content, pdf_objects.stream(content, b"/Filter /FlateDecode"))
        w.write(
            n_content + 1,
            b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources %d 0 R /Contents %d 0 R >>"
            % (pages_obj, box, resources, n_content),
        )
        kids.append(b"%d 0 R" % (n_content + 1))
    w.write(pages_obj, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids)))
    root = w.reserve()
    w.write(root, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)
    w.finish(root, hashlib.md5(b"".join(contents[:1]) + b"%d" % len(contents)).digest())
    return out.getvalue()


class NotYet(str):
    """A reason more pages laid out by WeasyPrint would lift (none of them is a list page yet)."""


class Later(enum.Enum):
    """`render_rest`'s answer when its pages cannot be drawn: ask again after WeasyPrint's next
    part (LATER: no laid-out page shows the list's geometry yet), or never (NEVER)."""

    LATER = "later"
    NEVER = "never"


LATER, NEVER = Later.LATER, Later.NEVER


@dataclass(frozen=True)
class Rest:
    """What `render_rest` drew: `pages` pages (`pdf`, None when none), and where WeasyPrint takes
    over (`resume`, None when the list is done) to lay out past `uncertain`, the first unit this
    module could not be sure of."""

    pdf: bytes | None
    pages: int
    resume: int | None
    uncertain: int | None
    #: units WeasyPrint should lay out from `resume`: past `uncertain`, and more than a page of
    #: one-line rows beyond it (a part of one page would end the page early)
    span: int = 0


def render_rest(document: Document, pages, start: int, first_page: int) -> Rest | Later:
    """The list's pages from annex unit `start` on (numbered from `first_page`), drawn here from
    WeasyPrint's `pages` of the part before: up to the end, or up to the page of a row this module
    cannot be sure of (then WeasyPrint lays out past it, and this is asked again); else whether to
    ask again after the next part WeasyPrint lays out (the reasons are logged)."""
    planned = plan(document, pages, start, first_page)
    if isinstance(planned, str):
        LOG.info("the list's pages from unit %d are laid out by WeasyPrint: %s", start, planned)
        return LATER if isinstance(planned, NotYet) else NEVER
    if planned.resume is not None:
        LOG.info(
            "the list's pages from unit %d are laid out by WeasyPrint past unit %d: %s",
            planned.resume,
            planned.uncertain,
            planned.reason,
        )
    written = write(planned) if planned.pages else None
    if isinstance(written, str):
        LOG.info("the list's pages from unit %d are laid out by WeasyPrint: %s", start, written)
        return NEVER
    span = 0
    if planned.resume is not None:
        t = planned.template
        capacity = int((t.bottom - t.top) / t.row_height(1)) + 2
        span = (planned.uncertain or planned.resume) - planned.resume + max(RESUME_UNITS, capacity)
    return Rest(written, len(planned.pages), planned.resume, planned.uncertain, span)
