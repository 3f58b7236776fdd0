"""Rendering at scale: the award flow's certificate chunks on a Dask cluster (prefect-dask).

A local cluster of two worker processes renders a list in several chunks; the package must be
complete and say the same as the default process-pool run of the same list."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from helpers import docx_lines, norm, pdf_pages_text
from pypdf import PdfReader

pytestmark = pytest.mark.slow

SESSION = """\
issuer: ldld-lai-chau
date: 2026-03-02
subject: Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025
legal_bases:
  - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022
proposer: Ban Chính sách pháp luật và Quan hệ lao động
proposal: Tờ trình số 07/TTr-CSPL ngày 25 tháng 02 năm 2026
achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2025
award_form: giay_khen
recipients:
  - Như Điều 3
archive: VT, CSPL&QHLĐ
"""
COLLECTIVES = ["Công đoàn ngành Giáo dục tỉnh Lai Châu", "Công đoàn Viên chức tỉnh Lai Châu"]
INDIVIDUALS = [f"Lò Văn Dask {i:02d}" for i in range(1, 9)]
CHUNK = 3  # 10 certificates → 4 chunks for 2 Dask workers


def _write_list(folder: Path) -> Path:
    folder.mkdir(parents=True)
    data = {
        "collectives": [{"name": n} for n in COLLECTIVES],
        "individuals": [
            {"name": n, "sex": "Nam", "position": "Công nhân", "unit": "Công ty Điện lực Lai Châu"} for n in INDIVIDUALS
        ],
    }
    path = folder / "list.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "list.session.yaml").write_text(SESSION, encoding="utf-8")
    return path


def _texts(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".docx":
            out[rel] = " ".join(docx_lines(path))
        elif path.suffix == ".pdf":
            out[rel] = norm(" ".join(pdf_pages_text(path)))
    return out


@pytest.fixture
def own_register(tmp_path, monkeypatch):
    """A register of this test's own: a fixed date and list must not meet another test's numbers."""
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "register"))
    monkeypatch.delenv("VANBAN_DATABASE_URL", raising=False)


def test_award_chunks_on_a_local_dask_cluster(prefect_harness, own_register, tmp_path):
    from prefect_dask import DaskTaskRunner

    from flows.award import run_award
    from flows.dask_runner import dask_task_runner

    list_path = _write_list(tmp_path / "in")
    runner = dask_task_runner(n_workers=2)
    assert isinstance(runner, DaskTaskRunner) and runner.address is None
    assert runner.cluster_kwargs["n_workers"] == 2 and runner.cluster_kwargs["threads_per_worker"] == 1

    on_dask = Path(
        run_award(task_runner=runner, list_path=list_path, output_dir=tmp_path / "dask", chunk_size=CHUNK).folder
    )
    awardees = len(COLLECTIVES) + len(INDIVIDUALS)
    assert on_dask == tmp_path / "dask" / "ldld-lai-chau" / "2026" / "01-QD-LDLD"
    assert not list(on_dask.parent.glob(".staging-*"))
    certificates = on_dask / "certificates"
    assert len(list(certificates.glob("*.docx"))) == awardees and len(list(certificates.glob("*.pdf"))) == awardees
    assert len(PdfReader(str(on_dask / "in-giay-khen.pdf")).pages) == awardees
    manifest = json.loads((on_dask / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["certificates"] == awardees
    on_disk = {p.relative_to(on_dask).as_posix() for p in on_dask.rglob("*") if p.is_file()}
    assert {f["path"] for f in manifest["files"]} == on_disk - {"manifest.json", "01-QD-LDLD.zip"}
    for f in manifest["files"]:
        assert hashlib.sha256((on_dask / f["path"]).read_bytes()).hexdigest() == f["sha256"], f["path"]

    # The same list on the default process pool: same numbers (same batch), same documents.
    on_pool = Path(run_award(workers=2, list_path=list_path, output_dir=tmp_path / "pool", chunk_size=CHUNK).folder)
    dask_texts, pool_texts = _texts(on_dask), _texts(on_pool)
    assert len(dask_texts) == 2 + 2 * awardees + 1
    assert dask_texts == pool_texts


def test_award_on_an_existing_cluster_from_the_environment(prefect_harness, own_register, tmp_path, monkeypatch):
    """`VANBAN_DASK_ADDRESS` names a running scheduler: the chunks and the decision go there."""
    import distributed

    from flows.award import run_award
    from flows.dask_runner import dask_task_runner

    data = Path(__file__).resolve().parents[1] / "data" / "award"
    (tmp_path / "in").mkdir()
    for name in ("small.yaml", "session.yaml"):
        (tmp_path / "in" / name).write_bytes((data / name).read_bytes())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("VANBAN_DASK_ADDRESS", cluster.scheduler_address)
        runner = dask_task_runner()
        assert runner.address == cluster.scheduler_address
        outcome = run_award(
            task_runner=runner,
            list_path=tmp_path / "in" / "small.yaml",
            session_path=tmp_path / "in" / "session.yaml",
            output_dir=tmp_path / "out",
            chunk_size=2,
        )
        with distributed.Client(cluster) as client:
            ran = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
    assert {"certificates_task", "decision_task"} <= set(ran)
    folder = Path(outcome.folder)
    assert outcome.awardees == 4 and folder.name == "15-QD-LDLD"
    assert len(PdfReader(str(folder / "in-giay-khen.pdf")).pages) == 4
    assert len(list((folder / "certificates").glob("*.pdf"))) == 4


def test_award_deployment_entrypoint_on_dask(monkeypatch):
    """`flows.pool.deploy_to_pool(..., dask_address=...)` deploys this entrypoint; the flow run's
    process loads it with `VANBAN_DASK_ADDRESS` from the job variables."""
    from prefect.flows import load_flow_from_entrypoint
    from prefect_dask import DaskTaskRunner

    from flows.pool import DASK_ENTRYPOINTS

    monkeypatch.setenv("VANBAN_DASK_ADDRESS", "tcp://render-1.example:8786")
    flow = load_flow_from_entrypoint(DASK_ENTRYPOINTS["award"])
    assert flow.name == "award"
    assert isinstance(flow.task_runner, DaskTaskRunner) and flow.task_runner.address == "tcp://render-1.example:8786"
