"""Rendering at scale: the award flow's certificate chunks on a Dask cluster (prefect-dask).

Why: one machine renders a few certificates per second per core. For a list of thousands the
chunks (one Prefect task each, see flows/award.py) can go to a Dask cluster instead of the
flow's local process pool, with no change to the flow: only its task runner differs.

    from flows.award import run_award
    from flows.dask_runner import dask_task_runner
    run_award(task_runner=dask_task_runner("tcp://render-1:8786"), list_path=..., output_dir=...)

A deployment gets the same through the `award_flow_on_dask` entrypoint below (see
`flows.pool.deploy_to_pool(..., dask_address=...)`), which reads `VANBAN_DASK_ADDRESS` when the
flow run starts.

Requirements on the Dask workers (a remote cluster; a local one inherits them):
- Shared file system. Each chunk task writes its DOCX/PDF files into the package's staging
  folder (`<output root>/<issuer>/<year>/.staging-…`) and returns only their names and hashes;
  the flow then assembles the print PDF and the package from those files. So the output root
  must be the same path on the flow's machine and on every Dask worker (e.g. an NFS mount of
  `VANBAN_OUTPUTS`), and so must a calibration file, if one is used.
- The same code and environment: vanban installed (the tasks are pickled by reference to
  `flows.award`), the fonts, `VANBAN_TEMPLATES` if the office uses its own templates, and
  network access to the Prefect API (`PREFECT_API_URL`), where the tasks report their states.
- One thread per worker process (`dask worker tcp://… --nthreads 1 --nworkers <cores>`): PDF
  layout is CPU-bound Python, so threads in one process would only queue on the GIL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vanban import settings

if TYPE_CHECKING:
    from prefect_dask import DaskTaskRunner

ADDRESS_ENV = "VANBAN_DASK_ADDRESS"


def dask_task_runner(address: str | None = None, n_workers: int = 2) -> DaskTaskRunner:
    """A task runner on the Dask scheduler at `address` (default: `$VANBAN_DASK_ADDRESS`), or,
    with neither, on a local cluster of `n_workers` processes of one thread each, started when
    the flow starts and stopped when it ends."""
    from prefect_dask import DaskTaskRunner

    address = address or settings.current().dask_address
    if address:
        return DaskTaskRunner(address=address)
    # No dashboard: port 8787 may be taken (another cluster, another test run) and nobody looks.
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None},
    )


def __getattr__(name: str) -> Any:
    """`award_flow_on_dask`: the `award` flow with `dask_task_runner()` as its task runner.

    Built on access (module `__getattr__`) so that importing `dask_task_runner` does not import
    the flow, and so that `VANBAN_DASK_ADDRESS` is read in the flow run's process, where the work
    pool's job variables have set it."""
    if name == "award_flow_on_dask":
        from flows.award import award_flow

        return award_flow.with_options(task_runner=dask_task_runner())  # type: ignore[arg-type]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
