"""The check registry: one check per rule name, profiles that list only registered checks, results
in the profile's order, and a check that raises reported as a FAIL of its rule, not a crash."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import vanban.check.page
from vanban.check import check_docx, check_pdf
from vanban.check.fonts import fonts as fonts_check
from vanban.check.profiles import CERTIFICATE, DOCUMENT, PDF, PROFILES, Profile
from vanban.check.registry import REGISTRY, Registry, crash_detail
from vanban.check.result import Verdict

# --- vanban's own registry ---------------------------------------------------------------------


def test_each_profile_runs_exactly_its_listed_checks_in_order():
    for profile in PROFILES.values():
        assert [c.rule for c in REGISTRY.checks_of(profile)] == list(profile.rules)


def test_every_registered_check_is_listed_by_the_profiles_it_applies_to():
    registered = REGISTRY.checks()
    assert len(registered) == 23
    for rule, chk in registered.items():
        assert chk.rule == rule and chk.applies_to
        for name in chk.applies_to:
            assert rule in PROFILES[name].rules, (rule, name)
    listed = {rule for p in PROFILES.values() for rule in p.rules}
    assert listed == set(registered)


def test_a_rule_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="'fonts' is registered twice"):
        REGISTRY.check("fonts", applies_to="document")(lambda ctx: Verdict(True, ""))
    assert REGISTRY.checks()["fonts"].run is fonts_check


def test_a_check_for_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown profile"):
        REGISTRY.check("page.colour", applies_to="documnet")(lambda ctx: Verdict(True, ""))
    assert "page.colour" not in REGISTRY.checks()


def _rules(results) -> list[str]:
    return [r.rule for r in results]


def test_a_state_document_reports_in_the_declared_order(plan_files):
    assert _rules(check_docx(plan_files["docx"])) == [r for r in DOCUMENT.rules if r != "header.party_name"]


def test_a_party_document_reports_the_party_name_instead_of_the_national_lines(tmp_path):
    from vanban.document_model import Document, Frame, Paragraph, Run
    from vanban.issuers import load_issuer
    from vanban.render.docx import render_docx

    issuer = load_issuer("dang-uy-co-quan-tinh-lai-chau")
    frame = Frame(
        issuer=issuer,
        doc_type="KH",
        number_line=issuer.number_line(7, "KH"),
        place_date="Lai Châu, ngày 09 tháng 01 năm 2026",
        subject=["Tổ chức phong trào thi đua năm 2026"],
        signer=issuer.signer,
        recipients=["- Như trên;", "- Lưu: VT."],
    )
    path = tmp_path / "party.docx"
    path.write_bytes(render_docx(Document(frame=frame, blocks=[Paragraph(runs=[Run(text="Nội dung kế hoạch.")])])))
    results = check_docx(path)
    assert _rules(results) == [r for r in DOCUMENT.rules if r not in ("header.national_name", "header.motto")]
    assert (
        str(next(r for r in results if r.rule == "header.party_name"))
        == "PASS  header.party_name      ĐẢNG CỘNG SẢN VIỆT NAM"
    )


def test_a_certificate_and_a_pdf_report_in_their_declared_order(plan_files, tmp_path):
    from support.paths import EXAMPLES

    from vanban.award.certificates import build_certificate
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.certificate_layouts import layout_for
    from vanban.render.certificate_docx import CertificateDocx

    batch = price(read_award_list(EXAMPLES / "khen-thuong-2026.xlsx"))
    chosen = layout_for("full")
    path = tmp_path / "cert.docx"
    path.write_bytes(
        CertificateDocx(chosen).render(build_certificate(batch, batch.individuals[0], 9, chosen, golden_book="0009"))
    )
    assert _rules(check_docx(path)) == list(CERTIFICATE.rules)
    assert _rules(check_pdf(plan_files["pdf"])) == list(PDF.rules)


# --- the runner, on a registry of the test's own ------------------------------------------------

TEST_PROFILE = Profile("t", ("b", "a", "c"), "test")


def _registry(**checks) -> Registry:
    registry = Registry({"t": TEST_PROFILE})
    for rule, func in checks.items():
        registry.check(rule, applies_to="t")(func)
    return registry


def test_the_profile_order_wins_over_the_registration_order():
    registry = _registry(
        a=lambda ctx: Verdict(True, "A"), b=lambda ctx: Verdict(True, "B"), c=lambda ctx: Verdict(False, "C")
    )
    assert [str(r) for r in registry.run(TEST_PROFILE, object())] == [
        "PASS  b                      B",
        "PASS  a                      A",
        "FAIL  c                      C",
    ]


def test_none_means_the_rule_does_not_apply():
    registry = _registry(a=lambda ctx: Verdict(True, "A"), b=lambda ctx: None, c=lambda ctx: Verdict(True, "C"))
    assert _rules(registry.run(TEST_PROFILE, object())) == ["a", "c"]


def test_a_profile_listing_an_unregistered_rule_is_refused():
    registry = _registry(a=lambda ctx: Verdict(True, "A"), b=lambda ctx: Verdict(True, "B"))
    with pytest.raises(LookupError, match=r"listed but not registered for it \['c'\]"):
        registry.run(TEST_PROFILE, object())


def test_a_check_registered_for_a_profile_that_does_not_list_it_is_refused():
    registry = _registry(a=lambda ctx: None, b=lambda ctx: None, c=lambda ctx: None, d=lambda ctx: None)
    with pytest.raises(LookupError, match=r"registered for it but not listed \['d'\]"):
        registry.checks_of(TEST_PROFILE)


def test_a_check_that_raises_is_a_fail_naming_its_rule_and_the_others_still_run():
    def broken(ctx):
        raise ZeroDivisionError("division by zero")

    registry = _registry(a=lambda ctx: Verdict(True, "A"), b=broken, c=lambda ctx: Verdict(True, "C"))
    results = registry.run(TEST_PROFILE, object())
    assert [(r.rule, r.ok) for r in results] == [("b", False), ("a", True), ("c", True)]
    assert results[0].detail == (
        "không chạy được quy tắc này: ZeroDivisionError: division by zero (the check could not run on this file)"
    )


def test_a_check_returning_something_else_than_a_verdict_is_a_fail():
    registry = _registry(a=lambda ctx: (True, "A"), b=lambda ctx: None, c=lambda ctx: None)
    [result] = registry.run(TEST_PROFILE, object())
    assert result.rule == "a" and not result.ok
    assert "TypeError" in result.detail and "returned tuple, not a Verdict" in result.detail


def test_a_real_check_that_raises_fails_its_rule_and_the_command_exits_1(plan_files, monkeypatch):
    def unreadable(*args):
        raise KeyError("w:pgSz")

    monkeypatch.setattr(vanban.check.page, "page_size_verdict", unreadable)
    results = check_docx(plan_files["docx"])
    assert _rules(results) == [r for r in DOCUMENT.rules if r != "header.party_name"]
    size = results[0]
    assert str(size) == "FAIL  page.size              " + crash_detail(KeyError("w:pgSz"))
    assert "KeyError: 'w:pgSz'" in size.detail
    assert [str(r) for r in results[1:] if not r.ok] == []

    from vanban.cli import app

    outcome = CliRunner().invoke(app, ["check", str(plan_files["docx"])])
    assert outcome.exit_code == 1
    assert "  FAIL  page.size              không chạy được quy tắc này: KeyError" in outcome.stdout
    assert "  PASS  recipients" in outcome.stdout
