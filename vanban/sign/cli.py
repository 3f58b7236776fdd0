"""`vanban sign` and `vanban verify`: a Typer sub-app for the electronic issue (issue 14).

Mounted in `vanban/cli.py` with `app.add_typer(sign_app)` (no name:
Typer then adds `sign` and `verify` as top-level commands, `vanban sign PACKAGE_DIR …` and
`vanban verify FILE.pdf`). Exit status: 0 done / all signatures
intact; 1 signing failed or a signature is not intact or the document was changed; 2 bad input.

Keys: `--signer-key` and `--seal-key` take a PKCS#12 file or an RFC 7512 URI
`pkcs11:token=<token label>;object=<key label>` (module from `--pkcs11-lib`);
`--pkcs11-token`/`--pkcs11-key` are a shorthand for the signer's token key. Passwords and PINs
come from `VANBAN_SIGNER_KEY_PASSWORD`, `VANBAN_SEAL_KEY_PASSWORD`, `VANBAN_PKCS11_PIN`, or are
asked for on the terminal; a PKCS#12 file without a password needs neither.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from vanban.errors import InputError
from vanban.i18n import tr

sign_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Ký số văn bản ban hành (PAdES, Nghị định 30/2020/NĐ-CP Phụ lục I) và kiểm tra chữ ký số.",
)


def _secret(env: str, prompt: str, *, ask: bool) -> str | None:
    value = os.environ.get(env)
    if value is not None:
        return value
    if ask and sys.stdin.isatty():
        return typer.prompt(prompt, hide_input=True, default="", show_default=False) or None
    return None


def _key(spec: str, role: str, env: str, pkcs11_lib: Path | None):
    from vanban.sign.pades import parse_key

    pkcs11 = spec.startswith("pkcs11:")
    secret = _secret(
        env if not pkcs11 else "VANBAN_PKCS11_PIN",
        f"Mã PIN token ({role})" if pkcs11 else f"Mật khẩu tệp khóa {spec} ({role})",
        ask=True,
    )
    return parse_key(
        spec,
        password=None if pkcs11 or secret is None else secret.encode(),
        pkcs11_lib=pkcs11_lib,
        pin=secret if pkcs11 else None,
    )


def _seal_size(text: str | None):
    if not text:
        return None
    try:
        if "x" in text.lower():
            w, h = text.lower().split("x", 1)
            return float(w), float(h)
        return float(text)
    except ValueError:
        raise typer.BadParameter(
            tr("'{text}': cần đường kính (mm) như 36 hoặc rộng x cao như 38x36", text=text), param_hint="--seal-size"
        ) from None


@sign_app.command("sign")
def sign_command(
    package_dir: Annotated[Path, typer.Argument(help="thư mục bộ văn bản đã ban hành (có manifest.json)")],
    signer_key: Annotated[
        str | None, typer.Option(help="khóa người có thẩm quyền: tệp .p12 hoặc pkcs11:token=…;object=…")
    ] = None,
    signer_image: Annotated[Path | None, typer.Option(help="ảnh chữ ký (PNG nền trong suốt, màu xanh)")] = None,
    seal_key: Annotated[
        str | None, typer.Option(help="khóa của cơ quan: tệp .p12 hoặc pkcs11:token=…;object=…")
    ] = None,
    seal_image: Annotated[
        Path | None, typer.Option(help="ảnh con dấu (PNG nền trong suốt, màu đỏ, đúng kích thước thật)")
    ] = None,
    tsa: Annotated[str | None, typer.Option(help="URL dịch vụ cấp dấu thời gian (PAdES B-T)")] = None,
    pkcs11_lib: Annotated[Path | None, typer.Option(help="thư viện PKCS#11 của token (.so)")] = None,
    pkcs11_token: Annotated[str | None, typer.Option(help="nhãn token của người ký")] = None,
    pkcs11_key: Annotated[str | None, typer.Option(help="nhãn khóa trên token của người ký")] = None,
    seal_size: Annotated[str | None, typer.Option(help="kích thước thật của dấu, mm: 36 hoặc 38x36")] = None,
    organisation: Annotated[str | None, typer.Option(help="tên cơ quan trong chữ ký số của cơ quan")] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="tệp cấu hình ký số (mặc định: VANBAN_SIGNING, hoặc ky-so.yaml trong thư mục cơ quan)"),
    ] = None,
    signer: Annotated[str | None, typer.Option(help="họ tên người ký trong tệp cấu hình ký số")] = None,
    force: Annotated[bool, typer.Option(help="ký lại tệp đã có bản ký")] = False,
) -> None:
    """Ký số các tệp PDF của bộ văn bản: chữ ký người có thẩm quyền rồi chữ ký (dấu) của cơ quan.

    Không ghi khóa và ảnh trên dòng lệnh thì lấy từ tệp cấu hình ký số của cơ quan."""
    from vanban.sign.appearance import SignatureLayoutError
    from vanban.sign.package import PackageKeys, sign_package
    from vanban.sign.pades import SigningError

    try:
        if seal_key is None and signer_key is None and not (pkcs11_token and pkcs11_key):
            keys = _configured_keys(package_dir, config, signer)
        else:
            if signer_key is None:
                if not (pkcs11_token and pkcs11_key):
                    raise typer.BadParameter(
                        tr("cần --signer-key, hoặc --pkcs11-token và --pkcs11-key"), param_hint="--signer-key"
                    )
                signer_key = f"pkcs11:token={pkcs11_token};object={pkcs11_key}"
            for value, hint in (
                (seal_key, "--seal-key"),
                (signer_image, "--signer-image"),
                (seal_image, "--seal-image"),
            ):
                if value is None:
                    raise typer.BadParameter(
                        tr("thiếu (hoặc dùng tệp cấu hình ký số thay cho mọi khóa)"), param_hint=hint
                    )
            assert seal_key is not None and signer_image is not None and seal_image is not None
            keys = PackageKeys(
                signer_key=_key(signer_key, "người ký", "VANBAN_SIGNER_KEY_PASSWORD", pkcs11_lib),
                signature_image=signer_image,
                seal_key=_key(seal_key, "cơ quan", "VANBAN_SEAL_KEY_PASSWORD", pkcs11_lib),
                seal_image=seal_image,
                tsa=tsa,
                seal_size=_seal_size(seal_size),
                organisation=organisation,
            )
        from vanban.register import Register

        records = sign_package(package_dir, keys, force=force, register=Register())
    except InputError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except SignatureLayoutError as exc:
        typer.echo(tr("Không ký được: {why}", why=exc), err=True)
        raise typer.Exit(2) from None
    except SigningError as exc:
        typer.echo(tr("Không ký được: {why}", why=exc), err=True)
        raise typer.Exit(1) from None
    for path in dict.fromkeys(r["signed_file"] for r in records):
        typer.echo(package_dir / path)


def _configured_keys(package_dir: Path, config: Path | None, signer: str | None):
    """Keys and images for the package's issuer and signer, from the office's signing file."""
    from vanban.sign.config import config_path, package_keys, resolve
    from vanban.sign.package import read_manifest

    path = config_path(config)
    if path is None:
        raise typer.BadParameter(
            tr("cần --seal-key, --signer-key và hai ảnh, hoặc một tệp cấu hình ký số (--config, VANBAN_SIGNING)"),
            param_hint="--config",
        )
    manifest = read_manifest(package_dir)
    issuer = str(manifest.get("issuer") or "")
    if not issuer:
        raise InputError.single(
            package_dir / "manifest.json", tr("manifest không ghi cơ quan ban hành"), field="issuer"
        )
    setup = resolve(path, issuer, signer or (manifest.get("signer") or {}).get("name"))
    return package_keys(setup, lambda env, prompt: _secret(env, prompt, ask=True))


@sign_app.command("verify")
def verify_command(
    file: Annotated[Path, typer.Argument(help="tệp PDF đã ký số")],
    trust_root: Annotated[
        list[Path] | None, typer.Option(help="chứng thư gốc tin cậy (PEM/DER), có thể lặp lại")
    ] = None,
    english: Annotated[bool, typer.Option("--en", help="báo cáo bằng tiếng Anh")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="in kết quả dạng JSON")] = False,
    pdfa: Annotated[bool, typer.Option("--pdfa", help="kiểm tra thêm các yêu cầu PDF/A-2b")] = False,
) -> None:
    """Kiểm tra từng chữ ký số của tệp PDF: người ký, thời gian, toàn vẹn, có bị sửa sau khi ký."""
    from vanban.sign.pdfa import pdfa_problems
    from vanban.sign.verify import report_text, verify

    lang = "en" if english else "vi"
    if not file.is_file():
        typer.echo(f"{file}: không có tệp" if lang == "vi" else f"{file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        reports = verify(file, trust_roots=list(trust_root or []))
    except (ValueError, OSError) as exc:
        typer.echo(f"{file}: {exc}", err=True)
        raise typer.Exit(2) from None
    problems = pdfa_problems(file, lang=lang) if pdfa else []
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "file": str(file),
                    "signatures": [r.model_dump() for r in reports],
                    **({"pdfa_problems": problems} if pdfa else {}),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        typer.echo(report_text(reports, lang))
        if pdfa:
            head = "PDF/A-2b: " if lang == "en" else "PDF/A-2b: "
            typer.echo(
                "\n" + head + ("đạt các kiểm tra" if lang == "vi" else "passes the checks")
                if not problems
                else "\n" + head + "\n" + "\n".join(f"  - {p}" for p in problems)
            )
    if not reports or not all(r.ok for r in reports) or problems:
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - `python -m vanban.sign.cli`
    sign_app()


if __name__ == "__main__":  # pragma: no cover
    main()
