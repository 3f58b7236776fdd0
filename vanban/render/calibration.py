"""The calibration sheet (tờ căn chỉnh phôi) for printing certificates onto pre-printed stock.

An office that prints onto its blank Giấy khen stock (`--mode preprinted`) must know where its
printer puts the text on that stock. This one-page PDF, the size of the stock, prints a
millimetre grid with labelled rulers along the top and left edges, and every field box of the
calibration file at the place text would go (the file's `offset` applied), each with a crosshair
at its top-left corner and its name. The clerk prints it on plain paper, lays it on a blank
against the light, reads how far the boxes sit from the stock's printed lines, and writes that
shift in the calibration file's `offset` (x to the right, y down, in millimetres).

A box is as tall as its lines at the field's size (`max_lines` × the line height the renderers
use), so it shows the room a long name has before it shrinks.
"""

from __future__ import annotations

import io
from html import escape

from weasyprint import HTML

from vanban import text_metrics
from vanban.certificate_model import CertificateLayout
from vanban.render.pdf import font_stack, resources

PT_MM = 25.4 / 72
GRID_MINOR_MM = 1
GRID_MAJOR_MM = 10


def box_height_mm(size_pt: float, max_lines: int) -> float:
    """The height of a field's box: its lines at the line height the certificate renderers use."""
    return max_lines * size_pt * PT_MM * text_metrics.single_line_em()


def calibration_svg(layout: CertificateLayout, source: str = "") -> str:
    """The sheet as one SVG in millimetres (1 user unit = 1 mm)."""
    width, height = layout.page.width, layout.page.height
    parts: list[str] = []
    # grid: a line every millimetre, darker every 5 and 10
    for axis_len, other, vertical in ((width, height, True), (height, width, False)):
        for mm in range(0, int(axis_len) + 1, GRID_MINOR_MM):
            stroke = "#555" if mm % GRID_MAJOR_MM == 0 else "#aaa" if mm % 5 == 0 else "#ddd"
            w = 0.25 if mm % GRID_MAJOR_MM == 0 else 0.1
            if vertical:
                parts.append(f'<line x1="{mm}" y1="0" x2="{mm}" y2="{other}" stroke="{stroke}" stroke-width="{w}"/>')
            else:
                parts.append(f'<line x1="0" y1="{mm}" x2="{other}" y2="{mm}" stroke="{stroke}" stroke-width="{w}"/>')
    # rulers: numbers every 10 mm along the top and the left edge
    for mm in range(GRID_MAJOR_MM, int(width), GRID_MAJOR_MM):
        parts.append(f'<text x="{mm + 0.5}" y="3" class="ruler">{mm}</text>')
    for mm in range(GRID_MAJOR_MM, int(height), GRID_MAJOR_MM):
        parts.append(f'<text x="0.5" y="{mm - 0.5}" class="ruler">{mm}</text>')
    ox, oy = layout.offset.x, layout.offset.y
    for key, box in layout.fields.items():
        x, y = box.x + ox, box.y + oy
        h = box_height_mm(box.size, box.max_lines)
        parts.append(
            f'<rect x="{x:.2f}" y="{y:.2f}" width="{box.width:.2f}" height="{h:.2f}" '
            f'fill="none" stroke="#c00" stroke-width="0.35"/>'
        )
        parts.append(
            f'<path d="M {x - 4:.2f} {y:.2f} H {x + 4:.2f} M {x:.2f} {y - 4:.2f} V {y + 4:.2f}" '
            f'stroke="#c00" stroke-width="0.2"/>'
        )
        label = f"{key} ({box.x:g}; {box.y:g}) {box.width:g}×{h:.1f} mm"
        parts.append(f'<text x="{x + 1:.2f}" y="{y + h - 1:.2f}" class="label">{escape(label)}</text>')
    title = f"Tờ căn chỉnh phôi — {source} — offset x={ox:g} y={oy:g} mm"
    parts.append(f'<text x="{width / 2:.1f}" y="{height - 4:.1f}" class="title">{escape(title)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}">'
        "<style>text{font-family:" + escape(font_stack(), quote=False) + "}"
        ".ruler{font-size:2.2px;fill:#333}.label{font-size:2.6px;fill:#c00}"
        ".title{font-size:3.5px;text-anchor:middle;fill:#000}</style>" + "".join(parts) + "</svg>"
    )


def render_calibration(layout: CertificateLayout, source: str = "") -> bytes:
    """The calibration sheet as a one-page PDF the size of the certificate stock."""
    font_config, _css, fetcher = resources()
    page = f"@page {{ size: {layout.page.width}mm {layout.page.height}mm; margin: 0 }} body {{ margin: 0 }}"
    html = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{page}'
        "svg{display:block}</style></head>"
        f"<body>{calibration_svg(layout, source)}</body></html>"
    )
    out = io.BytesIO()
    HTML(string=html, url_fetcher=fetcher).write_pdf(out, font_config=font_config)
    return out.getvalue()
