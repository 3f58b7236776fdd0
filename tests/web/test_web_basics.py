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
    assert "bảy trăm nghìn" in amount[5] and "không phải là số" in amount[5] and "710.000" in amount[6]
    assert blank[1] == "Cá nhân" and blank[3] == "B" and blank[5] == "thiếu họ và tên"
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
    whole = client.post(  # a request far over the limit is refused before it is read
        "/moi/award", data={"csrf": token}, files={"list": ("ds.csv", b"a" * 2_200_000), "session": session}
    )
    assert whole.status_code == 413 and "quá lớn" in whole.text
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
    assert draft_id in client.get("/?status=abandoned").text
    assert draft_id not in client.get("/?status=draft").text
    assert draft_id in client.get("/?q=t%E1%BA%B7ng+gi%E1%BA%A5y+khen").text  # "tặng giấy khen", any case
    assert draft_id not in client.get("/?q=kh%C3%B4ng-c%C3%B3").text


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
    log = clerk.get("/nhat-ky")
    assert log.status_code == 200 and "<td>vanthu</td><td>login</td>" in log.text
    drafter, _ = signed_in(web, "soanthao")
    assert drafter.get("/nhat-ky").status_code == 403
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


def test_the_draft_page_shows_counts_total_law_and_converted_cells(web, tmp_path):
    import unicodedata

    client, token = signed_in(web, "soanthao")
    folder = tmp_path / "in"
    good = write_list(
        folder,
        [],
        [individual(unicodedata.normalize("NFD", "Lê Thị Hồng"), "Nữ"), individual("Nguyễn Văn An", "Nam")],
        name="danh-sach.xlsx",
        **{**SESSION},
    )
    made = client.post(
        "/moi/award",
        data={"csrf": token},
        files={
            "list": (good.name, good.read_bytes()),
            "session": ("session.yaml", (folder / "session.yaml").read_bytes()),
        },
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:3000]
    page = client.get(made.headers["location"]).text
    facts = [
        _text(li)
        for li in re.findall(r"<li>(.*?)</li>", page.split("Số lượng, tiền thưởng và căn cứ")[1].split("</ul>")[0])
    ]
    assert facts[0] == "Tập thể: 0, cá nhân: 2, hộ gia đình: 0"
    assert facts[1] == "Tổng số tiền thưởng: 1.420.000 đồng"  # 2 × 0,3 × 2.340.000 rounded up to 10.000
    assert any(line.startswith("Lương cơ sở: ") for line in facts)
    table = page.split("Ô đã chuyển mã sang Unicode (xem lại)")[1].split("</table>")[0]
    rows = [
        [_text(c) for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    rows = [r for r in rows if r]
    assert rows == [
        ["danh-sach.xlsx", "Cá nhân", "2", "B", "NFD", unicodedata.normalize("NFD", "Lê Thị Hồng"), "Lê Thị Hồng"]
    ]


def test_a_markdown_document_takes_the_same_path(web):
    from support.paths import PLAN_EXAMPLE

    client, token = signed_in(web, "soanthao")
    made = client.post(
        "/moi/written",
        data={"csrf": token},
        files={"source": (PLAN_EXAMPLE.name, PLAN_EXAMPLE.read_bytes())},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:3000]
    page = client.get(made.headers["location"]).text
    assert "Xem trước dự thảo" in page and len(re.findall(r'<img src="/xem-truoc/', page)) == 1
    names = re.findall(r'href="/tep/\w+/\d+">([^<]+)</a>', page)
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["docx", "pdf"]
    not_md = client.post("/moi/written", data={"csrf": token}, files={"source": ("ke-hoach.docx", b"PK\x03\x04")})
    assert not_md.status_code == 422 and "loại tệp không đọc được" in not_md.text


def test_the_session_filled_in_the_form_is_read_as_a_file_would_be(web):
    client, token = signed_in(web, "soanthao")
    form = client.get("/moi/award").text
    assert '<option value="ldld-lai-chau">' in form and "ubnd-tinh-khac" not in form  # only its issuers
    fields = {
        "csrf": token,
        "s_issuer": "ldld-lai-chau",
        "s_date": "2026-01-05",
        "s_achievement": "đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        "s_proposer": "Ban Chính sách pháp luật và Quan hệ lao động",
        "s_proposal": "Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026",
        "s_recipients": "Như Điều 3;\nTổng Liên đoàn Lao động Việt Nam (B/c);",
    }
    made = client.post(
        "/moi/award",
        data=fields,
        files={"list": ("small.yaml", (DATA / "small.yaml").read_bytes())},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:3000]
    from vanban import drafts

    record = drafts.get(made.headers["location"].rsplit("/", 1)[1])
    session = Path(record.inputs["session"]["path"])
    assert session.name == "phien-hop.yaml" and session.is_relative_to(web.data / "web-uploads")
    assert "Tờ trình số 05/TTr-CSPL" in session.read_text(encoding="utf-8")
    assert record.issuer_id == "ldld-lai-chau"
    bad = client.post(
        "/moi/award",
        data={**fields, "s_date": "2026-02-30"},
        files={"list": ("small.yaml", (DATA / "small.yaml").read_bytes())},
    )
    assert bad.status_code == 422 and "phien-hop.yaml" in bad.text
