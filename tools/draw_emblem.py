"""Draw the neutral default emblem of certificates: doc_templates/images/emblem.png.

vanban ships no downloaded image: this default is drawn here, with Pillow, in the manner of a
state emblem (a red disc with a gold star, a wreath of rice ears, a cogwheel and a ribbon) but
simplified, so it reads as an emblem on a certificate without claiming to be the official one. An
office that must print the real state emblem, its trade union's logo or its school's badge puts
the image in its office folder and names it in the issuer profile (`emblem: images/…png`).

    python tools/draw_emblem.py            # rewrites doc_templates/images/emblem.png
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "doc_templates" / "images" / "emblem.png"
RED = (200, 16, 46, 255)
DARK_RED = (150, 10, 30, 255)
GOLD = (245, 190, 20, 255)
DARK_GOLD = (196, 140, 10, 255)
#: Drawn at 4x and reduced: smooth edges without an anti-aliasing library.
SCALE = 4
SIZE = 400  # 34 mm wide on the certificate: 300 dpi, print quality for a drawn emblem


def star(cx: float, cy: float, r_outer: float, r_inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def grain(draw: ImageDraw.ImageDraw, cx: float, cy: float, angle: float, length: float, width: float) -> None:
    """One rice grain: an ellipse along `angle`, drawn as a polygon."""
    pts = []
    for i in range(24):
        t = 2 * math.pi * i / 24
        x, y = length / 2 * math.cos(t), width / 2 * math.sin(t)
        pts.append((cx + x * math.cos(angle) - y * math.sin(angle), cy + x * math.sin(angle) + y * math.cos(angle)))
    draw.polygon(pts, fill=GOLD, outline=DARK_GOLD, width=SCALE)


def wreath(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, side: int) -> None:
    """Rice ears up one side of the disc (side -1 left, +1 right), from the cog to the top."""
    for k in range(15):
        a = math.radians(110 - k * 11.5)  # from bottom (110°) up to the top (~-50°)
        x = cx + side * radius * math.cos(a)
        y = cy + radius * math.sin(a)
        tangent = math.atan2(math.cos(a), side * -math.sin(a))
        for offset in (-1, 1):
            off = 0.055 * radius * offset
            gx = x + off * math.cos(a) * side
            gy = y + off * math.sin(a)
            grain(draw, gx, gy, tangent + offset * 0.45, 0.16 * radius, 0.065 * radius)


def cog(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    teeth = 12
    pts = []
    for i in range(teeth * 4):
        a = 2 * math.pi * i / (teeth * 4)
        rr = r if (i // 2) % 2 == 0 else r * 0.8
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=GOLD, outline=DARK_GOLD, width=SCALE)
    draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35), fill=DARK_GOLD)


def draw_emblem(size: int = SIZE) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = s / 2, s * 0.44
    wreath(d, cx, cy, s * 0.37, -1)
    wreath(d, cx, cy, s * 0.37, +1)
    cog(d, cx, s * 0.76, s * 0.10)
    # ribbon across the foot of the wreath, its ends folded back
    for side in (-1, 1):
        d.polygon(
            [
                (cx + side * s * 0.30, s * 0.85),
                (cx + side * s * 0.44, s * 0.83),
                (cx + side * s * 0.40, s * 0.88),
                (cx + side * s * 0.45, s * 0.93),
                (cx + side * s * 0.30, s * 0.93),
            ],
            fill=DARK_RED,
        )
    d.polygon(
        [(s * 0.22, s * 0.83), (s * 0.78, s * 0.83), (s * 0.74, s * 0.91), (s * 0.26, s * 0.91)],
        fill=RED,
        outline=DARK_RED,
        width=2 * SCALE,
    )
    r = s * 0.24
    d.ellipse((cx - r - 3 * SCALE, cy - r - 3 * SCALE, cx + r + 3 * SCALE, cy + r + 3 * SCALE), fill=GOLD)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED)
    d.polygon(star(cx, cy, r * 0.72, r * 0.28), fill=GOLD)
    return img.filter(ImageFilter.SMOOTH).resize((size, size), Image.LANCZOS)


def shipped_emblem(size: int = SIZE) -> Image.Image:
    """The emblem as shipped: 400 px and 64 colours, indistinguishable at print size. Every
    certificate file embeds it: measured, the PNG went from 98 KB (600 px, full colour) to
    13 KB and a full-design certificate PDF from 100 KB to 71 KB."""
    return draw_emblem(size).quantize(colors=64, method=Image.Quantize.FASTOCTREE)


if __name__ == "__main__":
    shipped_emblem().save(OUT, optimize=True)
    print(OUT)
