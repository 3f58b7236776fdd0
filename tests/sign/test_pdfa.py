"""PDF/A-2b: the archival metadata of the electronic original, and the checks of vanban.sign.pdfa."""

from __future__ import annotations

import io

import pikepdf
import pytest
from support.signing import SIGNING_TIME

from vanban.sign.pdfa import pdf_date, pdfa_problems, render_published_pdf

SUBJECT = "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025"


def test_unsigned_pdfa_passes_and_carries_the_archival_metadata(decision_pdfa, decision_document):
    assert pdfa_problems(decision_pdfa) == []
    with pikepdf.open(decision_pdfa) as pdf:
        info = pdf.trailer.Info
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert " ".join(decision_document.frame.subject) == SUBJECT
        assert str(info.Title) == SUBJECT and meta["dc:title"] == SUBJECT
        assert str(info.Author) == "Liên đoàn Lao động tỉnh Lai Châu"
        assert meta["dc:creator"] == ["Liên đoàn Lao động tỉnh Lai Châu"]
        assert str(info.CreationDate) == "D:20260105093015+07'00"
        assert meta["xmp:CreateDate"] == "2026-01-05T09:30:15+07:00"
        assert pdf_date(str(info.CreationDate)) == SIGNING_TIME
        assert meta["dc:identifier"] == "15/QĐ-LĐLĐ"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3


def test_signed_file_is_still_pdfa(signed_decision):
    """pyHanko's incremental updates (widgets, images with soft masks, XMP and info updates)
    keep the file PDF/A-2b as far as these checks see."""
    path, _ = signed_decision
    assert pdfa_problems(path) == []
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B" and meta["dc:identifier"] == "15/QĐ-LĐLĐ"
        assert str(pdf.trailer.Info.Producer) == meta["pdf:Producer"]


def test_plain_render_is_not_pdfa(plan_files):
    problems = pdfa_problems(plan_files["pdf"], lang="en")
    assert "no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1 and an sRGB profile)" in problems
    assert "no XMP metadata (/Metadata in the catalog)" in problems


def _broken(source, change) -> bytes:
    with pikepdf.open(source) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _unembed_first_font(pdf: pikepdf.Pdf) -> str:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/Type0":
            del obj.DescendantFonts[0].FontDescriptor["/FontFile2"]
            return str(obj.BaseFont).lstrip("/")
    raise AssertionError("no Type0 font")


def test_unembedded_font_is_reported(decision_pdfa):
    names = []
    data = _broken(decision_pdfa, lambda pdf: names.append(_unembed_first_font(pdf)))
    assert f"Phông chữ {names[0]} không được nhúng" in pdfa_problems(data)


def test_missing_output_intent_and_bad_xmp_are_reported(decision_pdfa):
    def change(pdf):
        del pdf.Root["/OutputIntents"]
        pdf.trailer.Info.Title = "Tiêu đề khác"

    problems = pdfa_problems(_broken(decision_pdfa, change), lang="en")
    assert problems[0] == "no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1 and an sRGB profile)"
    assert any(p.startswith("/Title ('Tiêu đề khác') differs from XMP dc:title") for p in problems)


def test_javascript_encryption_and_blend_modes_are_reported(decision_pdfa):
    def change(pdf):
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
        pdf.pages[0].Resources.ExtGState = pikepdf.Dictionary(
            G0=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name("/Dodgy"))
        )

    problems = pdfa_problems(_broken(decision_pdfa, change), lang="en")
    assert "JavaScript present (/JS key)" in problems
    assert "forbidden action /JavaScript" in problems
    assert "invalid blend mode: /Dodgy" in problems

    with pikepdf.open(decision_pdfa) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="a", user=""))
    assert "the PDF is encrypted (PDF/A forbids encryption)" in pdfa_problems(out.getvalue(), lang="en")


def test_long_document_keeps_pdfa_when_parts_are_joined(decision_document, monkeypatch):
    """A list laid out in parts is joined keeping the first part's catalog (output intent, XMP)."""
    from vanban.render import pdf as render_pdf_module
    from vanban.sign.pdfa import render_archival_pdf

    monkeypatch.setattr(render_pdf_module, "PART_UNITS", 15)
    data = render_archival_pdf(decision_document, SIGNING_TIME)
    assert pdfa_problems(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata()["dc:identifier"] == "15/QĐ-LĐLĐ"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("D:20260105093015+07'00", "2026-01-05T09:30:15+07:00"),
        ("D:20260105023015Z", "2026-01-05T02:30:15+00:00"),
        ("D:2026", "2026-01-01T00:00:00+00:00"),
    ],
)
def test_pdf_dates(text, expected):
    assert pdf_date(text).isoformat() == expected


def test_published_pdf_is_pdfa_once_issued_and_plain_as_a_draft(decision_document):
    """What vanban publishes: the issued decision as PDF/A-2b created at its issue time; a draft
    (dự thảo, marked on page 1) as a plain PDF, which no archive keeps."""
    issued = render_published_pdf(decision_document, issued_at=SIGNING_TIME)
    assert pdfa_problems(issued) == []
    with pikepdf.open(io.BytesIO(issued)) as pdf:
        assert pdf.open_metadata()["xmp:CreateDate"] == "2026-01-05T09:30:15+07:00"
    draft = decision_document.model_copy(
        update={"frame": decision_document.frame.model_copy(update={"draft_mark": "DỰ THẢO"})}
    )
    plain = render_published_pdf(draft)
    assert pdfa_problems(plain) != []
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert "/OutputIntents" not in pdf.Root
