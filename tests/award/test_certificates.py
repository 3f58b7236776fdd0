"""Certificates (Giấy khen): commendation.md §5, in the `full` and `preprinted` modes.

Positions come from the layout files themselves (read here with PyYAML), texts from the spec and
the fixture session; the DOCX is read back with python-docx and its XML, the PDF with pypdf and
poppler (word boxes, pixels).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader
from support.award_docs import (
    FULL_LAYOUT,
    MM_PER_PT,
    PREPRINTED_LAYOUT,
    TWIPS_PER_MM,
    collective,
    individual,
    is_dark,
    is_red,
    page_image,
    page_sizes_mm,
    pdf_words,
    pixels_in,
    read_batch,
    run_color,
    write_list,
)
from support.readback import norm, pdf_spans

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
AUTHORITY = "BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"
LONG_NAME = (
    "Công đoàn cơ sở Công ty Cổ phần Thủy điện Nậm Na 2 thuộc Công đoàn các Khu công nghiệp, "
    "Doanh nghiệp ngoài nhà nước và Đơn vị sự nghiệp ngoài công lập tỉnh Lai Châu"
)
SPECIAL = "Công đoàn A & B <b>đậm</b> {{ x }}"
GOLDEN = "0123"

# field → its text on the certificate of Ông Nguyễn Văn An (commendation.md §5, vietnamese.md dates)
AN_TEXTS = {
    "national_name": NATIONAL,
    "motto": MOTTO,
    "authority": AUTHORITY,
    "tang": "TẶNG",
    "title": "GIẤY KHEN",
    "recipient": "Ông Nguyễn Văn An",
    "position_unit": "Giáo viên, Trường THPT Phong Thổ",
    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "decision_ref": "Số: 15/QĐ-LĐLĐ ngày 05/01/2026",
    "golden_book": f"Số sổ vàng: {GOLDEN}",
    "place_date": "Lai Châu, ngày 05 tháng 01 năm 2026",
    "signer_title": "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH",
    "signer_name": "Nguyễn Thị Thiện",
}
PREPRINTED_OMITS = ("national_name", "motto", "tang", "title")


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def boxes(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    off = data.get("offset") or {}
    return {k: dict(v, x=v["x"] + off.get("x", 0), y=v["y"] + off.get("y", 0)) for k, v in data["fields"].items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    path = write_list(
        tmp_path_factory.mktemp("certs"),
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu"), collective(LONG_NAME), collective(SPECIAL)],
        [
            individual("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
            individual("Lò Thị Mai", "Nữ", "Kế toán", "Công ty Điện lực Lai Châu"),
        ],
    )
    return read_batch(path)


def render(batch, mode: str, calibration: Path | None, folder: Path):
    """Every certificate of the batch: DOCX files, the chunk PDF and the single PDFs."""
    from vanban.award.certificates import build_certificate
    from vanban.certificate_layouts import layout_for
    from vanban.render.certificate_docx import CertificateDocx
    from vanban.render.certificate_pdf import render_certificates

    chosen = layout_for(mode, calibration)
    certs = [build_certificate(batch, item, i, chosen, GOLDEN) for i, item in enumerate(batch.awardees, start=1)]
    renderer = CertificateDocx(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    docx = []
    for c in certs:
        path = folder / f"{c.index:03d}.docx"
        path.write_bytes(renderer.render(c))
        docx.append(path)
    chunk, singles = render_certificates(certs, chosen)
    (folder / "all.pdf").write_bytes(chunk)
    return {"docx": docx, "pdf": folder / "all.pdf", "singles": singles, "certs": certs}


@pytest.fixture(scope="module")
def full(batch, tmp_path_factory):
    return render(batch, "full", None, tmp_path_factory.mktemp("full"))


def position(batch, name: str) -> int:
    """1-based place of the awardee in the print order (collectives first)."""
    return next(i for i, p in enumerate(batch.awardees, start=1) if p.awardee.name == name)


def framed(path: Path) -> dict[str, tuple[dict, object]]:
    """Framed paragraphs by their text: (frame attributes, paragraph)."""
    out = {}
    for p in open_docx(str(path)).paragraphs:
        frame = p._p.pPr.find(qn("w:framePr")) if p._p.pPr is not None else None
        if frame is not None and p.text.strip():
            out[p.text.strip()] = ({k.split("}")[1]: v for k, v in frame.attrib.items()}, p)
    return out


def word_lines(words, page: int, box: dict, below: float) -> list:
    """Words of `page` inside the horizontal band from the box's top down to `below` (mm)."""
    return [w for w in words if w.page == page and box["y"] - 1 <= w.y0 and w.y1 <= below]


# --------------------------------------------------------------------------------------------
# full mode, DOCX


def test_full_docx_fields_at_layout_positions(batch, full):
    layout = boxes(FULL_LAYOUT)
    found = framed(full["docx"][position(batch, "Nguyễn Văn An") - 1])
    for key, text in AN_TEXTS.items():
        assert text in found, f"{key}: {text!r} not among {list(found)}"
        attrs, _p = found[text]
        box = layout[key]
        assert (attrs["hAnchor"], attrs["vAnchor"]) == ("page", "page")
        assert abs(int(attrs["x"]) - twips(box["x"])) <= 1, key
        assert abs(int(attrs["y"]) - twips(box["y"])) <= 1, key
        assert abs(int(attrs["w"]) - twips(box["width"])) <= 1, key


def test_full_docx_page_border_emblem_colours(batch, full):
    path = full["docx"][position(batch, "Nguyễn Văn An") - 1]
    doc = open_docx(str(path))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    sect = doc.element.body.find(qn("w:sectPr"))
    assert sect.find(qn("w:pgBorders")) is not None
    assert list(doc.element.body.iter(qn("w:drawing")))  # the emblem
    found = framed(path)
    for text, red in ((AUTHORITY, True), ("GIẤY KHEN", True), ("TẶNG", False), (NATIONAL, False)):
        _attrs, p = found[text]
        colour = run_color(p, next(r for r in p.runs if r.text.strip())) or "000000"
        rgb = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
        assert is_red(rgb) == red, (text, colour)


def test_full_docx_recipient_forms(batch, full):
    texts = lambda name: list(framed(full["docx"][position(batch, name) - 1]))  # noqa: E731
    assert "Bà Lò Thị Mai" in texts("Lò Thị Mai")
    assert "Công đoàn ngành Y tế tỉnh Lai Châu" in texts("Công đoàn ngành Y tế tỉnh Lai Châu")
    assert not any(t.startswith(("Ông ", "Bà ")) for t in texts("Công đoàn ngành Y tế tỉnh Lai Châu"))


def test_special_characters_print_literally(batch, full):
    i = position(batch, SPECIAL)
    assert SPECIAL in framed(full["docx"][i - 1])
    words = pdf_words(full["pdf"])
    on_page = " ".join(w.text for w in words if w.page == i)
    assert SPECIAL in on_page


# --------------------------------------------------------------------------------------------
# full mode, PDF


def test_full_pdf_pages_in_order(batch, full):
    assert page_sizes_mm(full["pdf"]) == [(297, 210)] * len(batch.awardees)
    words = pdf_words(full["pdf"])
    for i, item in enumerate(batch.awardees, start=1):
        first = norm(item.awardee.name).split(" ")[0:3]
        page_text = " ".join(w.text for w in words if w.page == i)
        assert " ".join(first) in page_text
    assert len(full["singles"]) == len(batch.awardees)
    for item, single in zip(batch.awardees, full["singles"], strict=True):
        reader = PdfReader(io.BytesIO(single))
        assert len(reader.pages) == 1
        assert norm(item.awardee.name)[:30] in norm(reader.pages[0].extract_text())


def test_full_pdf_texts_and_positions(batch, full):
    layout = boxes(FULL_LAYOUT)
    page = position(batch, "Nguyễn Văn An")
    words = pdf_words(full["pdf"])
    spans = [s for s in pdf_spans(full["pdf"]) if s.page == page]
    for key, text in AN_TEXTS.items():
        box = layout[key]
        first_line = text.split("\n")[0]
        span = next((s for s in spans if norm(s.text) == first_line), None)
        assert span is not None, f"{key}: {first_line!r}"
        assert span.size_pt == box["size"], key
        size_mm = box["size"] * MM_PER_PT
        assert box["y"] + 0.6 * size_mm < span.y_mm < box["y"] + 1.1 * size_mm, (key, span.y_mm)  # first baseline
        (line,) = [hit for hit in _phrase(words, first_line, page)]
        if box.get("align", "center") == "left":
            assert abs(line[0].x0 - box["x"]) < 1.0, key
        else:
            centre = (line[0].x0 + line[-1].x1) / 2
            assert abs(centre - (box["x"] + box["width"] / 2)) < 2.0, (key, centre)


def _phrase(words, text, page):
    from support.award_docs import find_phrase

    return find_phrase(words, text, page=page)


def test_full_pdf_red_authority_and_title(batch, full):
    layout = boxes(FULL_LAYOUT)
    image = page_image(full["pdf"], position(batch, "Nguyễn Văn An"))
    for key, red in (
        ("authority", True),
        ("title", True),
        ("tang", False),
        ("national_name", False),
        ("recipient", False),
    ):
        box = layout[key]
        height = box["size"] * MM_PER_PT * 1.1
        pixels = pixels_in(image, (box["x"], box["y"], box["x"] + box["width"], box["y"] + height))
        inked = [px for px in pixels if is_red(px) or is_dark(px)]
        assert inked, key
        share = sum(map(is_red, inked)) / len(inked)
        assert (share > 0.8) if red else (share < 0.05), (key, share)


def test_long_name_stays_in_its_box(batch, full):
    layout = boxes(FULL_LAYOUT)
    box, next_y = layout["recipient"], layout["position_unit"]["y"]
    assert len(LONG_NAME) > 120
    page = position(batch, LONG_NAME)
    # a collective: its achievement rises to the position line's place (no gap), so the name's
    # band ends there
    words = word_lines(pdf_words(full["pdf"]), page, box, next_y + 1)
    assert norm(" ".join(w.text for w in words)) == LONG_NAME
    assert min(w.x0 for w in words) >= box["x"] - 0.5
    assert max(w.x1 for w in words) <= box["x"] + box["width"] + 0.5
    assert max(w.y1 for w in words) < next_y
    assert len({round(w.y0) for w in words}) <= box.get("max_lines", 1)
    # DOCX: the same lines, shrunk, in the same frame
    _attrs, p = next((a, p) for t, (a, p) in framed(full["docx"][page - 1]).items() if t.startswith("Công đoàn cơ sở"))
    assert norm(p.text.replace("\n", " ")) == LONG_NAME
    assert p.text.count("\n") + 1 <= box.get("max_lines", 1)
    sizes = {int(el.get(qn("w:val"))) / 2 for el in p._p.iter(qn("w:sz"))}
    assert sizes and max(sizes) < box["size"]


# --------------------------------------------------------------------------------------------
# preprinted mode, calibration files


def calibration(
    folder: Path,
    name: str,
    *,
    move: dict[str, tuple[float, float]] | None = None,
    offset=(0, 0),
    drop: tuple[str, ...] = (),
) -> Path:
    """A calibration file in the shape of phoi-giay-khen.yaml, fields moved by (dx, dy) mm.

    It also names a border and an emblem: the preprinted mode must print neither."""
    data = yaml.safe_load(PREPRINTED_LAYOUT.read_text(encoding="utf-8"))
    for key, (dx, dy) in (move or {}).items():
        data["fields"][key]["x"] += dx
        data["fields"][key]["y"] += dy
    for key in drop:
        data["fields"].pop(key)
    data["offset"] = {"x": offset[0], "y": offset[1]}
    data["border"] = {"inset": 7}
    data["emblem"] = {"file": "images/emblem.png", "x": 131.5, "y": 12, "width": 34, "height": 31}
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def preprinted(batch, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pre")
    base = calibration(folder, "base.yaml", drop=("golden_book",))
    moved = calibration(
        folder, "moved.yaml", move={"decision_ref": (10, 10), "recipient": (10, 0)}, drop=("golden_book",)
    )
    shifted = calibration(folder, "shifted.yaml", offset=(5, -3), drop=("golden_book",))
    return {
        name: (path, render(batch, "preprinted", path, folder / name))
        for name, path in (("base", base), ("moved", moved), ("shifted", shifted))
    }


def test_preprinted_is_text_only(batch, preprinted, full):
    _path, out = preprinted["base"]
    page = position(batch, "Nguyễn Văn An")
    docx = out["docx"][page - 1]
    doc = open_docx(str(docx))
    assert not list(doc.element.body.iter(qn("w:drawing")))
    assert doc.element.body.find(qn("w:sectPr")).find(qn("w:pgBorders")) is None
    texts = list(framed(docx))
    for key in PREPRINTED_OMITS:
        assert AN_TEXTS[key] not in texts, key
    assert not any(t.startswith("Số sổ vàng") for t in texts)  # not in the calibration file
    for key in ("authority", "recipient", "position_unit", "decision_ref", "place_date", "signer_name"):
        assert AN_TEXTS[key] in texts, key
    words = pdf_words(out["pdf"])
    text = " ".join(w.text for w in words if w.page == page)
    assert NATIONAL not in text and "GIẤY KHEN" not in text and "TẶNG" not in text and "Số sổ vàng" not in text
    assert "Ông Nguyễn Văn An" in text
    resources = PdfReader(str(out["pdf"])).pages[page - 1].get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    # no border: the left margin strip stays white; in full mode the border is drawn there
    strip = (4, 60, 12, 150)
    assert not [px for px in pixels_in(page_image(out["pdf"], page), strip) if is_dark(px) or is_red(px)]
    assert [px for px in pixels_in(page_image(full["pdf"], page), strip) if is_dark(px) or is_red(px)]


def test_preprinted_positions_follow_the_calibration(batch, preprinted):
    page = position(batch, "Nguyễn Văn An")
    base_file, _ = preprinted["base"]
    layout = boxes(base_file)
    frames = {}
    for name in ("base", "moved"):
        found = framed(preprinted[name][1]["docx"][page - 1])
        frames[name] = {k: found[AN_TEXTS[k]][0] for k in ("decision_ref", "recipient", "place_date")}
    assert int(frames["base"]["decision_ref"]["x"]) == twips(layout["decision_ref"]["x"])
    assert int(frames["base"]["decision_ref"]["y"]) == twips(layout["decision_ref"]["y"])
    for key, (dx, dy) in (("decision_ref", (10, 10)), ("recipient", (10, 0)), ("place_date", (0, 0))):
        assert int(frames["moved"][key]["x"]) - int(frames["base"][key]["x"]) == pytest.approx(twips(dx), abs=1)
        assert int(frames["moved"][key]["y"]) - int(frames["base"][key]["y"]) == pytest.approx(twips(dy), abs=1)

    def spans_of(name):
        spans = pdf_spans(preprinted[name][1]["pdf"])
        return {
            k: next(s for s in spans if s.page == page and norm(s.text) == AN_TEXTS[k])
            for k in ("decision_ref", "recipient", "place_date")
        }

    base, moved = spans_of("base"), spans_of("moved")
    assert abs(base["decision_ref"].x_mm - layout["decision_ref"]["x"]) < 1.0
    for key, (dx, dy) in (("decision_ref", (10, 10)), ("recipient", (10, 0)), ("place_date", (0, 0))):
        assert moved[key].x_mm - base[key].x_mm == pytest.approx(dx, abs=0.1), key
        assert moved[key].y_mm - base[key].y_mm == pytest.approx(dy, abs=0.1), key


def test_preprinted_offset_moves_everything(batch, preprinted):
    page = position(batch, "Nguyễn Văn An")
    keys = ("authority", "recipient", "decision_ref", "place_date", "signer_name")
    base = framed(preprinted["base"][1]["docx"][page - 1])
    shifted = framed(preprinted["shifted"][1]["docx"][page - 1])
    for key in keys:
        a, b = base[AN_TEXTS[key]][0], shifted[AN_TEXTS[key]][0]
        assert int(b["x"]) - int(a["x"]) == pytest.approx(twips(5), abs=1), key
        assert int(b["y"]) - int(a["y"]) == pytest.approx(twips(-3), abs=1), key
    spans = {name: [s for s in pdf_spans(preprinted[name][1]["pdf"]) if s.page == page] for name in ("base", "shifted")}
    for key in keys:
        a = next(s for s in spans["base"] if norm(s.text) == AN_TEXTS[key])
        b = next(s for s in spans["shifted"] if norm(s.text) == AN_TEXTS[key])
        assert (b.x_mm - a.x_mm, b.y_mm - a.y_mm) == (pytest.approx(5, abs=0.1), pytest.approx(-3, abs=0.1)), key


# --------------------------------------------------------------------------------------------
# The layout, not the template style, decides alignment, colour and weight in both formats.


def test_docx_follows_the_calibration_alignment_and_colour(batch, tmp_path):
    data = yaml.safe_load(PREPRINTED_LAYOUT.read_text(encoding="utf-8"))
    data["fields"]["recipient"]["align"] = "left"
    data["fields"]["authority"]["color"] = "black"
    path = tmp_path / "calibration.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = render(batch, "preprinted", path, tmp_path / "out")
    page = position(batch, "Nguyễn Văn An")
    found = framed(out["docx"][page - 1])
    # the PDF follows the file: the recipient starts at the box's left edge, the authority is black
    span = next(s for s in pdf_spans(out["pdf"]) if s.page == page and norm(s.text) == "Ông Nguyễn Văn An")
    assert abs(span.x_mm - data["fields"]["recipient"]["x"]) < 1.0
    # … and so must the DOCX
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from support.award_docs import paragraph_alignment

    _attrs, recipient = found["Ông Nguyễn Văn An"]
    assert paragraph_alignment(recipient) == WD_ALIGN_PARAGRAPH.LEFT
    _attrs, authority = found[AUTHORITY]
    colour = run_color(authority, next(r for r in authority.runs if r.text.strip()))
    assert colour in (None, "000000", "auto")


def test_text_too_long_for_its_box_is_refused_before_numbering(batch):
    """A name that cannot fit even at the smallest readable size is bad input, reported with its
    row before the register gives any number; the renderer never prints it over the next field."""
    from vanban.award.certificates import build_certificate, fit_problems
    from vanban.certificate_layouts import layout_for
    from vanban.certificate_model import FieldTooLong

    chosen = layout_for("full")
    item = batch.collectives[0]
    huge = item.model_copy(update={"awardee": item.awardee.model_copy(update={"name": " ".join(["Nậm Na"] * 170)})})
    with pytest.raises(FieldTooLong, match="quá dài so với ô trên giấy khen"):
        build_certificate(batch, huge, 1, chosen)
    crowded = batch.model_copy(update={"collectives": [huge, *batch.collectives[1:]]})
    [problem] = fit_problems(crowded, chosen)
    assert problem.row == item.awardee.source.row and problem.column == "Họ và tên / Tên tập thể"
    assert "ô chỉ đủ 2 dòng" in problem.message
    assert fit_problems(batch, chosen) == []


def test_one_builder_for_a_batch_gives_what_each_certificate_gets_alone(batch):
    """A batch's shared fields are worded and fitted once (`CertificateBuilder`): every awardee's
    certificate must come out as it does built on its own, names, lines and sizes included."""
    from vanban.award.certificates import CertificateBuilder, build_certificate
    from vanban.certificate_layouts import layout_for

    for mode in ("full", "preprinted"):
        chosen = layout_for(mode)
        builder = CertificateBuilder(batch, chosen)
        together = [builder.build(item, i, f"{i:04d}") for i, item in enumerate(batch.awardees, start=1)]
        alone = [
            build_certificate(batch, item, i, chosen, f"{i:04d}") for i, item in enumerate(batch.awardees, start=1)
        ]
        assert together == alone
        names = [next(f.lines for f in c.fields if f.key == "recipient") for c in together]
        assert len({tuple(n) for n in names}) == len(batch.awardees)  # nothing of one awardee kept for the next
        assert {f"{i:04d}" in " ".join(c.text_lines()) for i, c in enumerate(together, start=1)} == {True}
