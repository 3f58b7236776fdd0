"""The list's pages drawn by vanban.render.list_fast against the same pages laid out by WeasyPrint.

Each decision is rendered twice: as `render_pdf` does by default (WeasyPrint for the decision and
the list's first pages, list_fast for the rest) and with `VANBAN_LIST_RENDERER=weasyprint`
(WeasyPrint for every page). Read back independently (poppler's `pdftotext -bbox`, `pdftoppm`,
`pdffonts`; pypdf for the font and size of every text run), both must have the same pages, the
same words at the same places (≤ 0.5 pt), in the same fonts and sizes, and look the same (pixels
differ only at glyph edges). Where list_fast cannot be sure of a page, the rest is laid out by
WeasyPrint: those paths are exercised too, and give the same pages.
"""

from __future__ import annotations

import collections
import contextlib
import math
import subprocess

import pytest
from support.award_docs import (
    big_unit,
    collective,
    individual,
    page_image,
    page_sizes_mm,
    pdf_words,
    read_batch,
    write_list,
)

from vanban.render import list_fast

PT_MM = 25.4 / 72

# the vocabulary of bench/award.py's synthetic list (the benchmark's list, rows alike)
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tao", "Lường", "Vàng", "Giàng"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Đức", "Ngọc", "Quang", "Thu", "Hữu", "Mạnh"]
GIVEN = ["An", "Ánh", "Bình", "Chiến", "Dung", "Hà", "Hải", "Hương", "Khánh", "Lan", "Mai", "Nam", "Trang", "Yến"]
UNITS = [
    "Trường THPT Phong Thổ",
    "Bệnh viện Đa khoa tỉnh Lai Châu",
    "Công ty Điện lực Lai Châu",
    "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
    "Công ty TNHH MTV Cao su Lai Châu",
    "Ban Chính sách pháp luật & Quan hệ lao động",
]
POSITIONS = ["Giáo viên", "Bác sĩ", "Công nhân", "Chuyên viên", "Kỹ sư", "Chủ tịch Công đoàn cơ sở"]

# long collective names spanning the position column over three or four lines, kerning pairs at
# line ends (`THPT`, `AVAT`, `Tô`), no-break spans (`số 15`), every tone mark
LONG_COLLECTIVES = [
    "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2 thuộc Công đoàn các Khu công nghiệp, "
    "Doanh nghiệp ngoài nhà nước và Đơn vị sự nghiệp ngoài công lập tỉnh Lai Châu",
    "Công đoàn Trường THPT Phong Thổ AVAT Tô Yên số 15",
    "Tổ Công đoàn Phòng Kỹ thuật Sản xuất, Xí nghiệp Xây lắp Điện số 3 thuộc Công ty Điện lực Lai Châu",
]
# hyphens and slashes Pango breaks after (before a letter), and one it does not (`2-3`)
HYPHENATED_UNITS = [
    "Phòng Kế hoạch-Tài chính, Sở Nông nghiệp và Môi trường tỉnh Lai Châu",
    "Tổ Hành chính/Quản trị Đội 2-3 Công ty Thủy điện Nậm Na",
    "Ban Tuyên giáo - Nữ công Liên đoàn Lao động huyện Sìn Hồ",
]
ODD_NAMES = ["Lò Thị Ngọc Ánh", "Giàng A Dủ", "Nguyễn Huỳnh Ỷ Lượng", "Tòng Văn Ưởng", "Vừ Thị Xuyến", "Hạng A Tủa"]
ODD_POSITIONS = ["Phó Chủ tịch Công đoàn cơ sở", "Tổ trưởng Tổ Công đoàn", "Giáo viên", "Kế toán trưởng"]


def bench_like(n: int) -> tuple[list[dict], list[dict]]:
    """n awardees as bench/award.py makes them (a tenth collectives), deterministic."""
    n_coll = max(1, n // 10)
    collectives = [collective(f"Công đoàn cơ sở {UNITS[i % len(UNITS)]} số {i + 1}") for i in range(n_coll)]
    individuals = [
        individual(
            f"{SURNAMES[i % 14]} {MIDDLE[(i * 3) % 10]} {GIVEN[(i * 7) % 14]} {i + 1}",
            "Nam" if i % 2 else "Nữ",
            POSITIONS[(i * 5) % 6],
            UNITS[(i * 11) % 6],
        )
        for i in range(n - n_coll)
    ]
    return collectives, individuals


def hard(n: int) -> tuple[list[dict], list[dict]]:
    """Collectives first and past the list's first pages (so the drawn pages hold long names
    spanning two columns, the collectives' `Cộng`, the `II. CÁ NHÂN` section row kept with the
    next, then individuals with wrapped units, `Cộng`, `Tổng cộng` and the amount in words)."""
    n_coll = n * 2 // 3
    collectives = [
        collective(f"{LONG_COLLECTIVES[i % 3]} {i + 1:02d}" if i % 4 else f"Công đoàn {UNITS[i % 6]} {i + 1}")
        for i in range(n_coll)
    ]
    individuals = [
        individual(
            f"{ODD_NAMES[i % 6]} {i + 1}",
            "Nữ" if i % 3 else "Nam",
            ODD_POSITIONS[i % 4],
            big_unit(i) if i % 5 == 0 else HYPHENATED_UNITS[i % 3] if i % 5 == 2 else UNITS[i % 6],
        )
        for i in range(n - n_coll)
    ]
    return collectives, individuals


@contextlib.contextmanager
def renderer(name: str):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VANBAN_LIST_RENDERER", name)
        yield


class Spy:
    """Records what list_fast.render_rest gave render_pdf each time: pages drawn (True) or not."""

    def __init__(self, mp: pytest.MonkeyPatch) -> None:
        self.results: list[bool] = []
        real = list_fast.render_rest

        def render_rest(*args, **kwargs):
            out = real(*args, **kwargs)
            self.results.append(isinstance(out, list_fast.Rest) and out.pdf is not None)
            return out

        mp.setattr(list_fast, "render_rest", render_rest)


def _render(document, folder, name: str) -> dict:
    from vanban.render.pdf import render_pdf

    out = {}
    with renderer("weasyprint"):
        out["weasy"] = folder / f"{name}-weasy.pdf"
        out["weasy"].write_bytes(render_pdf(document))
    with pytest.MonkeyPatch.context() as mp:
        spy = Spy(mp)
        out["fast"] = folder / f"{name}-fast.pdf"
        out["fast"].write_bytes(render_pdf(document))
    out["drawn"] = spy.results
    return out


def _document(folder, collectives, individuals):
    from vanban.award.decision import build_decision

    return build_decision(read_batch(write_list(folder, collectives, individuals)))


@pytest.fixture(scope="module")
def bench_list(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-like")
    return _render(_document(folder, *bench_like(300)), folder, "bench")


@pytest.fixture(scope="module")
def hard_list(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hard")
    return _render(_document(folder, *hard(160)), folder, "hard")


ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm 2025, có sáng kiến cải tiến kỹ thuật được áp dụng tại đơn vị",
    "Đạt danh hiệu Lao động tiên tiến",
    "Có thành tích xuất sắc trong phong trào thi đua yêu nước",
]


@pytest.fixture(scope="module")
def landscape_list(tmp_path_factory):
    """Rows with their own achievement: the list is on landscape pages with an achievement column."""
    folder = tmp_path_factory.mktemp("landscape")
    collectives = [
        collective(f"Công đoàn cơ sở {UNITS[i % 6]} {i}", achievement=ACHIEVEMENTS[i % 3]) for i in range(12)
    ]
    individuals = [
        individual(f"{ODD_NAMES[i % 6]} {i}", "Nam", POSITIONS[i % 6], UNITS[i % 6], achievement=ACHIEVEMENTS[i % 3])
        for i in range(120)
    ]
    return _render(_document(folder, collectives, individuals), folder, "landscape")


@pytest.fixture(scope="module", params=["bench", "hard", "landscape"])
def rendered(request, bench_list, hard_list, landscape_list):
    return {"bench": bench_list, "hard": hard_list, "landscape": landscape_list}[request.param]


def _first_drawn_page(files) -> int:
    """The first page list_fast drew: the first whose content differs in producer (WeasyPrint
    writes its pages' fonts per part; list_fast's fonts are its own objects)."""
    import pikepdf

    with pikepdf.open(files["fast"]) as pdf, pikepdf.open(files["weasy"]) as ref:
        for number, (page, other) in enumerate(zip(pdf.pages, ref.pages, strict=True), start=1):
            if "/XObject" not in page.obj.Resources and "/XObject" in other.obj.Resources:
                return number
    raise AssertionError("no page drawn by list_fast")


def test_the_list_is_drawn_by_list_fast(rendered):
    assert rendered["drawn"] == [True]
    # the decision and the list's first 80 units (landscape rows with achievements run to 3 lines)
    assert _first_drawn_page(rendered) <= 8


def test_same_pages_words_and_positions_as_weasyprint(rendered):
    a, b = pdf_words(rendered["weasy"]), pdf_words(rendered["fast"])
    assert page_sizes_mm(rendered["fast"]) == page_sizes_mm(rendered["weasy"])
    assert len(page_sizes_mm(rendered["fast"])) >= 8
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    worst = max(abs(va - vb) for wa, wb in zip(a, b, strict=True) for va, vb in zip(_box(wa), _box(wb), strict=True))
    assert worst / PT_MM <= 0.5, f"a word moved {worst / PT_MM:.2f} pt"


def _box(w) -> tuple[float, float, float, float]:
    return w.x0, w.y0, w.x1, w.y1


def _runs(path) -> list[collections.Counter]:
    """Per page: how many times each (text, font, size in pt) is shown (pypdf's text visitor)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        seen: collections.Counter = collections.Counter()

        def visit(text, cm, tm, font, size, seen=seen):
            if not text.strip() or font is None:
                return
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            seen[(text.strip(), name, round(size * math.sqrt(abs(a * d - b * c)), 2))] += 1

        page.extract_text(visitor_text=visit)
        pages.append(seen)
    return pages


def test_same_fonts_and_sizes_for_every_text_run(rendered):
    weasy, fast = _runs(rendered["weasy"]), _runs(rendered["fast"])
    assert len(fast) == len(weasy)
    for number, (a, b) in enumerate(zip(weasy, fast, strict=True), start=1):
        assert b == a, f"page {number}: {sorted((b - a).items())[:5]} instead of {sorted((a - b).items())[:5]}"
    fonts = {(font, size) for page in fast[_first_drawn_page(rendered) - 1 :] for _t, font, size in page}
    # the table's 13 pt in the body's faces, bold header and sums, the page number's 14 pt
    assert {("Liberation-Serif", 13.0), ("Liberation-Serif-Bold", 13.0), ("Liberation-Serif", 14.0)} <= fonts


def _fonts(path) -> list[tuple[str, ...]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return sorted({(line.split()[0].split("+", 1)[1], *line.split()[1:]) for line in out.splitlines()[2:]})


def test_fonts_embedded_subset_with_unicode(rendered):
    for name, type1, type2, encoding, emb, sub, uni, *_ in _fonts(rendered["fast"]):
        assert name.startswith("Liberation-Serif")
        assert (type1, type2, encoding, emb, sub, uni) == ("CID", "TrueType", "Identity-H", "yes", "yes", "yes")


def test_text_extracts_with_its_diacritics(hard_list):
    """The drawn pages' text reads back through their ToUnicode maps, every tone mark included."""
    first = _first_drawn_page(hard_list)
    drawn = {w.text for w in pdf_words(hard_list["fast"]) if w.page >= first}
    assert {"Nguyễn", "Huỳnh", "Ỷ", "Lượng", "Tòng", "Ưởng", "Xuyến", "Tủa", "Dủ", "Phó", "Tổng", "cộng"} <= drawn
    assert any(w.startswith("(Bằng") for w in drawn)  # the amount in words, italic


def test_looks_like_weasyprint_pixels_differ_only_at_glyph_edges(rendered):
    first = _first_drawn_page(rendered)
    last = len(page_sizes_mm(rendered["fast"]))
    for page in sorted({first, (first + last) // 2, last}):
        a = page_image(rendered["weasy"], page, dpi=100)
        b = page_image(rendered["fast"], page, dpi=100)
        assert a.size == b.size
        far = sum(
            1
            for pa, pb in zip(a.get_flattened_data(), b.get_flattened_data(), strict=True)
            if max(abs(x - y) for x, y in zip(pa, pb, strict=True)) > 96
        )
        inked = sum(1 for p in a.get_flattened_data() if sum(p) < 600)
        # anti-aliased edges may differ; a moved word or a missing rule would differ by thousands
        assert far <= max(20, inked // 200), f"page {page}: {far} pixels differ"


def test_published_pdf_is_still_pdfa(tmp_path):
    """The pages drawn here join WeasyPrint's PDF/A pages, whose catalog (output intent, XMP) is kept."""
    import pikepdf

    from vanban.sign.pdfa import pdfa_problems, render_published_pdf

    document = _document(tmp_path, *bench_like(140))
    with pytest.MonkeyPatch.context() as mp:
        spy = Spy(mp)
        data = render_published_pdf(document)
    assert spy.results == [True]
    assert pdfa_problems(data) == []
    path = tmp_path / "published.pdf"
    path.write_bytes(data)
    with pikepdf.open(path, attempt_recovery=False) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.open_metadata().pdfa_status == "2B"


# --------------------------------------------------------------------------------------------
# Lines broken as WeasyPrint breaks them.


def _weasyprint_lines(text: str, width_px: float, bold: bool = False) -> list[str]:
    from weasyprint import HTML

    from vanban.render.pdf import font_stack

    weight = "bold" if bold else "normal"
    html = (
        f"<div style='font-family: {font_stack()}; font-size: 13pt; font-weight: {weight}; width: {width_px}px'>"
        f"{text}</div>"
    )
    page = HTML(string=html).render().pages[0]._page_box
    return [
        "".join(t.text for t in line.descendants() if type(t).__name__ == "TextBox").strip()
        for line in page.descendants()
        if type(line).__name__ == "LineBox"
    ]


@pytest.mark.parametrize("delta", [-0.5, -0.2, 0.2, 3.0])
def test_a_line_ending_in_a_kerned_letter_is_broken_as_weasyprint_breaks_it_or_not_guessed(delta):
    """`T` before a space kerns by -0.31 px, and whether WeasyPrint weighs that kerning depends
    on how much text it hands Pango: a cell whose width falls between the drawn and the kerned
    width of `Trường THPT` is not guessed; either side of that, list_fast's lines are WeasyPrint's."""
    from vanban import shaping

    size = shaping.pango_units(13)
    drawn = sum(shaping.shape_at(shaping.face_path(False, False), "Trường THPT", size).advances) / 1024
    text = "Trường THPT Phong Thổ"
    lines = list_fast.cell_lines(text, False, False, size, drawn + delta)
    if delta == -0.2:
        assert isinstance(lines, str) and "kerning" in lines
        return
    assert not isinstance(lines, str)
    assert [" ".join(p.text.strip() for p in line.pieces) for line in lines] == _weasyprint_lines(text, drawn + delta)


def test_a_narrow_cell_weighs_its_last_letter_unkerned():
    """In a cell narrower than four ems WeasyPrint hands Pango one word and a letter, so `Y`
    before the space is not kerned there (measured): the cell is between the two widths and
    list_fast does not guess; wider or narrower than both, its lines are WeasyPrint's."""
    from vanban import shaping

    size, path = shaping.pango_units(13), shaping.face_path(False, False)
    drawn = sum(shaping.shape_at(path, "Tổ Y", size).advances) / 1024
    text = "Tổ Y tế; Trạm"
    assert "kerning" in list_fast.cell_lines(text, False, False, size, drawn - 0.4)
    for width in (drawn - 1.0, drawn + 0.4):
        lines = list_fast.cell_lines(text, False, False, size, width)
        assert not isinstance(lines, str)
        assert ["".join(p.text for p in line.pieces).strip() for line in lines] == _weasyprint_lines(text, width)


HYPHENATED = [
    ("Phòng Kế hoạch-Tài chính tỉnh", ["Phòng Kế", "Phòng Kế hoạch-", "Phòng Kế hoạch-Tài"]),
    ("Phòng Kế hoạch - Tài chính", ["Phòng Kế hoạch", "Phòng Kế hoạch -", "Phòng Kế hoạch - Tài"]),
    ("Tổ Kế hoạch/Tài chính", ["Tổ Kế hoạch/", "Tổ Kế hoạch/Tài"]),
    ("Đội 2-3 Tổ A-5 Trạm T-Yên", ["Đội 2-", "Đội 2-3", "Đội 2-3 Tổ A-", "Đội 2-3 Tổ A-5 Trạm T-"]),
]


@pytest.mark.parametrize(("text", "prefixes"), HYPHENATED)
def test_hyphens_and_slashes_break_as_pango_breaks_them(text, prefixes):
    """Pango breaks after a hyphen or a slash before a letter, not before a digit (`2-3`), and
    before a hyphen after a space: list_fast's lines equal WeasyPrint's either side of each
    prefix's width (the kerned `-`+`Y` weighed as Pango weighs it)."""
    from vanban import shaping

    size, path = shaping.pango_units(13), shaping.face_path(False, False)
    for prefix in prefixes:
        for delta in (-0.4, 0.4):
            width = sum(shaping.shape_at(path, prefix, size).advances) / 1024 + delta
            lines = list_fast.cell_lines(text, False, False, size, width)
            if isinstance(lines, str):  # within 0.01 px of the width or of its kerning, or by a span
                assert "hair" in lines or "kerning" in lines or "no-break span" in lines
                continue
            assert ["".join(p.text for p in line.pieces).strip() for line in lines] == _weasyprint_lines(text, width), (
                prefix,
                delta,
            )


def test_a_break_that_may_fall_elsewhere_is_not_guessed():
    size = 17749
    for text in ("Phòng Tổ chức—Hành chính", "Tổ Kế hoạch?Tài chính", "Hà Nội…Lai Châu", "Tổ / Đội"):
        width = list_fast._width_pu(list_fast._face(False, False), text.split()[0], size) / 1024 + 8
        assert isinstance(list_fast.cell_lines(text, False, False, size, width), str)
    assert isinstance(list_fast.cell_lines("Lò  Văn", False, False, size, 500), str)  # two spaces
    assert isinstance(list_fast.cell_lines("Lò\u00adVăn An", False, False, size, 500), str)  # a soft hyphen


#: Cells as award lists have them: `bench/award.py`'s units, positions and numbered collectives,
#: the hyphen and kerning cases above, a number-symbol-date span and an amount.
CELLS = [
    "Công đoàn cơ sở Công ty TNHH MTV Cao su Lai Châu số 12",
    "Chủ tịch Công đoàn cơ sở, Trường THPT Phong Thổ",
    "Bà Vàng Thị Mỵ",
    "Ông Lường Văn Thiện 4821",
    "Ban Chính sách pháp luật & Quan hệ lao động",
    "Công đoàn ngành Y tế tỉnh Lai Châu",
    "Phòng Kế hoạch-Tài chính, Sở Giáo dục và Đào tạo tỉnh Lai Châu",
    "Tổ Y tế; Trạm Y tế xã Nậm Tăm",
    "Đội 2-3 Tổ A-5 Trạm T-Yên",
    "Chuyên viên Văn phòng, theo Quyết định số 15/QĐ-LĐLĐ ngày 05/01/2026",
    "1.410.000",
    "Trường THPT Phong Thổ",
]


def test_a_cell_tried_on_one_line_first_breaks_as_word_by_word(monkeypatch):
    """`cell_lines` tries the whole text on one line first; at every width from narrower than a
    word to wider than the text, in 0.37 px steps, its answer (lines, or why not sure) is the one
    of the word-by-word route."""
    from vanban import shaping

    size, path = shaping.pango_units(13), shaping.face_path(False, False)
    compared = one_liners = 0
    for text in CELLS:
        full = sum(shaping.shape_at(path, text, size).advances) / 1024
        width = 20.0
        while width < full + 10:
            answers = []
            for first in (True, False):
                monkeypatch.setattr(list_fast, "_ONE_LINE_FIRST", first)
                list_fast.cell_lines.cache_clear()
                answers.append(list_fast.cell_lines(text, False, False, size, width))
            assert answers[0] == answers[1], (text, width)
            compared += 1
            one_liners += isinstance(answers[0], list) and len(answers[0]) == 1
            width += 0.37
    list_fast.cell_lines.cache_clear()
    assert compared > 2000 and one_liners > 100


# --------------------------------------------------------------------------------------------
# Where list_fast is not sure, WeasyPrint lays the rest out: same pages.


def test_a_model_that_disagrees_with_weasyprint_falls_back_to_it(tmp_path, monkeypatch):
    """A model of a cell that does not match WeasyPrint's rows in the first part (here every
    width 2 px off) draws nothing: the rest is laid out by WeasyPrint, page for page the same."""
    document = _document(tmp_path, *bench_like(120))
    real = list_fast._pieces

    def wider(*args):
        pieces, width = real(*args)
        return pieces, width + 2048

    monkeypatch.setattr(list_fast, "_pieces", wider)
    list_fast.cell_lines.cache_clear()  # cells seen before were broken with the right widths
    try:
        files = _render(document, tmp_path, "wrong")
    finally:
        list_fast.cell_lines.cache_clear()
    assert files["drawn"] == [False]
    assert subprocess.run(["pdftotext", "-bbox", str(files["fast"]), "-"], capture_output=True, text=True).stdout == (
        subprocess.run(["pdftotext", "-bbox", str(files["weasy"]), "-"], capture_output=True, text=True).stdout
    )


def test_a_cell_list_fast_cannot_be_sure_of_is_laid_out_by_weasyprint_alone(tmp_path, monkeypatch):
    """A unit with an em dash (a break opportunity list_fast does not model) and collective
    names that break next to their `số N` span (where WeasyPrint's re-breaking is not modelled):
    those cells are laid out by WeasyPrint on their own, in one document, and their lines drawn
    here; the pages are WeasyPrint's."""
    collectives, individuals = bench_like(110)
    individuals[95] = individual(
        "Lò Văn Páo 96", "Nam", "Trưởng phòng", "Phòng Tổ chức—Hành chính Sở Nội vụ tỉnh Lai Châu"
    )
    document = _document(tmp_path, collectives, individuals)
    asked: list[int] = []
    real = list_fast._ask
    monkeypatch.setattr(list_fast, "_ask", lambda keys: (asked.append(len(keys)), real(keys))[1])
    list_fast._ASKED.clear()
    files = _render(document, tmp_path, "dash")
    assert files["drawn"] == [True]
    assert asked and asked[0] >= 1  # the em-dash cell, in one WeasyPrint document with any others
    a, b = pdf_words(files["weasy"]), pdf_words(files["fast"])
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    assert (
        max(abs(va - vb) for wa, wb in zip(a, b, strict=True) for va, vb in zip(_box(wa), _box(wb), strict=True)) < 0.1
    )


def test_a_row_list_fast_cannot_draw_is_laid_out_by_weasyprint_and_drawing_resumes(tmp_path):
    """A letter the font lacks (WeasyPrint takes it from another font, or draws a box): the
    pages before that row's page are drawn, WeasyPrint lays out its page and a little more, then
    the rest is drawn again. Same pages as WeasyPrint alone."""
    collectives, individuals = bench_like(200)
    individuals[120] = individual("Lò Văn ꞗảo 121", "Nam", "Giáo viên", "Trường THPT Phong Thổ")
    files = _render(_document(tmp_path, collectives, individuals), tmp_path, "lacks")
    assert files["drawn"][:2] == [True, True]
    a, b = pdf_words(files["weasy"]), pdf_words(files["fast"])
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    assert (
        max(abs(va - vb) for wa, wb in zip(a, b, strict=True) for va, vb in zip(_box(wa), _box(wb), strict=True)) < 0.1
    )


def test_a_short_list_and_the_setting_leave_it_to_weasyprint(tmp_path, monkeypatch):
    from vanban.render.pdf import render_pdf

    short = _document(tmp_path / "short", *bench_like(list_fast.FIRST_UNITS - 10))
    spy = Spy(monkeypatch)
    render_pdf(short)
    assert spy.results == []  # nothing after the first part: not asked
    monkeypatch.setenv("VANBAN_LIST_RENDERER", "weasyprint")
    assert not list_fast.enabled()
    render_pdf(_document(tmp_path / "long", *bench_like(120)))
    assert spy.results == []


def test_a_wrong_page_prediction_is_not_drawn(tmp_path, monkeypatch):
    """list_pages' page starts are checked against the rows' heights before anything is drawn:
    with a prediction off by a row from the fourth page on, only the pages before it are drawn,
    each time list_fast is asked, and WeasyPrint lays out the rest."""
    from vanban.render import list_pages

    document = _document(tmp_path, *bench_like(160))
    right = list_pages.page_starts

    def off_by_one(rows, geometry, start):
        starts = right(rows, geometry, start)
        return [*starts[:3], *(s + 1 for s in starts[3:])]

    monkeypatch.setattr(list_pages, "page_starts", off_by_one)
    files = _render(document, tmp_path, "off")
    assert files["drawn"][0] is True and len(files["drawn"]) > 1
    assert [(w.page, w.text) for w in pdf_words(files["fast"])] == [(w.page, w.text) for w in pdf_words(files["weasy"])]


def test_an_office_stylesheet_that_shades_the_header_falls_back(tmp_path, monkeypatch):
    """list_fast draws black text and black solid rules only: a shaded header (an office may
    restyle the templates) is WeasyPrint's to draw, on every page."""
    from weasyprint import CSS

    from vanban.render import pdf

    font_config, _css, fetcher = pdf.resources()
    shaded = CSS(
        string=pdf.stylesheet_text(pdf.html_dir()) + "\ntable.data th { background: #d9d9d9; }",
        font_config=font_config,
        url_fetcher=fetcher,
        base_url=str(pdf.html_dir()) + "/",
    )
    monkeypatch.setattr(pdf, "resources", lambda: (font_config, shaded, fetcher))
    files = _render(_document(tmp_path, *bench_like(120)), tmp_path, "shaded")
    assert files["drawn"] == [False]
    last = len(page_sizes_mm(files["fast"]))
    a, b = page_image(files["weasy"], last, dpi=60), page_image(files["fast"], last, dpi=60)
    assert a.tobytes() == b.tobytes()  # the last page's header is shaded in both


def test_a_first_part_without_a_list_page_asks_again_after_the_next(tmp_path, monkeypatch):
    """One-line rows fill ~38 to a page: a first part of 40 units shows no page that starts
    with the header, so WeasyPrint lays out the next part and the rest is drawn from its pages."""
    people = [individual(f"Lò Văn An {i}", "Nam", "Giáo viên", "Trường Lai Châu") for i in range(1, 301)]
    document = _document(tmp_path, [], people)
    monkeypatch.setattr(list_fast, "FIRST_UNITS", 40)
    files = _render(document, tmp_path, "one-line")
    assert files["drawn"] == [False, True]
    a, b = pdf_words(files["weasy"]), pdf_words(files["fast"])
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    assert (
        max(abs(va - vb) for wa, wb in zip(a, b, strict=True) for va, vb in zip(_box(wa), _box(wb), strict=True)) < 0.1
    )


# words of hostile units: quotes, brackets, hyphens and slashes Pango breaks after, `2-3` and
# `số 15` no-break spans, `;`, kerning pairs at line ends (`THPT`, `AVAT`, `T-Yên`), tone marks
HOSTILE = (
    "Công đoàn cơ sở Trường THPT Phong Thổ Bệnh viện Đa khoa tỉnh Lai Châu Sở Giáo dục và Đào tạo "
    "Ban Chính sách pháp luật & Quan hệ lao động Kế hoạch-Tài chính Phòng Tổ chức Hành chính/Quản trị "
    'Đội 2-3 xã Mường Khoa huyện Tân Uyên (cũ) "Hoa Ban" AVAT Tô Yên Ỷ Lượng Ưởng TNHH MTV Cổ phần '
    "Thủy điện Nậm Na số 15 năm 2025 Nghiêng Khuyến Xuyến Tủa - Nữ công; Văn phòng, Trạm Y tế T-Yên"
).split()
HOSTILE_POSITIONS = ["Giáo viên", "Bác sĩ", "Phó Chủ tịch Công đoàn cơ sở", "Trưởng phòng Kế hoạch-Tài chính"]


@pytest.mark.parametrize("seed", [4, 6])
def test_random_lists_of_hostile_text_give_weasyprints_pages(seed, tmp_path):
    """Seeded random lists (two found WeasyPrint breaking next to a no-break span otherwise than
    Pango would): same words on the same pages, within 0.1 pt."""
    import random

    rng = random.Random(seed)

    def phrase(low: int, high: int) -> str:
        return " ".join(rng.choice(HOSTILE) for _ in range(rng.randint(low, high)))

    collectives = [collective(f"{phrase(2, 14)} {i}") for i in range(rng.randint(5, 40))]
    individuals = [
        individual(
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}",
            rng.choice(["Nam", "Nữ"]),
            rng.choice(HOSTILE_POSITIONS),
            phrase(1, 12),
        )
        for i in range(150)
    ]
    files = _render(_document(tmp_path, collectives, individuals), tmp_path, f"random-{seed}")
    assert files["drawn"][0] is True
    a, b = pdf_words(files["weasy"]), pdf_words(files["fast"])
    assert [(w.page, w.text) for w in b] == [(w.page, w.text) for w in a]
    assert (
        max(abs(va - vb) for wa, wb in zip(a, b, strict=True) for va, vb in zip(_box(wa), _box(wb), strict=True)) < 0.1
    )
