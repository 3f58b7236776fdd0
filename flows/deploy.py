"""Deployments of vanban's flows, and `vanban serve`: one machine running them on schedule.

`plan` and `award` are started from the Prefect UI (a form built from their typed requests) or
from the command line; `inbox` runs on a cron schedule in Asia/Ho_Chi_Minh, one run at a time.
For a server with workers on several machines see flows/pool.py and docs/operations.md.
"""

from __future__ import annotations

import os

from prefect import serve
from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from flows.award import award_flow
from flows.inbox import DEFAULT_CRON, TIMEZONE, inbox_flow
from flows.plan import plan_flow


def local_deployments(inbox_cron: str | None = None, inbox_root: str | None = None):
    """The three deployments. Module entrypoints (`flows.award.award_flow`): a file entrypoint
    would load the flow as a top-level module `award` with `flows/` first on sys.path."""
    cron = inbox_cron or os.environ.get("VANBAN_INBOX_CRON") or DEFAULT_CRON
    inbox_params = {"request": {"root": inbox_root}} if inbox_root else None
    module = {"entrypoint_type": EntrypointType.MODULE_PATH, "tags": ["vanban"]}
    return [
        plan_flow.to_deployment(name="plan", description="Kế hoạch (DOCX, PDF) từ tệp Markdown", **module),
        award_flow.to_deployment(name="award", description="Quyết định khen thưởng, danh sách, giấy khen", **module),
        inbox_flow.to_deployment(name="inbox", schedule=Cron(cron, timezone=TIMEZONE), concurrency_limit=1,
                                 parameters=inbox_params, description="Xử lý danh sách đã duyệt trong hộp thư đến",
                                 **module),
    ]


def serve_all(inbox_cron: str | None = None, inbox_root: str | None = None) -> None:
    """Serve every deployment from this process (blocks until interrupted)."""
    serve(*local_deployments(inbox_cron, inbox_root), print_starting_message=True)
