"""Verify the signatures of a PDF with pyHanko and report them in Vietnamese (issue 14).

For each signature, in the order they were made: the signer (certificate CN and O, and the
`/Name` of the signature dictionary — the organisation's name for a seal), the signing time
(claimed `/M`; with a signature timestamp, the timestamp's time too), whether the signed bytes
are intact, whether the certificate chains to a trusted root (`trust_roots` given; without them
the signature is reported *untrusted* but integrity is still checked), and whether the document
was changed after that signature: pyHanko's coverage (the signature covers the whole file, or
only its own revision) and its difference analysis of the later revisions (only signatures or
form fields added — what the organisation's seal after the signer's signature is — or content
changed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from vanban import rules

Later = Literal["none", "signatures", "annotations", "other", "unknown"]


class SignatureReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int  # 1-based, in signing order
    count: int
    field: str
    signer: str  # certificate common name
    organisation: str | None  # certificate O
    name: str | None  # /Name of the signature dictionary
    reason: str | None
    signing_time: str | None  # ISO 8601 in Vietnam time, claimed by the signer (/M)
    timestamp_time: str | None  # ISO 8601, from a signature timestamp (PAdES B-T)
    level: Literal["B-B", "B-T"]
    intact: bool  # the signed bytes hash to what was signed
    valid: bool  # the cryptographic signature checks out with the certificate
    trusted: bool  # the certificate chains to one of the trust roots
    trust_checked: bool  # trust roots were given
    covers_whole_file: bool
    modified_after: bool  # later revisions exist
    later_changes: Later  # what they changed
    problems: list[str] = []

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.later_changes in ("none", "signatures")

    def text(self, lang: str = "vi") -> str:
        return _text_vi(self) if lang != "en" else _text_en(self)


def _vn(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return rules.iso_signing_time(moment)


def _load_roots(trust_roots) -> list:
    from asn1crypto import pem, x509

    certs = []
    for root in trust_roots or []:
        if isinstance(root, x509.Certificate):
            certs.append(root)
            continue
        data = root if isinstance(root, bytes) else Path(root).read_bytes()
        if pem.detect(data):
            certs += [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            certs.append(x509.Certificate.load(data))
    return certs


def verify(path: Path | str | bytes, trust_roots: list | None = None) -> list[SignatureReport]:
    """Reports for every signature of the PDF at `path` (or PDF bytes), in signing order.

    `trust_roots`: PEM/DER files, bytes or asn1crypto certificates; none → 'untrusted'.
    Raises `ValueError` (Vietnamese message) when the file cannot be read as a PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    roots = _load_roots(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception as exc:
        raise ValueError(f"không đọc được tệp PDF: {exc}") from None
    signatures.sort(key=lambda s: s.signed_revision)
    reports = []
    with _quiet_pyhanko():
        for i, sig in enumerate(signatures, start=1):
            reports.append(_report(i, len(signatures), sig, roots))
    return reports


@contextlib.contextmanager
def _quiet_pyhanko():
    """pyHanko logs a traceback for every certificate it cannot chain to a root (the normal
    case without trust roots); the report says 'untrusted' instead."""
    logger = logging.getLogger("pyhanko")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)


def _report(i: int, count: int, sig, roots: list) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    problems: list[str] = []
    status = None
    try:
        status = validate_pdf_signature(
            sig, context, ts_validation_context=ValidationContext(trust_roots=roots, allow_fetching=False)
        )
    except (SignatureValidationError, ValueError, KeyError) as exc:
        problems.append(f"không kiểm tra được chữ ký: {exc}")
    cert = sig.signer_cert
    subject = cert.subject.native if cert is not None else {}
    sig_obj = sig.sig_object
    claimed = sig.self_reported_timestamp
    ts = status.timestamp_validity if status is not None else None
    intact = bool(status and status.intact)
    valid = bool(status and status.valid)
    coverage = status.coverage if status is not None else None
    whole = coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level if status is not None else None
    if whole:
        later: Later = "none"
    elif level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING):
        later = "signatures"
    elif level == ModificationLevel.ANNOTATIONS:
        later = "annotations"
    elif level == ModificationLevel.OTHER:
        later = "other"
    else:
        later = "unknown"
    if status is not None and not intact:
        problems.append("nội dung đã ký bị thay đổi (giá trị băm không khớp)")
        whole, later = False, "other"  # bytes changed after signing: modified, whatever the coverage
    return SignatureReport(
        index=i,
        count=count,
        field=sig.field_name or "",
        signer=subject.get("common_name", "") or "",
        organisation=subject.get("organization_name"),
        name=str(sig_obj["/Name"]) if "/Name" in sig_obj else None,
        reason=str(sig_obj["/Reason"]) if "/Reason" in sig_obj else None,
        signing_time=_vn(claimed),
        timestamp_time=_vn(ts.timestamp) if ts is not None else None,
        level="B-T" if ts is not None else "B-B",
        intact=intact,
        valid=valid,
        trusted=bool(status and status.trusted and roots),
        trust_checked=bool(roots),
        covers_whole_file=whole,
        modified_after=not whole,
        later_changes=later,
        problems=problems,
    )


def _text_vi(r: SignatureReport) -> str:
    who = r.signer + (f" ({r.organisation})" if r.organisation and r.organisation != r.signer else "")
    lines = [f"Chữ ký số {r.index}/{r.count} ({r.field})", f"  Người ký: {who}"]
    if r.name and r.name != r.signer:
        lines.append(f"  Tên trong chữ ký: {r.name}")
    lines.append(
        f"  Thời gian ký: {r.signing_time or 'không ghi'}"
        + (f"; dấu thời gian: {r.timestamp_time}" if r.timestamp_time else "")
        + f" (PAdES {r.level})"
    )
    lines.append(
        "  Toàn vẹn: "
        + ("còn nguyên vẹn" if r.intact and r.valid else "KHÔNG HỢP LỆ — nội dung hoặc chữ ký đã bị thay đổi")
    )
    if not (r.intact and r.valid):
        lines.append("  Chứng thư số: không đánh giá (chữ ký không hợp lệ)")
    elif not r.trust_checked:
        lines.append("  Chứng thư số: chưa xác định được độ tin cậy (không có chứng thư gốc tin cậy để đối chiếu)")
    else:
        lines.append("  Chứng thư số: " + ("tin cậy" if r.trusted else "KHÔNG tin cậy với các chứng thư gốc đã cho"))
    lines.append(
        "  Sau khi ký: "
        + {
            "none": "văn bản không bị sửa đổi (chữ ký bao trùm toàn bộ tệp)",
            "signatures": "chỉ được thêm chữ ký số sau đó (nội dung không đổi)",
            "annotations": "có thêm chú thích sau khi ký (nội dung chính không đổi)",
            "other": "VĂN BẢN ĐÃ BỊ SỬA ĐỔI sau khi ký",
            "unknown": "không xác định được văn bản có bị sửa đổi sau khi ký hay không",
        }[r.later_changes]
    )
    lines += [f"  Lỗi: {p}" for p in r.problems]
    return "\n".join(lines)


def _text_en(r: SignatureReport) -> str:
    who = r.signer + (f" ({r.organisation})" if r.organisation and r.organisation != r.signer else "")
    lines = [f"Signature {r.index}/{r.count} ({r.field})", f"  Signer: {who}"]
    if r.name and r.name != r.signer:
        lines.append(f"  Name in signature: {r.name}")
    lines.append(
        f"  Signing time: {r.signing_time or 'not stated'}"
        + (f"; timestamp: {r.timestamp_time}" if r.timestamp_time else "")
        + f" (PAdES {r.level})"
    )
    lines.append("  Integrity: " + ("intact" if r.intact and r.valid else "INVALID — content or signature altered"))
    if not (r.intact and r.valid):
        lines.append("  Certificate: not assessed (invalid signature)")
    elif not r.trust_checked:
        lines.append("  Certificate: untrusted (no trust roots given)")
    else:
        lines.append("  Certificate: " + ("trusted" if r.trusted else "NOT trusted by the given roots"))
    lines.append(
        "  After signing: "
        + {
            "none": "not modified (the signature covers the whole file)",
            "signatures": "only further signatures added (content unchanged)",
            "annotations": "annotations added after signing (content unchanged)",
            "other": "DOCUMENT MODIFIED after signing",
            "unknown": "cannot tell whether the document was modified after signing",
        }[r.later_changes]
    )
    lines += [f"  Problem: {p}" for p in r.problems]
    return "\n".join(lines)


def report_text(reports: list[SignatureReport], lang: str = "vi") -> str:
    if not reports:
        return "Tệp không có chữ ký số." if lang != "en" else "The file has no digital signature."
    return "\n\n".join(r.text(lang) for r in reports)
