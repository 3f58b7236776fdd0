"""`vanban sign PACKAGE_DIR` and `vanban verify FILE.pdf` through the Typer sub-app."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf
import pytest
from support import pki
from support.signing import BLUE, DECISION, LIST, make_package, seal_png
from support.signing import sha256_of as _sha
from typer.testing import CliRunner

from vanban.sign.cli import sign_app


@pytest.fixture
def package(tmp_path, decision_pdfa, attachment_pdfa) -> Path:
    return make_package(tmp_path / "15-QD-LDLD", decision_pdfa, attachment_pdfa)


@pytest.fixture
def p12_env(monkeypatch):
    monkeypatch.setenv("VANBAN_SIGNER_KEY_PASSWORD", pki.PASSWORD.decode())
    monkeypatch.setenv("VANBAN_SEAL_KEY_PASSWORD", pki.PASSWORD.decode())


def _sign_args(package: Path, test_pki, images, *extra) -> list[str]:
    return [
        "sign",
        str(package),
        "--signer-key",
        str(test_pki.signer_p12),
        "--signer-image",
        str(images["signature"]),
        "--seal-key",
        str(test_pki.org_p12),
        "--seal-image",
        str(images["seal"]),
        *extra,
    ]


def test_sign_package_writes_signed_pdfs_and_records_them(package, test_pki, images, p12_env):
    before = {p: _sha(package / p) for p in (DECISION, LIST)}
    result = CliRunner().invoke(sign_app, _sign_args(package, test_pki, images))
    assert result.exit_code == 0, result.output
    signed_decision = package / DECISION.replace(".pdf", ".signed.pdf")
    signed_list = package / LIST.replace(".pdf", ".signed.pdf")
    assert result.output.splitlines() == [str(signed_decision), str(signed_list)]
    assert {p: _sha(package / p) for p in (DECISION, LIST)} == before  # unsigned files untouched
    assert not (package / "certificates" / "001-cong-doan.signed.pdf").exists()
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    sigs = manifest["signatures"]
    assert [(s["file"], s["signed_file"], s["role"]) for s in sigs] == [
        (DECISION, signed_decision.name, "signer"),
        (DECISION, signed_decision.name, "organisation"),
        (LIST, signed_list.name, "attachment"),
    ]
    assert [s["signer"] for s in sigs] == [
        "Nguyễn Thị Thiện",
        "Liên đoàn Lao động tỉnh Lai Châu",
        "Liên đoàn Lao động tỉnh Lai Châu",
    ]
    assert [s["organisation"] for s in sigs] == [
        None,
        "Liên đoàn Lao động tỉnh Lai Châu",
        "Liên đoàn Lao động tỉnh Lai Châu",
    ]
    assert sigs[0]["sha256_before"] == before[DECISION] and sigs[2]["sha256_before"] == before[LIST]
    assert sigs[1]["sha256_after"] == _sha(signed_decision) and sigs[2]["sha256_after"] == _sha(signed_list)
    assert sigs[0]["sha256_after"] == sigs[1]["sha256_before"]
    assert all(s["time"] == sigs[0]["time"] and s["time"].endswith("+07:00") for s in sigs)
    assert [s["level"] for s in sigs] == ["B-B"] * 3

    again = CliRunner().invoke(sign_app, _sign_args(package, test_pki, images))
    assert again.exit_code == 2
    assert f"{signed_decision}: đã có bản ký số; dùng --force để ký lại" in again.output
    forced = CliRunner().invoke(sign_app, _sign_args(package, test_pki, images, "--force"))
    assert forced.exit_code == 0, forced.output
    assert len(json.loads((package / "manifest.json").read_text(encoding="utf-8"))["signatures"]) == 3

    checked = CliRunner().invoke(
        sign_app, ["verify", str(signed_decision), "--trust-root", str(test_pki.ca_pem), "--pdfa"]
    )
    assert checked.exit_code == 0, checked.output
    assert "Chữ ký số 1/2 (ChuKySo-NguoiCoThamQuyen)\n  Người ký: Nguyễn Thị Thiện" in checked.output
    assert "Chữ ký số 2/2 (ChuKySo-CoQuan)\n  Người ký: Liên đoàn Lao động tỉnh Lai Châu" in checked.output
    assert checked.output.count("  Toàn vẹn: còn nguyên vẹn") == 2
    assert checked.output.count("  Chứng thư số: tin cậy") == 2
    assert "PDF/A-2b: đạt các kiểm tra" in checked.output
    english = CliRunner().invoke(sign_app, ["verify", str(signed_list), "--en"])
    assert english.exit_code == 0 and "Signature 1/1 (ChuKySo-CoQuan-VanBanKemTheo)" in english.output
    as_json = CliRunner().invoke(sign_app, ["verify", str(signed_list), "--json"])
    data = json.loads(as_json.output)
    assert [(s["field"], s["intact"], s["trusted"]) for s in data["signatures"]] == [
        ("ChuKySo-CoQuan-VanBanKemTheo", True, False)
    ]


def test_verify_fails_on_a_changed_or_unsigned_file(package, tmp_path, test_pki, images, p12_env, decision_pdfa):
    assert CliRunner().invoke(sign_app, _sign_args(package, test_pki, images)).exit_code == 0
    data = bytearray((package / DECISION.replace(".pdf", ".signed.pdf")).read_bytes())
    at = data.index(b"stream", len(data) // 3) + 300
    data[at] ^= 0x20
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))
    result = CliRunner().invoke(sign_app, ["verify", str(tampered)])
    assert result.exit_code == 1
    assert "Sau khi ký: VĂN BẢN ĐÃ BỊ SỬA ĐỔI sau khi ký" in result.output
    unsigned = CliRunner().invoke(sign_app, ["verify", str(decision_pdfa)])
    assert (unsigned.exit_code, unsigned.output.strip()) == (1, "Tệp không có chữ ký số.")
    missing = CliRunner().invoke(sign_app, ["verify", str(tmp_path / "khong-co.pdf")])
    assert missing.exit_code == 2


def test_bad_package_input_is_reported_and_nothing_written(package, tmp_path, test_pki, images, p12_env):
    empty = tmp_path / "trong"
    empty.mkdir()
    result = CliRunner().invoke(sign_app, _sign_args(empty, test_pki, images))
    assert result.exit_code == 2
    assert f"{empty}: không phải thư mục bộ văn bản: thiếu manifest.json" in result.output

    blue_seal = seal_png(tmp_path / "dau-xanh.png", colour=BLUE)
    (package / LIST).write_bytes((package / LIST).read_bytes() + b"\n% changed\n")
    args = _sign_args(package, test_pki, images)
    args[args.index("--seal-image") + 1] = str(blue_seal)
    result = CliRunner().invoke(sign_app, args)
    assert result.exit_code == 2
    assert (
        f"{package / LIST}, mục 'files.2.sha256': tệp đã bị thay đổi sau khi ban hành (SHA-256 khác manifest); không ký"
    ) in result.output
    assert f"{blue_seal}: con dấu phải màu đỏ" in result.output
    assert not list(package.glob("*.signed.pdf"))
    assert "signatures" not in json.loads((package / "manifest.json").read_text(encoding="utf-8"))


def test_wrong_password_exits_1_with_a_message(package, test_pki, images, monkeypatch):
    monkeypatch.setenv("VANBAN_SIGNER_KEY_PASSWORD", "sai-mat-khau")
    monkeypatch.setenv("VANBAN_SEAL_KEY_PASSWORD", pki.PASSWORD.decode())
    result = CliRunner().invoke(sign_app, _sign_args(package, test_pki, images))
    assert result.exit_code == 1
    assert f"Không ký được: {test_pki.signer_p12}: không mở được tệp PKCS#12" in result.output


# --------------------------------------------------------------------------------------------
# PKCS#11: keys on a SoftHSM token, as officials' USB tokens

SOFTHSM_LIB = Path("/usr/lib/softhsm/libsofthsm2.so")
PIN = "123456"
TOKEN = "vanban-test"

_CERT_IMPORT = textwrap.dedent("""
    import sys
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass
    lib, token_label, pin = sys.argv[1:4]
    token = pkcs11.lib(lib).get_token(token_label=token_label)
    with token.open(rw=True, user_pin=pin) as session:
        for label, key_id, path in zip(sys.argv[4::3], sys.argv[5::3], sys.argv[6::3]):
            der = open(path, "rb").read()
            from asn1crypto import x509
            cert = x509.Certificate.load(der)
            session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                   Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True,
                                   Attribute.LABEL: label, Attribute.ID: bytes.fromhex(key_id),
                                   Attribute.SUBJECT: cert.subject.dump(), Attribute.VALUE: der})
""")


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory, test_pki):
    """A SoftHSM token holding the signer's key (label `nguoi-ky`) and the organisation's (`dau`),
    each with its certificate. Set up in child processes before this process loads the module."""
    import os

    if not SOFTHSM_LIB.is_file() or not shutil.which("softhsm2-util"):
        pytest.skip("SoftHSM2 is not installed (Debian package softhsm2, in the Makefile's TEST_DEBS)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    run = lambda *args: subprocess.run(args, env=env, check=True, capture_output=True, text=True)  # noqa: E731
    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321")
    certs = []
    for label, key_id, who in (("nguoi-ky", "01", test_pki.signer), ("dau", "02", test_pki.org)):
        key_pem = folder / f"{label}.key.pem"
        key_pem.write_bytes(who.key_pkcs8_pem())
        run("softhsm2-util", "--import", str(key_pem), "--token", TOKEN, "--label", label, "--id", key_id, "--pin", PIN)
        key_pem.unlink()  # the key now lives on the token only
        der = folder / f"{label}.der"
        der.write_bytes(who.cert_der())
        certs += [label, key_id, str(der)]
    run(sys.executable, "-c", _CERT_IMPORT, str(SOFTHSM_LIB), TOKEN, PIN, *certs)
    os.environ["SOFTHSM2_CONF"] = str(conf)
    return conf


def test_sign_with_keys_on_a_pkcs11_token(softhsm_token, package, test_pki, images, monkeypatch):
    from vanban.sign.verify import verify

    monkeypatch.setenv("VANBAN_PKCS11_PIN", PIN)
    result = CliRunner().invoke(
        sign_app,
        [
            "sign",
            str(package),
            "--pkcs11-lib",
            str(SOFTHSM_LIB),
            "--pkcs11-token",
            TOKEN,
            "--pkcs11-key",
            "nguoi-ky",
            "--signer-image",
            str(images["signature"]),
            "--seal-key",
            f"pkcs11:token={TOKEN};object=dau",
            "--seal-image",
            str(images["seal"]),
        ],
    )
    assert result.exit_code == 0, result.output
    reports = verify(package / DECISION.replace(".pdf", ".signed.pdf"), trust_roots=[test_pki.ca_pem])
    assert [(r.signer, r.intact, r.trusted) for r in reports] == [
        ("Nguyễn Thị Thiện", True, True),
        ("Liên đoàn Lao động tỉnh Lai Châu", True, True),
    ]
    with pikepdf.open(package / LIST.replace(".pdf", ".signed.pdf")) as pdf:
        assert len(pdf.Root.AcroForm.Fields) == 1

    monkeypatch.setenv("VANBAN_PKCS11_PIN", "000000")
    wrong = CliRunner().invoke(
        sign_app,
        [
            "sign",
            str(package),
            "--force",
            "--pkcs11-lib",
            str(SOFTHSM_LIB),
            "--signer-key",
            f"pkcs11:token={TOKEN};object=nguoi-ky",
            "--signer-image",
            str(images["signature"]),
            "--seal-key",
            f"pkcs11:token={TOKEN};object=dau",
            "--seal-image",
            str(images["seal"]),
        ],
    )
    assert wrong.exit_code == 1
    assert f"Không ký được: không mở được token PKCS#11 “{TOKEN}”" in wrong.output


def test_sign_and_verify_are_commands_of_vanban(decision_pdfa):
    """`vanban sign` and `vanban verify` are mounted on the main command (not only the sub-app)."""
    from vanban.cli import app

    listed = CliRunner().invoke(app, ["--help"])
    assert listed.exit_code == 0 and "sign" in listed.output and "verify" in listed.output
    unsigned = CliRunner().invoke(app, ["verify", str(decision_pdfa)])
    assert unsigned.exit_code == 1, unsigned.output
    assert "chữ ký" in unsigned.output.lower()
