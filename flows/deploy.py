"""Deployments of vanban's flows, and `vanban serve`: one machine running them on schedule.

One deployment per kind of the registry (`vanban.kinds`: `document` for Markdown-written
documents, `award` for award sessions), started from the Prefect UI (a form built from the kind's
typed request) or from the command line, plus `inbox`, which runs on a cron schedule in
Asia/Ho_Chi_Minh, one run at a time. For a server with workers on several machines see
flows/pool.py and docs/operations.md.
"""

from __future__ import annotations

from typing import Any, cast

from prefect import serve
from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from flows.inbox import TIMEZONE, inbox_flow
from vanban import kinds, settings


def local_deployments(inbox_cron: str | None = None, inbox_root: str | None = None):
    """Every kind's deployment and the inbox. Module entrypoints (`flows.award.award_flow`): a file
    entrypoint would load the flow as a top-level module `award` with `flows/` first on sys.path."""
    cron = inbox_cron or settings.current().inbox_cron
    inbox_params = {"request": {"root": inbox_root}} if inbox_root else None
    module = {"entrypoint_type": EntrypointType.MODULE_PATH, "tags": ["vanban"]}
    inbox = cast(Any, inbox_flow)  # the flow's typed signature hides to_deployment's keyword types
    # One deployment per name: kinds sharing a flow (written, submission) share its deployment,
    # and a run names its kind in the request.
    first: dict[str, kinds.Kind] = {}
    for kind in kinds.all_kinds():
        first.setdefault(kind.deployment, kind)
    deployments = [
        kinds.load_flow(kind).to_deployment(name=kind.deployment, description=kind.title, **module)
        for kind in first.values()
    ]
    deployments.append(
        inbox.to_deployment(
            name="inbox",
            schedule=Cron(cron, timezone=TIMEZONE),
            concurrency_limit=1,
            parameters=inbox_params,
            description="Xử lý danh sách đã duyệt trong hộp thư đến",
            **module,
        )
    )
    return deployments


def serve_all(inbox_cron: str | None = None, inbox_root: str | None = None) -> None:
    """Serve every deployment from this process (blocks until interrupted)."""
    serve(*local_deployments(inbox_cron, inbox_root), print_starting_message=True)
