"""Deployments of the flows on a process work pool, for a Prefect server shared by several machines.

Why a work pool: with one Prefect server (on PostgreSQL) and one or more workers
(`prefect worker start --pool <pool> --type process`) on other machines, a clerk starts a job
from the UI or with `run_deployment`, and whichever worker polls first runs it. The flows
themselves are unchanged; this module only tells the server where their code is.

Why a local folder as the source: every machine mounts the same shared folder at the same path
(an NFS mount such as `/srv/vanban`), with the repository and its virtualenv in it. A deployment
built with `flow.from_source(<folder>, ...)` records one pull step, "set the working directory
to <folder>"; nothing is copied, cloned or built, so there is no image registry and no git
server to run, and updating the code on the share updates every worker at once.

Why module entrypoints (`flows.award.award_flow`, not `flows/award.py:award_flow`): a file
entrypoint is loaded as a top-level module named `award`, with `flows/` put first on `sys.path`
(so `flows/requests.py` would shadow the `requests` library) and tasks pickled by reference to a
module that a Dask worker cannot import. The module path is importable wherever vanban is
installed.

The register and the output folder are chosen per deployment through environment variables in
the job variables (`VANBAN_DATABASE_URL`, `VANBAN_OUTPUTS`, `VANBAN_DASK_ADDRESS`, …), so the
workers need no configuration of their own beyond `PREFECT_API_URL`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent

INBOX_ENTRYPOINT = "flows.inbox.inbox_flow"


def entrypoints() -> dict[str, str]:
    """Deployment name → module entrypoint, for every kind of the registry and the inbox.
    The deployment is named as the kind says: `document/document`, `award/award`, `inbox/inbox`."""
    from vanban import kinds

    found = {kind.deployment: kind.flow.replace(":", ".") for kind in kinds.all_kinds()}
    return {**found, "inbox": INBOX_ENTRYPOINT}


# With a Dask cluster: the same `award` flow, its chunks rendered by the cluster (flows/dask_runner.py).
DASK_ENTRYPOINTS = {"award": "flows.dask_runner.award_flow_on_dask"}


def ensure_process_pool(pool: str) -> bool:
    """Create the process work pool `pool` unless it exists; True when it was created.

    `prefect work-pool create <pool> --type process` does the same from a shell; doing it here
    keeps `deploy_to_pool` a single idempotent step for scripts and tests."""
    from prefect import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            existing = client.read_work_pool(pool)
        except ObjectNotFound:
            pass
        else:
            if existing.type != "process":
                raise ValueError(f"work pool {pool!r} exists with type {existing.type!r}, not 'process'")
            return False
        try:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
        except ObjectAlreadyExists:  # another machine created it meanwhile
            return False
        return True


def job_env(
    *,
    database_url: str | None = None,
    outputs: str | Path | None = None,
    dask_address: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment every flow run of the deployments gets (only the values given)."""
    env = {
        "VANBAN_DATABASE_URL": database_url,
        "VANBAN_OUTPUTS": str(outputs) if outputs else None,
        "VANBAN_DASK_ADDRESS": dask_address,
    }
    env.update(extra or {})
    return {k: v for k, v in env.items() if v}


def deploy_to_pool(
    pool: str,
    *,
    source: Path = ROOT,
    names: Iterable[str] | None = None,
    database_url: str | None = None,
    outputs: str | Path | None = None,
    dask_address: str | None = None,
    env: Mapping[str, str] | None = None,
    work_queue: str | None = None,
    inbox_root: str | Path | None = None,
    inbox_cron: str | None = None,
) -> list[str]:
    """Create the process pool `pool` if missing and (re)register one deployment per flow in `names`.

    `source` is the folder holding the code (the repository root), at the same path on every
    worker machine. `database_url` / `outputs` / `env` become the runs' environment (see
    `job_env`). With `dask_address`, `award` renders its certificate chunks on that Dask
    scheduler instead of a local process pool. Registering again updates the deployments in place
    (same names), so this is safe to run after every code update. `inbox` runs on its cron
    schedule (Asia/Ho_Chi_Minh), one run at a time, on `inbox_root` (a folder on the shared
    storage). Returns `flow/deployment` names, e.g. `["document/document", "award/award"]`, ready for
    `run_deployment`.
    """
    from prefect import Flow
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Cron

    from flows.inbox import TIMEZONE
    from vanban import settings

    source = Path(source).resolve()
    known = entrypoints()
    names = list(names or known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown flow(s) {unknown}; known: {sorted(known)}")
    ensure_process_pool(pool)
    variables = {"env": job_env(database_url=database_url, outputs=outputs, dask_address=dask_address, extra=env)}
    deployed = []
    for name in names:
        entrypoint = (DASK_ENTRYPOINTS.get(name) if dask_address else None) or known[name]
        # Called from synchronous code, Prefect's dual sync/async methods return their values.
        flow = cast(Flow, Flow.from_source(source=str(source), entrypoint=entrypoint))
        # `to_deployment(...).apply()` is what `flow.deploy(build=False, push=False)` does, minus
        # its console tables and image checks: a local folder needs no image.
        inbox = name == "inbox"
        deployment = cast(
            RunnerDeployment,
            flow.to_deployment(
                name=name,
                work_pool_name=pool,
                work_queue_name=work_queue,
                job_variables=variables,
                schedule=Cron(inbox_cron or settings.current().inbox_cron, timezone=TIMEZONE) if inbox else None,
                concurrency_limit=1 if inbox else None,
                parameters={"request": {"root": str(inbox_root)}} if inbox and inbox_root else None,
            ),
        )
        deployment.apply(work_pool_name=pool)
        deployed.append(f"{flow.name}/{name}")
    return deployed


if __name__ == "__main__":  # python -m flows.pool <pool> [--database-url URL] [--outputs DIR] [--dask ADDR]
    import argparse

    parser = argparse.ArgumentParser(description="Register the vanban deployments on a process work pool.")
    parser.add_argument("pool")
    parser.add_argument("--source", type=Path, default=ROOT, help="code folder, same path on every worker")
    parser.add_argument("--database-url", help="VANBAN_DATABASE_URL for the runs (the shared register)")
    parser.add_argument("--outputs", help="VANBAN_OUTPUTS for the runs (shared output folder)")
    parser.add_argument("--dask", dest="dask_address", help="Dask scheduler for award's rendering, tcp://host:8786")
    parser.add_argument("--inbox", dest="inbox_root", help="inbox folder on the share (one sub-folder per issuer)")
    parser.add_argument("--inbox-cron", help="inbox schedule, Asia/Ho_Chi_Minh (default: every 15 minutes)")
    parser.add_argument(
        "--flow",
        dest="names",
        action="append",
        choices=sorted(entrypoints()),
        help="only this flow (repeatable); default: all",
    )
    args = parser.parse_args()
    for deployment in deploy_to_pool(
        args.pool,
        source=args.source,
        names=args.names,
        database_url=args.database_url,
        outputs=args.outputs,
        dask_address=args.dask_address,
        inbox_root=args.inbox_root,
        inbox_cron=args.inbox_cron,
    ):
        print(deployment)
