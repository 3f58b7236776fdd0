"""`vanban web user add/list`, and the page under a reverse proxy's prefix."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from vanban.cli import app
from vanban.web import accounts


def test_user_add_and_list(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PW", "mot-mat-khau-rat-dai")
    runner = CliRunner()
    made = runner.invoke(
        app,
        [
            "web",
            "user",
            "add",
            "thu",
            "--name",
            "Lê Thị Thư",
            "--role",
            "clerk",
            "--issuer",
            "ldld-lai-chau",
            "--password-env",
            "PW",
        ],
    )
    assert made.exit_code == 0, made.output
    assert made.stdout.strip() == "thu\tclerk\tldld-lai-chau"
    assert accounts.authenticate("thu", "mot-mat-khau-rat-dai") is not None
    assert accounts.authenticate("thu", "sai") is None
    again = runner.invoke(
        app, ["web", "user", "add", "thu", "--name", "X", "--role", "clerk", "--issuer", "*", "--password-env", "PW"]
    )
    assert again.exit_code == 2 and "exists" in again.output
    bad_role = runner.invoke(
        app, ["web", "user", "add", "b", "--name", "B", "--role", "boss", "--issuer", "*", "--password-env", "PW"]
    )
    assert bad_role.exit_code == 2 and "role" in bad_role.output
    monkeypatch.setenv("SHORT", "ngan")
    short = runner.invoke(
        app, ["web", "user", "add", "c", "--name", "C", "--role", "clerk", "--issuer", "*", "--password-env", "SHORT"]
    )
    assert short.exit_code == 2 and "10 characters" in short.output
    monkeypatch.setenv("PW2", "mat-khau-moi-cung-dai")
    changed = runner.invoke(app, ["web", "user", "passwd", "thu", "--password-env", "PW2"])
    assert changed.exit_code == 0, changed.output
    assert accounts.authenticate("thu", "mot-mat-khau-rat-dai") is None
    assert accounts.authenticate("thu", "mat-khau-moi-cung-dai") is not None
    nobody = runner.invoke(app, ["web", "user", "passwd", "khong-co", "--password-env", "PW2"])
    assert nobody.exit_code == 2 and "no account" in nobody.output
    listed = runner.invoke(app, ["web", "user", "list"])
    assert listed.stdout.splitlines() == ["thu\tclerk\tldld-lai-chau\tLê Thị Thư"]


def test_links_carry_the_proxy_prefix(tmp_path, monkeypatch):
    from vanban.web.app import create_app
    from vanban.web.config import WebSettings

    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    client = TestClient(create_app(WebSettings(secret="s", root_path="/vanban")), root_path="/vanban")
    page = client.get("/dang-nhap").text
    assert 'action="/vanban/dang-nhap"' in page and 'href="/vanban/static/vanban.css"' in page
    first = client.get("/", follow_redirects=False)
    assert first.headers["location"] == "/vanban/dang-nhap"


def test_web_serve_answers_and_stops(tmp_path):
    """`vanban web serve` starts uvicorn on the given port under the proxy prefix; stopped by its pid."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "VANBAN_DATA_DIR": str(tmp_path / "data"), "VANBAN_WEB_SECRET": "s"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "vanban.cli", "web", "serve", "--port", str(port), "--root-path", "/vanban"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        body = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap", timeout=2) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.3)
        assert b'action="/vanban/dang-nhap"' in body, proc.stderr.read(2000) if proc.poll() is not None else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_runs_auto_stays_in_this_process_without_a_configured_server_that_answers(monkeypatch):
    """The embedded default (one machine, no Prefect server) keeps running the flow in the page's
    process; a server merely named but down does too, and says so."""
    import pytest
    import typer

    from vanban.web.cli import choose_runs, flow_runner

    monkeypatch.delenv("VANBAN_PREFECT_SERVER", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("VANBAN_LANG", "vi")
    runner, said = choose_runs("auto")
    assert runner is flow_runner and said == (
        "Lượt ban hành chạy ngay trong tiến trình này (chưa cấu hình máy chủ Prefect)."
    )
    with pytest.raises(typer.BadParameter) as refused:
        choose_runs("prefect")
    assert "VANBAN_PREFECT_SERVER" in str(refused.value)

    down = f"http://127.0.0.1:{_free_port()}/api"
    monkeypatch.setenv("VANBAN_PREFECT_SERVER", down)
    runner, said = choose_runs("auto")
    assert runner is flow_runner and f"máy chủ Prefect {down} không trả lời" in said
    runner, said = choose_runs("here")
    assert runner is flow_runner and "--runs here" in said


def test_web_serve_says_where_issuing_runs(tmp_path, monkeypatch):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: served.append(application))
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("VANBAN_PREFECT_SERVER", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("VANBAN_LANG", "vi")
    done = CliRunner().invoke(app, ["web", "serve", "--port", "8123"])
    assert done.exit_code == 0, done.output
    assert "Lượt ban hành chạy ngay trong tiến trình này (chưa cấu hình máy chủ Prefect)." in done.output
    assert served and served[0].state.jobs.runner.__name__ == "flow_runner"
    wrong = CliRunner().invoke(app, ["web", "serve", "--runs", "elsewhere"])
    assert wrong.exit_code == 2 and "auto | prefect | here" in wrong.output
