"""The office's signing configuration (cấu hình ký số): which key and image sign for whom.

Decree 30 Appendix I puts two signatures on an electronic original: the competent person's
(chữ ký của người có thẩm quyền, with the image of their handwritten signature) and the
organisation's (chữ ký số của cơ quan, with the image of the seal, applied by the văn thư).
An office keeps one file that says, per issuer, which key and seal image the organisation signs
with and, per signer, which key and signature image each leader signs with. With it, `vanban sign
PACKAGE` needs no options, and issuing can sign as its last step.

The file is YAML (`ky-so.yaml` in the office folder, or the path in `VANBAN_SIGNING`); paths in
it are relative to the file. Keys are a PKCS#12 file or an RFC 7512 `pkcs11:` URI (a USB token);
passwords and PINs never live in the file — they come from the environment
(`VANBAN_SIGNER_KEY_PASSWORD`, `VANBAN_SEAL_KEY_PASSWORD`, `VANBAN_PKCS11_PIN`) or a prompt::

    pkcs11_lib: /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so
    issuers:
      ldld-lai-chau:
        seal_key: pkcs11:token=VanThu;object=dau-ldld
        seal_image: anh/dau-ldld-lai-chau.png
        seal_size: 36            # mm: a diameter, or [width, height]
        signers:
          Nguyễn Thị Thiện:
            key: khoa/nguyen-thi-thien.p12
            signature_image: anh/chu-ky-nguyen-thi-thien.png
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.inputs.schema_file import load_model

FILE_NAME = "ky-so.yaml"


class SignerEntry(BaseModel):
    """One leader who signs (người có thẩm quyền ký): their key and signature image."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1)
    signature_image: str = Field(min_length=1)


class IssuerSigning(BaseModel):
    """How one issuer's documents are signed: the organisation's key and seal, and its signers."""

    model_config = ConfigDict(extra="forbid")

    seal_key: str = Field(min_length=1)
    seal_image: str = Field(min_length=1)
    seal_size: float | tuple[float, float] | None = None
    organisation: str | None = None
    tsa: str | None = None
    signers: dict[str, SignerEntry] = Field(default_factory=dict)

    @field_validator("seal_size")
    @classmethod
    def _positive(cls, value):
        sizes = value if isinstance(value, tuple) else (value,) if value is not None else ()
        if any(s <= 0 or s > 80 for s in sizes):
            raise ValueError(tr("kích thước dấu tính bằng mm, trong khoảng (0, 80]"))
        return value


class SigningConfig(BaseModel):
    """The whole file: the token library and the issuers."""

    model_config = ConfigDict(extra="forbid")

    pkcs11_lib: str | None = None
    issuers: dict[str, IssuerSigning] = Field(default_factory=dict)


class SigningSetup(BaseModel):
    """What signing one package takes, resolved from the file: absolute paths, keys as written."""

    model_config = ConfigDict(frozen=True)

    source: Path
    signer_name: str
    signer_key: str
    signature_image: Path
    seal_key: str
    seal_image: Path
    seal_size: float | tuple[float, float] | None
    organisation: str | None
    tsa: str | None
    pkcs11_lib: Path | None


def configured_for(issuer: str, path: Path | None = None) -> Path | None:
    """The signing file when it configures `issuer`, else None (the office signs by hand)."""
    path = config_path(path)
    if path is None or not path.is_file():
        return None
    return path if issuer in load_config(path).issuers else None


def environment_secret(env: str, _prompt: str) -> str | None:
    """A password or PIN from the environment only: what an unattended issue step can use."""
    return os.environ.get(env)


def package_keys(setup: SigningSetup, secret=environment_secret):
    """The keys of `setup`, opened with passwords or PINs from `secret(env_name, prompt)`."""
    from vanban.sign.package import PackageKeys
    from vanban.sign.pades import parse_key

    def key(spec: str, role: str, env: str):
        pkcs11 = spec.startswith("pkcs11:")
        value = secret(
            "VANBAN_PKCS11_PIN" if pkcs11 else env,
            f"Mã PIN token ({role})" if pkcs11 else f"Mật khẩu tệp khóa {spec} ({role})",
        )
        return parse_key(
            spec,
            password=None if pkcs11 or value is None else value.encode(),
            pkcs11_lib=setup.pkcs11_lib,
            pin=value if pkcs11 else None,
        )

    return PackageKeys(
        signer_key=key(setup.signer_key, "người ký", "VANBAN_SIGNER_KEY_PASSWORD"),
        signature_image=setup.signature_image,
        seal_key=key(setup.seal_key, "cơ quan", "VANBAN_SEAL_KEY_PASSWORD"),
        seal_image=setup.seal_image,
        tsa=setup.tsa,
        seal_size=setup.seal_size,
        organisation=setup.organisation,
    )


def config_path(explicit: Path | None = None) -> Path | None:
    """The signing file to use: the one named, else `VANBAN_SIGNING`, else `ky-so.yaml` in the
    office folder (`VANBAN_OFFICE`) when it exists; None when the office signs nothing."""
    from vanban.settings import current

    if explicit is not None:
        return explicit
    settings = current()
    if settings.signing is not None:
        return settings.signing
    office = getattr(settings, "office", None) or os.environ.get("VANBAN_OFFICE")
    if office and (Path(office) / FILE_NAME).is_file():
        return Path(office) / FILE_NAME
    return None


def load_config(path: Path) -> SigningConfig:
    return load_model(path, SigningConfig)


def _relative(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _key_spec(base: Path, value: str) -> str:
    return value if value.startswith("pkcs11:") else str(_relative(base, value))


def resolve(path: Path, issuer: str, signer: str | None) -> SigningSetup:
    """The setup for `issuer`'s document signed by `signer` (the name printed under the
    signature); with no name, the issuer's only signer. Every missing piece is one problem."""
    config = load_config(path)
    base = path.parent
    entry = config.issuers.get(issuer)
    if entry is None:
        known = ", ".join(sorted(config.issuers)) or tr("không có")
        raise InputError.single(
            path,
            tr("không có cấu hình ký số cho cơ quan '{issuer}'", issuer=issuer),
            field="issuers",
            expected=tr("một trong: {names}", names=known),
        )
    if signer is None:
        if len(entry.signers) != 1:
            raise InputError.single(
                path,
                tr(
                    "cơ quan '{issuer}' có {count} người ký; cần chỉ rõ người ký (--signer)",
                    issuer=issuer,
                    count=len(entry.signers),
                ),
                field=f"issuers.{issuer}.signers",
            )
        signer = next(iter(entry.signers))
    person = entry.signers.get(signer)
    if person is None:
        raise InputError.single(
            path,
            tr("không có khóa và ảnh chữ ký của người ký '{signer}'", signer=signer),
            field=f"issuers.{issuer}.signers",
            expected=", ".join(sorted(entry.signers)) or tr("ít nhất một người ký"),
        )
    setup = SigningSetup(
        source=path,
        signer_name=signer,
        signer_key=_key_spec(base, person.key),
        signature_image=_relative(base, person.signature_image),
        seal_key=_key_spec(base, entry.seal_key),
        seal_image=_relative(base, entry.seal_image),
        seal_size=entry.seal_size,
        organisation=entry.organisation,
        tsa=entry.tsa,
        pkcs11_lib=_relative(base, config.pkcs11_lib) if config.pkcs11_lib else None,
    )
    problems = [
        Problem(str(path), tr("không có tệp {file}", file=file), field=field)
        for file, field in (
            (setup.signature_image, f"issuers.{issuer}.signers.{signer}.signature_image"),
            (setup.seal_image, f"issuers.{issuer}.seal_image"),
            *(
                (Path(spec), name)
                for spec, name in (
                    (setup.signer_key, f"issuers.{issuer}.signers.{signer}.key"),
                    (setup.seal_key, f"issuers.{issuer}.seal_key"),
                )
                if not spec.startswith("pkcs11:")
            ),
        )
        if not Path(file).is_file()
    ]
    if problems:
        raise InputError(problems)
    return setup
