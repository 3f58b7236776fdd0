"""The page with a register, outputs and uploads of the test's own, and four accounts."""

from __future__ import annotations

import pytest
from support.web import PASSWORD, Web


@pytest.fixture
def web(tmp_path, monkeypatch) -> Web:
    from vanban.web import accounts
    from vanban.web.app import create_app
    from vanban.web.config import WebSettings

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("VANBAN_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("VANBAN_LANG", "vi")
    accounts.add_user("admin", PASSWORD, full_name="Quản Trị Viên", role="admin", issuers=["*"])
    accounts.add_user("vanthu", PASSWORD, full_name="Lê Thị Văn Thư", role="clerk", issuers=["ldld-lai-chau"])
    accounts.add_user("soanthao", PASSWORD, full_name="Nguyễn Thị Soạn", role="drafter", issuers=["ldld-lai-chau"])
    accounts.add_user("khac", PASSWORD, full_name="Phạm Văn Khác", role="clerk", issuers=["ubnd-tinh-khac"])
    app = create_app(WebSettings(secret="test-secret", max_upload_mb=0.5, login_attempts=3))
    return Web(app=app, outputs=tmp_path / "outputs", data=tmp_path / "data")
