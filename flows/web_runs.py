"""The web page's runs as Prefect flow runs of the deployments `vanban serve` serves.

`vanban web serve --runs prefect` drafts an uploaded input and issues a draft by starting the
kind's deployment (`award/award`, `document/document`: flows/deploy.py) on the configured Prefect
server — a drafting run with `issue: draft` (`award · ds.xlsx · dự thảo`), an issuing run with the
draft's id (`award · ds.xlsx · dự thảo 1c2231e6d7`), named as a clerk finds them in the UI and
tagged `draft` or `issue` — and follows that run through the Prefect API only: its state
(Scheduled, Pending, Running, …), and, for an award being issued, the progress artifact the flow
keeps up to date (`flows.progress.ARTIFACT_KEY`). It never reaches into the flow: what the run
wrote is read afterwards from the register and the outputs folder, like any run's.

    runner = DeploymentRunner()                      # the server of PREFECT_API_URL
    create_app(config, runner=runner)                # vanban.web.cli does this

A run nobody picks up (no `vanban serve`, no worker) stays Scheduled: after `waiting_long_s` the
page says so; after `give_up_s` the run is cancelled (so it cannot issue the draft, or make one,
behind the page's back later) and the job fails with what to do. A failed, crashed or cancelled run fails
the job with its state's message; a missing deployment says to run `vanban serve`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol
from uuid import UUID

from pydantic import BaseModel

from flows import progress
from vanban import kinds
from vanban.i18n import tr
from vanban.web.jobs import WAITING_LONG_S, Report, RunFailed, RunSeen

#: Seconds between two looks at the run.
POLL_S = 1.0
#: Seconds a run may wait for a machine before it is cancelled and the job fails.
GIVE_UP_S = 15 * 60.0
#: Seconds the API may fail to answer, in a row, before the job fails.
API_DOWN_S = 60.0


class Client(Protocol):
    """The part of Prefect's sync client the runner uses (a fake one in tests)."""

    def read_flow_run(self, flow_run_id: UUID) -> Any: ...
    def read_artifacts(self, **kwargs: Any) -> list[Any]: ...
    def set_flow_run_state(self, flow_run_id: UUID, state: Any, force: bool = False) -> Any: ...


def _prefect_client() -> AbstractContextManager[Client]:
    from prefect.client.orchestration import get_client

    return get_client(sync_client=True)  # type: ignore[return-value]


def _start_deployment(name: str, *, parameters: dict[str, Any], flow_run_name: str, tags: list[str]) -> Any:
    from prefect.deployments import run_deployment

    return run_deployment(
        name=name, parameters=parameters, flow_run_name=flow_run_name, tags=tags, timeout=0, as_subflow=False
    )


def _api_url() -> str:
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value() or "")


def deployment_name(kind: kinds.Kind) -> str:
    """`<flow>/<deployment>`, as `run_deployment` and the UI name it (`award/award`)."""
    return f"{kinds.load_flow(kind).name}/{kind.deployment}"


def run_url(api: str, flow_run_id: object) -> str | None:
    """The run's page in the Prefect UI: the API's address without `/api`."""
    if not api:
        return None
    return f"{api.rstrip('/').removesuffix('/api')}/runs/flow-run/{flow_run_id}"


def parameters_of(request: BaseModel) -> dict[str, Any]:
    """The run's parameters: the request without its unset (None) fields. The server checks them
    against the deployment's schema, where an optional choice (order) is a plain enum, not null."""
    return {"request": request.model_dump(mode="json", exclude_none=True)}


class DeploymentRunner:
    """`runner(kind, request, report)` for `vanban.web.jobs.Jobs`: the kind's deployment run."""

    def __init__(
        self,
        *,
        api_url: str | None = None,
        client: Callable[[], AbstractContextManager[Client]] = _prefect_client,
        start: Callable[..., Any] = _start_deployment,
        poll_s: float = POLL_S,
        waiting_long_s: float = WAITING_LONG_S,
        give_up_s: float = GIVE_UP_S,
        api_down_s: float = API_DOWN_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_url = api_url
        self.client, self.start = client, start
        self.poll_s, self.waiting_long_s, self.give_up_s, self.api_down_s = (
            poll_s,
            waiting_long_s,
            give_up_s,
            api_down_s,
        )
        self.clock, self.sleep = clock, sleep

    def __call__(self, kind: kinds.Kind, request: BaseModel, report: Report) -> Any:
        from vanban.web.cli import run_name

        api = self.api_url if self.api_url is not None else _api_url()
        name = deployment_name(kind)
        drafting = getattr(request, "issue", None) == "draft"
        try:
            run = self.start(
                name,
                parameters=parameters_of(request),
                flow_run_name=run_name(kind, request),
                tags=["vanban", "vanban-web", kind.id, "draft" if drafting else "issue"],
            )
        except Exception as exc:
            raise self._not_started(exc, name, api, drafting) from exc
        url = run_url(api, run.id)
        report.run(RunSeen(state=_state_name(run), run_id=str(run.id), url=url))
        return self._follow(run.id, url, report, drafting)

    def _not_started(self, exc: Exception, name: str, api: str, drafting: bool) -> RunFailed:
        from prefect.exceptions import ObjectNotFound

        if isinstance(exc, ObjectNotFound) and drafting:
            return RunFailed(
                tr(
                    "Máy chủ Prefect {api} chưa có deployment “{name}”: hãy chạy vanban serve (nó phục vụ các "
                    "deployment), rồi tải lên lại.",
                    api=api or "?",
                    name=name,
                )
            )
        if isinstance(exc, ObjectNotFound):
            return RunFailed(
                tr(
                    "Máy chủ Prefect {api} chưa có deployment “{name}”: hãy chạy vanban serve (nó phục vụ các "
                    "deployment), rồi ban hành lại.",
                    api=api or "?",
                    name=name,
                )
            )
        error = f"{type(exc).__name__}: {exc}"
        return RunFailed(
            tr(
                "Không bắt đầu được lượt chạy “{name}” trên máy chủ Prefect {api}: {error}",
                name=name,
                api=api or "?",
                error=error,
            )
        )

    def _follow(self, flow_run_id: UUID, url: str | None, report: Report, drafting: bool = False) -> Any:
        started = self.clock()
        unserved = True
        api_quiet_since: float | None = None
        with self.client() as client:
            while True:
                try:
                    run = client.read_flow_run(flow_run_id)
                    api_quiet_since = None
                except Exception as exc:  # a restarting server, a network hiccup: keep looking a while
                    api_quiet_since = api_quiet_since if api_quiet_since is not None else self.clock()
                    if self.clock() - api_quiet_since > self.api_down_s:
                        error = f"{type(exc).__name__}: {exc}"
                        raise RunFailed(
                            tr(
                                "Máy chủ Prefect không trả lời quá {seconds} giây khi theo dõi lượt chạy: {error}",
                                seconds=round(self.api_down_s),
                                error=error,
                            )
                        ) from exc
                    self.sleep(self.poll_s)
                    continue
                kind = _state_type(run)
                # Only a run no machine ever took is "unserved": one scheduled again (a retry)
                # after it ran, or pending on a machine that took it, is not.
                unserved = unserved and kind == "SCHEDULED"
                waited = self.clock() - started
                report.run(
                    RunSeen(
                        state=_state_name(run),
                        run_id=str(flow_run_id),
                        url=url,
                        waiting_long=unserved and waited > self.waiting_long_s,
                    )
                )
                if kind in ("RUNNING", "COMPLETED"):
                    self._progress(client, flow_run_id, report)
                if kind == "COMPLETED":
                    return run
                if kind in ("FAILED", "CRASHED", "CANCELLED", "CANCELLING"):
                    raise RunFailed(
                        tr(
                            "Lượt chạy trên Prefect không thành công ({state}): {message}",
                            state=_state_name(run),
                            message=_state_message(run) or tr("không có thông báo"),
                        )
                    )
                if unserved and waited > self.give_up_s and self._cancel(client, flow_run_id):
                    raise RunFailed(self._gave_up(drafting))
                self.sleep(self.poll_s)

    def _gave_up(self, drafting: bool) -> str:
        minutes = round(self.give_up_s / 60)
        if drafting:
            return tr(
                "Không có máy nào chạy lượt này sau {minutes} phút (cần chạy vanban serve); lượt chạy đã được "
                "hủy, hãy tải lên lại khi máy đã chạy.",
                minutes=minutes,
            )
        return tr(
            "Không có máy nào chạy lượt này sau {minutes} phút (cần chạy vanban serve); lượt chạy "
            "đã được hủy, hãy ban hành lại khi máy đã chạy.",
            minutes=minutes,
        )

    def _progress(self, client: Client, flow_run_id: UUID, report: Report) -> None:
        """Certificates done, from the run's progress artifact (none for a single document)."""
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
        from prefect.client.schemas.sorting import ArtifactSort

        try:
            found = client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]),
                    key=ArtifactFilterKey(any_=[progress.ARTIFACT_KEY]),
                ),
                sort=ArtifactSort.UPDATED_DESC,
                limit=1,
            )
        except Exception:  # progress is a courtesy: the run's state decides
            return
        counts = progress.counts_from_artifact(found[0].data, found[0].description) if found else None
        if counts is not None:
            report(*counts)

    def _cancel(self, client: Client, flow_run_id: UUID) -> bool:
        """Cancel a run still waiting for a machine; False when it was picked up meanwhile."""
        from prefect.states import Cancelled

        try:
            result = client.set_flow_run_state(
                flow_run_id, Cancelled(message=tr("Không có máy nào chạy lượt này (cần chạy vanban serve)"))
            )
        except Exception:
            return False
        status = getattr(result, "status", None)
        return str(getattr(status, "value", status)) == "ACCEPT"


def _state_type(run: Any) -> str:
    state = getattr(run, "state", None)
    kind = getattr(state, "type", None)
    return str(getattr(kind, "value", kind or "SCHEDULED"))


def _state_name(run: Any) -> str:
    state = getattr(run, "state", None)
    return str(getattr(state, "name", None) or _state_type(run).title())


def _state_message(run: Any) -> str:
    state = getattr(run, "state", None)
    return str(getattr(state, "message", None) or "")
