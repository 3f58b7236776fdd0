"""vanban's configuration: one settings object, read from the environment when first needed.

Every `VANBAN_*` variable is a field of `Settings` (documented in the README's table). Nothing
reads the environment at import time: `current()` builds the settings when a command first
asks, and builds them again only when a `VANBAN_*` variable has changed since (tests and the
Prefect workers set them per run).

Defaults depend on where vanban runs. From a checkout (a `pyproject.toml` beside the package)
outputs, the register and the inbox live in the checkout (`outputs/`, `data/`, `inbox/`), as
`make demo` expects. Installed from a wheel, the register lives in the user's data folder
(`$XDG_DATA_HOME/vanban`, one register per user, never one per working folder: two registers
would give the same number twice) and outputs and inbox under the current folder.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
#: The checkout holding the package, when vanban runs from one (None when installed).
CHECKOUT: Path | None = (
    PACKAGE_DIR.parent
    if (PACKAGE_DIR.parent / "pyproject.toml").is_file() and (PACKAGE_DIR.parent / "doc_templates").is_dir()
    else None
)


def _user_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vanban"


class Settings(BaseSettings):
    """Where vanban reads and writes, and the services it uses (environment: `VANBAN_<FIELD>`)."""

    model_config = SettingsConfigDict(env_prefix="VANBAN_", extra="ignore", frozen=True)

    templates: Path | None = Field(
        default=None, description="a complete template folder replacing the bundled doc_templates/"
    )
    office: Path | None = Field(
        default=None,
        description="the office's own folder, laid over the templates: only the files it changes (thư mục của cơ quan)",
    )
    cache_dir: Path | None = Field(
        default=None, description="where derived files are kept (the office folder laid over the templates)"
    )
    outputs: Path | None = Field(default=None, description="root folder of generated files")
    data_dir: Path | None = Field(default=None, description="folder of the register (SQLite)")
    database_url: str | None = Field(
        default=None, description="the register in PostgreSQL: postgresql+psycopg://user@host/db"
    )
    inbox: Path | None = Field(default=None, description="inbox folder, one sub-folder per issuer")
    inbox_cron: str = Field(default="*/15 * * * *", description="inbox schedule, Asia/Ho_Chi_Minh")
    dask_address: str | None = Field(default=None, description="Dask scheduler for certificate rendering")
    prefect_server: str | None = Field(
        default=None,
        description="the Prefect API a clerk's command runs on, e.g. http://127.0.0.1:4200/api (what `vanban serve` "
        "starts); unset: Prefect's own PREFECT_API_URL, else a temporary server per command. A server merely found "
        "running is never used unless named here",
    )
    signing: Path | None = Field(
        default=None, description="the office's signing file (ky-so.yaml): keys and images per issuer and signer"
    )
    certificate_renderer: Literal["fast", "weasyprint"] = Field(
        default="fast",
        description="how certificate PDFs are made: fast (the design once, then only text) or weasyprint (every page laid out)",
    )
    worker_start: Literal["forkserver", "spawn"] = Field(
        default="forkserver",
        description="how rendering workers start: forked from a server that imported the renderers once, "
        "or spawned fresh (Prefect's default, ~3 s of imports each)",
    )
    resident: Literal["on", "off"] = Field(
        default="on",
        description="rendering commands run in a resident process that imported everything once "
        "(vanban/resident); read by the `vanban` entry point itself",
    )
    resident_idle: float = Field(default=1200.0, gt=0, description="seconds without a command before it ends")
    list_renderer: Literal["fast", "weasyprint"] = Field(
        default="fast",
        description="how a long list's pages after its first are made in the decision's PDF: fast (drawn from "
        "WeasyPrint's first pages, checked against them) or weasyprint (every page laid out)",
    )
    lang: Literal["vi", "en"] = Field(default="vi", description="language of messages")
    max_list_rows: int | None = Field(default=None, gt=0, description="rows one list sheet may hold (vanban/limits.py)")
    max_amount: int | None = Field(default=None, gt=0, description="ceiling of one awardee's amount in đồng")

    @property
    def output_root(self) -> Path:
        return self.outputs or (CHECKOUT / "outputs" if CHECKOUT else Path.cwd() / "outputs")

    @property
    def register_dir(self) -> Path:
        return self.data_dir or (CHECKOUT / "data" if CHECKOUT else _user_data_dir())

    @property
    def cache_root(self) -> Path:
        """Derived files only (safe to delete): `$XDG_CACHE_HOME/vanban` unless set."""
        if self.cache_dir:
            return self.cache_dir
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "vanban"

    @property
    def inbox_root(self) -> Path:
        return self.inbox or (CHECKOUT / "inbox" if CHECKOUT else Path.cwd() / "inbox")


@functools.lru_cache(maxsize=16)
def _settings_for(_environment: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()


def current() -> Settings:
    """The settings for the environment as it is now (built once per distinct environment)."""
    # CPython's raw environment (bytes on POSIX): iterating os.environ decodes every variable,
    # ~0.2 ms a call, and template lookups call this thousands of times in an award run
    raw = getattr(os.environ, "_data", None)
    if isinstance(raw, dict) and isinstance(next(iter(raw), b""), bytes):
        key = tuple(sorted(kv for kv in raw.items() if kv[0].startswith(b"VANBAN_")))
    else:
        key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("VANBAN_")))
    return _settings_for(key)
