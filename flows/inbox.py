"""The `inbox` flow: every approved list dropped in the inbox becomes an award package.

Scheduled (every 15 minutes by default, Asia/Ho_Chi_Minh) by `vanban serve` or a worker; the
deployment has a concurrency limit of one, and each file is also claimed by an atomic rename,
so two runs never work the same file. The file handling itself is `vanban.inbox`.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.award import award_flow
from vanban import inbox, settings
from vanban.requests import AwardRequest, InboxRequest

TIMEZONE = "Asia/Ho_Chi_Minh"


def default_root() -> Path:
    return settings.current().inbox_root


@flow(name="inbox", validate_parameters=True)
def inbox_flow(request: InboxRequest = InboxRequest()) -> list[dict]:
    """Scan, claim, run `award` for each settled new list, file it under done/ or failed/."""
    logger = get_run_logger()
    root = Path(request.root) if request.root else default_root()

    def run(list_path: Path, session_path: Path | None) -> str:
        outcome = award_flow(
            request=AwardRequest(
                list_path=str(list_path),
                session_path=str(session_path) if session_path else None,
                output_dir=request.output_dir,
                mode=request.mode,
                issue="now",  # a list dropped in the inbox is approved: issued at once, as before drafts
            )
        )
        return outcome.folder

    outcomes = []
    for candidate in inbox.scan(root, request.settle_seconds):
        result = inbox.process(candidate, run)
        if result is None:
            continue  # another run claimed it first
        logger.info("%s: %s → %s", result.list_name, result.status, result.detail.splitlines()[0])
        outcomes.append(
            {"list": result.list_name, "status": result.status, "detail": result.detail, "folder": str(result.folder)}
        )
    if outcomes:
        lines = ["# Hộp thư đến", "", "| Danh sách | Kết quả | Chi tiết |", "|---|---|---|"]
        lines += [
            f"| {o['list']} | {'xong' if o['status'] == 'done' else 'lỗi'} | {o['detail'].splitlines()[0]} |"
            for o in outcomes
        ]
        create_markdown_artifact(key="inbox-run", markdown="\n".join(lines), description="Danh sách đã xử lý")
    return outcomes
