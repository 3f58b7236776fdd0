"""Document → PDF bytes with WeasyPrint, from the Jinja2 HTML and CSS in `doc_templates/html/`.

The same `Document` the DOCX renderer takes is rendered here, so both carry the same text.
Per process, the Jinja environment, the stylesheet and WeasyPrint's font configuration are built
once and reused (a new font configuration per document costs ~13 ms). Data is autoescaped and
the URL fetcher serves only files under `doc_templates/`: nothing in a document's data can make
the renderer read a local file or reach the network. Fonts come from the system through
fontconfig (Times New Roman when installed, else Liberation Serif) and are embedded, subset.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup, escape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from vanban import rules, text_metrics
from vanban.document_model import Annex, Block, Centered, Document, Table
from vanban.render import pagination
from vanban.resources import template_dir


def html_dir() -> Path:
    """The folder of the Jinja HTML and CSS templates in use."""
    return template_dir() / "html"


class TemplateOnlyFetcher(URLFetcher):
    """Serves `file:` URLs under the template folder; refuses everything else."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(allowed_protocols={"file"})
        self.root = (root or template_dir()).resolve()

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"vanban does not fetch {url!r}: only template files are served")
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"vanban does not fetch {url!r}: outside {self.root}")
        return super().fetch(url, headers)


def environment() -> jinja2.Environment:
    """The Jinja environment of the HTML templates in use (one per template folder and process)."""
    return _environment(html_dir())


def no_break(text: str) -> Markup:
    """`text` escaped, each `rules.no_break_spans` token in a no-wrap span (`13/TTr-UBND`,
    `Điều 1.`, `710.000 đồng` never break across lines); the extracted text is unchanged.

    Cached: a long list repeats its units, positions and amounts in every row, and the five
    patterns of `no_break_spans` cost ~0.3 s CPU per 1,000 rows uncached. Only plain strings
    are cached (data); anything else (a `Markup`) is escaped as `escape` treats it."""
    return _cached_no_break(text) if type(text) is str else _no_break(text)


def _no_break(text: str) -> Markup:
    out, at = [], 0
    for start, end in rules.no_break_spans(text):
        out += [escape(text[at:start]), Markup('<span class="nb">'), escape(text[start:end]), Markup("</span>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


_cached_no_break = functools.lru_cache(maxsize=4096)(_no_break)


@functools.cache
def _environment(folder: Path) -> jinja2.Environment:
    # HTML templates (which carry data) are autoescaped; the stylesheet template only receives
    # values from vanban.rules and must keep its quotes.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(disabled_extensions=("css.j2",), default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["nb"] = no_break
    return env


def font_stack() -> str:
    families = [rules.FONT_NAME, *rules.FONT_FALLBACKS]
    return ", ".join(f'"{f}"' for f in families) + ", serif"


def resources() -> tuple[FontConfiguration, CSS, TemplateOnlyFetcher]:
    """Font configuration, stylesheet and fetcher: built once per process and template folder."""
    return _resources(html_dir())


def stylesheet_text(folder: Path) -> str:
    """The document stylesheet as rendered from `document.css.j2`: every size from `rules`."""
    single = text_metrics.single_line_em()
    return (
        _environment(folder)
        .get_template("document.css.j2")
        .render(
            r=rules,
            styles=rules.STYLES,
            font_stack=font_stack(),
            cell_margin_mm=rules.TABLE_CELL_MARGIN_MM,
            # a data table's text starts inside half the rule as well, as LibreOffice lays out the
            # DOCX (measured: with it the example list's 258 lines break alike in both)
            cell_text_inset_mm=round(rules.TABLE_CELL_MARGIN_MM + rules.TABLE_RULE_PT / 2 * rules.MM_PER_PT, 3),
            line_height_single=single,
            line_height_body=round(single * rules.LINE_SPACING.default, 4),
            number_gap_pt=rules.HEADER_NUMBER_GAP_PT,
        )
    )


@functools.cache
def _resources(folder: Path) -> tuple[FontConfiguration, CSS, TemplateOnlyFetcher]:
    font_config = FontConfiguration()
    css_text = stylesheet_text(folder)
    fetcher = TemplateOnlyFetcher(folder.parent)
    css = CSS(string=css_text, font_config=font_config, url_fetcher=fetcher, base_url=str(folder) + "/")
    return font_config, css, fetcher


#: Annex units (table rows and paragraphs) laid out per WeasyPrint document. WeasyPrint keeps every
#: laid-out page in memory (~1.2 GB and 70 s for a 10,000-row list in one document); a long list
#: is laid out part by part, each part starting where the previous one's last full page ended.
#: 200 (about ten pages): the 1,000-row list's layout holds 26 MB at its peak instead of 51 MB
#: with 400, for the same CPU time (within the noise of `bench/decision_list.py`) and a PDF 15 %
#: larger (each part embeds its own font subsets). Pages are the same either way.
PART_UNITS = 200


def _annex_units(document: Document) -> list[tuple[int, Block, int]]:
    """(annex index, block, first unit) for every annex block; a table counts one unit per row."""
    out: list[tuple[int, Block, int]] = []
    unit = 0
    for a, annex in enumerate(document.annexes):
        for block in annex.blocks:
            out.append((a, block, unit))
            unit += len(block.rows) if isinstance(block, Table) else 1
    return out


def _annex_slice(document: Document, start: int, stop: int) -> list[tuple[Annex, list[tuple[Block, int, bool]]]]:
    """The annex blocks covering units [start, stop), tables cut to those rows (header kept),
    each with its keep-with-next flag (`pagination.keep_flags`)."""
    parts: dict[int, list[tuple[Block, int, bool]]] = {}
    keeps = {a: pagination.keep_flags(annex.blocks, closing=False) for a, annex in enumerate(document.annexes)}
    seen: dict[int, int] = {}
    for a, block, first in _annex_units(document):
        position = seen.get(a, 0)
        seen[a] = position + 1
        count = len(block.rows) if isinstance(block, Table) else 1
        lo, hi = max(start, first), min(stop, first + count)
        if lo >= hi:
            continue
        if isinstance(block, Table):
            offset = lo - first
            block = block.model_copy(
                update={
                    "rows": block.rows[offset : hi - first],
                    # the kept tail only where this slice holds the table's end
                    "keep_last": block.keep_last if hi == first + count else 0,
                    "section_rows": [i - offset for i in block.section_rows if lo - first <= i < hi - first],
                }
            )
        parts.setdefault(a, []).append((block, lo, keeps[a][position]))
    return [(document.annexes[a], items) for a, items in sorted(parts.items())]


def render_html(document: Document, units: tuple[int, int] | None = None, first_page: int = 1) -> str:
    """HTML of the document, or of annex units [start, stop) only (a continuation part)."""
    f = document.frame
    cong_van = f.doc_type == rules.CONG_VAN
    party = f.issuer.system == "party"
    total = sum(len(b.rows) if isinstance(b, Table) else 1 for a in document.annexes for b in a.blocks)
    start, stop = units or (0, total)

    def rule_length(block: Centered) -> float:
        return text_metrics.rule_length_mm(
            [block.text], block.style, rules.SUBJECT_RULE_FRACTION.default, rules.text_width_mm()
        )

    return (
        environment()
        .get_template("document.html.j2")
        .render(
            d=document,
            f=f,
            party=party,
            party_star=rules.PARTY_STAR,
            cv_subject=f.subject if cong_van else [],
            subject_lines=[] if cong_van else f.subject,
            rules_mm=text_metrics.frame_rule_lengths(f.issuer.name, f.right_title, f.subject, party),
            recipients_label=rules.RECIPIENTS_LABEL,
            rule_length=rule_length,
            title=" ".join([f.type_name, *f.subject]).strip() or f.number_line,
            annex_parts=_annex_slice(document, start, stop),
            body_keeps=pagination.keep_flags(document.blocks, closing=True),
            rows_kept=pagination.rows_kept_together,
            continuation=start > 0,
            first_page=first_page,
            draft_mark_pt=rules.DRAFT_MARK_SIZE_PT,
        )
    )


def _layout(html: str, metadata=None):
    font_config, css, fetcher = resources()
    laid = HTML(string=html, base_url=str(html_dir()) + "/", url_fetcher=fetcher).render(
        stylesheets=[css], font_config=font_config
    )
    if metadata is not None:
        laid.metadata = metadata
    return laid


def _units_on(page) -> set[int]:
    found = set()
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and element.get("data-unit") is not None:
            found.add(int(element.get("data-unit")))
    return found


def render_pdf(document: Document, *, pdf_variant: str | None = None, metadata=None, executor=None) -> bytes:
    """The document as PDF; a long annex is laid out in parts of about `PART_UNITS` units.

    Each part but the last drops its last page (usually part-filled) and the next part starts
    with the first unit of that page, so pages fill as in one run: the table header repeats at
    the top of each page, page numbers continue, and memory stays bounded.

    With an `executor` (`concurrent.futures`, processes), the parts after the first are laid out
    side by side: the first part is laid out here, the rest of the list's page starts are
    predicted from its pages (`vanban.render.list_pages`), and each part, starting on a
    predicted page with its page number, is checked against the pages WeasyPrint made; from the
    first part that does not match, the rest is laid out in sequence as without an executor.
    The pages are the same either way.

    A list longer than `list_fast.FIRST_UNITS` units (unless `VANBAN_LIST_RENDERER=weasyprint`):
    WeasyPrint lays out the document and the list's first pages, and the pages after them are
    drawn by `vanban.render.list_fast` from their geometry (~0.5 s of CPU for the 47 later pages
    of a 1,000-row list, where WeasyPrint took ~6 s); where list_fast is not sure of a row it
    draws the pages before it, WeasyPrint lays out that page and a little more in a part as
    above, and list_fast goes on after it; where it is not sure of the page itself, the rest is
    laid out by WeasyPrint. The pages are the same either way (`tests/render/test_list_fast.py`).

    For the electronic original (issue 14) pass `pdf_variant="pdf/a-2b"` and a WeasyPrint
    `DocumentMetadata` (see `vanban.sign.pdfa.archival_metadata`): it replaces the metadata
    WeasyPrint reads from the HTML, and a long document keeps the first part's catalog (output
    intent, XMP) when the parts are joined.
    """
    from vanban.render import list_fast

    total = sum(len(b.rows) if isinstance(b, Table) else 1 for a in document.annexes for b in a.blocks)
    # a list with pages after its first part: those are drawn by list_fast when it can
    fast = list_fast.enabled() and total > list_fast.FIRST_UNITS
    if total <= PART_UNITS and not fast:
        return _layout(render_html(document), metadata).write_pdf(pdf_variant=pdf_variant)
    pieces, start, page_no = [], 0, 1
    size = list_fast.FIRST_UNITS if fast else PART_UNITS
    tries = list_fast.MAX_RESUMES
    while start < total:
        stop = min(total, start + size)
        size = PART_UNITS
        laid = _layout(render_html(document, (start, stop), page_no), metadata)
        pages = laid.pages
        if stop >= total or len(pages) < 2:
            keep, next_start = pages, stop
        else:
            tail = _units_on(pages[-1])
            next_start = min(tail) if tail else stop
            keep = pages[:-1] if start < next_start < stop else pages
            if keep is pages:
                next_start = stop
        pieces.append(laid.copy(keep).write_pdf(pdf_variant=pdf_variant))
        page_no += len(keep)
        if fast and next_start < total:
            rest = list_fast.render_rest(document, keep, next_start, page_no)
            if isinstance(rest, list_fast.Rest):
                if rest.pdf is not None:
                    pieces.append(rest.pdf)
                    page_no += rest.pages
                if rest.resume is None:
                    break
                # WeasyPrint lays out the page of the row list_fast was not sure of and a little
                # more; list_fast is asked again after that part (a few times at most)
                next_start = rest.resume
                size = rest.span
                tries -= 1
                fast = tries > 0
            else:
                fast = rest is list_fast.LATER  # no list page among these yet: ask again after the next part
        if executor is not None and next_start < total and not fast:
            # predict from the first part whose pages tell the geometry, once
            plan = _parallel_plan(document, keep, next_start, total)
            if plan is not None:
                done, next_start, page_no = _render_parallel(document, plan, page_no, pdf_variant, metadata, executor)
                pieces += done
                executor = None
        start = next_start
    buf = io.BytesIO()
    # the first part's catalog and information (title, PDF/A output intent and XMP) are the file's
    join_pdfs(pieces, buf, keep_catalog=True)
    return buf.getvalue()


def _parallel_plan(document: Document, pages, start: int, total: int) -> list[int] | None:
    """Predicted page starts from `start` to the end, when every unit left is a row of one
    table and the first part's `pages` tell the geometry; else None (lay out in sequence)."""
    from vanban.render import list_pages

    table = next(
        (
            (block, first)
            for _, block, first in _annex_units(document)
            if isinstance(block, Table) and first <= start < first + len(block.rows)
        ),
        None,
    )
    if table is None or table[1] + len(table[0].rows) != total:
        return None
    rows = list_pages.ListRows(table[1], table[0])
    geometry = list_pages.measure(pages, rows)
    if geometry is None:
        return None
    return list_pages.page_starts(rows, geometry, start)


def render_range(
    document: Document, start: int, stop: int, until: int, first_page: int, pdf_variant, metadata
) -> tuple[bytes, tuple[int | None, ...]]:
    """Units [start, stop) laid out from page `first_page`, the pages starting before `until`
    written as PDF; with the first unit of every page laid out (to check a prediction)."""
    laid = _layout(render_html(document, (start, stop), first_page), metadata)
    starts = tuple(min(units) if (units := _units_on(page)) else None for page in laid.pages)
    keep = [page for page, unit in zip(laid.pages, starts, strict=True) if unit is not None and unit < until]
    return laid.copy(keep).write_pdf(pdf_variant=pdf_variant), starts


def _render_parallel(document: Document, plan: list[int], page_no: int, pdf_variant, metadata, executor):
    """Lay out the predicted pages `plan` (first units) in parts on `executor`; the parts that
    match their prediction, in order, and where to go on in sequence (unit, page number)."""
    annex_total = sum(len(b.rows) if isinstance(b, Table) else 1 for a in document.annexes for b in a.blocks)
    per_part = max(1, round(len(plan) * PART_UNITS / max(1, annex_total - plan[0])))
    groups = [plan[i : i + per_part] for i in range(0, len(plan), per_part)]
    jobs = []
    first_page = page_no
    for index, group in enumerate(groups):
        until = groups[index + 1][0] if index + 1 < len(groups) else annex_total
        # one more page's rows beyond `until`: the last kept page is laid out as within the list
        stop = min(annex_total, until + (until - group[-1]) + 1) if index + 1 < len(groups) else annex_total
        jobs.append(
            (
                group,
                until,
                first_page,
                executor.submit(render_range, document, group[0], stop, until, first_page, pdf_variant, metadata),
            )
        )
        first_page += len(group)
    done: list[bytes] = []
    for group, until, first, future in jobs:
        pdf, starts = future.result()
        kept = [u for u in starts if u is not None and u < until]
        if kept != group or (until < annex_total and until not in starts):
            for _, _, _, later in jobs:
                later.cancel()
            return done, group[0], first
        done.append(pdf)
    return done, annex_total, first_page


def join_pdfs(sources: list, target, *, keep_catalog: bool = False) -> None:
    """Concatenate PDFs (paths or bytes) in order into `target` (a path or a writable file).

    pikepdf (qpdf) copies the pages with their fonts and images; 1,000 pages take ~0.15 s.
    `keep_catalog` builds on the first source, keeping its catalog and information dictionary
    (a PDF/A output intent and XMP metadata), instead of a new empty document."""
    import pikepdf

    opened = [pikepdf.Pdf.open(io.BytesIO(s) if isinstance(s, bytes) else s) for s in sources]
    try:
        joined = opened[0] if keep_catalog and opened else pikepdf.Pdf.new()
        for source in opened:
            if source is joined:
                continue
            joined.pages.extend(source.pages)
        joined.save(target)
    finally:
        for source in opened:
            source.close()
