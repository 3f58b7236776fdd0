"""Signing in, roles, CSRF, the sign-in limit, uploads refused by size and content, the problem
table in Vietnamese, autoescaping of hostile names, and files served only by id."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

from support.award_docs import SESSION, individual, write_list
from support.paths import ROOT
from support.web import PASSWORD, login, signed_in

from vanban.web import audit

DATA = ROOT / "tests" / "data" / "award"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_pages_need_sign_in_and_a_wrong_password_is_refused(web):
    client = web.client()
    first = client.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].endswith("/dang-nhap")
    page = client.get("/dang-nhap").text
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    wrong = login(client, "vanthu", "sai-mat-khau-roi")
    assert wrong.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in wrong.text
    assert client.get("/", follow_redirects=False).status_code == 303
    right = login(client, "vanthu")
    assert right.status_code == 200 and "Lê Thị Văn Thư (Văn thư)" in _text(right.text)
    actions = [(line.username, line.action) for line in audit.recent()]
    assert actions[:2] == [("vanthu", "login"), ("vanthu", "login_failed")]


def test_sign_in_is_limited_after_repeated_failures(web):
    client = web.client()
    for _ in range(3):
        assert login(client, "vanthu", "doan-mo-mat-khau").status_code == 401
    limited = login(client, "vanthu")  # even the right password, until the window moves on
    assert limited.status_code == 429 and "Đăng nhập sai quá nhiều lần" in limited.text


def test_a_post_without_the_csrf_token_is_refused(web):
    client, token = signed_in(web, "vanthu")
    files = {"list": ("small.yaml", (DATA / "small.yaml").read_bytes())}
    refused = client.post("/moi/award", files=files, data={})
    assert refused.status_code == 403 and "Biểu mẫu đã hết hạn" in refused.text
    forged = client.post("/moi/award", files=files, data={"csrf": "x" * 43})
    assert forged.status_code == 403
    assert not list(web.outputs.glob("**/*.pdf"))  # nothing drafted
    # and sign-in itself needs the token (a login CSRF)
    assert web.client().post("/dang-nhap", data={"username": "vanthu", "password": PASSWORD}).status_code == 403


def test_a_bad_list_shows_every_problem_with_sheet_row_and_column(web, tmp_path):
    client, token = signed_in(web, "soanthao")
    folder = tmp_path / "in"
    bad = write_list(
        folder,
        [],
        [individual("Nguyễn Văn An", "Nam", amount="bảy trăm nghìn"), individual("   ", "Nữ", "Kế toán")],
        name="danh-sach-loi.xlsx",
        issuer="ldld-lai-chau",
        number=15,
        date="2026-01-05",
    )
    shown = client.post(
        "/moi/award",
        data={"csrf": token},
        files={
            "list": (bad.name, bad.read_bytes()),
            "session": ("session.yaml", (folder / "session.yaml").read_bytes()),
        },
    )
    assert shown.status_code == 422
    rows = re.findall(r"<tr>\s*(.*?)\s*</tr>", shown.text, re.S)
    cells = [[_text(c) for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in rows]
    cells = [c for c in cells if c]
    assert len(cells) == 2, cells
    by_row = {c[2]: c for c in cells}
    amount, blank = by_row["2"], by_row["3"]  # row 1 holds the headers
    assert amount[0] == "danh-sach-loi.xlsx" and amount[1] == "Cá nhân" and amount[3] == "H"
    assert "bảy trăm nghìn" in amount[5] and amount[6]
    assert blank[1] == "Cá nhân" and blank[3] == "B"
    assert "Dữ liệu vào có 2 lỗi; chưa ghi tệp nào, chưa lấy số nào" in shown.text
    assert not (web.outputs / "du-thao").exists()


def test_uploads_are_checked_by_content_and_size(web, tmp_path):
    client, token = signed_in(web, "soanthao")
    session = ("session.yaml", (DATA / "session.yaml").read_bytes())
    renamed = client.post(
        "/moi/award", data={"csrf": token}, files={"list": ("ds.xlsx", b"STT,Ho ten\n1,An\n"), "session": session}
    )
    assert renamed.status_code == 422 and "nội dung tệp không đúng loại .xlsx" in renamed.text
    binary = client.post(
        "/moi/award", data={"csrf": token}, files={"list": ("ds.csv", b"%PDF-1.7\x00\x01\x02"), "session": session}
    )
    assert binary.status_code == 422 and "nội dung tệp không đúng loại .csv" in binary.text
    huge = io.BytesIO(b"a,b\n" * 200_000)  # 800 kB > the 0.5 MB of this test's settings
    too_big = client.post("/moi/award", data={"csrf": token}, files={"list": ("ds.csv", huge), "session": session})
    assert too_big.status_code == 422 and "tệp quá lớn" in too_big.text and "0.5 MB" in too_big.text
    exe = client.post("/moi/award", data={"csrf": token}, files={"list": ("ds.exe", b"MZ"), "session": session})
    assert exe.status_code == 422 and "loại tệp không đọc được" in exe.text


def _draft(client, token) -> str:
    done = client.post(
        "/moi/award",
        data={"csrf": token, "mode": "full"},
        files={
            "list": ("small.yaml", (DATA / "small.yaml").read_bytes()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text[:2000]
    return done.headers["location"].rsplit("/", 1)[1]


def test_a_draft_is_previewed_and_its_files_served_by_id_only(web):
    client, token = signed_in(web, "soanthao")
    draft_id = _draft(client, token)
    page = client.get(f"/du-thao/{draft_id}")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Dự thảo" in text and "Xem trước dự thảo" in text
    assert "Ban hành (văn thư)" not in text  # a drafting clerk cannot issue
    images = re.findall(r'<img src="(/xem-truoc/[^"]+)"', page.text)
    assert len(images) == 2  # the decision with its list, and the sample certificate
    png = client.get(images[0])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    links = re.findall(rf'href="(/tep/{draft_id}/\d+)"', page.text)
    names = re.findall(rf'href="/tep/{draft_id}/\d+">([^<]+)</a>', page.text)
    assert len(links) == 4 and any(n.startswith("du-thao-quyet-dinh") and n.endswith(".pdf") for n in names)
    pdf = client.get(links[names.index(next(n for n in names if n.endswith(".pdf")))])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # nothing but an index in the draft's own listing names a file
    for probe in (
        f"/tep/{draft_id}/9",
        f"/tep/{draft_id}/-1",
        f"/tep/{draft_id}/..%2F..%2Fdata%2Fregister.sqlite3",
        f"/tep/{draft_id}/ban-hanh/0",
        "/tep/..%2F..%2Fetc%2Fpasswd/0",
        "/tep/0000000000/0",
        "/static/..%2Fapp.py",
    ):
        got = client.get(probe)
        assert got.status_code in (404, 422), (probe, got.status_code)
        assert b"root:" not in got.content and b"SQLite" not in got.content
    assert [line.action for line in audit.recent()][:1] == ["download"]


def test_another_issuers_clerk_cannot_see_or_issue_the_draft(web):
    client, token = signed_in(web, "soanthao")
    draft_id = _draft(client, token)
    other, other_token = signed_in(web, "khac")
    assert draft_id not in other.get("/").text
    assert other.get(f"/du-thao/{draft_id}").status_code == 404
    assert other.get(f"/tep/{draft_id}/0").status_code == 404
    refused = other.post(f"/du-thao/{draft_id}/ban-hanh", data={"csrf": other_token, "date": "2026-01-09"})
    assert refused.status_code == 404
    # the drafter of the right issuer may not issue either: that is the văn thư's
    drafter = client.post(f"/du-thao/{draft_id}/ban-hanh", data={"csrf": token, "date": "2026-01-09"})
    assert drafter.status_code == 403 and "Chỉ văn thư" in drafter.text
    # and an account for another issuer cannot draft for this one
    upload = other.post(
        "/moi/award",
        data={"csrf": other_token},
        files={
            "list": ("small.yaml", (DATA / "small.yaml").read_bytes()),
            "session": ("session.yaml", (DATA / "session.yaml").read_bytes()),
        },
    )
    assert upload.status_code == 403 and "ldld-lai-chau" in upload.text


def test_hostile_names_are_shown_as_text(web, tmp_path):
    client, token = signed_in(web, "soanthao")
    hostile = '<script>alert("x")</script>'
    folder = tmp_path / "in"
    bad = write_list(folder, [], [individual("Nguyễn Văn An", "Nam", amount=hostile)], **{**SESSION})
    shown = client.post(
        "/moi/award",
        data={"csrf": token},
        files={
            "list": ("<img src=x onerror=alert(1)>.xlsx", bad.read_bytes()),
            "session": ("session.yaml", (folder / "session.yaml").read_bytes()),
        },
    )
    assert shown.status_code == 422
    assert "<script>alert" not in shown.text and "&lt;script&gt;alert" in shown.text
    assert "<img src=x" not in shown.text


def test_abandon_needs_a_reason_and_is_logged(web):
    client, token = signed_in(web, "soanthao")
    draft_id = _draft(client, token)
    empty = client.post(f"/du-thao/{draft_id}/bo", data={"csrf": token, "reason": " "})
    assert empty.status_code == 422 and "cần ghi lý do bỏ dự thảo" in empty.text
    done = client.post(f"/du-thao/{draft_id}/bo", data={"csrf": token, "reason": "Lãnh đạo không ký"})
    assert done.status_code == 200 and "Đã bỏ" in done.text and "Lãnh đạo không ký" in done.text
    assert audit.recent()[0].action == "abandon"


def test_english_is_available(web, monkeypatch):
    monkeypatch.setenv("VANBAN_LANG", "en")
    page = web.client().get("/dang-nhap").text
    assert "Sign in" in page and "Đăng nhập" not in page


def test_help_pages_are_the_guides_rendered_without_raw_html(web):
    client, _ = signed_in(web, "soanthao")
    page = client.get("/huong-dan/khen-thuong")
    assert page.status_code == 200 and "<table>" in page.text
    assert client.get("/huong-dan/..%2F..%2FREADME").status_code == 404
    assert client.get("/huong-dan/khong-co").status_code == 404


def test_accounts_are_managed_by_the_administrator_only(web):
    clerk, clerk_token = signed_in(web, "vanthu")
    assert clerk.get("/tai-khoan").status_code == 403
    admin, token = signed_in(web, "admin")
    made = admin.post(
        "/tai-khoan",
        data={
            "csrf": token,
            "username": "moi",
            "full_name": "Người Mới",
            "password": "mot-mat-khau-dai",
            "role": "drafter",
            "issuers": "ldld-lai-chau",
        },
    )
    assert made.status_code == 200 and "Người Mới" in made.text
    assert login(web.client(), "moi", "mot-mat-khau-dai").url.path == "/"
    with sqlite3.connect(Path(web.data) / "register.sqlite3") as db:
        [(stored,)] = db.execute("SELECT password_hash FROM web_users WHERE username = 'moi'").fetchall()
    assert stored.startswith("$argon2id$") and "mot-mat-khau-dai" not in stored
