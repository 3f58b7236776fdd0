"""Certificates → PDF with WeasyPrint: a chunk of certificates laid out once.

One HTML document per chunk (never one giant document: WeasyPrint's memory grows with the
document) is laid out and written once; each certificate's own PDF is then cut from the chunk's
PDF with pikepdf (qpdf: ~0.6 ms a page, where WeasyPrint writing each page separately costs
~23 ms — it subsets the fonts again for every file — and pypdf ~5 ms), and the chunk PDFs are
joined into the print PDF (1,000 pages in ~0.15 s). Stylesheet and font
configuration are built once per process and layout; the URL fetcher only serves template
files (the emblem image).
"""

from __future__ import annotations

import io

import pikepdf
from weasyprint import CSS, HTML

from vanban import text_metrics
from vanban.certificate_model import COLORS, Certificate, CertificateLayout
from vanban.render.pdf import environment, font_stack, html_dir, resources

_STYLESHEETS: dict[str, CSS] = {}


def _stylesheet(chosen: CertificateLayout) -> CSS:
    """The page and every field's box as CSS classes, built once per process and layout."""
    key = f"{html_dir()}|{chosen.model_dump_json()}"
    if key not in _STYLESHEETS:
        _STYLESHEETS[key] = _build_stylesheet(chosen)
    return _STYLESHEETS[key]


def _build_stylesheet(chosen: CertificateLayout) -> CSS:
    font_config, _css, fetcher = resources()
    text = (
        environment()
        .get_template("certificate.css.j2")
        .render(
            page=chosen.page,
            font_stack=font_stack(),
            line_height=text_metrics.single_line_em(),
            border=chosen.border,
            emblem=_emblem_from_html(chosen),
            offset=chosen.offset,
            fields=chosen.fields,
            colors=COLORS,
        )
    )
    return CSS(string=text, font_config=font_config, url_fetcher=fetcher, base_url=str(html_dir()) + "/")


def _emblem_from_html(chosen: CertificateLayout):
    """The emblem with its path relative to the HTML folder (templates' `images/…`)."""
    if chosen.emblem is None:
        return None
    return chosen.emblem.model_copy(update={"file": "../" + chosen.emblem.file})


def render_html(certificates: list[Certificate], chosen: CertificateLayout) -> str:
    return (
        environment()
        .get_template("certificate.html.j2")
        .render(
            certificates=certificates,
            border=chosen.border,
            sizes={key: box.size for key, box in chosen.fields.items()},
            tops={key: box.y + chosen.offset.y for key, box in chosen.fields.items()},
            title="Giấy khen",
        )
    )


def render_certificates(
    certificates: list[Certificate], chosen: CertificateLayout, *, single: bool = True
) -> tuple[bytes, list[bytes]]:
    """(the chunk as one PDF, one PDF per certificate if `single`) from one layout pass."""
    font_config, _css, fetcher = resources()
    document = HTML(
        string=render_html(certificates, chosen), base_url=str(html_dir()) + "/", url_fetcher=fetcher
    ).render(stylesheets=[_stylesheet(chosen)], font_config=font_config)
    if len(document.pages) != len(certificates):
        raise RuntimeError(
            f"{len(certificates)} certificates laid out on {len(document.pages)} pages: a field overflows its page"
        )
    whole = document.write_pdf()
    return whole, (split_pages(whole) if single else [])


def split_pages(pdf: bytes) -> list[bytes]:
    """One PDF per page of `pdf` (fonts and images shared by the page are carried along)."""
    out = []
    with pikepdf.Pdf.open(io.BytesIO(pdf)) as source:
        for page in source.pages:
            single = pikepdf.Pdf.new()
            single.pages.append(page)
            buf = io.BytesIO()
            single.save(buf)
            out.append(buf.getvalue())
    return out


def warm_up(chosen: CertificateLayout) -> None:
    """Build the fonts, stylesheets and Pango state a render needs, without rendering anything."""
    font_config, _css, fetcher = resources()
    _stylesheet(chosen)
    HTML(string="<p>Ă</p>", url_fetcher=fetcher).render(
        stylesheets=[_css, _stylesheet(chosen)], font_config=font_config
    )
