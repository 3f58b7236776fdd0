"""Sign an issued package folder: every decision/plan PDF, and attachments issued as own files.

A package folder has `manifest.json` with a `files` list of `{path, sha256, bytes, ref}` (see
`vanban.award_package.manifest_for`). Signed here:

- `ref` in `DOCUMENT_REFS` (`decision`, `plan`, `document`): the document, with both signatures
  (the competent person's signature image, then the seal);
- `ref` `attachment` or starting `attachment:` (an attachment issued as its own PDF): the
  organisation's text block at the top right of page 1, no image. An attachment inside the
  document's PDF (the award list) is not signed separately.

Each signed PDF is written beside the unsigned one as `<stem>.signed.pdf`; the unsigned file is
left as it was (each signature is an incremental update, so the signed file starts with the
unsigned bytes). The manifest gains a `signatures` list: per signature the file, the signed
file, role, signer, organisation, time (ISO 8601, +07:00), level, page and rectangle, and the
SHA-256 before and after. The manifest is replaced atomically; the package ZIP is not rebuilt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.register import Register
from vanban.sign.appearance import image_problems
from vanban.sign.pades import KeySource, sign_attachment, sign_document, vietnam_now

MANIFEST = "manifest.json"
DOCUMENT_REFS = ("decision", "plan", "document")
SIGNED_SUFFIX = ".signed.pdf"


def is_attachment_ref(ref: str) -> bool:
    return ref == "attachment" or ref.startswith("attachment:")


@dataclass
class PackageKeys:
    """What signing a package needs: both keys and both images (per signer, per issuer)."""

    signer_key: KeySource
    signature_image: Path
    seal_key: KeySource
    seal_image: Path
    tsa: object = None  # URL or pyHanko TimeStamper: B-T
    seal_size: float | tuple[float, float] | None = None
    organisation: str | None = None


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise InputError.single(folder, tr("không phải thư mục bộ văn bản: thiếu {file}", file=MANIFEST))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError.single(path, tr("không đọc được manifest: {why}", why=exc)) from None
    if not isinstance(manifest.get("files"), list):
        raise InputError.single(path, tr("manifest không có danh sách files"), field="files")
    return manifest


def files_to_sign(folder: Path, manifest: dict) -> tuple[list[dict], list[Problem]]:
    """The manifest entries to sign, and the problems with them (missing, or bytes that differ
    from the recorded SHA-256: changed since issue, so not signed)."""
    from vanban.publishing import sha256_file

    chosen, problems = [], []
    for i, entry in enumerate(manifest["files"]):
        path, ref = str(entry.get("path", "")), str(entry.get("ref", ""))
        if not path.endswith(".pdf") or path.endswith(SIGNED_SUFFIX):
            continue
        if ref not in DOCUMENT_REFS and not is_attachment_ref(ref):
            continue
        file = folder / path
        if not file.is_file():
            problems.append(
                Problem(str(folder / MANIFEST), tr("tệp {file} không còn trong thư mục", file=path), field=f"files.{i}")
            )
        elif entry.get("sha256") and sha256_file(file) != entry["sha256"]:
            problems.append(
                Problem(
                    str(file),
                    tr("tệp đã bị thay đổi sau khi ban hành (SHA-256 khác manifest); không ký"),
                    field=f"files.{i}.sha256",
                )
            )
        else:
            chosen.append(entry)
    return chosen, problems


def _organisation(manifest: dict, keys: PackageKeys) -> str | None:
    if keys.organisation:
        return keys.organisation
    issuer = manifest.get("issuer")
    if issuer:
        from vanban.issuers import load_issuer

        try:
            return load_issuer(str(issuer)).full_name
        except InputError:
            return None
    return None


def signed_name(path: str) -> str:
    return path[: -len(".pdf")] + SIGNED_SUFFIX


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".signing-", suffix=path.suffix)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def sign_package(
    folder: Path,
    keys: PackageKeys,
    *,
    signing_time: dt.datetime | None = None,
    force: bool = False,
    register: Register | None = None,
) -> list[dict]:
    """Sign every document and separate attachment of the package; return the new manifest
    `signatures` entries, also recorded in `register` (the sổ đăng ký) when one is given.
    Raises `InputError` for a bad folder, manifest or image (nothing is written),
    `SigningError`/`SignatureLayoutError` when signing fails."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    entries, problems = files_to_sign(folder, manifest)
    problems += [
        Problem(str(p.split(": ", 1)[0]), p.split(": ", 1)[-1])
        for p in image_problems(keys.signature_image, "signature") + image_problems(keys.seal_image, "seal")
    ]
    if not entries and not problems:
        problems.append(
            Problem(
                str(folder / MANIFEST),
                tr("không có tệp PDF nào cần ký (ref decision, plan, document hoặc attachment)"),
                field="files",
            )
        )
    for entry in entries:
        target = folder / signed_name(entry["path"])
        if target.exists() and not force:
            problems.append(Problem(str(target), tr("đã có bản ký số; dùng --force để ký lại")))
    if problems:
        raise InputError(problems)
    signing_time = signing_time or vietnam_now()
    organisation = _organisation(manifest, keys)
    number = (manifest.get("decision") or {}).get("number_symbol")
    new: list[dict] = []
    for entry in entries:
        source = folder / entry["path"]
        data = source.read_bytes()
        if is_attachment_ref(entry["ref"]):
            symbol = entry.get("number_symbol") or number
            if not symbol:
                raise InputError.single(
                    folder / MANIFEST,
                    tr("{file}: không biết số, ký hiệu văn bản để ghi lên văn bản kèm theo", file=entry["path"]),
                    field="decision.number_symbol",
                )
            result = sign_attachment(
                data,
                seal_key=keys.seal_key,
                number_symbol=symbol,
                organisation=organisation,
                signing_time=signing_time,
                tsa=keys.tsa,
            )
        else:
            result = sign_document(
                data,
                signer_key=keys.signer_key,
                signature_image=keys.signature_image,
                seal_key=keys.seal_key,
                seal_image=keys.seal_image,
                organisation=organisation,
                signing_time=signing_time,
                tsa=keys.tsa,
                seal_size=keys.seal_size,
            )
        signed = signed_name(entry["path"])
        _write_atomic(folder / signed, result.pdf)
        for record in result.records:
            new.append({"file": entry["path"], "signed_file": signed, **record.model_dump(mode="json")})
    kept = [s for s in manifest.get("signatures", []) if s.get("file") not in {e["path"] for e in entries}]
    manifest["signatures"] = kept + new
    from vanban.publishing import manifest_json

    _write_atomic(folder / MANIFEST, manifest_json(manifest).encode("utf-8"))
    if register is not None and number and manifest.get("issuer"):
        from vanban.register.signatures import record_signatures

        record_signatures(register, str(manifest["issuer"]), number, new)
    return new


def sign_issued(folder: Path, *, register: Register | None = None) -> list[dict]:
    """The last step of issuing for an office that configured its keys (`ky-so.yaml`): sign the
    package as `vanban sign` would, unattended — passwords and PINs from the environment only.
    Returns the signatures made; [] when the office configured no keys for the issuer (it signs
    on paper, or later with `vanban sign`)."""
    from vanban.sign.config import configured_for, package_keys, resolve

    manifest = read_manifest(Path(folder))
    issuer = str(manifest.get("issuer") or "")
    path = configured_for(issuer) if issuer else None
    if path is None:
        return []
    setup = resolve(path, issuer, (manifest.get("signer") or {}).get("name"))
    return sign_package(Path(folder), package_keys(setup), register=register)
