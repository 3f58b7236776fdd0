"""Certificates → PDF by writing the PDF directly: the design once, then only each page's text.

Every certificate of a batch shares its design (border, emblem) and differs only in a dozen
lines of text that `vanban.certificate_model` has already fitted and wrapped. Laying each page
out with WeasyPrint (~10 ms a page, ~140 ms as one document per certificate) redoes the same
work a thousand times. Here:

- the design is laid out ONCE per process and layout by WeasyPrint itself (the same templates
  as `vanban.render.certificate_pdf`, with no text), turned into one Form XObject with pikepdf,
  serialised once, and drawn on every page with one `Do` (pre-printed mode has no design: text
  only, same path);
- text is shaped with HarfBuzz (`vanban.shaping`, the shaper Pango uses under WeasyPrint), so
  kerning and marks land where WeasyPrint puts them, and placed with the same box arithmetic as
  the CSS (left/centre/right in the field's box, baseline at top + half-leading + ascent);
- each face is embedded once per file as a subset of the glyphs the chunk uses, as a CID font
  whose CIDs are the original glyph ids (`vanban.render.truetype_subset` keeps the ids, ~1 ms a
  face where fontTools' renumbering subsetter took ~150 ms): content streams do not depend on
  the subset, so the print file subsets the whole batch once and copies every page's stream
  byte for byte;
- the PDF itself is written by hand (a few hundred bytes of objects per page plus the shared
  ones). pikepdf (qpdf) is used only where PDF parsing is needed — turning WeasyPrint's page
  into a Form XObject — because building a PDF object graph through it costs ~1 ms a file,
  more than the whole page here.

`render_certificates` has the signature of the WeasyPrint route's; `write_print_pdf` joins
the chunks' print parts into the print PDF as a stream (one part's pages in memory at a time).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from vanban import shaping
from vanban.certificate_model import Certificate, CertificateLayout, PlacedText
from vanban.render import pdf_objects
from vanban.render.pdf_objects import GlyphUse
from vanban.render.pdf_objects import Writer as _Writer
from vanban.render.pdf_objects import font_info as _font_info
from vanban.render.pdf_objects import font_objects as _font_objects
from vanban.render.pdf_objects import hmtx as _hmtx
from vanban.render.pdf_objects import num as _num
from vanban.render.pdf_objects import stream as _stream

PT_PER_MM = 72 / 25.4
FONT_OBJECTS = pdf_objects.FONT_OBJECTS
_REF = re.compile(rb"(\d+) 0 R")


# --------------------------------------------------------------------------------------------
# The design (border, emblem) as one Form XObject, laid out by WeasyPrint once per process.


@dataclass(frozen=True)
class Background:
    """The design's PDF objects, serialised, numbered 1…`count - 1`; `xobject` is the form's number."""

    objects: bytes  # "n 0 obj … endobj" for every object, in number order
    offsets: tuple[tuple[int, int], ...]  # (number, offset within `objects`)
    xobject: int | None
    count: int  # next free object number


@functools.cache
def _background_for(key: str, _templates: str) -> Background:
    chosen = CertificateLayout.model_validate_json(key)
    if chosen.border is None and chosen.emblem is None:
        return Background(objects=b"", offsets=(), xobject=None, count=1)
    import pikepdf

    from vanban.render.certificate_pdf import render_certificates

    empty = Certificate(index=1, awardee_name="", fields=[])
    design, _ = render_certificates([empty], chosen, single=False)
    with pikepdf.open(io.BytesIO(design)) as src:
        form = src.pages[0].as_form_xobject()
        holder = pikepdf.new()
        holder.Root.VanbanDesign = holder.copy_foreign(form)
        buf = io.BytesIO()
        holder.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        xobject = pdf.Root.VanbanDesign.objgen[0]
        skip = {pdf.Root.objgen[0], pdf.Root.Pages.objgen[0]}
        renumber: dict[int, int] = {}
        kept = [obj for obj in pdf.objects if obj.is_indirect and obj.objgen[0] not in skip]
        for obj in sorted(kept, key=lambda o: o.objgen[0]):
            renumber[obj.objgen[0]] = len(renumber) + 1

        def fix(raw: bytes) -> bytes:
            return _REF.sub(lambda m: b"%d 0 R" % renumber[int(m.group(1))], raw)

        out = io.BytesIO()
        offsets = []
        for obj in sorted(kept, key=lambda o: o.objgen[0]):
            number = renumber[obj.objgen[0]]
            offsets.append((number, out.tell()))
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                d = pikepdf.Dictionary(dict(obj.stream_dict.items()))
                data = _smaller_image(obj, d, data)
                d.Length = len(data)
                out.write(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, fix(d.unparse()), data))
            else:
                out.write(b"%d 0 obj\n%s\nendobj\n" % (number, fix(obj.unparse(resolved=True))))
    return Background(objects=out.getvalue(), offsets=tuple(offsets), xobject=renumber[xobject], count=len(kept) + 1)


def _smaller_image(obj, d, data: bytes) -> bytes:
    """An image stream recompressed at zlib's best level without the PNG predictor WeasyPrint
    writes, when that is smaller (lossless: the same samples). The emblem and its alpha mask
    are two thirds of a single certificate's PDF: 49 KB → 29 KB here, in every one of a
    batch's files and again in its ZIP."""
    if d.get("/Subtype") != "/Image" or d.get("/Filter") != "/FlateDecode":
        return data
    smaller = zlib.compress(obj.read_bytes(), 9)
    if len(smaller) >= len(data):
        return data
    if "/DecodeParms" in d:
        del d["/DecodeParms"]
    return smaller


def background(chosen: CertificateLayout) -> Background:
    """The layout's design, laid out once per process, layout and template folder (an office
    folder may restyle the certificate templates)."""
    from vanban.render.pdf import html_dir

    return _background_for(chosen.model_dump_json(), str(html_dir()))


# --------------------------------------------------------------------------------------------
# Text: shaped lines → content stream operators, glyph use recorded per face.


def _line_height_em() -> float:
    from vanban import text_metrics

    return text_metrics.single_line_em()


def _rgb(hex_color: str) -> bytes:
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return b"%s %s %s rg" % (_num(r), _num(g), _num(b))


def field_ops(f: PlacedText, page_height_pt: float, use: GlyphUse) -> list[bytes]:
    """The operators drawing one field's lines where WeasyPrint's CSS box puts them.

    Drawn once per field, box and lines in a process: a batch's authority, title, decision
    reference and signature block are the same on every certificate, and lists repeat their
    units and positions (the glyph loop was ~2 of a certificate's 2.7 ms)."""
    ops, glyphs = _drawn(
        f.key, tuple(f.lines), f.x, f.y, f.width, f.size, f.bold, f.italic, f.color, f.align, page_height_pt
    )
    for face, line, shaped in glyphs:
        use.add_line(face, line, shaped)
    return list(ops)


@functools.lru_cache(maxsize=4096)  # bounded: a worker's memory must not grow with the list
def _drawn(
    key: str,
    lines: tuple[str, ...],
    x_mm: float,
    y_mm: float,
    width_mm: float,
    size: float,
    bold: bool,
    italic: bool,
    color: str,
    align: str,
    page_height_pt: float,
) -> tuple[tuple[bytes, ...], tuple[tuple[str, str, shaping.Shaped], ...]]:
    path = shaping.face_path(bold, italic)
    face = shaping.FACE_KEYS[(bold, italic)]
    ascent, descent, upem = shaping.font_extents(path)
    line_h = _line_height_em() * size
    half_leading = (line_h - (ascent + descent) / upem * size) / 2
    top = y_mm * PT_PER_MM
    left = x_mm * PT_PER_MM
    box_w = width_mm * PT_PER_MM
    ops = [b"/F%s %s Tf" % (face.encode(), _num(size)), _rgb(color)]
    glyphs = []
    widths = _hmtx(path)
    for i, line in enumerate(lines):
        shaped = shaping.shape(path, line)
        if 0 in shaped.gids:  # never an empty box: the list's rows are checked before numbering,
            # so this is text from the session or the layout
            lacking = shaping.missing(line, bold, italic)
            raise ValueError(f"the certificate font cannot draw {lacking} in the {key} field: {line!r}")
        glyphs.append((face, line, shaped))
        w = shaped.width_pt(size)
        x = left + {"left": 0.0, "center": (box_w - w) / 2, "right": box_w - w}[align]
        baseline = top + i * line_h + half_leading + ascent / upem * size
        y = page_height_pt - baseline
        if shaped.plain:
            parts = [b"["]
            for gid, adv in zip(shaped.gids, shaped.advances, strict=True):
                parts.append(b"<%04x>" % gid)
                adjust = (widths[gid] - adv) * 1000 / upem
                if abs(adjust) > 1e-6:
                    parts.append(_num(adjust))
            parts.append(b"] TJ")
            ops.append(b"1 0 0 1 %s %s Tm %s" % (_num(x), _num(y), b"".join(parts)))
        else:  # marks placed off the pen position: each glyph at its own point
            pen = 0
            for gid, adv, dx, dy in zip(shaped.gids, shaped.advances, shaped.x_offsets, shaped.y_offsets, strict=True):
                gx = x + (pen + dx) / upem * size
                gy = y + dy / upem * size
                ops.append(b"1 0 0 1 %s %s Tm <%04x> Tj" % (_num(gx), _num(gy), gid))
                pen += adv
    return tuple(ops), tuple(glyphs)


def page_content(c: Certificate, chosen: CertificateLayout, use: GlyphUse, design: bool) -> bytes:
    """One certificate's content stream (flate-compressed): the design, then its text."""
    height = chosen.page.height * PT_PER_MM
    ops = [b"q /Design Do Q"] if design else []
    ops.append(b"BT")
    for f in c.fields:
        ops += field_ops(f, height, use)
    ops.append(b"ET")
    return zlib.compress(b"\n".join(ops), 6)


def _shared(w: _Writer, design: Background, faces: dict[str, dict[int, str]]) -> int:
    """Fonts and the resource dictionary every page uses; returns the dictionary's number."""
    font_refs = []
    for face, glyphs in sorted(faces.items()):
        bold, italic = next(k for k, v in shaping.FACE_KEYS.items() if v == face)
        first = w.reserve(FONT_OBJECTS)
        for i, body in enumerate(_font_objects(face, shaping.face_path(bold, italic), glyphs, first)):
            w.write(first + i, body)
        font_refs.append(b"/F%s %d 0 R" % (face.encode(), first))
    resources = w.reserve()
    xobject = b" /XObject << /Design %d 0 R >>" % design.xobject if design.xobject else b""
    w.write(resources, b"<< /Font << %s >>%s /ProcSet [/PDF /Text /ImageC] >>" % (b" ".join(font_refs), xobject))
    return resources


def _media_box(chosen: CertificateLayout) -> tuple[float, float]:
    return chosen.page.width * PT_PER_MM, chosen.page.height * PT_PER_MM


@dataclass(frozen=True)
class SharedBlock:
    """Fonts and resources serialised once for every file of a chunk (numbers follow the design's)."""

    data: bytes
    offsets: tuple[tuple[int, int], ...]
    resources: int
    next: int

    @property
    def objects(self) -> bytes:
        return self.data

    @property
    def count(self) -> int:
        return self.next


def shared_block(design: Background, faces: dict[str, dict[int, str]]) -> SharedBlock:
    buf = io.BytesIO()
    w = _Writer(buf, Background(objects=b"", offsets=(), xobject=design.xobject, count=design.count), header=False)
    resources = _shared(w, design, faces)
    return SharedBlock(buf.getvalue(), tuple(w.offsets.items()), resources, w.next)


def _write_pdf(out, design: Background, media: tuple[float, float], contents, shared: SharedBlock, ident: bytes) -> int:
    """Write a complete PDF of `contents` (an iterable of compressed content streams); page count."""
    w = _Writer(out, design)
    w.splice(shared)
    resources = shared.resources
    pages_obj = w.reserve()
    box = b"[0 0 %s %s]" % (_num(media[0]), _num(media[1]))
    kids = []
    for content in contents:
        n_content = w.reserve(2)
        n_page = n_content + 1
        w.write(n_content, _stream(content, b"/Filter /FlateDecode"))
        w.write(
            n_page,
            b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources %d 0 R /Contents %d 0 R >>"
            % (pages_obj, box, resources, n_content),
        )
        kids.append(b"%d 0 R" % n_page)
    w.write(pages_obj, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids)))
    root = w.reserve()
    w.write(root, b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj)
    w.finish(root, ident)
    return len(kids)


def _contents(certificates: list[Certificate], chosen: CertificateLayout) -> tuple[list[bytes], GlyphUse]:
    design = background(chosen).xobject is not None
    use = GlyphUse()
    return [page_content(c, chosen, use, design) for c in certificates], use


def _singles(contents: list[bytes], chosen: CertificateLayout, use: GlyphUse) -> list[bytes]:
    design, media = background(chosen), _media_box(chosen)
    shared = shared_block(design, use.faces)
    singles = []
    for content in contents:
        buf = io.BytesIO()
        _write_pdf(buf, design, media, [content], shared, _ident(content, 1))
        singles.append(buf.getvalue())
    return singles


def render_certificates(
    certificates: list[Certificate], chosen: CertificateLayout, *, single: bool = True
) -> tuple[bytes, list[bytes]]:
    """(the chunk as one PDF, one self-contained PDF per certificate if `single`).

    Same contract as the WeasyPrint route. Every file of a chunk embeds the same font subset
    (the chunk's glyphs), so each face is subset once per chunk, not once per file."""
    contents, use = _contents(certificates, chosen)
    whole = io.BytesIO()
    design = background(chosen)
    _write_pdf(
        whole,
        design,
        _media_box(chosen),
        contents,
        shared_block(design, use.faces),
        _ident(b"".join(contents[:1]), len(contents)),
    )
    return whole.getvalue(), (_singles(contents, chosen, use) if single else [])


def render_chunk(
    certificates: list[Certificate], chosen: CertificateLayout, part: Path, *, single: bool = True
) -> list[bytes]:
    """One PDF per certificate, and the chunk's pages for the print PDF written to `part`
    (see `write_part`): each page's text is shaped and compressed once for both."""
    contents, use = _contents(certificates, chosen)
    _save_part(part, contents, use, chosen)
    return _singles(contents, chosen, use) if single else []


def _ident(content: bytes, n: int) -> bytes:
    return hashlib.md5(content + b"%d" % n).digest()


def missing_characters(text: str, bold: bool, italic: bool) -> list[str]:
    return shaping.missing(text, bold, italic)


# --------------------------------------------------------------------------------------------
# The print PDF: parts written by chunks, joined once with one font subset for the batch.

PART_SUFFIX = ".pages"


def write_part(certificates: list[Certificate], chosen: CertificateLayout, target: Path) -> None:
    """A chunk's pages for the print PDF, without single files."""
    contents, use = _contents(certificates, chosen)
    _save_part(target, contents, use, chosen)


def _save_part(target: Path, contents: list[bytes], use: GlyphUse, chosen: CertificateLayout) -> None:
    """`target`: the content streams, length-prefixed; `target.json`: the glyphs they use, the
    page size and the design's objects (so the join needs neither WeasyPrint nor the layout).

    Written instead of a PDF so the join copies streams without parsing anything and subsets
    each face once for the whole batch."""
    with open(target, "wb") as out:
        for content in contents:
            out.write(len(content).to_bytes(4, "big"))
            out.write(content)
    design = background(chosen)
    meta = {
        "media": _media_box(chosen),
        "glyphs": {face: {str(g): t for g, t in used.items()} for face, used in use.faces.items()},
        "design": {"offsets": design.offsets, "xobject": design.xobject, "count": design.count},
    }
    Path(f"{target}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    Path(f"{target}.design").write_bytes(design.objects)


def _read_part(path: Path):
    with open(path, "rb") as src:
        while head := src.read(4):
            yield src.read(int.from_bytes(head, "big"))


def is_part(path: Path) -> bool:
    return Path(f"{path}.json").is_file() and Path(f"{path}.design").is_file()


def write_print_pdf(parts: list[Path], target: Path) -> int:
    """Join the chunks' parts into the print PDF, streaming: one design, one subset per face.

    Only glyph tables are read up front; pages are copied one at a time from part files, so
    memory does not grow with the number of certificates."""
    use = GlyphUse()
    meta: dict = {}
    for part in parts:
        meta = json.loads(Path(f"{part}.json").read_text(encoding="utf-8"))
        use.merge({face: {int(g): t for g, t in used.items()} for face, used in meta["glyphs"].items()})
    d = meta["design"]
    design = Background(
        objects=Path(f"{parts[0]}.design").read_bytes(),
        offsets=tuple((int(n), int(at)) for n, at in d["offsets"]),
        xobject=d["xobject"],
        count=d["count"],
    )

    def contents():
        for part in parts:
            yield from _read_part(part)

    with open(target, "wb") as out:
        return _write_pdf(
            out,
            design,
            tuple(meta["media"]),
            contents(),
            shared_block(design, use.faces),
            hashlib.md5(target.name.encode()).digest(),
        )


def remove_part(part: Path) -> None:
    for path in (part, Path(f"{part}.json"), Path(f"{part}.design")):
        path.unlink(missing_ok=True)


def warm_up(chosen: CertificateLayout) -> None:
    """Lay out the design and load the fonts before the first chunk arrives."""
    background(chosen)
    for bold, italic in shaping.FACE_KEYS:
        path = shaping.face_path(bold, italic)
        _hmtx(path)
        _font_info(path)
        shaping.shape(path, "Ă")
