"""Helpers for the award tests: fixture lists written with openpyxl, and readers for the output.

Everything here reads the generated files back independently of the renderers: python-docx and
the raw WordprocessingML for DOCX, pypdf and poppler (`pdftotext -bbox`, `pdftoppm`) for PDF.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from award_fixtures import ISSUERS, write_session, write_workbook
from docx.oxml.ns import qn
from helpers import norm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_LIST = ROOT / "doc_templates" / "examples" / "khen-thuong-2026.xlsx"
FULL_LAYOUT = ROOT / "doc_templates" / "certificates" / "giay-khen.yaml"
PREPRINTED_LAYOUT = ROOT / "doc_templates" / "certificates" / "phoi-giay-khen.yaml"
MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4

# What the decision says, from the session (commendation.md §3); every expected string in the
# tests is built from these inputs and the spec's wording, never read from the output.
SUBJECT = "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025"
LEGAL_BASES = [
    "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng",
    "Quyết định số 999/QĐ-TLĐ ngày 29 tháng 5 năm 2024 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam "
    "ban hành Quy chế khen thưởng của tổ chức Công đoàn",
]
PROPOSER = "Ban Chính sách pháp luật và Quan hệ lao động"
PROPOSAL = "Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026"
ACHIEVEMENT = "đã có thành tích xuất sắc trong phong trào thi đua năm 2025"
EXECUTORS = "Chánh Văn phòng Liên đoàn Lao động tỉnh"
SESSION = dict(
    subject=SUBJECT,
    legal_bases=LEGAL_BASES,
    proposer=PROPOSER,
    proposal=PROPOSAL,
    achievement=ACHIEVEMENT,
    executors=EXECUTORS,
    signer={"authority": ["TM. BAN THƯỜNG VỤ"], "title": "CHỦ TỊCH", "name": "Nguyễn Thị Thiện"},
    recipients=["Như Điều 3", "Các Ban, Văn phòng LĐLĐ tỉnh"],
    archive="VT, CSPL&QHLĐ",
)

COLLECTIVE_COLUMNS = ["STT", "Tên tập thể", "Hình thức khen thưởng", "Thành tích", "Số tiền", "Ghi chú"]
INDIVIDUAL_COLUMNS = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Chức vụ",
    "Đơn vị công tác",
    "Hình thức khen thưởng",
    "Thành tích",
    "Số tiền",
    "Ghi chú",
]

SMALL_COLLECTIVES = [
    "Công đoàn ngành Giáo dục tỉnh Lai Châu",
    "Công đoàn ngành Y tế tỉnh Lai Châu",
    "Công đoàn Viên chức tỉnh Lai Châu",
    "Công đoàn cơ sở Trường THPT Phong Thổ",
    "Công đoàn cơ sở Công ty Điện lực Lai Châu",
]
SMALL_INDIVIDUALS = [
    ("Nguyễn Văn An", "Nam", "Giáo viên", "Trường THPT Phong Thổ"),
    ("Lò Thị Mai", "Nữ", "Giáo viên", "Trường THPT Phong Thổ"),
    ("Tòng Văn Hùng", "Nam", "Công nhân", "Công ty Điện lực Lai Châu"),
    ("Vàng Thị Mỷ", "Nữ", "Kế toán", "Công ty Điện lực Lai Châu"),
    ("Đèo Văn Thắng", "Nam", "Bác sĩ", "Bệnh viện Đa khoa tỉnh Lai Châu"),
    ("Hoàng Thị Hà", "Nữ", "Điều dưỡng", "Bệnh viện Đa khoa tỉnh Lai Châu"),
    ("Trần Minh Tuấn", "Nam", "Chuyên viên", "Văn phòng Liên đoàn Lao động tỉnh"),
    ("Lê Thị Hồng Nhung", "Nữ", "Chuyên viên", "Ban Tổ chức"),
    ("Phạm Văn Đức", "Nam", "Phó Trưởng ban", "Ban Tổ chức"),
    ("Đỗ Thị Thu Trang", "Nữ", "Giáo viên", "Trường Tiểu học Mường Tè"),
    ("Bùi Quang Huy", "Nam", "Giáo viên", "Trường Tiểu học Mường Tè"),
    ("Vũ Thị Lan Anh", "Nữ", "Dược sĩ", "Trung tâm Y tế huyện Tam Đường"),
]


BIG = 1000


def big_unit(i: int) -> str:
    """A unit long enough to wrap in its column, ending in a marker unique to row i."""
    return f"Trường Trung học cơ sở bán trú xã Mường Khoa huyện Tân Uyên mã {i:04d}kt"


def collective(name: str, achievement=None, amount=None, note=None, form=None) -> dict:
    return {
        "Tên tập thể": name,
        "Hình thức khen thưởng": form,
        "Thành tích": achievement,
        "Số tiền": amount,
        "Ghi chú": note,
    }


def individual(
    name: str, sex: str | None = None, position=None, unit=None, form=None, achievement=None, amount=None, note=None
) -> dict:
    return {
        "Họ và tên": name,
        "Giới tính": sex,
        "Chức vụ": position,
        "Đơn vị công tác": unit,
        "Hình thức khen thưởng": form,
        "Thành tích": achievement,
        "Số tiền": amount,
        "Ghi chú": note,
    }


def write_list(
    folder: Path, collectives: list[dict], individuals: list[dict], *, name: str = "list.xlsx", **session
) -> Path:
    """A workbook with sheets `Tập thể` and `Cá nhân` and `session.yaml` beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_session(folder, **{**SESSION, **session})
    sheets = {}
    for sheet, header, rows in (
        ("Tập thể", COLLECTIVE_COLUMNS, collectives),
        ("Cá nhân", INDIVIDUAL_COLUMNS, individuals),
    ):
        sheets[sheet] = [header] + [[i] + [row.get(h) for h in header[1:]] for i, row in enumerate(rows, start=1)]
    return write_workbook(folder / name, sheets)


def small_list(folder: Path, **session) -> Path:
    """05 collectives and 12 individuals (the spec's worked example: 15.570.000 đồng)."""
    return write_list(
        folder,
        [collective(n) for n in SMALL_COLLECTIVES],
        [individual(n, s, p, u) for n, s, p, u in SMALL_INDIVIDUALS],
        **session,
    )


def read_batch(path: Path, order=None):
    from vanban.award.pricing import price
    from vanban.award.list_reader import read_award_list

    return price(read_award_list(path, issuers_dir=ISSUERS), order=order)


def render_decision_files(batch, folder: Path, stem: str = "decision") -> dict[str, Path]:
    from vanban.award.decision import build_decision
    from vanban.render.docx import render_docx
    from vanban.render.pdf import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    document = build_decision(batch)
    files = {"docx": folder / f"{stem}.docx", "pdf": folder / f"{stem}.pdf"}
    files["docx"].write_bytes(render_docx(document))
    files["pdf"].write_bytes(render_pdf(document))
    return files


def in_order(text: str, expected: list[str]) -> list[str]:
    """The expected strings that are missing from `text` or out of order (empty: all found in order)."""
    missing, at = [], 0
    for item in expected:
        found = text.find(norm(item), at)
        if found < 0:
            missing.append(item)
        else:
            at = found + len(norm(item))
    return missing


# --------------------------------------------------------------------------------------------
# DOCX: effective formatting, resolved run → paragraph style → basedOn chain.


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def run_flag(paragraph, run, name: str) -> bool:
    """`bold` / `italic` as Word shows it: the run's own setting, else the paragraph style's."""
    value = getattr(run, name)
    if value is not None:
        return bool(value)
    for style in _style_chain(paragraph.style):
        value = getattr(style.font, name)
        if value is not None:
            return bool(value)
    return False


def paragraph_alignment(paragraph) -> int | None:
    if paragraph.alignment is not None:
        return int(paragraph.alignment)
    for style in _style_chain(paragraph.style):
        if style.paragraph_format.alignment is not None:
            return int(style.paragraph_format.alignment)
    return None


def run_color(paragraph, run) -> str | None:
    el = run._r.rPr.find(qn("w:color")) if run._r.rPr is not None else None
    if el is not None:
        return el.get(qn("w:val"))
    for style in _style_chain(paragraph.style):
        rpr = style.element.find(qn("w:rPr"))
        el = rpr.find(qn("w:color")) if rpr is not None else None
        if el is not None:
            return el.get(qn("w:val"))
    return None


def text_runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


# --------------------------------------------------------------------------------------------
# PDF: word boxes from poppler, page sizes, pixels.


@dataclass(frozen=True)
class Word:
    page: int
    x0: float  # mm from the left edge
    y0: float  # mm from the top edge
    x1: float
    y1: float
    text: str


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(path: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, page in enumerate(_PAGE.finditer(out), start=1):
        for m in _WORD.finditer(page.group(3)):
            x0, y0, x1, y1 = (float(v) * MM_PER_PT for v in m.groups()[:4])
            words.append(Word(number, x0, y0, x1, y1, html.unescape(m.group(5))))
    return words


def find_phrase(words: list[Word], phrase: str, page: int | None = None) -> list[list[Word]]:
    """Every run of consecutive words (same page) spelling `phrase`."""
    wanted = norm(phrase).split(" ")
    hits = []
    for i in range(len(words) - len(wanted) + 1):
        chunk = words[i : i + len(wanted)]
        if [norm(w.text) for w in chunk] == wanted and len({w.page for w in chunk}) == 1:
            if page is None or chunk[0].page == page:
                hits.append(chunk)
    return hits


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    return [
        (round(float(p.mediabox.width) * MM_PER_PT), round(float(p.mediabox.height) * MM_PER_PT))
        for p in PdfReader(str(path)).pages
    ]


def page_image(path: Path, page: int = 1, dpi: int = 60):
    """The page rendered by poppler as an RGB PIL image (pixel (x, y) ↔ mm × dpi / 25.4)."""
    from PIL import Image

    png = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def pixels_in(image, box_mm: tuple[float, float, float, float], dpi: int = 60):
    x0, y0, x1, y1 = (round(v * dpi / 25.4) for v in box_mm)
    return [image.getpixel((x, y)) for x in range(x0, x1) for y in range(y0, y1)]


def is_red(rgb) -> bool:
    r, g, b = rgb
    return r > 120 and g < 80 and b < 80


def is_dark(rgb) -> bool:
    return sum(rgb) < 200
