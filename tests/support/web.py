"""Helpers for the web page's tests: sign in, read the CSRF token of a page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

PASSWORD = "mat-khau-dai-du"


@dataclass
class Web:
    app: object
    outputs: Path
    data: Path

    def client(self) -> TestClient:
        return TestClient(self.app, base_url="http://testserver")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "every page with a form carries the CSRF token"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    token = csrf_of(client.get("/dang-nhap").text)
    return client.post("/dang-nhap", data={"username": username, "password": password, "csrf": token})


def signed_in(web: Web, username: str) -> tuple[TestClient, str]:
    """A client signed in as `username`, and its CSRF token."""
    client = web.client()
    done = login(client, username)
    assert done.status_code == 200 and done.url.path == "/", done.text[:500]
    return client, csrf_of(client.get("/moi/award").text)
