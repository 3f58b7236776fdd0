"""The web page's settings (environment: `VANBAN_WEB_<FIELD>`), separate from the core settings.

The cookie-signing secret is the one value that must survive restarts and stay private: from
`VANBAN_WEB_SECRET`, else a random one written once to `<data dir>/web-secret` (mode 0600), so a
single machine works with no configuration and every worker of one office signs alike.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from vanban import settings


class WebSettings(BaseSettings):
    """How the page runs: limits, cookies, where it sits behind a proxy."""

    model_config = SettingsConfigDict(env_prefix="VANBAN_WEB_", extra="ignore", frozen=True)

    secret: str | None = Field(default=None, description="key signing the session cookies")
    max_upload_mb: float = Field(default=20.0, gt=0, description="largest file a clerk may upload, in MB")
    session_hours: float = Field(default=10.0, gt=0, description="a sign-in lasts this long")
    secure_cookies: bool = Field(default=False, description="send cookies over HTTPS only (behind a TLS proxy)")
    root_path: str = Field(default="", description="the path prefix the reverse proxy serves the page under")
    login_attempts: int = Field(default=5, ge=1, description="failed sign-ins allowed per window")
    login_window_s: float = Field(default=900.0, gt=0, description="the window of the sign-in limit, seconds")

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def uploads_dir(self) -> Path:
        """Uploaded inputs, one folder per content hash (kept: a draft's inputs must not change)."""
        return settings.current().register_dir / "web-uploads"


def secret_key(config: WebSettings) -> str:
    if config.secret:
        return config.secret
    path = settings.current().register_dir / "web-secret"
    if path.is_file():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    return value
