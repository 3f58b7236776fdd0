"""An award session drafted, refused, abandoned and issued (vanban.drafts, the CLI).

The draft: decision with its list and one sample certificate, number blank (`Số:        /QĐ-LĐLĐ`),
day and month blank, the year filled, `DỰ THẢO` boxed at the top right; nothing in the register.
Issued: the same text but the number, the date and the mark."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from support.paths import ROOT
from support.readback import docx_lines, norm, pdf_pages_text
from typer.testing import CliRunner

from vanban import drafts, rules
from vanban.errors import InputError
from vanban.register import Register
from vanban.requests import AwardRequest

DATA = ROOT / "tests" / "data" / "award"
BLANK_DATE = f"Lai Châu, ngày {rules.DRAFT_DAY_BLANK} tháng {rules.DRAFT_DAY_BLANK} năm 2026"


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    """small.yaml (4 awardees) and its session (number 15, dated 05/01/2026), and a register of
    this test's own."""
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("small.yaml", "session.yaml"):
        shutil.copy(DATA / name, folder / name)
    return folder


def request(folder: Path, out: Path) -> AwardRequest:
    return AwardRequest(
        list_path=str(folder / "small.yaml"), session_path=str(folder / "session.yaml"), output_dir=str(out)
    )


def _one(folder: Path, pattern: str) -> Path:
    [found] = sorted(folder.glob(pattern))
    return found


def test_draft_has_blank_number_and_day_the_mark_and_takes_no_number(inputs, tmp_path):
    draft = drafts.draft("award", request(inputs, tmp_path / "out"), by="Nguyễn Thị B")
    assert draft.status == "draft" and draft.kind == "award" and draft.created_by == "Nguyễn Thị B"
    assert Register().entries() == []  # not the decision's 15, not a single sổ vàng number
    folder = Path(draft.folder)
    assert folder == (tmp_path / "out" / "du-thao" / draft.id).resolve()
    names = sorted(p.name for p in drafts.files_of(draft))
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf", "docx", "pdf"]
    assert names[0].startswith("du-thao-giay-khen-mau") and names[2].startswith("du-thao-quyet-dinh")
    # input hashes kept for the register
    assert set(draft.inputs) == {"list", "session"}
    assert draft.inputs["list"]["path"] == str((inputs / "small.yaml").resolve())
    assert re.fullmatch(r"[0-9a-f]{64}", draft.inputs["session"]["sha256"])

    decision = _one(folder, "du-thao-quyet-dinh*.docx")
    doc = open_docx(str(decision))
    mark = doc.paragraphs[0]
    assert mark.text == rules.DRAFT_MARK and mark.alignment == 2  # right
    run = mark.runs[0]
    assert run.bold and run.font.size.pt == rules.DRAFT_MARK_SIZE_PT
    assert run._r.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bdr") is not None
    header = [p.text for cell in doc.tables[0]._cells for p in cell.paragraphs]
    assert "Số: " + rules.HAND_NUMBER_BLANK + "/QĐ-LĐLĐ" in header
    assert BLANK_DATE in header
    assert not rules.number_line_problems("Số: " + rules.HAND_NUMBER_BLANK + "/QĐ-LĐLĐ")
    assert rules.date_form_problems(BLANK_DATE) == []

    pdf_text = pdf_pages_text(_one(folder, "du-thao-quyet-dinh*.pdf"))
    first = norm(pdf_text[0])
    assert first.startswith("DỰ THẢO ") and "Lai Châu, ngày tháng năm 2026" in first
    assert "Số: /QĐ-LĐLĐ" in first and "15/QĐ" not in " ".join(pdf_text)
    certificate = norm(" ".join(pdf_pages_text(_one(folder, "du-thao-giay-khen-mau.pdf"))))
    assert "ngày tháng năm 2026" in certificate and "Công đoàn ngành Y tế tỉnh Lai Châu" in certificate


def test_drafting_the_same_input_again_gives_the_same_draft(inputs, tmp_path):
    first = drafts.draft("award", request(inputs, tmp_path / "out"))
    stamp = {p.name: p.stat().st_mtime_ns for p in drafts.files_of(first)}
    again = drafts.draft("award", request(inputs, tmp_path / "out"))
    assert again == first
    assert {p.name: p.stat().st_mtime_ns for p in drafts.files_of(again)} == stamp  # not rendered again
    assert [d.id for d in drafts.list_drafts()] == [first.id]
    other = drafts.draft("award", request(inputs, tmp_path / "out").model_copy(update={"order": "name"}))
    assert other.id != first.id  # another order is another draft


def test_bad_input_is_refused_before_anything_is_written(inputs, tmp_path):
    (inputs / "session.yaml").write_text(
        (inputs / "session.yaml").read_text(encoding="utf-8").replace("date: 2026-01-05", "date: 2026-02-30"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        drafts.draft("award", request(inputs, tmp_path / "out"))
    assert "session.yaml" in str(err.value) and "2026-02-30" in str(err.value)
    assert not (tmp_path / "out").exists() and drafts.list_drafts() == []


def test_check_names_the_draft_to_come_and_writes_nothing(inputs, tmp_path):
    """What the web page runs before it starts a drafting run elsewhere: the id the draft will
    have, for which issuer; nothing rendered, nothing recorded. Who asked and how to issue are
    not part of the draft: the run's `drafted_by` is recorded as who drafted it."""
    wanted = request(inputs, tmp_path / "out")
    checked = drafts.check("award", wanted)
    assert (checked.kind, checked.issuer_id) == ("award", "ldld-lai-chau") and checked.subject
    assert not (tmp_path / "out").exists() and drafts.list_drafts() == []
    by_run = wanted.model_copy(update={"issue": "draft", "drafted_by": "Nguyễn Thị Soạn"})
    assert drafts.check("award", by_run) == checked
    made = drafts.draft("award", by_run)
    assert made.id == checked.id and made.created_by == "Nguyễn Thị Soạn"
    assert "drafted_by" not in made.request and "issue" not in made.request


def test_check_refuses_what_drafting_refuses_past_reading(inputs, tmp_path):
    """A name too long for its box on the certificate reads well but cannot be drafted: the check
    says so, as drafting would, before any run starts."""
    listed = (inputs / "small.yaml").read_text(encoding="utf-8")
    crowded = " ".join(["Nậm Na"] * 170)
    (inputs / "small.yaml").write_text(
        listed.replace("- name: Công đoàn ngành Y tế tỉnh Lai Châu", f"- name: {crowded}", 1), encoding="utf-8"
    )
    with pytest.raises(InputError) as checked:
        drafts.check("award", request(inputs, tmp_path / "out"))
    with pytest.raises(InputError) as drafted:
        drafts.draft("award", request(inputs, tmp_path / "out"))
    assert "quá dài so với ô trên giấy khen" in str(checked.value)
    assert [p.message for p in checked.value.problems] == [p.message for p in drafted.value.problems]
    assert drafts.list_drafts() == []


def test_changed_input_is_refused_and_nothing_is_numbered(inputs, tmp_path):
    draft = drafts.draft("award", request(inputs, tmp_path / "out"))
    listing = inputs / "small.yaml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("Hoàng Thị Hà", "Hoàng Thị Hoa"), encoding="utf-8")
    with pytest.raises(drafts.DraftError) as err:
        drafts.issue(draft.id, date=dt.date(2026, 1, 9), runner=_never)
    text = str(err.value)
    assert "dữ liệu vào đã thay đổi sau khi soạn dự thảo" in text and "small.yaml" in text
    assert "soạn lại dự thảo" in text
    assert Register().entries() == [] and drafts.get(draft.id).status == "draft"


@pytest.mark.parametrize("number", [0, 10**20])
def test_a_hand_given_number_out_of_range_is_refused_before_the_register(inputs, tmp_path, number):
    """From any door (CLI, web page, Prefect's approval form) a number the register's integer
    column cannot hold, or 0, is refused before anything is numbered."""
    draft = drafts.draft("award", request(inputs, tmp_path / "out"))
    with pytest.raises(drafts.DraftError) as err:
        drafts.issue(draft.id, date=dt.date(2026, 1, 9), number=number, runner=_never)
    assert "ngoài khoảng cho phép" in str(err.value)
    assert Register().entries() == [] and drafts.get(draft.id).status == "draft"


def test_a_signing_date_under_other_law_is_refused(inputs, tmp_path):
    """From 01/07/2026 the base salary is another: the amounts the leader signed would change."""
    draft = drafts.draft("award", request(inputs, tmp_path / "out"))
    with pytest.raises(drafts.DraftError) as err:
        drafts.issue(draft.id, date=dt.date(2026, 12, 17), runner=_never)
    text = str(err.value)
    assert "văn bản ban hành ngày 17/12/2026 sẽ khác dự thảo đã trình ký" in text
    assert "ghi ngày ký vào dữ liệu vào" in text
    assert Register().entries() == []


def test_abandoned_draft_is_not_issued_and_drafting_again_revives_it(inputs, tmp_path):
    draft = drafts.draft("award", request(inputs, tmp_path / "out"))
    with pytest.raises(drafts.DraftError, match="cần ghi lý do"):
        drafts.abandon(draft.id, " ")
    gone = drafts.abandon(draft.id[:6], "Lãnh đạo không ký")
    assert (gone.status, gone.reason) == ("abandoned", "Lãnh đạo không ký")
    with pytest.raises(drafts.DraftError, match="đã bị bỏ"):
        drafts.issue(draft.id, runner=_never)
    assert drafts.draft("award", request(inputs, tmp_path / "out")).status == "draft"
    with pytest.raises(drafts.DraftError, match="không có dự thảo này"):
        drafts.get("0000000000")


def _never(kind, request):
    raise AssertionError("a refused draft must not reach the issuing job")


def _decision_lines(path: Path) -> list[str]:
    """The decision's lines with number, date and mark taken out, for comparing draft and issued."""
    out = []
    for line in docx_lines(path):
        if line == rules.DRAFT_MARK:
            continue
        # the number line and the annex's "Kèm theo Quyết định số …": digits, or the room left for them
        line = re.sub(r"(Số:|số)[\s\u00a0]*\d*/QĐ-LĐLĐ", r"\1 <SỐ>/QĐ-LĐLĐ", line)
        line = re.sub(r"ngày( \d+)? tháng( \d+)? năm 2026", "ngày <NGÀY> năm 2026", line)
        out.append(line)
    return out


@pytest.mark.slow
def test_issue_fills_number_and_date_only_and_is_idempotent(prefect_harness, inputs, tmp_path):
    from vanban.cli import app

    draft = drafts.draft("award", request(inputs, tmp_path / "out"))
    result = CliRunner().invoke(
        app, ["issue", draft.id, "--date", "2026-01-09", "--by", "Trần Văn C", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output + str(result.exception)
    issued = drafts.get(draft.id)
    assert (issued.status, issued.approved_by, issued.issue_date, issued.number_symbol) == (
        "issued",
        "Trần Văn C",
        dt.date(2026, 1, 9),
        "15/QĐ-LĐLĐ",
    )
    package = Path(issued.issued_folder or "")
    assert package.name == "15-QD-LDLD" and package.is_relative_to((tmp_path / "out").resolve())
    assert {"in-giay-khen.pdf", "15-QD-LDLD.zip"} <= set(issued.issued_files or [])
    assert len(list((package / "certificates").glob("*.pdf"))) == 4  # every certificate, at issue

    drafted = _decision_lines(_one(Path(draft.folder), "du-thao-quyet-dinh*.docx"))
    final = _decision_lines(_one(package, "15-QD-LDLD-*.docx"))
    assert final == drafted  # the same text but number, date and mark
    final_docx = docx_lines(_one(package, "15-QD-LDLD-*.docx"))
    assert "Số: 15/QĐ-LĐLĐ" in final_docx and "Lai Châu, ngày 09 tháng 01 năm 2026" in final_docx
    assert rules.DRAFT_MARK not in final_docx
    pdf_first = norm(pdf_pages_text(_one(package, "15-QD-LDLD-*.pdf"))[0])
    assert not pdf_first.startswith("DỰ THẢO") and "Lai Châu, ngày 09 tháng 01 năm 2026" in pdf_first

    entries = Register().entries()
    assert len(entries) == 5 and {e.status for e in entries} == {"issued"}  # decision + 4 sổ vàng
    assert [e.number_symbol for e in entries if e.kind == "document"] == ["15/QĐ-LĐLĐ"]
    again = drafts.issue(draft.id, date=dt.date(2026, 1, 10), runner=_never)
    assert (again.number_symbol, again.date, again.folder) == ("15/QĐ-LĐLĐ", dt.date(2026, 1, 9), str(package))
    assert len(Register().entries()) == 5  # issuing twice takes nothing

    # The register's export: the books list what was issued; drafts (issued or still waiting) on
    # a sheet of their own, never in a book (they hold no number).
    waiting = drafts.draft("award", request(inputs, tmp_path / "out").model_copy(update={"order": "name"}))
    from openpyxl import load_workbook

    from vanban.register.cli import app as register_app
    from vanban.register.export import DRAFTS_SHEET, HEADER_ROW

    out = tmp_path / "so-di-2026.xlsx"
    result = CliRunner().invoke(register_app, ["export", "--year", "2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Văn bản hành chính", "Sổ vàng", DRAFTS_SHEET]
    books = {
        name: [[c for c in row] for row in wb[name].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
        for name in wb.sheetnames[:2]
    }
    assert [row[0] for row in books["Văn bản hành chính"]] == ["15/QĐ-LĐLĐ"]
    assert len(books["Sổ vàng"]) == 4 and all(row[6] == "Đã ban hành" for rows in books.values() for row in rows)
    assert not any(draft.id in str(v) or waiting.id in str(v) for rows in books.values() for row in rows for v in row)
    listed = {row[0]: row for row in wb[DRAFTS_SHEET].iter_rows(min_row=2, values_only=True)}
    assert set(listed) == {draft.id, waiting.id}
    assert (listed[draft.id][5], listed[draft.id][6]) == ("Đã ban hành", "15/QĐ-LĐLĐ")
    assert (listed[waiting.id][5], listed[waiting.id][6]) == ("Chờ ký", None)
