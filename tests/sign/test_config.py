"""The office's signing file (ky-so.yaml): `vanban sign PACKAGE` with no key options."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from support import pki
from support.signing import make_package
from typer.testing import CliRunner

from vanban.errors import InputError
from vanban.sign.cli import sign_app
from vanban.sign.config import config_path, resolve


@pytest.fixture
def office(tmp_path, test_pki, images) -> Path:
    """An office folder holding keys, images and the signing file, with paths relative to it."""
    folder = tmp_path / "van-phong"
    (folder / "khoa").mkdir(parents=True)
    (folder / "anh").mkdir()
    for src, name in ((test_pki.signer_p12, "khoa/nguyen-thi-thien.p12"), (test_pki.org_p12, "khoa/ldld.p12")):
        (folder / name).write_bytes(Path(src).read_bytes())
    (folder / "anh" / "chu-ky.png").write_bytes(images["signature"].read_bytes())
    (folder / "anh" / "dau.png").write_bytes(images["seal"].read_bytes())
    (folder / "ky-so.yaml").write_text(
        textwrap.dedent(
            """\
            issuers:
              ldld-lai-chau:
                seal_key: khoa/ldld.p12
                seal_image: anh/dau.png
                seal_size: 36
                signers:
                  Nguyễn Thị Thiện:
                    key: khoa/nguyen-thi-thien.p12
                    signature_image: anh/chu-ky.png
            """
        ),
        encoding="utf-8",
    )
    return folder


def test_the_office_file_is_found_in_the_office_folder(office, monkeypatch):
    monkeypatch.delenv("VANBAN_SIGNING", raising=False)
    monkeypatch.setenv("VANBAN_OFFICE", str(office))
    assert config_path() == office / "ky-so.yaml"
    monkeypatch.setenv("VANBAN_SIGNING", str(office / "khac.yaml"))
    assert config_path() == office / "khac.yaml"
    assert config_path(Path("/x/y.yaml")) == Path("/x/y.yaml")


def test_resolve_gives_absolute_paths_and_the_only_signer(office):
    setup = resolve(office / "ky-so.yaml", "ldld-lai-chau", None)
    assert setup.signer_name == "Nguyễn Thị Thiện"
    assert setup.signer_key == str(office / "khoa" / "nguyen-thi-thien.p12")
    assert setup.seal_image == office / "anh" / "dau.png"
    assert setup.seal_size == 36


def test_unknown_issuer_signer_and_missing_files_are_named(office):
    path = office / "ky-so.yaml"
    with pytest.raises(InputError) as exc:
        resolve(path, "ubnd-tinh", None)
    assert "không có cấu hình ký số cho cơ quan 'ubnd-tinh'" in str(exc.value)
    assert "ldld-lai-chau" in str(exc.value)
    with pytest.raises(InputError) as exc:
        resolve(path, "ldld-lai-chau", "Lò Văn Páo")
    assert "người ký 'Lò Văn Páo'" in str(exc.value) and "Nguyễn Thị Thiện" in str(exc.value)
    (office / "anh" / "dau.png").unlink()
    with pytest.raises(InputError) as exc:
        resolve(path, "ldld-lai-chau", None)
    assert f"không có tệp {office / 'anh' / 'dau.png'}" in str(exc.value)
    assert "issuers.ldld-lai-chau.seal_image" in str(exc.value)


def test_a_mistyped_field_is_an_error_on_its_line(office):
    path = office / "ky-so.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("seal_size: 36", "seal_size: 360"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        resolve(path, "ldld-lai-chau", None)
    text = str(exc.value)
    assert "ky-so.yaml, dòng 5, mục 'issuers.ldld-lai-chau.seal_size'" in text
    assert "kích thước dấu tính bằng mm, trong khoảng (0, 80]" in text


def test_sign_with_no_key_options_uses_the_office_file(tmp_path, office, decision_pdfa, attachment_pdfa, monkeypatch):
    monkeypatch.setenv("VANBAN_SIGNER_KEY_PASSWORD", pki.PASSWORD.decode())
    monkeypatch.setenv("VANBAN_SEAL_KEY_PASSWORD", pki.PASSWORD.decode())
    monkeypatch.setenv("VANBAN_OFFICE", str(office))
    monkeypatch.delenv("VANBAN_SIGNING", raising=False)
    package = make_package(tmp_path / "15-QD-LDLD", decision_pdfa, attachment_pdfa)
    result = CliRunner().invoke(sign_app, ["sign", str(package)])
    assert result.exit_code == 0, result.output
    sigs = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["signatures"]
    assert [(s["role"], s["signer"]) for s in sigs] == [
        ("signer", "Nguyễn Thị Thiện"),
        ("organisation", "Liên đoàn Lao động tỉnh Lai Châu"),
        ("attachment", "Liên đoàn Lao động tỉnh Lai Châu"),
    ]


def test_sign_without_keys_or_file_asks_for_them(tmp_path, decision_pdfa, attachment_pdfa, monkeypatch):
    monkeypatch.delenv("VANBAN_SIGNING", raising=False)
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    package = make_package(tmp_path / "15-QD-LDLD", decision_pdfa, attachment_pdfa)
    result = CliRunner().invoke(sign_app, ["sign", str(package)])
    assert result.exit_code == 2
    assert "tệp cấu hình ký số" in result.output


def test_signatures_are_recorded_in_the_register(tmp_path, office, decision_pdfa, attachment_pdfa, monkeypatch):
    """Each signature is a line of the register beside its document: file, role, signer, time,
    level, SHA-256 before and after; `vanban register show` prints them."""
    from vanban.register import Register
    from vanban.register.signatures import signatures_of

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "so-dang-ky"))
    monkeypatch.setenv("VANBAN_SIGNER_KEY_PASSWORD", pki.PASSWORD.decode())
    monkeypatch.setenv("VANBAN_SEAL_KEY_PASSWORD", pki.PASSWORD.decode())
    package = make_package(tmp_path / "15-QD-LDLD", decision_pdfa, attachment_pdfa)
    result = CliRunner().invoke(sign_app, ["sign", str(package), "--config", str(office / "ky-so.yaml")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["signatures"]
    rows = signatures_of(Register(), "ldld-lai-chau", "15/QĐ-LĐLĐ")
    assert [(r.file, r.signed_file, r.role, r.signer, r.level) for r in rows] == [
        (m["file"], m["signed_file"], m["role"], m["signer"], m["level"]) for m in manifest
    ]
    assert [(r.sha256_before, r.sha256_after) for r in rows] == [
        (m["sha256_before"], m["sha256_after"]) for m in manifest
    ]
    assert {r.signed_at for r in rows} == {dt.datetime.fromisoformat(manifest[0]["time"])}
    assert signatures_of(Register(), "ldld-lai-chau", "16/QĐ-LĐLĐ") == []


def test_issuing_signs_when_the_office_configured_keys(tmp_path, office, decision_pdfa, attachment_pdfa, monkeypatch):
    """The issue step (`vanban.drafts.issue` → `signed`) signs the issued package unattended;
    without keys for the issuer it signs nothing; a key it cannot open leaves the package issued,
    unsigned, with the reason."""
    from vanban.drafts.lifecycle import signed
    from vanban.drafts.model import IssuedPackage
    from vanban.register import Register

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "so-dang-ky"))
    monkeypatch.delenv("VANBAN_SIGNING", raising=False)
    package = make_package(tmp_path / "15-QD-LDLD", decision_pdfa, attachment_pdfa)
    issued = IssuedPackage(
        draft_id="1c2231e6d7",
        kind="award",
        folder=str(package),
        files=[],
        number_symbol="15/QĐ-LĐLĐ",
        date=dt.date(2026, 1, 5),
        approved_by="Trần Văn C",
    )
    monkeypatch.delenv("VANBAN_OFFICE", raising=False)
    assert signed(issued, Register()) == issued  # no signing file: signed on paper

    monkeypatch.setenv("VANBAN_OFFICE", str(office))
    monkeypatch.delenv("VANBAN_SIGNER_KEY_PASSWORD", raising=False)
    monkeypatch.setenv("VANBAN_SEAL_KEY_PASSWORD", pki.PASSWORD.decode())
    failed = signed(issued, Register())
    assert failed.signed_files == [] and failed.signing_problem
    assert not list(package.glob("*.signed.pdf"))

    monkeypatch.setenv("VANBAN_SIGNER_KEY_PASSWORD", pki.PASSWORD.decode())
    done = signed(issued, Register())
    assert done.signing_problem is None
    assert done.signed_files == [
        "15-QD-LDLD-danh-sach.signed.pdf",
        "15-QD-LDLD-ve-viec-tang-giay-khen.signed.pdf",
    ]
    assert all((package / name).is_file() for name in done.signed_files)
    from vanban.register.signatures import signatures_of

    assert [r.role for r in signatures_of(Register(), "ldld-lai-chau", "15/QĐ-LĐLĐ")] == [
        "signer",
        "organisation",
        "attachment",
    ]

    other = tmp_path / "khac.yaml"
    other.write_text("issuers: {}\n", encoding="utf-8")
    monkeypatch.setenv("VANBAN_SIGNING", str(other))
    assert signed(issued, Register()).signed_files == []  # keys for other issuers only
