"""A clerk's command runs on the Prefect server the office named, never on one merely found.

Prefect reads its settings when first imported, so each case runs in a fresh interpreter.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading

import pytest

PROBE = "from vanban import cli; cli._quiet_prefect(); import os; print(os.environ.get('PREFECT_API_URL'))"


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args):
        pass


def _api_url_seen(env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANBAN_", "PREFECT_API_URL"))}
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_a_server_found_on_the_default_port_is_not_used():
    if not _port_free(4200):
        pytest.skip("something already listens on 127.0.0.1:4200")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 4200), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert _api_url_seen({}) == "None"
    finally:
        server.shutdown()
        server.server_close()


def test_the_named_server_is_used():
    assert _api_url_seen({"VANBAN_PREFECT_SERVER": "http://render-1.example:4200/api"}) == (
        "http://render-1.example:4200/api"
    )


def test_prefects_own_setting_wins_over_ours():
    seen = _api_url_seen(
        {"PREFECT_API_URL": "http://prefect-1:4200/api", "VANBAN_PREFECT_SERVER": "http://other:4200/api"}
    )
    assert seen == "http://prefect-1:4200/api"
