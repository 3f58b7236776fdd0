"""The `vanban` command: drafts, issues (through the Prefect flows) and prints where the files went.

The three steps of a document (docs/drafts.md): `vanban award LIST` / `vanban doc FILE` make a
*draft* (dự thảo: no number, day blank, DỰ THẢO; nothing taken from the register); the leader
signs it on paper; `vanban issue DRAFT --date …` gives it its number and date and writes the final
files. `--now` does it in one step, as before drafts existed.

Exit status: 0 done; 1 a check failed; 2 bad input (every problem listed, nothing written).
Flows are imported only inside the commands that run them, so `vanban check` and the core
package never load Prefect.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from vanban import rules
from vanban.errors import InputError, pydantic_message
from vanban.i18n import tr

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Văn bản hành chính theo Nghị định 30/2020/NĐ-CP: kế hoạch, quyết định khen thưởng, giấy khen.",
)


LOCAL_API = "http://127.0.0.1:4200/api"


@app.callback()
def _options(
    office: Annotated[
        Path | None,
        typer.Option(
            "--office",
            help="thư mục của cơ quan, đặt chồng lên mẫu có sẵn (VANBAN_OFFICE); docs/office-folder.md",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Options for every command; `--office DIR` is passed on to the flows as VANBAN_OFFICE."""
    if office is not None:
        os.environ["VANBAN_OFFICE"] = str(office.expanduser().resolve())


def _server_answers(api_url: str, timeout: float = 0.3) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


def _quiet_prefect() -> None:
    """Prepare Prefect for a clerk's command.

    - Use the server the office named (VANBAN_PREFECT_SERVER, or Prefect's PREFECT_API_URL),
      never one merely found running. Without one Prefect starts a temporary server for every
      command, which costs 5–10 s before the first file.
    - Terminal logs from warnings up only; run logs still reach the server for the UI, and the
      flows log a few lines per run, never one per document (shipping thousands of log lines
      made a temporary server fall behind by ~28 s after a 1,000-task flow).
    - No telemetry: this machine may have no internet access.
    """
    # INFO reaches the server (the run page in the UI shows what the flow did); the terminal
    # shows warnings up only. Setting PREFECT_LOGGING_LEVEL instead would starve the run page.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # A temporary server on a busy office PC (or a CI runner using both cores) can take longer
    # than Prefect's 20 s default to answer; waiting beats failing the clerk's command.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    # Prefect reads its settings once, when imported: decide before that. Already imported means
    # a caller (a test harness, a script) has configured it.
    # Only a server the office named: one merely found on 127.0.0.1:4200 may be somebody else's
    # (another user's, a test's), and runs and their files must not land there unasked.
    from vanban import settings

    named = settings.current().prefect_server
    if "prefect" not in sys.modules and not os.environ.get("PREFECT_API_URL") and named:
        os.environ["PREFECT_API_URL"] = named
    from flows.quiet_logs import quiet

    quiet()


def _fail_input(exc: InputError) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


NowOpt = Annotated[
    bool,
    typer.Option("--now", help="issue at once (number and date from the register), without a draft first"),
]
ByOpt = Annotated[str | None, typer.Option("--by", help="your name, for the register (default: login name)")]


def _report_draft(draft) -> None:
    """The draft's files and the next step, for the clerk."""
    from vanban import drafts

    typer.echo(tr("Dự thảo {id} (chưa lấy số): {subject}", id=draft.id, subject=draft.subject), err=True)
    for path in drafts.files_of(draft):
        typer.echo(f"  {path}", err=True)
    typer.echo(
        tr("Sau khi lãnh đạo ký: vanban issue {id} --date NGÀY-KÝ (YYYY-MM-DD)", id=draft.id),
        err=True,
    )
    typer.echo(draft.folder)


def _draft(kind: str, request, by: str | None) -> None:
    from vanban import drafts

    try:
        made = drafts.draft(kind, request, by=by)
    except InputError as exc:
        _fail_input(exc)
    _report_draft(made)


def _document(file: Path, output_dir: Path | None, formats: str, kind: str, now: bool = True, by=None) -> None:
    from pydantic import ValidationError

    if not now:
        from vanban.requests import DocumentRequest

        try:
            request = DocumentRequest(
                kind=kind,
                source=str(file),
                output_dir=str(output_dir) if output_dir else None,
                formats=[f.strip() for f in formats.split(",") if f.strip()],
            )
        except ValidationError as exc:
            raise typer.BadParameter(pydantic_message(exc.errors()[0]), param_hint="--format") from None
        _draft(kind, request, by)
        return
    from vanban import kinds

    try:
        kinds.get(kind).read(file)  # bad input reported in a second, before Prefect starts
    except InputError as exc:
        _fail_input(exc)
    _quiet_prefect()

    from flows.document import run_document

    try:
        paths = run_document(file, output_dir, [f.strip() for f in formats.split(",") if f.strip()], kind=kind)
    except InputError as exc:
        _fail_input(exc)
    except ValidationError as exc:
        raise typer.BadParameter(pydantic_message(exc.errors()[0]), param_hint="--format") from None
    for p in paths:
        typer.echo(p)


FileArg = Annotated[Path, typer.Argument(help="Markdown file with a YAML front matter (docs/plan-input.md)")]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output-dir", help="folder for the files")]
FormatOpt = Annotated[str, typer.Option("--format", help="docx,pdf")]


@app.command()
def doc(
    file: FileArg,
    output_dir: OutputOpt = None,
    formats: FormatOpt = "docx,pdf",
    kind: Annotated[str, typer.Option("--kind", help="a single-document kind of the registry")] = "written",
    now: NowOpt = False,
    by: ByOpt = None,
) -> None:
    """Draft a document written in Markdown (KH, TB, TTr, CV, HD, BC …) as DOCX and PDF; --now issues it."""
    _document(file, output_dir, formats, kind, now, by)


@app.command()
def plan(
    file: FileArg, output_dir: OutputOpt = None, formats: FormatOpt = "docx,pdf", now: NowOpt = False, by: ByOpt = None
) -> None:
    """Draft a plan (Kế hoạch) as DOCX and PDF: the same as `vanban doc`."""
    _document(file, output_dir, formats, "written", now, by)


@app.command()
def award(
    list_file: Annotated[Path, typer.Argument(metavar="LIST", help="approved list: .xlsx, .csv, .yaml or .json")],
    session: Annotated[Path | None, typer.Option("--session", help="session YAML (default: next to the list)")] = None,
    output_dir: Annotated[Path | None, typer.Option("-o", "--output-dir", help="root folder for the package")] = None,
    mode: Annotated[str, typer.Option("--mode", help="full | preprinted")] = "full",
    order: Annotated[str | None, typer.Option("--order", help="approved | unit | name")] = None,
    calibration: Annotated[Path | None, typer.Option("--calibration", help="positions for --mode preprinted")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="rendering processes (default: cores)")] = None,
    now: NowOpt = False,
    by: ByOpt = None,
) -> None:
    """Draft the award decision with its list and a sample certificate; --now issues the package at once."""
    if mode not in ("full", "preprinted"):
        raise typer.BadParameter(tr("cần full hoặc preprinted"), param_hint="--mode")
    if order not in (None, "approved", "unit", "name"):
        raise typer.BadParameter(tr("cần approved, unit hoặc name"), param_hint="--order")
    if not now:
        from vanban.requests import AwardRequest

        request = AwardRequest(
            list_path=str(list_file),
            session_path=str(session) if session else None,
            output_dir=str(output_dir) if output_dir else None,
            mode=mode,
            order=order,
            calibration=str(calibration) if calibration else None,
        )
        _draft("award", request, by)
        return
    _run_award(
        workers=workers,
        list_path=list_file,
        session_path=session,
        output_dir=output_dir,
        mode=mode,
        order=order,
        calibration=calibration,
    )


def _check_award_first(params: dict) -> None:
    """Bad input found in a second, before Prefect starts (a temporary server costs ~1 min), and
    reported once; the flow checks again (it may be started from the UI)."""
    from vanban import preflight, settings
    from vanban.drafts import award_draft
    from vanban.requests import AwardRequest

    request = AwardRequest(**{k: (str(v) if isinstance(v, Path) else v) for k, v in params.items() if v is not None})
    try:
        award_draft.priced(award_draft.dated(award_draft.read(request), request.date, request.number), request)
        preflight.check_output_folder(
            Path(request.output_dir) if request.output_dir else settings.current().output_root
        )
    except InputError as exc:
        _fail_input(exc)


def _award_runner(workers: int | None):
    """Issue an award draft through the award flow in this process, with the progress bar."""

    def run(kind, request):
        return _run_award(workers=workers, **request.model_dump(exclude_none=True))

    return run


def _run_award(workers: int | None = None, **params):
    _check_award_first(params)
    _quiet_prefect()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import flows.award as award_flow
    from flows import progress as flow_progress
    from flows.process_pool import start_early

    # Now, while this process runs one thread: the progress bar's refresh thread below would make
    # the rendering workers' fork server a new interpreter importing everything again (~3.6 s).
    start_early()

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        bar = progress.add_task(tr("Bắt đầu"), total=None)
        flow_progress.set_hook(lambda done, total: progress.update(bar, completed=done, total=total))
        flow_progress.set_stage_hook(lambda name: progress.update(bar, description=name))
        try:
            outcome = award_flow.run_award(workers=workers, **params)
        except InputError as exc:
            progress.stop()
            _fail_input(exc)
        finally:
            flow_progress.set_hook(None)
            flow_progress.set_stage_hook(None)
    from vanban.award.summary import package_summary

    # What was issued and on which law, for the clerk (stderr); the package folder on stdout, last.
    for line in package_summary(Path(outcome.folder)):
        typer.echo(line, err=True)
    typer.echo(outcome.folder)
    return outcome


@app.command()
def issue(
    target: Annotated[
        str, typer.Argument(metavar="DRAFT", help="draft id (vanban draft list); with --now: the input file")
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="signing date YYYY-MM-DD (default: today in Việt Nam)")
    ] = None,
    number: Annotated[
        int | None, typer.Option("--number", min=1, max=999_999, help="a number the văn thư gave by hand")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="who approved (default: your login name)")] = None,
    now: Annotated[
        bool, typer.Option("--now", help="TARGET is an input file: draft it and issue it at once (one step)")
    ] = False,
    session: Annotated[Path | None, typer.Option("--session", help="with --now: the award session YAML")] = None,
    output_dir: OutputOpt = None,
    workers: Annotated[int | None, typer.Option("--workers", help="rendering processes (default: cores)")] = None,
) -> None:
    """Issue a signed draft: take its numbers, fill number and date, write the final files."""
    import datetime as dt

    from vanban import drafts

    signing = None
    if date:
        try:
            signing = dt.date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(
                tr("'{date}': cần ngày dạng năm-tháng-ngày, ví dụ 2026-01-09", date=date), param_hint="--date"
            ) from None
    draft_id = target
    if now:
        draft_id = _draft_file(Path(target), session, output_dir, by)
    try:
        record = drafts.get(draft_id)
        runner = _award_runner(workers) if record.kind == "award" else _document_runner()
        package = drafts.issue(record.id, date=signing, number=number, approved_by=by, runner=runner)
    except InputError as exc:
        _fail_input(exc)
    typer.echo(
        tr(
            "Đã ban hành dự thảo {id}: số {number}, ngày {date}",
            id=package.draft_id,
            number=package.number_symbol or "—",
            date=rules.short_date(package.date),
        ),
        err=True,
    )
    if record.kind != "award":
        for name in package.files:
            typer.echo(str(Path(package.folder) / name))
    for name in package.signed_files:
        typer.echo(str(Path(package.folder) / name))
    if package.signing_problem:
        typer.echo(
            tr("Chưa ký số được (văn bản đã ban hành; ký sau bằng vanban sign): {why}", why=package.signing_problem),
            err=True,
        )


def _document_runner():
    def run(kind, request):
        _quiet_prefect()
        from flows.document import document_flow

        return document_flow(request=request)

    return run


def _draft_file(file: Path, session: Path | None, output_dir: Path | None, by: str | None) -> str:
    """Draft an input file for `vanban issue --now FILE`; the kind from the file's type."""
    from vanban import drafts, kinds
    from vanban.requests import AwardRequest, DocumentRequest

    found = kinds.for_file(file)
    if not found:
        raise typer.BadParameter(tr("{file}: vanban không đọc loại tệp này", file=file), param_hint="DRAFT")
    kind = found[0]
    out = str(output_dir) if output_dir else None
    request = (
        AwardRequest(list_path=str(file), session_path=str(session) if session else None, output_dir=out)
        if kind.id == "award"
        else DocumentRequest(kind=kind.id, source=str(file), output_dir=out)
    )
    try:
        return drafts.draft(kind.id, request, by=by).id
    except InputError as exc:
        _fail_input(exc)
        raise  # unreachable: _fail_input exits


@app.command()
def check(files: Annotated[list[Path], typer.Argument(help="DOCX or PDF files")]) -> None:
    """Check documents against Decree 30, rule by rule; exit 1 on any failure."""
    from vanban.check import check_file

    failed = False
    for path in files:
        if not path.is_file():
            typer.echo(tr("{path}: không có tệp này", path=path), err=True)
            raise typer.Exit(2)
        results = check_file(path)
        typer.echo(f"{path}")
        for r in results:
            typer.echo(f"  {r}")
        failed |= not all(r.ok for r in results)
    raise typer.Exit(1 if failed else 0)


@app.command()
def examples(
    folder: Annotated[Path, typer.Argument(help="where to copy the example inputs")] = Path("vanban-examples"),
) -> None:
    """Copy the bundled example inputs (a plan, an award list and its session) to a folder."""
    import shutil

    from vanban.resources import examples_dir

    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted(examples_dir().iterdir()):
        if source.is_file():
            shutil.copy2(source, folder / source.name)
            typer.echo(folder / source.name)


@app.command()
def serve(
    inbox_cron: Annotated[
        str | None, typer.Option("--inbox-cron", help="cron of the inbox run (Asia/Ho_Chi_Minh)")
    ] = None,
    inbox: Annotated[
        Path | None, typer.Option("--inbox", help="inbox folder (default: VANBAN_INBOX or inbox/)")
    ] = None,
) -> None:
    """Run the plan, award and inbox deployments on this machine, with their schedules."""
    import subprocess
    import time

    _quiet_prefect()
    server = None
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        typer.echo(tr("Đang khởi động máy chủ Prefect tại 127.0.0.1:4200 …"))
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", "4200"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(120):
            if _server_answers(LOCAL_API, timeout=1.0):
                break
            time.sleep(0.5)
        else:
            server.terminate()
            typer.echo(tr("Máy chủ Prefect không khởi động được; xem `prefect server start`."), err=True)
            raise typer.Exit(1)
        api = os.environ["PREFECT_API_URL"] = LOCAL_API
    ui = api.removesuffix("/api")
    typer.echo(tr("Giao diện Prefect: {ui}  (Deployments → award / document → Run → Custom run: điền biểu mẫu)", ui=ui))
    typer.echo(tr("Từ dòng lệnh, ở cửa sổ khác: vanban award DANH-SACH.xlsx  |  vanban plan TEP.md"))
    from vanban import settings

    if settings.current().prefect_server != api:
        typer.echo(tr("Để các lệnh đó chạy trên máy chủ này: export VANBAN_PREFECT_SERVER={api}", api=api))
    from flows.deploy import serve_all

    try:
        serve_all(inbox_cron, str(inbox) if inbox else None)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


def _mount_optional() -> None:
    try:
        from vanban.register.cli import app as register_app
    except ImportError:  # the register package is optional until installed
        return
    app.add_typer(register_app, name="register", help="Sổ đăng ký văn bản đi: numbers, voiding, export.")
    from vanban.drafts.cli import app as draft_app

    app.add_typer(draft_app, name="draft", help="Dự thảo chờ ký: list, show, abandon.")
    from vanban.sign.cli import sign_app

    app.add_typer(sign_app)  # no name: `vanban sign PACKAGE` and `vanban verify FILE.pdf`
    from vanban.office.cli import certificate_app, office_app

    app.add_typer(office_app, name="office", help="Thư mục của cơ quan: tạo mới (init) và kiểm tra (check).")
    app.add_typer(certificate_app, name="certificate", help="Giấy khen: tờ căn chỉnh phôi in sẵn (calibrate).")
    from vanban.web.cli import app as web_app

    app.add_typer(web_app, name="web", help="Trang web cho văn thư: tải danh sách, xem, ban hành, tải về.")


_mount_optional()


def main() -> None:
    """The `vanban` command: bad input exits 2 with its problems; anything unexpected exits 1 with
    one line and its traceback written to a file (vanban/failure.py), never on the terminal."""
    from vanban import failure

    try:
        app()
    except InputError as exc:
        print(exc, file=sys.stderr)
        sys.exit(failure.EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        print(failure.unexpected_message(exc, failure.write_traceback(exc)), file=sys.stderr)
        sys.exit(failure.EXIT_FAILED)


if __name__ == "__main__":
    main()
