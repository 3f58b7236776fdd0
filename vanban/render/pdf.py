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
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from vanban import layout, rules
from vanban.document import Centered, Document
from vanban.paths import TEMPLATES

HTML_DIR = TEMPLATES / "html"


class TemplateOnlyFetcher(URLFetcher):
    """Serves `file:` URLs under the template folder; refuses everything else."""

    def __init__(self, root: Path = TEMPLATES) -> None:
        super().__init__(allowed_protocols={"file"})
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"vanban does not fetch {url!r}: only template files are served")
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"vanban does not fetch {url!r}: outside {self.root}")
        return super().fetch(url, headers)


@functools.cache
def _env() -> jinja2.Environment:
    # HTML templates (which carry data) are autoescaped; the stylesheet template only receives
    # values from vanban.rules and must keep its quotes.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HTML_DIR),
                              autoescape=jinja2.select_autoescape(disabled_extensions=("css.j2",),
                                                                  default_for_string=True, default=True),
                              undefined=jinja2.StrictUndefined, trim_blocks=False)


def font_stack() -> str:
    families = [rules.FONT_NAME, *rules.FONT_FALLBACKS]
    return ", ".join(f'"{f}"' for f in families) + ", serif"


@functools.cache
def _resources() -> tuple[FontConfiguration, CSS, TemplateOnlyFetcher]:
    """Font configuration, stylesheet and fetcher: built once per process."""
    font_config = FontConfiguration()
    single = layout.single_line_em()
    css_text = _env().get_template("document.css.j2").render(
        r=rules, styles=rules.STYLES, font_stack=font_stack(), cell_margin_mm=layout.CELL_MARGINS_MM / 2,
        line_height_single=single, line_height_body=round(single * rules.LINE_SPACING.default, 4),
        number_gap_pt=rules.HEADER_NUMBER_GAP_PT)
    fetcher = TemplateOnlyFetcher()
    css = CSS(string=css_text, font_config=font_config, url_fetcher=fetcher, base_url=str(HTML_DIR) + "/")
    return font_config, css, fetcher


def render_html(document: Document) -> str:
    f = document.frame
    cong_van = f.doc_type == rules.CONG_VAN
    party = f.issuer.system == "party"

    def rule_length(block: Centered) -> float:
        return layout.rule_length_mm([block.text], block.style, rules.SUBJECT_RULE_FRACTION.default,
                                     rules.text_width_mm())

    return _env().get_template("document.html.j2").render(
        d=document, f=f, party=party, party_star=rules.PARTY_STAR,
        cv_subject=f.subject if cong_van else [], subject_lines=[] if cong_van else f.subject,
        rules_mm=layout.frame_rule_lengths(f.issuer.name, f.right_title, f.subject, party),
        recipients_label=rules.RECIPIENTS_LABEL, rule_length=rule_length,
        title=" ".join([f.type_name, *f.subject]).strip() or f.number_line)


def render_pdf(document: Document) -> bytes:
    font_config, css, fetcher = _resources()
    html = HTML(string=render_html(document), base_url=str(HTML_DIR) + "/", url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[css], font_config=font_config)
