"""The fast certificate route (vanban.render.certificate_fast) against the WeasyPrint route.

Both routes render the same fitted certificates; the fast PDF is read back with poppler
(pdftotext -bbox word boxes, pdffonts, pdftoppm pixels) and pikepdf, and must carry the same
strings, in the same fonts, at the same sizes and positions (≤ 0.5 pt), and look the same
(pixels differ only at glyph edges). Texts: commendation.md §5 and the fixture session of
tests/award (Lai Châu provincial labour federation, decision 15/QĐ-LĐLĐ of 05/01/2026).
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from support.award_docs import collective, individual, page_image, pdf_words, read_batch, write_list

from vanban.award.certificates import build_certificate
from vanban.certificate_layouts import layout_for
from vanban.render import certificate_fast, certificate_pdf

PT_MM = 25.4 / 72
LONG_NAME = (
    "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2 thuộc Công đoàn các Khu công nghiệp, "
    "Doanh nghiệp ngoài nhà nước và Đơn vị sự nghiệp ngoài công lập tỉnh Lai Châu"
)
# kerning pairs (AV, AT, Tô, Yê, «W.») and markup-looking text, printed as written
KERNED = "Công đoàn AVAT Tô Yên «Wa.» & <b>đậm</b> {{ x }}"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    path = write_list(
        tmp_path_factory.mktemp("fast"),
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu"), collective(LONG_NAME), collective(KERNED)],
        [
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
            individual("Lò Thị Mai", "Nữ", "Kế toán", "Công ty Điện lực Lai Châu"),
        ],
    )
    return read_batch(path)


def _render(batch, mode: str, folder: Path) -> dict[str, Path]:
    chosen = layout_for(mode)
    certs = [build_certificate(batch, item, i, chosen, "0123") for i, item in enumerate(batch.awardees, start=1)]
    weasy, weasy_singles = certificate_pdf.render_certificates(certs, chosen)
    fast, fast_singles = certificate_fast.render_certificates(certs, chosen)
    out = {"weasy": folder / "weasy.pdf", "fast": folder / "fast.pdf"}
    out["weasy"].write_bytes(weasy)
    out["fast"].write_bytes(fast)
    for i, (w, f) in enumerate(zip(weasy_singles, fast_singles, strict=True), start=1):
        (folder / f"weasy-{i}.pdf").write_bytes(w)
        (folder / f"fast-{i}.pdf").write_bytes(f)
    parts = []
    for start in (0, 2):  # two chunks, joined as the package joins them
        part = folder / f"{start:06d}{certificate_fast.PART_SUFFIX}"
        certificate_fast.write_part(certs[start : start + 2 if start == 0 else None], chosen, part)
        parts.append(part)
    out["print"] = folder / "print.pdf"
    certificate_fast.write_print_pdf(parts, out["print"])
    out["count"] = len(certs)  # type: ignore[assignment]
    return out


@pytest.fixture(scope="module", params=["full", "preprinted"])
def rendered(request, batch, tmp_path_factory):
    return request.param, _render(batch, request.param, tmp_path_factory.mktemp(request.param))


def _assert_same_words(weasy: Path, fast: Path, tolerance_pt: float = 0.5) -> int:
    a, b = pdf_words(weasy), pdf_words(fast)
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    worst = 0.0
    for wa, wb in zip(a, b, strict=True):
        for va, vb in ((wa.x0, wb.x0), (wa.y0, wb.y0), (wa.x1, wb.x1), (wa.y1, wb.y1)):
            worst = max(worst, abs(va - vb) / PT_MM)
    assert worst <= tolerance_pt, f"a word moved {worst:.2f} pt"
    return len(a)


def test_same_strings_at_the_same_places_as_weasyprint(rendered):
    mode, files = rendered
    words = _assert_same_words(files["weasy"], files["fast"])
    assert words > 50 * (2 if mode == "full" else 1)
    for i in range(1, files["count"] + 1):
        _assert_same_words(files["weasy"].parent / f"weasy-{i}.pdf", files["fast"].parent / f"fast-{i}.pdf")
    # the print PDF, joined from two chunks' parts, says the same on every page
    _assert_same_words(files["weasy"], files["print"])


def test_text_prints_as_written(rendered):
    _mode, files = rendered
    text = subprocess.run(["pdftotext", "-layout", str(files["fast"]), "-"], capture_output=True, text=True).stdout
    assert "Công đoàn AVAT Tô Yên «Wa.» & <b>đậm</b> {{ x }}" in text
    assert "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2" in text  # the long name, wrapped


def _fonts(path: Path) -> list[tuple[str, ...]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name without its subset tag, type, encoding, emb, sub, uni
        rows.append((cols[0].split("+", 1)[1], " ".join(cols[1:3]), cols[3], *cols[4:7]))
    return sorted(rows)


def test_same_fonts_embedded_subset_with_unicode(rendered):
    _mode, files = rendered
    fast = _fonts(files["fast"])
    assert fast == _fonts(files["weasy"])
    assert all(row[3:6] == ("yes", "yes", "yes") for row in fast)
    assert {row[0] for row in fast} >= {"Liberation-Serif-Bold", "Liberation-Serif-Italic"}


def test_same_font_sizes_as_weasyprint(rendered):
    """Word heights are (ascent + descent) × size: equal heights ⇒ equal sizes."""
    _mode, files = rendered
    a, b = pdf_words(files["weasy"]), pdf_words(files["fast"])
    heights_a = sorted({round((w.y1 - w.y0) / PT_MM / 1.107, 1) for w in a})
    heights_b = sorted({round((w.y1 - w.y0) / PT_MM / 1.107, 1) for w in b})
    assert heights_b == heights_a
    assert 44.0 in heights_b or 22.0 in heights_b  # the title (full) / the name (pre-printed stock)


def test_looks_like_weasyprint_pixels_differ_only_at_glyph_edges(rendered):
    mode, files = rendered
    for page in range(1, files["count"] + 1):
        a = page_image(files["weasy"], page, dpi=100)
        b = page_image(files["fast"], page, dpi=100)
        assert a.size == b.size
        far = sum(
            1
            for pa, pb in zip(a.get_flattened_data(), b.get_flattened_data(), strict=True)
            if max(abs(x - y) for x, y in zip(pa, pb, strict=True)) > 96
        )
        inked = sum(1 for p in a.get_flattened_data() if sum(p) < 600)
        # anti-aliased edge pixels may differ; a moved word or a missing border would differ by thousands
        assert far <= max(20, inked // 200), f"{mode} page {page}: {far} pixels differ"


def test_print_pdf_shares_one_design_and_one_font_subset(rendered):
    mode, files = rendered
    with pikepdf.open(files["print"]) as pdf:
        assert len(pdf.pages) == files["count"]
        resources = {p.obj.Resources.objgen for p in pdf.pages}
        assert len(resources) == 1  # one dictionary: fonts and design, once
        res = pdf.pages[0].obj.Resources
        if mode == "full":
            assert "/Design" in res.XObject
            # the design's forms and images are in the file once, however many pages draw them
            with pikepdf.open(files["fast"].parent / "fast-1.pdf") as single:
                assert _design_objects(pdf) == _design_objects(single) > 0
        else:
            assert "/XObject" not in res
        font_files = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/FontFile2" in o]
        assert len(font_files) == len(res.Font)


def _design_objects(pdf) -> int:
    return sum(1 for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") in ("/Form", "/Image"))


def test_single_pdfs_are_self_contained(rendered):
    _mode, files = rendered
    single = files["fast"].parent / "fast-1.pdf"
    for path in (single, files["print"]):  # a broken cross-reference table would need recovery
        with pikepdf.open(path, attempt_recovery=False) as pdf:
            assert pdf.check_pdf_syntax() == []
    with pikepdf.open(single) as pdf:
        assert len(pdf.pages) == 1
        fonts = pdf.pages[0].obj.Resources.Font
        assert all(
            f.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()[:4] == b"\0\1\0\0" for f in fonts.values()
        )
    ok = subprocess.run(["pdffonts", str(single)], capture_output=True, text=True)
    assert ok.returncode == 0 and "Syntax Error" not in ok.stderr


def test_the_emblem_keeps_weasyprints_pixels_in_fewer_bytes(rendered):
    """The design's images are recompressed once (lossless): the same samples as WeasyPrint's,
    the single certificate well below WeasyPrint's own file."""
    mode, files = rendered
    folder = files["fast"].parent

    def images(path: Path) -> list[tuple[int, int, bytes]]:
        with pikepdf.open(path) as pdf:
            return sorted(
                (len(o.read_raw_bytes()), int(o.Width), o.read_bytes())
                for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
            )

    weasy, fast = images(folder / "weasy-1.pdf"), images(folder / "fast-1.pdf")
    assert sorted((w, samples) for _, w, samples in fast) == sorted((w, samples) for _, w, samples in weasy)
    if mode == "full":
        assert fast  # the emblem and its transparency mask
        assert sum(n for n, _, _ in fast) < 0.7 * sum(n for n, _, _ in weasy)
        assert (folder / "fast-1.pdf").stat().st_size < 60_000


def test_decomposed_marks_shape_like_composed_text():
    """A name typed with combining marks (NFD) is shaped by HarfBuzz to the same advance as NFC."""
    from vanban import shaping

    nfc = "Nguyễn Thị Hường"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert shaping.width_mm(nfd, 24, bold=True) == pytest.approx(shaping.width_mm(nfc, 24, bold=True), abs=0.05)


def test_kerning_is_applied():
    from vanban import shaping, text_metrics

    kerned = shaping.width_mm("AVAT Tô", 24, bold=True)
    plain = text_metrics.text_width_mm("AVAT Tô", 24, bold=True)
    assert kerned < plain - 1.0  # the pairs pull letters together by more than a millimetre


def test_a_character_the_font_lacks_is_found():
    from vanban import shaping

    assert shaping.missing("Nguyễn Văn 中 An ☃", bold=True) == ["中", "☃"]
    assert shaping.missing("Nguyễn Văn An, Đắk Lắk; Hồ Chí Minh") == []


def test_a_character_the_font_lacks_is_bad_input_naming_row_and_column(tmp_path):
    """Found with the fit check, before any number is taken: never printed as an empty box."""
    from vanban.award.certificates import fit_problems

    path = write_list(
        tmp_path,
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu")],
        [
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
            individual("Lý 李 Mai", "Nữ", "Kế toán", "Công ty Điện lực Lai Châu"),
        ],
    )
    batch = read_batch(path)
    [problem] = fit_problems(batch, layout_for("full"))
    assert problem.column == "Họ và tên / Tên tập thể"
    assert problem.row is not None and problem.file.endswith(path.name)
    assert "“李” (U+674E)" in problem.message and "ô trống" in problem.message
    assert "Liberation Serif" in str(problem) or "Times New Roman" in str(problem)


def test_text_the_font_lacks_from_outside_the_list_is_refused_not_drawn_as_a_box():
    from vanban.certificate_model import Certificate, PlacedText

    chosen = layout_for("preprinted")
    field = PlacedText(
        key="authority",
        lines=["ỦY BAN 中"],
        x=30,
        y=66,
        width=237,
        size=15,
        bold=True,
        italic=False,
        color="C00000",
        align="center",
    )
    with pytest.raises(ValueError, match="中"):
        certificate_fast.render_certificates([Certificate(index=1, awardee_name="x", fields=[field])], chosen)


def test_decomposed_marks_are_drawn_where_weasyprint_draws_them(tmp_path):
    """Marks HarfBuzz cannot compose (x̃́, Q̉, Ỵ̂) are placed by the font's mark positioning,
    glyph by glyph: the page looks like WeasyPrint's and extracts the same text."""
    from vanban.certificate_model import Certificate, PlacedText

    text = "Y\u0323\u0302 x\u0303\u0301 Nguye\u0302\u0303n Q\u0309"
    chosen = layout_for("preprinted")
    field = PlacedText(
        key="recipient",
        lines=[text],
        x=35,
        y=102,
        width=227,
        size=22,
        bold=True,
        italic=False,
        color="000000",
        align="center",
    )
    certs = [Certificate(index=1, awardee_name="x", fields=[field])]
    paths = {}
    for name, module in (("weasy", certificate_pdf), ("fast", certificate_fast)):
        paths[name] = tmp_path / f"{name}.pdf"
        paths[name].write_bytes(module.render_certificates(certs, chosen, single=False)[0])
    texts = [
        subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout.strip()
        for p in paths.values()
    ]
    assert texts[0] == texts[1] == text
    a, b = page_image(paths["weasy"], 1, dpi=150), page_image(paths["fast"], 1, dpi=150)
    far = sum(
        1
        for pa, pb in zip(a.get_flattened_data(), b.get_flattened_data(), strict=True)
        if max(abs(x - y) for x, y in zip(pa, pb, strict=True)) > 96
    )
    assert far <= 20, f"{far} pixels differ"
