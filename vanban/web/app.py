"""The FastAPI application: routes, sign-in, CSRF, and the pages a clerk reads (Vietnamese).

Every page is rendered on the server from `templates/` with autoescaping on: a name, a subject or
a file name from an uploaded list is text, never markup. Every POST carries the session's CSRF
token. A file is served by the draft's id and its position in the draft's own listing (or the
issued package's), only when it resolves inside the office's outputs folder and the account acts
for the draft's issuer; any other draft is "not found" for that account, so ids cannot be probed.
"""

from __future__ import annotations

import datetime as dt
import functools
import mimetypes
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.middleware.sessions import SessionMiddleware

from vanban import drafts, kinds, rules, settings
from vanban.drafts.preview import first_page_png
from vanban.errors import InputError, Problem
from vanban.i18n import language, tr
from vanban.register import Register
from vanban.register.service import RegisterError
from vanban.web import accounts, audit, docs, facts, session_form, uploads
from vanban.web.accounts import User
from vanban.web.config import WebSettings, secret_key
from vanban.web.jobs import DraftJob, DraftJobs, Jobs, WebRunner
from vanban.web.security import LoginLimiter, new_token, same_token

TEMPLATES = Path(__file__).resolve().parent / "templates"


def statuses() -> list[tuple[str, str]]:
    """A draft's states, in the clerk's words."""
    return [("draft", tr("Dự thảo")), ("issued", tr("Đã ban hành")), ("abandoned", tr("Đã bỏ"))]


def roles() -> list[tuple[str, str]]:
    """The roles of an account, in the clerk's words."""
    return [("drafter", tr("Soạn thảo")), ("clerk", tr("Văn thư")), ("admin", tr("Quản trị"))]


class NotSignedIn(Exception):
    """The request needs a signed-in account."""


class Refused(Exception):
    """The request is not allowed (403) or names nothing this account may see (404)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["tr"] = tr
    env.globals["lang"] = language
    env.globals["statuses"] = statuses
    env.globals["roles"] = roles
    env.globals["status_text"] = lambda key: dict(statuses()).get(key, key)
    env.globals["role_text"] = lambda key: dict(roles()).get(key, key)
    env.filters["vndate"] = lambda d: rules.short_date(d) if d else ""
    env.filters["vntime"] = lambda t: (
        t.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M") if t else ""
    )
    env.filters["basename"] = lambda p: Path(str(p)).name
    return env


def create_app(
    config: WebSettings | None = None,
    *,
    runner: WebRunner | None = None,
    drafter: WebRunner | None = None,
    register: Register | None = None,
) -> FastAPI:
    """The page, with its settings, the runner that issues drafts, the runner that makes them
    (None: in this process, `vanban.drafts.draft`), and the register to use."""
    config = config or WebSettings()
    app = FastAPI(title="vanban", docs_url=None, redoc_url=None, openapi_url=None, root_path=config.root_path)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(config),
        session_cookie="vanban_session",
        max_age=int(config.session_hours * 3600),
        same_site="lax",
        https_only=config.secure_cookies,
    )
    env = _environment()
    limiter = LoginLimiter(config.login_attempts, config.login_window_s)

    def reg() -> Register:
        return register or Register()

    def _audit_issue(job) -> None:
        detail = (
            (job.package.number_symbol or "—") if job.package else "; ".join(str(p) for p in job.problems) or job.error
        )
        audit.record(job.username or job.approved_by, "issue", job.draft_id, f"{job.state}: {detail}", register=reg())

    def _audit_draft(job: DraftJob) -> None:
        if job.record is not None:
            audit.record(job.username, "draft", job.draft_id, job.record.subject, client=job.client, register=reg())

    jobs = Jobs(runner, on_done=_audit_issue)
    drafting = DraftJobs(drafter, register=register, on_done=_audit_draft)
    app.state.jobs = jobs
    app.state.drafting = drafting
    app.state.config = config

    # -- helpers ---------------------------------------------------------------------------------
    def href(request: Request, path: str) -> str:
        return request.scope.get("root_path", "").rstrip("/") + path

    def client(request: Request) -> str:
        return request.client.host if request.client else "?"

    def csrf(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = new_token()
        return token

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        user = context.pop("user", None)
        html = env.get_template(name).render(
            request=request,
            user=user,
            csrf=csrf(request),
            href=functools.partial(href, request),
            **context,
        )
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "same-origin",
            },
        )

    def problems_page(request: Request, user, kind, problems) -> HTMLResponse:
        """The problem table (tệp, mục, thấy gì, cần gì) a clerk gets instead of a page: 422."""
        return page(request, "problems.html", status=422, user=user, kind=kind, problems=problems, converted=[])

    def signed_in(request: Request) -> User:
        name = request.session.get("u")
        user = accounts.get_user(name, register=reg()) if name else None
        if user is None:
            raise NotSignedIn()
        return user

    async def form(request: Request) -> Any:
        """The posted form, after its CSRF token was checked (403 otherwise)."""
        length = int(request.headers.get("content-length") or 0)
        if length > 2 * config.max_upload_bytes + 1_000_000:
            raise Refused(413, tr("Tệp tải lên quá lớn (tối đa {mb} MB mỗi tệp).", mb=config.max_upload_mb))
        data = await request.form(max_part_size=1024 * 1024)
        if not same_token(request.session.get("csrf"), str(data.get("csrf") or "")):
            raise Refused(403, tr("Biểu mẫu đã hết hạn hoặc không gửi từ trang này; hãy tải lại trang và gửi lại."))
        return data

    def draft_for(user: User, draft_id: str) -> drafts.Draft:
        try:
            record = drafts.get(draft_id, register=reg())
        except InputError:
            raise Refused(404, tr("Không có dự thảo này.")) from None
        if not user.acts_for(record.issuer_id):
            raise Refused(404, tr("Không có dự thảo này."))
        return record

    def need_clerk(user: User) -> None:
        if not user.may_issue():
            raise Refused(403, tr("Chỉ văn thư được ban hành, hủy số và xuất sổ."))

    def inside_outputs(path: Path) -> bool:
        root = settings.current().output_root.resolve()
        try:
            return path.resolve().is_relative_to(root) and path.is_file()
        except OSError:
            return False

    def issued_files(record: drafts.Draft) -> list[Path]:
        if record.status != "issued" or not record.issued_folder:
            return []
        folder = Path(record.issued_folder)
        return [folder / name for name in sorted(record.issued_files or [])]

    @app.exception_handler(NotSignedIn)
    async def _login_first(request: Request, exc: NotSignedIn):
        return RedirectResponse(href(request, "/dang-nhap"), status_code=303)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused):
        try:
            user = signed_in(request)
        except NotSignedIn:
            user = None
        return page(request, "message.html", status=exc.status, user=user, message=exc.message)

    # -- sign in ---------------------------------------------------------------------------------
    @app.get("/dang-nhap", response_class=HTMLResponse)
    async def login_page(request: Request):
        return page(request, "login.html")

    @app.post("/dang-nhap")
    async def login(request: Request):
        data = await form(request)
        name, password = str(data.get("username") or "").strip(), str(data.get("password") or "")
        keys = (f"user:{name.lower()}", f"ip:{client(request)}")
        if limiter.blocked(*keys):
            audit.record(name or "?", "login_failed", name, "rate limited", client=client(request), register=reg())
            return page(
                request,
                "login.html",
                status=429,
                error=tr(
                    "Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút.",
                    minutes=round(config.login_window_s / 60),
                ),
            )
        user = accounts.authenticate(name, password, register=reg())
        if user is None:
            limiter.failed(*keys)
            audit.record(name or "?", "login_failed", name, None, client=client(request), register=reg())
            return page(request, "login.html", status=401, error=tr("Sai tên đăng nhập hoặc mật khẩu."))
        limiter.succeeded(*keys)
        request.session.clear()
        request.session["u"] = user.username
        request.session["csrf"] = new_token()
        audit.record(user.username, "login", user.username, None, client=client(request), register=reg())
        return RedirectResponse(href(request, "/"), status_code=303)

    @app.post("/dang-xuat")
    async def logout(request: Request):
        await form(request)
        request.session.clear()
        return RedirectResponse(href(request, "/dang-nhap"), status_code=303)

    # -- drafts and documents --------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request, q: str = "", status: str = ""):
        user = signed_in(request)
        records = (
            [r for r in drafts.list_drafts(status=status or None, register=reg()) if user.acts_for(r.issuer_id)]
            if status in ("", "draft", "issued", "abandoned")
            else []
        )
        if q.strip():
            needle = q.strip().casefold()
            records = [
                r
                for r in records
                if needle in r.subject.casefold()
                or needle in (r.number_symbol or "").casefold()
                or r.id.startswith(needle)
                or needle in r.created_by.casefold()
            ]
        return page(request, "home.html", user=user, records=records, q=q, wanted=status)

    @app.get("/moi/{kind}", response_class=HTMLResponse)
    async def new_page(request: Request, kind: str):
        user = signed_in(request)
        if kind not in ("award", "written"):
            raise Refused(404, tr("Không có loại văn bản này."))
        from vanban.issuers import known_issuers

        return page(
            request,
            "new.html",
            user=user,
            kind=kinds.get(kind),
            max_mb=config.max_upload_mb,
            issuers=[i for i in known_issuers() if user.acts_for(i)],
            today=drafts.today(),
        )

    @app.post("/moi/{kind}")
    async def new_draft(request: Request, kind: str):
        user = signed_in(request)
        if kind not in ("award", "written"):
            raise Refused(404, tr("Không có loại văn bản này."))
        data = await form(request)
        chosen = kinds.get(kind)
        folder = config.uploads_dir

        def store(upload: Any, allowed: tuple[str, ...], what: str) -> Path:
            return uploads.store_upload(
                upload.file,
                upload.filename or "",
                allowed=allowed,
                folder=folder,
                limit=config.max_upload_bytes,
                what=what,
            )

        try:
            if kind == "award":
                main = _upload(data, "list")
                if main is None:
                    raise InputError([Problem(tr("danh sách"), tr("chưa chọn tệp danh sách"), expected=".xlsx .csv")])
                list_path = store(main, uploads.LIST_SUFFIXES, tr("danh sách"))
                session_path = None
                extra = _upload(data, "session")
                if extra is not None:
                    session_path = store(extra, uploads.SESSION_SUFFIXES, tr("tệp phiên họp"))
                if session_path is None and session_form.filled(data):
                    session_path = session_form.session_file(data, folder=folder)
                mode = str(data.get("mode") or "full")
                order = str(data.get("order") or "") or None
                request_data: dict[str, Any] = {
                    "list_path": str(list_path),
                    "session_path": str(session_path) if session_path else None,
                    "mode": mode if mode in ("full", "preprinted") else "full",
                    "order": order if order in ("approved", "unit", "name") else None,
                }
                source_name = list_path.name
            else:
                main = _upload(data, "source")
                if main is None:
                    raise InputError([Problem(tr("văn bản"), tr("chưa chọn tệp văn bản"), expected=".md")])
                source = store(main, uploads.DOCUMENT_SUFFIXES, tr("văn bản"))
                request_data = {"source": str(source)}
                source_name = source.name
            audit.record(user.username, "upload", source_name, None, client=client(request), register=reg())
            typed = chosen.request.model_validate(request_data)
            # Read and check here, in a second: problems are a table at once, and a run elsewhere
            # is started only for an input that drafts (its draft found afterwards by this id).
            checked = drafts.check(kind, typed)
            if not user.acts_for(checked.issuer_id):
                raise Refused(
                    403, tr("Tài khoản này không được soạn văn bản cho cơ quan “{issuer}”.", issuer=checked.issuer_id)
                )
            record = drafts.draft(kind, typed, by=user.full_name, register=reg()) if drafting.runner is None else None
        except InputError as exc:
            return problems_page(request, user, chosen, exc.problems)
        if record is not None:  # drafted in this process (--runs here)
            audit.record(user.username, "draft", record.id, record.subject, client=client(request), register=reg())
            return RedirectResponse(href(request, f"/du-thao/{record.id}"), status_code=303)
        drafting.submit(chosen, typed, checked, by=user.full_name, username=user.username, client=client(request))
        job = await drafting.settled(checked.id, drafting.wait_s)
        if job is not None and job.state == "done":
            return RedirectResponse(href(request, f"/du-thao/{checked.id}"), status_code=303)
        return RedirectResponse(href(request, f"/soan/{checked.id}"), status_code=303)

    def draft_job(user: User, draft_id: str) -> DraftJob:
        job = drafting.get(draft_id)
        if job is None or not user.acts_for(job.issuer_id):
            raise Refused(404, tr("Không có dự thảo này."))
        return job

    @app.get("/soan/{draft_id}", response_class=HTMLResponse)
    async def drafting_page(request: Request, draft_id: str):
        """A draft being made by a run elsewhere: its state while it waits, then the draft."""
        user = signed_in(request)
        job = draft_job(user, draft_id)
        if job.state == "done":
            return RedirectResponse(href(request, f"/du-thao/{job.draft_id}"), status_code=303)
        if job.state == "failed" and job.problems:
            return problems_page(request, user, kinds.get(job.kind), job.problems)
        return page(request, "drafting.html", user=user, job=job, kind=kinds.get(job.kind))

    @app.get("/soan/{draft_id}/tien-do")
    async def drafting_progress(request: Request, draft_id: str):
        user = signed_in(request)
        job = draft_job(user, draft_id)
        return JSONResponse(
            {"state": job.state, "run": job.run_words, "run_url": job.run_url, "waiting_long": job.run_waiting_long}
        )

    @app.get("/du-thao/{draft_id}", response_class=HTMLResponse)
    async def draft_page(request: Request, draft_id: str):
        user = signed_in(request)
        record = draft_for(user, draft_id)
        files = drafts.files_of(record)
        issued = issued_files(record)
        summary: list[str] = []
        if record.status == "issued" and record.kind == "award" and record.issued_folder:
            import json

            from vanban.award.summary import summary_lines

            try:  # without the folder: no server path on the clerk's page (the files are below)
                manifest = json.loads((Path(record.issued_folder) / "manifest.json").read_text(encoding="utf-8"))
                summary = summary_lines(manifest)
            except (OSError, KeyError, ValueError):
                summary = []
        return page(
            request,
            "draft.html",
            user=user,
            record=record,
            files=files,
            issued=issued,
            # the decision (what the leader signs) before the sample certificate
            previews=sorted(
                (i for i, f in enumerate(files) if f.suffix == ".pdf"), key=lambda i: "quyet-dinh" not in files[i].name
            ),
            job=jobs.get(record.id),
            drafted=drafting.get(record.id),
            summary=summary,
            facts=facts.award_facts(record) if record.status == "draft" else None,
            today=drafts.today(),
        )

    @app.post("/du-thao/{draft_id}/ban-hanh")
    async def issue(request: Request, draft_id: str):
        user = signed_in(request)
        data = await form(request)
        need_clerk(user)
        record = draft_for(user, draft_id)
        problems = []
        try:
            signing = dt.date.fromisoformat(str(data.get("date") or ""))
        except ValueError:
            problems.append(
                Problem(
                    record.id, tr("ngày ký không đúng"), expected=tr("ngày dạng năm-tháng-ngày"), field=tr("ngày ký")
                )
            )
            signing = drafts.today()
        number = None
        raw = str(data.get("number") or "").strip()
        if raw:
            if not raw.isdigit() or int(raw) < 1:
                problems.append(
                    Problem(
                        record.id,
                        tr("số không đúng: {value}", value=raw),
                        expected=tr("số nguyên dương"),
                        field=tr("số"),
                    )
                )
            else:
                number = int(raw)
        if problems:
            return problems_page(request, user, kinds.get(record.kind), problems)
        jobs.submit(record.id, date=signing, number=number, approved_by=user.full_name, username=user.username)
        return RedirectResponse(href(request, f"/du-thao/{record.id}"), status_code=303)

    @app.get("/du-thao/{draft_id}/tien-do")
    async def progress(request: Request, draft_id: str):
        user = signed_in(request)
        record = draft_for(user, draft_id)
        job = jobs.get(record.id)
        if job is None:
            return JSONResponse({"state": record.status})
        return JSONResponse(
            {
                "state": job.state,
                "done": job.done,
                "total": job.total,
                "run": job.run_words,
                "run_url": job.run_url,
                "waiting_long": job.run_waiting_long,
            }
        )

    @app.post("/du-thao/{draft_id}/bo")
    async def abandon(request: Request, draft_id: str):
        user = signed_in(request)
        data = await form(request)
        record = draft_for(user, draft_id)
        try:
            drafts.abandon(record.id, str(data.get("reason") or ""), register=reg())
        except InputError as exc:
            return problems_page(request, user, kinds.get(record.kind), exc.problems)
        audit.record(
            user.username, "abandon", record.id, str(data.get("reason") or ""), client=client(request), register=reg()
        )
        return RedirectResponse(href(request, f"/du-thao/{record.id}"), status_code=303)

    def _serve(request: Request, user: User, record: drafts.Draft, path: Path, inline: bool) -> Response:
        if not inside_outputs(path):
            raise Refused(404, tr("Không có tệp này."))
        audit.record(user.username, "download", record.id, path.name, client=client(request), register=reg())
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return FileResponse(
            path,
            media_type=media,
            filename=path.name,
            content_disposition_type="inline" if inline and path.suffix == ".pdf" else "attachment",
        )

    @app.get("/tep/{draft_id}/{index}")
    async def draft_file(request: Request, draft_id: str, index: int, xem: int = 0):
        user = signed_in(request)
        record = draft_for(user, draft_id)
        files = drafts.files_of(record)
        if not 0 <= index < len(files):
            raise Refused(404, tr("Không có tệp này."))
        return _serve(request, user, record, files[index], bool(xem))

    @app.get("/tep/{draft_id}/ban-hanh/{index}")
    async def issued_file(request: Request, draft_id: str, index: int, xem: int = 0):
        user = signed_in(request)
        record = draft_for(user, draft_id)
        files = issued_files(record)
        if not 0 <= index < len(files):
            raise Refused(404, tr("Không có tệp này."))
        return _serve(request, user, record, files[index], bool(xem))

    @app.get("/xem-truoc/{draft_id}/{index}")
    async def preview(request: Request, draft_id: str, index: int):
        user = signed_in(request)
        record = draft_for(user, draft_id)
        files = drafts.files_of(record)
        if not 0 <= index < len(files) or files[index].suffix != ".pdf" or not inside_outputs(files[index]):
            raise Refused(404, tr("Không có tệp này."))
        png = _preview_png(str(files[index]), files[index].stat().st_mtime_ns)
        if png is None:
            raise Refused(404, tr("Không vẽ được trang xem trước (thiếu poppler); hãy mở tệp PDF."))
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})

    # -- register --------------------------------------------------------------------------------
    @app.get("/so-dang-ky", response_class=HTMLResponse)
    async def register_page(request: Request, q: str = "", year: int | None = None):
        user = signed_in(request)
        year = year or drafts.today().year
        entries = [e for e in reg().entries(year=year) if user.acts_for(e.issuer_id)]
        if q.strip():
            needle = q.strip().casefold()
            entries = [e for e in entries if needle in e.number_symbol.casefold() or needle in e.subject.casefold()]
        return page(request, "register.html", user=user, entries=entries, q=q, year=year)

    @app.post("/so-dang-ky/huy-so")
    async def void(request: Request):
        user = signed_in(request)
        data = await form(request)
        need_clerk(user)
        entry_id = str(data.get("entry") or "")
        reason = str(data.get("reason") or "").strip()
        found = [e for e in reg().entries() if str(e.id) == entry_id and user.acts_for(e.issuer_id)]
        if not found:
            raise Refused(404, tr("Không có số này trong sổ."))
        entry = found[0]
        if not reason:
            problems = [Problem(entry.number_symbol, tr("cần ghi lý do hủy số"), field=tr("lý do"))]
            return problems_page(request, user, None, problems)
        try:
            reg().void(issuer_id=entry.issuer_id, year=entry.year, symbol_or_number=entry.number_symbol, reason=reason)
        except RegisterError as exc:
            return page(request, "message.html", status=409, user=user, message=str(exc))
        audit.record(user.username, "void", entry.number_symbol, reason, client=client(request), register=reg())
        return RedirectResponse(href(request, f"/so-dang-ky?year={entry.year}"), status_code=303)

    @app.get("/so-dang-ky/xuat")
    async def export(request: Request, year: int):
        user = signed_in(request)
        need_clerk(user)
        from vanban.register.export import export_xlsx

        entries = [e for e in reg().entries(year=year) if user.acts_for(e.issuer_id)]
        records = [r for r in drafts.list_drafts(register=reg()) if user.acts_for(r.issuer_id) and r.year == year]
        out = Path(tempfile.mkdtemp(prefix="vanban-export-")) / f"so-van-ban-di-{year}.xlsx"
        export_xlsx(entries, year, out, drafts=records)
        audit.record(user.username, "export", str(year), None, client=client(request), register=reg())
        return FileResponse(
            out, filename=out.name, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    # -- audit, accounts, help -------------------------------------------------------------------
    @app.get("/nhat-ky", response_class=HTMLResponse)
    async def audit_page(request: Request):
        user = signed_in(request)
        need_clerk(user)
        return page(request, "audit.html", user=user, lines=audit.recent(register=reg()))

    @app.get("/tai-khoan", response_class=HTMLResponse)
    async def users_page(request: Request):
        user = signed_in(request)
        if not user.is_admin():
            raise Refused(403, tr("Chỉ quản trị được quản lý tài khoản."))
        return page(request, "users.html", user=user, users=accounts.list_users(register=reg()))

    @app.post("/tai-khoan")
    async def add_user(request: Request):
        user = signed_in(request)
        data = await form(request)
        if not user.is_admin():
            raise Refused(403, tr("Chỉ quản trị được quản lý tài khoản."))
        issuers = [s.strip() for s in str(data.get("issuers") or "").split(",") if s.strip()]
        try:
            made = accounts.add_user(
                str(data.get("username") or ""),
                str(data.get("password") or ""),
                full_name=str(data.get("full_name") or ""),
                role=str(data.get("role") or "drafter"),  # type: ignore[arg-type]
                issuers=issuers,
                register=reg(),
            )
        except accounts.AccountError as exc:
            return page(
                request, "users.html", status=422, user=user, users=accounts.list_users(register=reg()), error=str(exc)
            )
        audit.record(user.username, "user_add", made.username, made.role, client=client(request), register=reg())
        return RedirectResponse(href(request, "/tai-khoan"), status_code=303)

    @app.get("/huong-dan", response_class=HTMLResponse)
    @app.get("/huong-dan/{name}", response_class=HTMLResponse)
    async def help_page(request: Request, name: str = "web"):
        user = signed_in(request)
        html = docs.render(name)
        if html is None:
            raise Refused(404, tr("Không có trang hướng dẫn này."))
        return page(request, "doc.html", user=user, body=html, pages=docs.titles(), current=name)

    @app.get("/static/{name}")
    async def static(name: str):
        path = Path(__file__).resolve().parent / "static" / name
        if name not in ("vanban.css",) or not path.is_file():
            return Response(status_code=404)
        return FileResponse(path, media_type="text/css")

    @app.get("/healthz")
    async def health():
        return {"ok": True}

    return app


def _upload(data: Any, name: str) -> UploadFile | None:
    """The file posted as `name`, if one was chosen (a browser sends an empty part otherwise)."""
    value = data.get(name)
    return value if isinstance(value, UploadFile) and value.filename else None


@functools.lru_cache(maxsize=64)
def _preview_png(path: str, _mtime: int) -> bytes | None:
    """The first page, drawn once per file version."""
    return first_page_png(Path(path))
