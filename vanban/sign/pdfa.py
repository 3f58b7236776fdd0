"""PDF/A-2b for the electronic original: metadata to render it, and checks of what matters.

Archives keep PDF/A (TCVN 14159-1:2024 adopts ISO 19005; digitisation guidance names PDF/A-1 or
PDF/A-2). vanban renders issued PDFs as PDF/A-2b with WeasyPrint (`pdf_variant="pdf/a-2b"`:
sRGB output intent, embedded subset fonts, XMP with the PDF/A identification) and fills the XMP
and the information dictionary with what an archive indexes:

- title (`dc:title`, `/Title`) = the subject (trích yếu);
- author (`dc:creator`, `/Author`) = the issuer's full name (tên cơ quan ban hành);
- creation date (`xmp:CreateDate`, `/CreationDate`) = the signing time, Vietnam time;
- identifier (`dc:identifier`, XMP only: the info dictionary has no such key) = the number and
  symbol (số, ký hiệu), e.g. `05/KH-LĐLĐ`.

`pdfa_problems` checks a file, unsigned or signed (PAdES signatures are incremental updates, so
every revision's objects are looked at as the last update left them). No validator such as
veraPDF installs here; these checks cover, with pikepdf:

- file structure: `%PDF-1.x` header followed by a binary comment, nothing but an end-of-line
  after the last `%%EOF`, a trailer `/ID`, no encryption (`/Encrypt`);
- output intent: `/OutputIntents` with a `/GTS_PDFA1` entry whose `/DestOutputProfile` is an RGB
  ICC profile (`/N 3`) describing sRGB; several output intents must share one profile;
- fonts: every font dictionary in the file (pages, form XObjects, annotation appearances, Type3
  resources alike) has its program embedded (`/FontFile`, `/FontFile2` or `/FontFile3`), for a
  Type0 font in its descendant CIDFont, and a CIDFontType2 has a `/CIDToGIDMap`;
- XMP: a `/Metadata` stream of type XML in the catalog, an `xpacket` header without the
  forbidden `bytes`/`encoding` attributes, `pdfaid:part=2` and `pdfaid:conformance=B`, and every
  information-dictionary entry equal to its XMP counterpart (Title, Author, Subject, Keywords,
  Creator, Producer, CreationDate, ModDate; dates compared as instants);
- actions and external content: no JavaScript (`/JS`, `/S /JavaScript`, a `/JavaScript` name
  tree), no Launch, Sound, Movie, ResetForm, ImportData, Hide, SetOCGState, Rendition, Trans or
  GoTo3DView actions, no additional actions (`/AA`), no references to other files (GoToR, GoToE,
  file specifications, embedded files, `file:` or relative URIs), no reference or PostScript
  XObjects (`/Ref`, `/OPI`, `/Subtype /PS`), no image `/Alternates`, no `/Interpolate true`;
- transparency, which PDF/A-2 permits within limits: blend modes only from ISO 32000-1 Table
  136, soft masks only `/None` or a luminosity/alpha mask whose group is a transparency group
  form, image soft masks only images, no transfer functions (`/TR`, `/TR2` other than
  `/Default`) and no `/HTP`;
- colour: no image in DeviceCMYK when the output intent is RGB;
- annotations: printable (`/F` has Print, not Hidden/Invisible/NoView/ToggleNoView), an
  appearance stream for all but Popup and Link, appearance dictionaries with only `/N`, no 3D,
  Sound, Screen or Movie annotations; `/NeedAppearances` not true.

What these checks do NOT cover (a veraPDF run would): the content streams themselves (colour
operators using device colour spaces, undefined operators, `.notdef` glyphs, text rendering
modes), whether a font program contains every glyph used and its widths agree with the font
dictionary, the validity of the ICC profile beyond its header and description, XMP extension
schemas for non-standard properties, optional content configurations, JPEG 2000 specifics,
implementation limits (string, name and array sizes, nesting depth), exact cross-reference and
stream-length syntax, and whether signature `/ByteRange`s cover the whole file (pyHanko writes
them so; `vanban.sign.verify` checks the signatures).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

import pikepdf
from weasyprint.pdf.metadata import NS as XMP_NS
from weasyprint.pdf.metadata import DocumentMetadata

from vanban import rules
from vanban.document_model import Document

PDFA_VARIANT = "pdf/a-2b"


class IdentifiedMetadata(DocumentMetadata):
    """WeasyPrint's metadata plus `dc:identifier` (the number and symbol) in the XMP.

    WeasyPrint writes title, creator and dates to both the information dictionary and the XMP;
    it has no identifier, so this subclass adds one `rdf:Description` to the RDF it generates.
    """

    def __init__(self, *args, identifier: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.identifier = identifier

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf_bytes = super().generate_rdf_metadata(variant, version, conformance)
        if not self.identifier:
            return rdf_bytes
        rdf = fromstring(rdf_bytes)
        description = SubElement(rdf, f"{{{XMP_NS['rdf']}}}Description")
        description.attrib[f"{{{XMP_NS['rdf']}}}about"] = ""
        SubElement(description, f"{{{XMP_NS['dc']}}}identifier").text = self.identifier
        return tostring(rdf, encoding="utf-8")


def w3c_time(moment: dt.datetime) -> str:
    """The signing time as XMP wants it, in Vietnam time: `2026-01-05T09:30:00+07:00`."""
    return rules.iso_signing_time(moment)


def archival_metadata(document: Document, signing_time: dt.datetime) -> IdentifiedMetadata:
    """The XMP/info metadata of the electronic original of `document`, signed at `signing_time`."""
    frame = document.frame
    when = w3c_time(signing_time)
    subject = " ".join(line.strip() for line in frame.subject).strip()
    return IdentifiedMetadata(
        title=subject or frame.type_name or frame.number_line,
        authors=[frame.issuer.full_name],
        created=when,
        modified=when,
        lang="vi",
        identifier=rules.bare_number_symbol(frame.number_line).strip(),
    )


def render_archival_pdf(document: Document, signing_time: dt.datetime, *, executor=None) -> bytes:
    """`document` as PDF/A-2b with the archival metadata (the unsigned electronic original);
    `executor`: see `vanban.render.pdf.render_pdf`."""
    from vanban.render.pdf import render_pdf

    return render_pdf(
        document,
        pdf_variant=PDFA_VARIANT,
        metadata=archival_metadata(document, signing_time),
        executor=executor,
    )


def vietnam_time() -> dt.datetime:
    """Now, in Việt Nam's time zone, to the second (the time an archive records)."""
    offset = dt.timezone(dt.timedelta(hours=rules.VIETNAM_UTC_OFFSET_HOURS))
    return dt.datetime.now(offset).replace(microsecond=0)


def render_published_pdf(document: Document, *, issued_at: dt.datetime | None = None, executor=None) -> bytes:
    """The PDF vanban publishes for `document`: a draft (dự thảo) as a plain PDF to read and
    mark up; an issued document as its electronic original, PDF/A-2b with the archival metadata
    (created at `issued_at`, default now), ready for `vanban sign` — signing adds incremental
    updates and never rewrites it."""
    if document.frame.draft_mark:
        from vanban.render.pdf import render_pdf

        return render_pdf(document, executor=executor)
    return render_archival_pdf(document, issued_at or vietnam_time(), executor=executor)


# --------------------------------------------------------------------------------------------
# Checks

#: Blend modes of ISO 32000-1 Table 136, the only ones PDF/A-2 allows.
BLEND_MODES = {
    "/Normal",
    "/Compatible",
    "/Multiply",
    "/Screen",
    "/Overlay",
    "/Darken",
    "/Lighten",
    "/ColorDodge",
    "/ColorBurn",
    "/HardLight",
    "/SoftLight",
    "/Difference",
    "/Exclusion",
    "/Hue",
    "/Saturation",
    "/Color",
    "/Luminosity",
}
FORBIDDEN_ACTIONS = {
    "/Launch",
    "/Sound",
    "/Movie",
    "/ResetForm",
    "/ImportData",
    "/JavaScript",
    "/Hide",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
}
EXTERNAL_ACTIONS = {"/GoToR", "/GoToE"}
FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie"}
ANNOTATION_SUBTYPES = {
    "/Text",
    "/Link",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Popup",
    "/FileAttachment",
    "/Sound",
    "/Movie",
    "/Widget",
    "/Screen",
    "/PrinterMark",
    "/TrapNet",
    "/Watermark",
    "/3D",
    "/Redact",
}
#: Information dictionary key → (XMP property, kind).
INFO_TO_XMP = {
    "/Title": ("dc:title", "text"),
    "/Author": ("dc:creator", "seq"),
    "/Subject": ("dc:description", "text"),
    "/Keywords": ("pdf:Keywords", "text"),
    "/Creator": ("xmp:CreatorTool", "text"),
    "/Producer": ("pdf:Producer", "text"),
    "/CreationDate": ("xmp:CreateDate", "date"),
    "/ModDate": ("xmp:ModifyDate", "date"),
}


ENCRYPTED = ("Tệp PDF được mã hóa (PDF/A không cho phép mã hóa)", "the PDF is encrypted (PDF/A forbids encryption)")


def _t(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _name(obj) -> str | None:
    return str(obj) if isinstance(obj, pikepdf.Name) else None


def _font_label(font: pikepdf.Dictionary) -> str:
    return str(font.get("/BaseFont", "?")).lstrip("/")


def pdf_date(text: str) -> dt.datetime | None:
    """`D:20260105093000+07'00` → an aware datetime (None when it cannot be read)."""
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?", text.strip())
    if not m:
        return None
    year, month, day, hour, minute, second, tz = m.groups()
    if tz in (None, "Z"):
        zone = dt.UTC
    else:
        digits = tz.replace("'", "")
        sign = 1 if digits[0] == "+" else -1
        zone = dt.timezone(sign * dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5] or 0)))
    return dt.datetime(
        int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=zone
    )


def xmp_date(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def icc_description(profile: bytes) -> str:
    """The `desc` tag of an ICC profile (v2 `desc` or v4 `mluc`), '' when absent."""
    if len(profile) < 132:
        return ""
    count = int.from_bytes(profile[128:132], "big")
    for i in range(count):
        entry = profile[132 + 12 * i : 144 + 12 * i]
        if len(entry) < 12 or entry[:4] != b"desc":
            continue
        offset, size = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        tag = profile[offset : offset + size]
        if tag[:4] == b"desc":
            length = int.from_bytes(tag[8:12], "big")
            return tag[12 : 12 + length].split(b"\0")[0].decode("latin-1")
        if tag[:4] == b"mluc":
            record_size = int.from_bytes(tag[12:16], "big")
            if record_size < 12:
                return ""
            length, start = int.from_bytes(tag[20:24], "big"), int.from_bytes(tag[24:28], "big")
            return tag[start : start + length].decode("utf-16-be", "replace")
    return ""


def _open(pdf: bytes | Path | str) -> tuple[pikepdf.Pdf, bytes]:
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    return pikepdf.open(io.BytesIO(data)), data


def pdfa_problems(pdf: bytes | Path | str, *, lang: str = "vi") -> list[str]:
    """Why `pdf` is not PDF/A-2b as far as the checks listed in this module's docstring see,
    or [] when none applies. Messages are Vietnamese (`lang="en"` for English)."""
    T = lambda vi, en: _t(lang, vi, en)  # noqa: E731
    try:
        doc, data = _open(pdf)
    except pikepdf.PasswordError:
        return [T(*ENCRYPTED)]
    except pikepdf.PdfError as exc:
        return [T(f"Không đọc được tệp PDF: {exc}", f"cannot read the PDF: {exc}")]
    problems: list[str] = []
    with doc:
        problems += _structure(doc, data, T)
        rgb_intent = _output_intent(doc, T, problems)
        problems += _metadata(doc, T)
        problems += _objects(doc, T, rgb_intent)
    return problems


def _structure(doc: pikepdf.Pdf, data: bytes, T) -> list[str]:
    out = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n?%[\x80-\xff]{4}", data[:20].replace(b"\r\n", b"\n")):
        header = data[:20].split(b"\n")[0].decode("latin-1", "replace")
        if not header.startswith("%PDF-1."):
            out.append(T(f"Đầu tệp {header!r} không phải %PDF-1.x", f"header {header!r} is not %PDF-1.x"))
        else:
            out.append(
                T(
                    "Dòng thứ hai của tệp không phải chú thích nhị phân (4 byte > 127)",
                    "the second line is not a binary comment (4 bytes > 127)",
                )
            )
    tail = data[data.rfind(b"%%EOF") + 5 :] if b"%%EOF" in data else b"?"
    if tail not in (b"", b"\n", b"\r\n", b"\r"):
        out.append(T(f"Có {len(tail)} byte sau dấu %%EOF cuối cùng", f"{len(tail)} bytes after the last %%EOF"))
    if doc.is_encrypted or "/Encrypt" in doc.trailer:
        out.append(T(*ENCRYPTED))
    if "/ID" not in doc.trailer:
        out.append(T("Phần trailer thiếu /ID", "the trailer has no /ID"))
    return out


def _output_intent(doc: pikepdf.Pdf, T, problems: list[str]) -> bool:
    """Check /OutputIntents; True when the PDF/A output intent is an RGB (sRGB) profile."""
    intents = doc.Root.get("/OutputIntents")
    pdfa = [i for i in (intents or []) if isinstance(i, pikepdf.Dictionary) and i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        problems.append(
            T(
                "Thiếu OutputIntent PDF/A (/OutputIntents với /S /GTS_PDFA1 và hồ sơ màu sRGB)",
                "no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1 and an sRGB profile)",
            )
        )
        return False
    profiles = {i["/DestOutputProfile"].objgen for i in (intents or []) if "/DestOutputProfile" in i}
    if len(profiles) > 1:
        problems.append(T("Các OutputIntent dùng những hồ sơ màu khác nhau", "output intents use different profiles"))
    profile = pdfa[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        problems.append(
            T(
                "OutputIntent PDF/A không có /DestOutputProfile (hồ sơ ICC)",
                "the PDF/A output intent has no /DestOutputProfile ICC profile",
            )
        )
        return False
    icc = profile.read_bytes()
    space = icc[16:20]
    description = icc_description(icc)
    if space != b"RGB " or int(profile.get("/N", 0)) != 3:
        problems.append(
            T(
                f"Hồ sơ màu của OutputIntent không phải RGB ({space!r}, /N {profile.get('/N')})",
                f"the output intent profile is not RGB ({space!r}, /N {profile.get('/N')})",
            )
        )
        return False
    if "srgb" not in description.lower():
        problems.append(
            T(
                f"Hồ sơ màu của OutputIntent không phải sRGB (mô tả {description!r})",
                f"the output intent profile is not sRGB (description {description!r})",
            )
        )
    return True


def _xmp_value(meta, prop: str, kind: str):
    key = prop
    value = meta.get(key)
    if value is None:
        return None
    if kind == "seq":
        return ", ".join(value) if isinstance(value, list) else str(value)
    return str(value)


def _metadata(doc: pikepdf.Pdf, T) -> list[str]:
    out = []
    stream = doc.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return [T("Thiếu siêu dữ liệu XMP (/Metadata trong catalog)", "no XMP metadata (/Metadata in the catalog)")]
    if stream.get("/Subtype") != "/XML" or stream.get("/Type") != "/Metadata":
        out.append(
            T(
                "Luồng /Metadata không có /Type /Metadata /Subtype /XML",
                "the /Metadata stream lacks /Type /Metadata /Subtype /XML",
            )
        )
    raw = stream.read_bytes()
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", raw)
    if header is None:
        out.append(T("XMP không có phần đầu <?xpacket begin=…?>", "the XMP has no <?xpacket begin=…?> header"))
    elif re.search(rb"\b(bytes|encoding)=", header.group(0)):
        out.append(
            T(
                "Phần đầu xpacket có thuộc tính bytes/encoding (PDF/A cấm)",
                "the xpacket header has a bytes/encoding attribute (forbidden)",
            )
        )
    try:
        meta = doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        part, conformance = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
    except Exception as exc:
        return out + [T(f"XMP không đọc được: {exc}", f"unreadable XMP: {exc}")]
    if str(part) != "2" or str(conformance).upper() != "B":
        out.append(
            T(
                f"XMP khai báo pdfaid:part={part} conformance={conformance}, cần part=2 conformance=B",
                f"XMP declares pdfaid:part={part} conformance={conformance}, expected part=2 conformance=B",
            )
        )
    info = doc.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key, (prop, kind) in INFO_TO_XMP.items():
            if key not in info:
                continue
            info_value = str(info[key])
            xmp_value = _xmp_value(meta, prop, kind)
            if xmp_value is None:
                out.append(
                    T(
                        f"{key} có trong từ điển thông tin nhưng XMP thiếu {prop}",
                        f"{key} is in the information dictionary but the XMP has no {prop}",
                    )
                )
                continue
            if kind == "date":
                same = pdf_date(info_value) is not None and pdf_date(info_value) == xmp_date(xmp_value)
            else:
                same = info_value == xmp_value
            if not same:
                out.append(
                    T(
                        f"{key} ({info_value!r}) khác {prop} trong XMP ({xmp_value!r})",
                        f"{key} ({info_value!r}) differs from XMP {prop} ({xmp_value!r})",
                    )
                )
    return out


def _is_true(value) -> bool:
    return value is True


def _objects(doc: pikepdf.Pdf, T, rgb_intent: bool) -> list[str]:
    """Walk every object of the file once: fonts, actions, XObjects, graphics states, annotations."""
    out: list[str] = []
    seen: set[str] = set()

    def add(message: str) -> None:
        if message not in seen:
            seen.add(message)
            out.append(message)

    names = doc.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            add(T("Có JavaScript (cây tên /JavaScript)", "JavaScript present (/JavaScript name tree)"))
        if "/EmbeddedFiles" in names:
            add(T("Có tệp nhúng (/EmbeddedFiles)", "embedded files present (/EmbeddedFiles)"))
    form = doc.Root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and _is_true(form.get("/NeedAppearances", False)):
        add(T("/AcroForm có /NeedAppearances true", "/AcroForm has /NeedAppearances true"))

    for obj in _all_dictionaries(doc):
        d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        kind, subtype = _name(d.get("/Type")), _name(d.get("/Subtype"))
        if kind == "/Font" or (subtype in {"/Type0", "/Type1", "/TrueType", "/MMType1", "/Type3"} and "/BaseFont" in d):
            _font(d, T, add)
        if "/JS" in d:
            add(T("Có JavaScript (khóa /JS)", "JavaScript present (/JS key)"))
        action = _name(d.get("/S"))
        if action in FORBIDDEN_ACTIONS and (kind in (None, "/Action")):
            add(T(f"Có hành động bị cấm {action}", f"forbidden action {action}"))
        if action in EXTERNAL_ACTIONS:
            add(T(f"Có tham chiếu tới tệp khác (hành động {action})", f"reference to another file ({action} action)"))
        if action == "/URI":
            uri = str(d.get("/URI", ""))
            if not re.match(r"^(https?|mailto):", uri, re.I):
                add(
                    T(
                        f"Có liên kết URI tới tệp hoặc đường dẫn ngoài: {uri!r}",
                        f"URI to a file or external path: {uri!r}",
                    )
                )
        if "/AA" in d:
            add(T("Có hành động bổ sung (/AA)", "additional actions (/AA)"))
        if kind == "/Filespec" or "/EF" in d:
            add(
                T(
                    "Có đặc tả tệp ngoài hoặc tệp nhúng (/Filespec)",
                    "external or embedded file specification (/Filespec)",
                )
            )
        if isinstance(obj, pikepdf.Stream) and (kind == "/XObject" or subtype in ("/Image", "/Form", "/PS")):
            _xobject(d, T, add, rgb_intent)
        if (
            kind == "/ExtGState"
            or any(k in d for k in ("/BM", "/TR", "/TR2", "/HTP"))
            or ("/SMask" in d and not isinstance(obj, pikepdf.Stream))
        ):
            _graphics_state(d, T, add)
        if subtype in ANNOTATION_SUBTYPES and ("/Rect" in d or kind == "/Annot"):
            _annotation(d, subtype, T, add)
    return out


def _all_dictionaries(doc: pikepdf.Pdf):
    """Every dictionary and stream of the file: the indirect objects and, nested in them, the
    direct ones (an action or a graphics state is often written inline)."""

    def nested(obj):
        children = (
            obj.values()
            if isinstance(obj, pikepdf.Dictionary)
            else (obj.stream_dict.values() if isinstance(obj, pikepdf.Stream) else obj)
        )
        for child in children:
            if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
                if isinstance(child, pikepdf.Dictionary):
                    yield child
                yield from nested(child)

    for obj in doc.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            yield from nested(obj)


def _font(font: pikepdf.Dictionary, T, add) -> None:
    subtype = _name(font.get("/Subtype"))
    label = _font_label(font)
    if subtype == "/Type3":
        return  # glyphs are content streams; their own fonts are font objects walked separately
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants or len(descendants) != 1:
            add(T(f"Phông chữ {label}: Type0 không có phông con", f"font {label}: Type0 without a descendant font"))
            return
        cid = descendants[0]
        if _name(cid.get("/Subtype")) == "/CIDFontType2" and "/CIDToGIDMap" not in cid:
            add(
                T(
                    f"Phông chữ {label}: CIDFontType2 thiếu /CIDToGIDMap",
                    f"font {label}: CIDFontType2 has no /CIDToGIDMap",
                )
            )
        descriptor = cid.get("/FontDescriptor")
    else:
        descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary) or not any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    ):
        add(T(f"Phông chữ {label} không được nhúng", f"font {label} is not embedded"))


def _xobject(d: pikepdf.Dictionary, T, add, rgb_intent: bool) -> None:
    subtype = _name(d.get("/Subtype"))
    if subtype == "/PS":
        add(T("Có XObject PostScript (/Subtype /PS)", "PostScript XObject (/Subtype /PS)"))
    if "/Ref" in d:
        add(T("Có XObject tham chiếu tới tệp khác (/Ref)", "reference XObject (/Ref)"))
    if "/OPI" in d:
        add(T("Có XObject dùng /OPI", "XObject with /OPI"))
    if subtype == "/Image":
        if "/Alternates" in d:
            add(T("Ảnh có /Alternates", "image with /Alternates"))
        if _is_true(d.get("/Interpolate", False)):
            add(T("Ảnh có /Interpolate true", "image with /Interpolate true"))
        smask = d.get("/SMask")
        if smask is not None and not (isinstance(smask, pikepdf.Stream) and smask.get("/Subtype") == "/Image"):
            add(T("Mặt nạ mềm của ảnh không phải ảnh", "an image's /SMask is not an image"))
        if rgb_intent and d.get("/ColorSpace") == "/DeviceCMYK":
            add(T("Ảnh dùng DeviceCMYK trong khi OutputIntent là RGB", "DeviceCMYK image with an RGB output intent"))


def _graphics_state(d: pikepdf.Dictionary, T, add) -> None:
    blend = d.get("/BM")
    if blend is not None:
        modes = list(blend) if isinstance(blend, pikepdf.Array) else [blend]
        bad = [str(m) for m in modes if str(m) not in BLEND_MODES]
        if bad:
            add(T(f"Chế độ hòa trộn không hợp lệ: {', '.join(bad)}", f"invalid blend mode: {', '.join(bad)}"))
    smask = d.get("/SMask")
    if smask is not None and smask != pikepdf.Name("/None"):
        ok = (
            isinstance(smask, pikepdf.Dictionary)
            and _name(smask.get("/S")) in ("/Alpha", "/Luminosity")
            and isinstance(smask.get("/G"), pikepdf.Stream)
            and smask.G.get("/Subtype") == "/Form"
            and isinstance(smask.G.get("/Group"), pikepdf.Dictionary)
            and smask.G.Group.get("/S") == "/Transparency"
        )
        if not ok:
            add(
                T("Mặt nạ mềm (/SMask) của trạng thái đồ họa không hợp lệ", "invalid graphics-state soft mask (/SMask)")
            )
    if "/TR" in d:
        add(T("Trạng thái đồ họa có hàm chuyển đổi /TR", "graphics state with a transfer function /TR"))
    if "/TR2" in d and d.get("/TR2") != pikepdf.Name("/Default"):
        add(T("Trạng thái đồ họa có /TR2 khác /Default", "graphics state with /TR2 other than /Default"))
    if "/HTP" in d:
        add(T("Trạng thái đồ họa có /HTP", "graphics state with /HTP"))


def _annotation(d: pikepdf.Dictionary, subtype: str, T, add) -> None:
    if subtype in FORBIDDEN_ANNOTATIONS:
        add(T(f"Có chú thích loại {subtype} (PDF/A cấm)", f"forbidden {subtype} annotation"))
        return
    if subtype == "/Popup":
        return
    flags = int(d.get("/F", 0))
    if not flags & 4 or flags & (1 | 2 | 32 | 256):
        add(
            T(
                f"Chú thích {subtype} không được đặt cờ in (/F {flags})",
                f"{subtype} annotation not set to print (/F {flags})",
            )
        )
    appearance = d.get("/AP")
    rect = [float(v) for v in d.get("/Rect", [0, 0, 0, 0])]
    if appearance is None:
        if subtype != "/Link" and rect[2] > rect[0] and rect[3] > rect[1]:
            add(
                T(
                    f"Chú thích {subtype} không có hình hiển thị (/AP)",
                    f"{subtype} annotation without an appearance (/AP)",
                )
            )
    elif isinstance(appearance, pikepdf.Dictionary) and set(appearance.keys()) - {"/N"}:
        add(T(f"Hình hiển thị của chú thích {subtype} có khóa khác /N", f"{subtype} appearance has keys other than /N"))
