"""What an award run shows in the Prefect UI: the awardee table and the summary artifact."""

from __future__ import annotations

from pathlib import Path

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from vanban.award.package import OutputFile
from vanban.award.pricing import AwardBatch
from vanban.award.summary import package_summary
from vanban.vietnamese.money import format_money

KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}
#: The awardee table artifact shows at most this many rows (Prefect refuses events over ~1.5 MB).
ARTIFACT_ROWS = 2000


def awardee_rows(batch: AwardBatch) -> list[dict]:
    """The list as table rows (TT, kind, name, unit, amount), at most `ARTIFACT_ROWS`."""
    return [
        {
            "TT": i,
            "Loại": KIND_LABELS[p.kind],
            "Tên": p.awardee.name,
            "Đơn vị": p.awardee.unit or "",
            "Số tiền (đồng)": format_money(p.amount),
        }
        for i, p in enumerate(batch.awardees[:ARTIFACT_ROWS], start=1)
    ]


def publish_artifacts(batch: AwardBatch, folder: Path, files: list[OutputFile], used: dict) -> None:
    shown = batch.awardees[:ARTIFACT_ROWS]
    more = len(batch.awardees) - len(shown)
    create_table_artifact(
        key="award-awardees",
        table=awardee_rows(batch),
        description=f"Danh sách khen thưởng — {len(batch.awardees)} tập thể, cá nhân"
        + (f" (first {len(shown)} shown; the full list is in the package's manifest)" if more else ""),
    )
    decision_files = [f for f in files if f.ref == "decision"]
    lines = [f"# Quyết định số {used['decision']}", "", *(f"- {line}" for line in package_summary(folder)), ""]
    lines += [f"- [{f.path}]({(folder / f.path).as_uri()})" for f in decision_files]
    lines.append(f"- [in-giay-khen.pdf]({(folder / 'in-giay-khen.pdf').as_uri()})")
    create_markdown_artifact(
        key="award-summary", markdown="\n".join(lines), description="Kết quả tạo quyết định và giấy khen"
    )
