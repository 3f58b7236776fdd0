"""Prefect's terminal logs for a clerk's command: bad input is said once, by the command.

Importing `prefect.logging` configures Prefect's loggers; only after that can the filter that
hides the ERROR record of an `InputError` (already printed as a Vietnamese list of problems)
go on. This lives in `flows/` because the core package never imports Prefect.
"""

from __future__ import annotations

import prefect.logging  # noqa: F401 - configures Prefect's loggers; the filter goes on after

from vanban.failure import quiet_input_errors_in_prefect_logs


def quiet() -> None:
    quiet_input_errors_in_prefect_logs()
