"""The award package written by the Prefect flow (`flows.award.run_award`), read back from disk."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader
from support.award_docs import collective, individual, write_list
from support.readback import norm

pytestmark = pytest.mark.slow

COLLECTIVES = ["Công đoàn ngành Y tế tỉnh Lai Châu", "Công đoàn Viên chức tỉnh Lai Châu"]
INDIVIDUALS = [("Nguyễn Văn An", "Nam"), ("Lò Thị Mai", "Nữ"), ("Tòng Văn Hùng", "Nam"), ("Vàng Thị Mỷ", "Nữ")]
# list order: collectives, then individuals (commendation.md §4: I. TẬP THỂ, II. CÁ NHÂN)
IN_ORDER = [*COLLECTIVES, *(f"{'Ông' if sex == 'Nam' else 'Bà'} {name}" for name, sex in INDIVIDUALS)]


@pytest.fixture(scope="module")
def package(prefect_harness, tmp_path_factory):
    from flows.award import run_award

    folder = tmp_path_factory.mktemp("package")
    path = write_list(
        folder / "in",
        [collective(n) for n in COLLECTIVES],
        [individual(n, s, "Giáo viên", "Trường THPT Phong Thổ") for n, s in INDIVIDUALS],
    )
    out = folder / "out"
    from flows import progress

    stages: list[str] = []
    progress.set_stage_hook(stages.append)
    try:
        result = run_award(workers=2, list_path=path, output_dir=out, mode="full")
    finally:
        progress.set_stage_hook(None)
    return {"result": Path(getattr(result, "folder", result)), "out": out, "stages": stages, "tasks": _task_names()}


def _task_names() -> list[str]:
    """The names of the task runs of the latest flow run (this module's)."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        run = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)[0]
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
    return sorted(t.name.rsplit("-", 1)[0] for t in tasks)


def test_rendering_is_one_task_run_of_the_flow_not_one_per_chunk(package):
    """On the run's own process pool the decision and the certificate chunks go to the workers
    as plain calls of one `render` task run: a task run per chunk cost its worker ~0.2 s."""
    assert package["tasks"] == ["package", "render"]


def test_the_clerk_sees_each_stage_named_in_order(package):
    """The CLI's progress bar shows the step the run is in, in Vietnamese, in the pipeline's order."""
    assert package["stages"] == [
        "Đọc và kiểm tra danh sách",
        "Lấy số từ sổ đăng ký",
        "In quyết định và giấy khen",
        "Đóng gói",
    ]


def test_folder_layout(package):
    target = package["out"] / "ldld-lai-chau" / "2026" / "15-QD-LDLD"
    assert package["result"] == target and target.is_dir()
    top = sorted(p.name for p in target.iterdir())
    assert len([n for n in top if n.endswith(".docx")]) == 1 and len([n for n in top if n.endswith(".pdf")]) == 2
    assert {"certificates", "in-giay-khen.pdf", "manifest.json"} <= set(top)
    assert [n for n in top if n.endswith(".zip")] == ["15-QD-LDLD.zip"]
    leftovers = [p for p in (package["out"] / "ldld-lai-chau" / "2026").iterdir() if p.name != "15-QD-LDLD"]
    assert leftovers == []  # no .staging-* folder
    assert not any(p.name.startswith(".") for p in target.rglob("*"))


def test_decision_files(package):
    from support.readback import docx_lines, pdf_body_text

    target = package["result"]
    (docx,) = target.glob("*.docx")
    pdf = docx.with_suffix(".pdf")
    assert pdf.is_file()
    for text in (" ".join(docx_lines(docx)), pdf_body_text(pdf)):
        assert "Số: 15/QĐ-LĐLĐ" in text
        assert "Tặng Giấy khen cho 02 tập thể và 04 cá nhân (có danh sách kèm theo)" in text
        # 2 × 1.410.000 + 4 × 710.000 = 5.660.000
        assert "Tổng số tiền thưởng: 5.660.000 đồng (Bằng chữ: Năm triệu sáu trăm sáu mươi nghìn đồng)" in text
    # the issued decision is its electronic original: PDF/A-2b, ready for `vanban sign`
    from vanban.sign.pdfa import pdfa_problems

    assert pdfa_problems(pdf) == []


def test_certificates_in_list_order(package):
    folder = package["result"] / "certificates"
    docx = sorted(folder.glob("*.docx"))
    pdf = sorted(folder.glob("*.pdf"))
    assert [p.name[:4] for p in docx] == [f"{i:03d}-" for i in range(1, 7)]
    assert [p.stem for p in pdf] == [p.stem for p in docx]
    for i, (d, p) in enumerate(zip(docx, pdf, strict=True)):
        paragraphs = [norm(x.text) for x in open_docx(str(d)).paragraphs]
        assert IN_ORDER[i] in paragraphs, d.name
        assert "GIẤY KHEN" in paragraphs and "Số: 15/QĐ-LĐLĐ ngày 05/01/2026" in paragraphs
        reader = PdfReader(str(p))
        assert len(reader.pages) == 1
        assert IN_ORDER[i] in norm(reader.pages[0].extract_text())


def test_print_pdf_one_page_per_awardee(package):
    reader = PdfReader(str(package["result"] / "in-giay-khen.pdf"))
    assert len(reader.pages) == 6
    for page, expected in zip(reader.pages, IN_ORDER, strict=True):
        assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595
        assert expected in norm(page.extract_text())


def test_manifest(package):
    target = package["result"]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {"manifest.json", "15-QD-LDLD.zip"}
    for rel, entry in files.items():
        data = (target / rel).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), rel
        assert entry["bytes"] == len(data), rel
    assert manifest["counts"] == {"collectives": 2, "individuals": 4, "households": 0, "certificates": 6}
    assert manifest["totals"] == {"collectives": 2_820_000, "individuals": 2_840_000, "households": 0, "all": 5_660_000}
    assert [a["name"] for a in manifest["awardees"]] == [*COLLECTIVES, *(n for n, _ in INDIVIDUALS)]


def test_zip_holds_every_file(package):
    target = package["result"]
    with zipfile.ZipFile(target / "15-QD-LDLD.zip") as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
        on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
        assert names == {f"15-QD-LDLD/{n}" for n in on_disk - {"15-QD-LDLD.zip"}}
        for name in names:
            assert zf.read(name) == (target / name.split("/", 1)[1]).read_bytes(), name


def test_every_generated_docx_passes_vanban_check(package):
    """The decision against Decree 30, each certificate against the certificate rules."""
    from vanban.check import check_docx

    docs = sorted(package["result"].rglob("*.docx"))
    assert len(docs) == 1 + len(IN_ORDER)
    for path in docs:
        failed = [str(r) for r in check_docx(path) if not r.ok]
        assert failed == [], path.name


def test_the_summary_writes_dates_as_a_clerk_does(package):
    """The end-of-run summary (CLI, artifact, web page) reads 05/01/2026, never 2026-01-05."""
    import re

    from vanban.award.summary import package_summary

    lines = package_summary(package["result"])
    assert lines[0].startswith("Quyết định số 15/QĐ-LĐLĐ ngày 05/01/2026: ")
    salary = next(line for line in lines if line.startswith("Lương cơ sở: "))
    assert "từ 01/07/2024" in salary
    assert not any(re.search(r"\b\d{4}-\d{2}-\d{2}\b", line) for line in lines), lines
