"""PAdES signatures with pyHanko: the competent person's, then the organisation's (issue 14).

A document is signed twice, in the order of Decree 30 (`rules.SIGNATURE_ORDER`), each signature
an incremental update appended to the file, so the rendered content is never rewritten:

1. the competent person (người có thẩm quyền) signs with their key; the widget shows the blue
   signature image centred between the title line and the name;
2. the organisation (cơ quan, tổ chức, applied by the văn thư) signs with the organisation's
   key; the widget shows the red seal at its real size over the left third of the signature;
   the signature dictionary holds the organisation's name (`/Name`) and the signing time (`/M`,
   ISO 8601 with +07:00 in `/Reason`).

An attachment issued as its own file gets one organisation signature at the top right of its
first page: no image, the number and symbol and the signing time in Times New Roman (Liberation
Serif when absent) 10 pt, black. pyHanko's built-in stamp fonts cover Latin-1 only, so Vietnamese
text (`Số: 15/QĐ-LĐLĐ`) is set with a `GlyphAccumulatorFactory` over the system font file,
shaped by HarfBuzz and embedded as a subset.

Signatures are PAdES baseline B-B (`/SubFilter /ETSI.CAdES.detached`, SHA-256); with a timestamp
service (`tsa`: a URL or a pyHanko `TimeStamper`) they carry a signature timestamp: B-T. Keys
come from a PKCS#12 file or a PKCS#11 token (Vietnamese officials sign with USB tokens): see
`Pkcs12Key`, `Pkcs11Key` and `parse_key`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict

from vanban import rules
from vanban.sign.appearance import (
    STAMP_LEADING,
    STAMP_PADDING_PT,
    Box,
    SignatureLayout,
    SignatureLayoutError,
    attachment_stamp_box,
    attachment_stamp_lines,
    find_signature_block,
    page_count,
    signature_layout,
    stamp_font_for_pyhanko,
    text_lines,
)

FIELD_SIGNER = "ChuKySo-NguoiCoThamQuyen"
FIELD_ORGANISATION = "ChuKySo-CoQuan"
FIELD_ATTACHMENT = "ChuKySo-CoQuan-VanBanKemTheo"

Role = Literal["signer", "organisation", "attachment"]


class SigningError(Exception):
    """A key, image or PDF cannot be used for signing; the message (Vietnamese) says which."""


# --------------------------------------------------------------------------------------------
# Keys


@dataclass(frozen=True)
class Pkcs12Key:
    """A key and certificate chain in a PKCS#12 (.p12/.pfx) file."""

    path: Path
    password: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token (USB token, HSM, SoftHSM): module, token label, key label.

    The certificate is the token object labelled `cert_label` (default: the key's label)."""

    lib: Path
    token: str
    key: str
    pin: str | None = field(default=None, repr=False)
    cert_label: str | None = None


KeySource = Pkcs12Key | Pkcs11Key


def parse_key(
    spec: str | Path, *, password: bytes | None = None, pkcs11_lib: Path | str | None = None, pin: str | None = None
) -> KeySource:
    """A key from the command line: a `.p12` path, or an RFC 7512 URI
    `pkcs11:token=<label>;object=<key label>` used with the module `pkcs11_lib`."""
    text = str(spec)
    if text.startswith("pkcs11:"):
        attrs = dict(part.split("=", 1) for part in text[len("pkcs11:") :].split(";") if "=" in part)
        attrs = {k.strip(): unquote(v) for k, v in attrs.items()}
        if "token" not in attrs or "object" not in attrs:
            raise SigningError(f"{text}: URI PKCS#11 cần token=… và object=… (ví dụ pkcs11:token=VanThu;object=dau)")
        lib = pkcs11_lib or os.environ.get("VANBAN_PKCS11_LIB")
        if not lib:
            raise SigningError(f"{text}: cần thư viện PKCS#11 (--pkcs11-lib hoặc biến VANBAN_PKCS11_LIB)")
        return Pkcs11Key(Path(lib), attrs["token"], attrs["object"], pin=attrs.get("pin-value", pin))
    path = Path(text)
    if not path.is_file():
        raise SigningError(f"{path}: không có tệp khóa PKCS#12")
    return Pkcs12Key(path, password)


@contextlib.contextmanager
def open_signer(key: KeySource) -> Iterator:
    """A pyHanko `Signer` for `key`; a PKCS#11 session stays open inside the `with` block."""
    from pyhanko.sign import signers

    if isinstance(key, Pkcs12Key):
        try:
            signer = signers.SimpleSigner.load_pkcs12(str(key.path), passphrase=key.password)
        except Exception as exc:
            raise SigningError(f"{key.path}: không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng: {exc})") from None
        if signer is None:
            raise SigningError(f"{key.path}: không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng)")
        yield signer
        return
    from pyhanko.sign import pkcs11 as p11

    try:
        session = p11.open_pkcs11_session(
            str(key.lib), token_criteria=p11.TokenCriteria(label=key.token), user_pin=key.pin
        )
    except Exception as exc:
        raise SigningError(f"không mở được token PKCS#11 “{key.token}” qua {key.lib}: {exc}") from None
    try:
        try:
            signer = p11.PKCS11Signer(session, key_label=key.key, cert_label=key.cert_label or key.key)
        except Exception as exc:
            raise SigningError(f"token “{key.token}”: không có khóa/chứng thư “{key.key}”: {exc}") from None
        yield signer
    finally:
        session.close()


def signer_common_name(signer) -> str:
    cert = signer.signing_cert
    if cert is None:
        return ""
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


def organisation_of(signer) -> str:
    """The organisation named in a certificate (O, else CN)."""
    cert = signer.signing_cert
    if cert is None:
        return ""
    subject = cert.subject.native
    return subject.get("organization_name") or subject.get("common_name") or ""


# --------------------------------------------------------------------------------------------
# Records


class SignatureRecord(BaseModel):
    """One signature made: what the manifest and the register keep."""

    model_config = ConfigDict(frozen=True)

    role: Role
    field: str
    signer: str
    organisation: str | None = None
    time: str  # ISO 8601, +07:00
    level: Literal["B-B", "B-T"]
    page: int  # 1-based
    rect_mm: tuple[float, float, float, float]  # left, top, width, height from the page's top left
    sha256_before: str
    sha256_after: str


@dataclass
class SigningResult:
    pdf: bytes
    records: list[SignatureRecord]
    layout: SignatureLayout | None = None


def vietnam_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=rules.VIETNAM_UTC_OFFSET_HOURS))).replace(microsecond=0)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _timestamper(tsa):
    if tsa is None or not isinstance(tsa, str):
        return tsa
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(tsa, timeout=20)


# --------------------------------------------------------------------------------------------
# Signing


def _image_style(image: Path):
    from PIL import Image
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    with Image.open(image) as img:
        img.load()
        picture = img.convert("RGBA")
    return StaticStampStyle(
        background=PdfImage(picture),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )


def _text_style():
    import logging

    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" notes

    size = int(rules.ATTACHMENT_STAMP_SIZE_PT)  # pyHanko's layout works in whole points
    font = GlyphAccumulatorFactory(str(stamp_font_for_pyhanko()), font_size=size)
    return TextStampStyle(
        stamp_text="%(number)s\n%(time)s",
        border_width=0,
        background=None,
        text_box_style=TextBoxStyle(
            font=font,
            font_size=size,
            leading=round(size * STAMP_LEADING),
            border_width=0,
            text_color=(0, 0, 0),
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MAX,
                margins=layout.Margins.uniform(0),
            ),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(round(STAMP_PADDING_PT)),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )


def _timed_signer_class():
    from pyhanko.sign.signers import PdfSigner

    class TimedPdfSigner(PdfSigner):
        """A `PdfSigner` whose claimed signing time (`/M`, the stamp text) is the one given, so the
        PDF/A creation date, the signature and the manifest agree to the second."""

        signing_time: dt.datetime | None = None

        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            if self.signing_time is not None:
                session.system_time = self.signing_time
            return session

    return TimedPdfSigner


def _writer_class():
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata import model

    class PdfaKeepingWriter(IncrementalPdfFileWriter):
        """An incremental writer that keeps the information dictionary equal to the XMP.

        With XMP present, pyHanko (0.38) writes `pdf:Producer` = its own name but *appends* its
        name to the info `/Producer`, and stamps `/ModDate` and `xmp:ModifyDate` from two calls
        to the clock: PDF/A requires each info entry to equal its XMP counterpart. After pyHanko
        updates the metadata, the two info entries are set from the XMP it wrote."""

        def _update_meta(self):
            super()._update_meta()
            stream = self.root.get("/Metadata")
            info_ref = self.trailer.raw_get("/Info") if "/Info" in self.trailer else None
            if stream is None or info_ref is None:
                return
            stream = stream.get_object()
            fields = {k: v for root in getattr(stream, "xmp", []) for k, v in root}
            info = info_ref.get_object()
            producer, modified = fields.get(model.PDF_PRODUCER), fields.get(model.XMP_MODDATE)
            if producer is not None and isinstance(producer.value, str):
                info["/Producer"] = generic.TextStringObject(producer.value)
            if modified is not None and isinstance(modified.value, str):
                info["/ModDate"] = generic.pdf_date(dt.datetime.fromisoformat(modified.value))
            self.mark_update(info_ref)

    return PdfaKeepingWriter


def add_signature(
    pdf: bytes,
    signer,
    *,
    field_name: str,
    page_index: int,
    box: Box,
    style,
    signing_time: dt.datetime,
    name: str | None,
    reason: str,
    location: str | None = None,
    tsa=None,
    text_params: dict | None = None,
) -> bytes:
    """Append one visible PAdES signature to `pdf` as an incremental update; return the new file."""
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=name,
        reason=reason,
        location=location,
    )
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page_index, box=box.as_tuple())  # type: ignore[arg-type]  # floats are fine
    pdf_signer = _timed_signer_class()(
        meta, signer, timestamper=_timestamper(tsa), stamp_style=style, new_field_spec=spec
    )
    pdf_signer.signing_time = signing_time
    writer = _writer_class()(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out, appearance_text_params=text_params)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(f"ký số thất bại ({field_name}): {exc}") from exc
    return out.getvalue()


def _record(
    role: Role,
    field_name: str,
    signer,
    organisation: str | None,
    when: dt.datetime,
    tsa,
    page_index: int,
    box: Box,
    page_height: float,
    before: bytes,
    after: bytes,
) -> SignatureRecord:
    return SignatureRecord(
        role=role,
        field=field_name,
        signer=signer_common_name(signer),
        organisation=organisation,
        time=rules.iso_signing_time(when),
        level="B-T" if tsa is not None else "B-B",
        page=page_index + 1,
        rect_mm=tuple(round(v, 2) for v in box.mm(page_height)),
        sha256_before=_sha256(before),
        sha256_after=_sha256(after),
    )


def sign_document(
    pdf: bytes,
    *,
    signer_key: KeySource,
    signature_image: Path,
    seal_key: KeySource,
    seal_image: Path,
    organisation: str | None = None,
    signing_time: dt.datetime | None = None,
    seal_time: dt.datetime | None = None,
    tsa=None,
    seal_size: float | tuple[float, float] | None = None,
    title: str | None = None,
    name: str | None = None,
    location: str | None = None,
) -> SigningResult:
    """Sign a rendered document twice: the competent person's signature image, then the seal.

    `title`/`name` (the document's `Signer`) pin the signature block; without them the last
    title–blank–name block in the file is used. `organisation` defaults to the O of the seal
    certificate. Raises `SigningError` or `SignatureLayoutError` with a Vietnamese message.
    """
    signing_time = signing_time or vietnam_now()
    seal_time = seal_time or signing_time
    block = find_signature_block(pdf, title=title, name=name)
    layout = signature_layout(block, Path(signature_image), Path(seal_image), seal_size=seal_size)
    records = []
    with open_signer(signer_key) as person:
        signed = add_signature(
            pdf,
            person,
            field_name=FIELD_SIGNER,
            page_index=layout.page_index,
            box=layout.signature,
            style=_image_style(Path(signature_image)),
            signing_time=signing_time,
            name=signer_common_name(person) or name,
            reason="Ký ban hành văn bản (chữ ký số của người có thẩm quyền)",
            location=location,
            tsa=tsa,
        )
        records.append(
            _record(
                "signer",
                FIELD_SIGNER,
                person,
                None,
                signing_time,
                tsa,
                layout.page_index,
                layout.signature,
                layout.page_height,
                pdf,
                signed,
            )
        )
    with open_signer(seal_key) as org:
        organisation = organisation or organisation_of(org)
        sealed = add_signature(
            signed,
            org,
            field_name=FIELD_ORGANISATION,
            page_index=layout.page_index,
            box=layout.seal,
            style=_image_style(Path(seal_image)),
            signing_time=seal_time,
            name=organisation,
            reason=f"{organisation}, {rules.iso_signing_time(seal_time)}",
            location=location,
            tsa=tsa,
        )
        records.append(
            _record(
                "organisation",
                FIELD_ORGANISATION,
                org,
                organisation,
                seal_time,
                tsa,
                layout.page_index,
                layout.seal,
                layout.page_height,
                signed,
                sealed,
            )
        )
    return SigningResult(sealed, records, layout)


def sign_attachment(
    pdf: bytes,
    *,
    seal_key: KeySource,
    number_symbol: str,
    organisation: str | None = None,
    signing_time: dt.datetime | None = None,
    tsa=None,
    location: str | None = None,
) -> SigningResult:
    """The organisation's signature on an attachment issued as its own file: top right of page 1,
    no image, the number and symbol of the document and the signing time (TNR 10, black)."""
    signing_time = signing_time or vietnam_now()
    if page_count(pdf) < 1:
        raise SignatureLayoutError("tệp PDF không có trang nào")
    _, width, height = text_lines(pdf, 0)
    lines = attachment_stamp_lines(number_symbol, signing_time)
    box = attachment_stamp_box(width, height, lines)
    with open_signer(seal_key) as org:
        organisation = organisation or organisation_of(org)
        signed = add_signature(
            pdf,
            org,
            field_name=FIELD_ATTACHMENT,
            page_index=0,
            box=box,
            style=_text_style(),
            signing_time=signing_time,
            name=organisation,
            reason=f"{organisation}, {lines[1]}",
            location=location,
            tsa=tsa,
            text_params={"number": lines[0], "time": lines[1]},
        )
        record = _record(
            "attachment", FIELD_ATTACHMENT, org, organisation, signing_time, tsa, 0, box, height, pdf, signed
        )
    return SigningResult(signed, [record], None)
