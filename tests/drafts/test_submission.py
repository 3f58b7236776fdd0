"""The Tờ trình đề nghị khen thưởng from the same list and session as the decision it asks for.

Drafted with a blank number (`Số:        /TTr-LĐLĐ`), the list attached; issued with the number
the register gives; the decision then cites it — "Xét đề nghị của … tại Tờ trình số 01/TTr-LĐLĐ
ngày 02 tháng 01 năm 2026." — read from the register, not typed. Before the Tờ trình is issued
the decision is refused. Test data: tests/data/award/to-trinh/session.yaml (sources cited there).
"""

from __future__ import annotations

import datetime as dt
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
from vanban.requests import AwardRequest, DocumentRequest

DATA = ROOT / "tests" / "data" / "award"
PROPOSAL = (
    "Xét đề nghị của Ban Chính sách pháp luật và Quan hệ lao động tại Tờ trình số 01/TTr-LĐLĐ "
    "ngày 02 tháng 01 năm 2026."
)


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "small.yaml")
    shutil.copy(DATA / "to-trinh" / "session.yaml", folder / "session.yaml")
    return folder


def submission_request(folder: Path, out: Path) -> DocumentRequest:
    return DocumentRequest(kind="submission", source=str(folder / "small.yaml"), output_dir=str(out))


def award_request(folder: Path, out: Path) -> AwardRequest:
    return AwardRequest(list_path=str(folder / "small.yaml"), output_dir=str(out))


def _one(folder: Path, pattern: str) -> Path:
    [found] = sorted(folder.glob(pattern))
    return found


def test_draft_submission_from_the_list_with_the_list_attached_and_no_number(inputs, tmp_path):
    draft = drafts.draft("submission", submission_request(inputs, tmp_path / "out"), by="Nguyễn Thị B")
    assert (draft.kind, draft.issuer_id, draft.status) == ("submission", "ldld-lai-chau", "draft")
    assert set(draft.inputs) == {"list", "session"}
    assert Register().entries() == []
    decision_docx = _one(Path(draft.folder), "du-thao-*.docx")
    header = [p.text for cell in open_docx(str(decision_docx)).tables[0]._cells for p in cell.paragraphs]
    assert f"Số: {rules.HAND_NUMBER_BLANK}/TTr-LĐLĐ" in header  # room to write the number by hand
    assert f"Lai Châu, ngày {rules.DRAFT_DAY_BLANK} tháng {rules.DRAFT_DAY_BLANK} năm 2026" in header
    lines = docx_lines(decision_docx)  # spaces read as one
    assert lines[0] == rules.DRAFT_MARK
    assert "TỜ TRÌNH" in lines and "Về việc đề nghị tặng Giấy khen cho 02 tập thể và 02 cá nhân" in lines
    assert (
        "Ban Chính sách pháp luật và Quan hệ lao động kính trình Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu "
        "xem xét, tặng Giấy khen cho 02 tập thể và 02 cá nhân đã có thành tích xuất sắc trong phong trào thi "
        "đua năm 2025 (có danh sách kèm theo)."
    ) in "\n".join(lines)
    assert "Tổng số tiền thưởng: 4.240.000 đồng (Bằng chữ: Bốn triệu hai trăm bốn mươi nghìn đồng)." in lines
    assert "TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN" in lines
    assert "(Kèm theo Tờ trình số /TTr-LĐLĐ ngày tháng năm 2026 của Liên đoàn Lao động tỉnh Lai Châu)" in lines
    assert {
        "Bà Hoàng Thị Hà",
        "Công đoàn ngành Y tế tỉnh Lai Châu",
        "TRƯỞNG BAN CHÍNH SÁCH PHÁP LUẬT VÀ QUAN HỆ LAO ĐỘNG",
    } <= set(lines)
    first = norm(pdf_pages_text(_one(Path(draft.folder), "du-thao-*.pdf"))[0])
    assert first.startswith("DỰ THẢO ") and "Số: /TTr-LĐLĐ" in first and "TỜ TRÌNH" in first
    assert "Kính gửi: Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu" in first


def test_the_decision_waits_for_its_submission(inputs, tmp_path):
    with pytest.raises(InputError) as err:
        drafts.draft("award", award_request(inputs, tmp_path / "out"))
    text = str(err.value)
    assert "small.yaml" in text and "Tờ trình đề nghị khen thưởng của danh sách này chưa được ban hành" in text
    assert "--kind submission" in text
    assert not (tmp_path / "out").exists() and Register().entries() == []


def test_a_session_without_submission_block_is_told_what_to_add(inputs, tmp_path):
    session = inputs / "session.yaml"
    text = session.read_text(encoding="utf-8")
    session.write_text(text[: text.index("submission:")], encoding="utf-8")
    with pytest.raises(InputError, match="không có mục submission"):
        drafts.draft("submission", submission_request(inputs, tmp_path / "out"))


@pytest.mark.slow
def test_issued_submission_is_cited_by_the_decision_by_number_and_date(prefect_harness, inputs, tmp_path):
    from vanban.cli import app

    submission = drafts.draft("submission", submission_request(inputs, tmp_path / "out"))
    result = CliRunner().invoke(app, ["issue", submission.id, "--date", "2026-01-02", "--by", "Trần Văn C"])
    assert result.exit_code == 0, result.output + str(result.exception)
    issued = drafts.get(submission.id)
    assert (issued.status, issued.number_symbol, issued.issue_date) == ("issued", "01/TTr-LĐLĐ", dt.date(2026, 1, 2))
    final = docx_lines(_one(Path(issued.issued_folder or ""), "01-TTr-LDLD*.docx"))
    assert "Số: 01/TTr-LĐLĐ" in final and "Lai Châu, ngày 02 tháng 01 năm 2026" in final
    assert "(Kèm theo Tờ trình số 01/TTr-LĐLĐ ngày 02 tháng 01 năm 2026 của Liên đoàn Lao động tỉnh Lai Châu)" in final
    assert rules.DRAFT_MARK not in final

    decision = drafts.draft("award", award_request(inputs, tmp_path / "out"))
    drafted = docx_lines(_one(Path(decision.folder), "du-thao-quyet-dinh*.docx"))
    assert PROPOSAL in drafted
    result = CliRunner().invoke(app, ["issue", decision.id, "--date", "2026-01-09", "--workers", "1"])
    assert result.exit_code == 0, result.output + str(result.exception)
    done = drafts.get(decision.id)
    assert done.number_symbol == "02/QĐ-LĐLĐ"  # the same book: the Tờ trình took 01
    final = docx_lines(_one(Path(done.issued_folder or ""), "02-QD-LDLD-*.docx"))
    assert PROPOSAL in final
    books = sorted((e.number_symbol, e.date) for e in Register().entries() if e.kind == "document")
    assert books == [("01/TTr-LĐLĐ", dt.date(2026, 1, 2)), ("02/QĐ-LĐLĐ", dt.date(2026, 1, 9))]


@pytest.mark.slow
def test_a_submission_issued_in_one_step_is_cited_too(prefect_harness, inputs, tmp_path):
    """`vanban doc LIST --kind submission --now` issues the Tờ trình on its planned date without a
    draft: the decision finds its number in the register's batch all the same."""
    from vanban.cli import app

    result = CliRunner().invoke(
        app, ["doc", str(inputs / "small.yaml"), "--kind", "submission", "--now", "-o", str(tmp_path / "tt")]
    )
    assert result.exit_code == 0, result.output + str(result.exception)
    assert drafts.list_drafts(status=None) == []  # no draft line: one step
    decision = drafts.draft("award", award_request(inputs, tmp_path / "out"))
    drafted = docx_lines(_one(Path(decision.folder), "du-thao-quyet-dinh*.docx"))
    assert PROPOSAL in drafted  # 01/TTr-LĐLĐ, dated as planned: 02/01/2026


def test_what_the_award_preflight_refuses_is_refused_when_read(inputs):
    """Reading the Tờ trình's input runs the award's preflight (a bidi override in a name) and
    its pricing (an unknown form): both before the register gives any number."""
    from vanban.submission import read_file

    listing = inputs / "small.yaml"
    original = listing.read_text(encoding="utf-8")
    listing.write_text(original.replace("Hoàng Thị Hà", "Hoàng Thị \u202eHà"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_file(listing)
    assert "small.yaml" in str(caught.value)
    listing.write_text(original, encoding="utf-8")
    session = inputs / "session.yaml"
    text = session.read_text(encoding="utf-8").replace("award_form: giay_khen", "award_form: khong_co_hinh_thuc_nay")
    session.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_file(listing)
    assert "khong_co_hinh_thuc_nay" in str(caught.value)
    assert Register().entries() == []
