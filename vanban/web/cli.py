"""`vanban web …`: serve the clerk's page, and manage its accounts.

    vanban web user add admin --name "Nguyễn Văn A" --role admin --issuer '*'   # asks the password
    vanban web user list
    vanban web serve [--host 127.0.0.1] [--port 8000] [--root-path /vanban] [--forwarded-allow-ips IP]

Behind an office's reverse proxy: `--root-path` is the prefix the proxy serves the page under;
`--forwarded-allow-ips` names the proxy whose `X-Forwarded-For`/`-Proto` headers are believed (the
client address in the audit log and the sign-in limit); set `VANBAN_WEB_SECURE_COOKIES=true` when
the proxy speaks HTTPS.

Where the page's runs go (`--runs`): `prefect` starts the kind's deployment on the configured
Prefect server (VANBAN_PREFECT_SERVER or PREFECT_API_URL) and follows it through the API
(flows/web_runs.py), so every run — drafting (`issue: draft`) and issuing — is in the Prefect UI
with its artifacts; `here` drafts with `vanban.drafts.draft` and issues with the kind's flow in
this process (`flow_runner`); `auto` (the default) is `prefect` when a server is configured and
answers, else `here` — one machine with the embedded defaults needs no server. Either way
progress is shown per certificate.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from typing import Annotated, Any, Literal

import typer

from vanban import kinds
from vanban.i18n import tr

app = typer.Typer(no_args_is_help=True, help="Trang web cho văn thư: chạy trang, quản lý tài khoản.")
user_app = typer.Typer(no_args_is_help=True, help="Tài khoản của trang web.")
app.add_typer(user_app, name="user")


Runs = Literal["auto", "prefect", "here"]


def flow_runner(kind: kinds.Kind, request: Any, report: Callable[[int, int], None]) -> Any:
    """Run the kind's flow in this process, reporting certificates done to the page."""
    from vanban.cli import _quiet_prefect

    _quiet_prefect()
    from flows import progress

    flow = kinds.load_flow(kind).with_options(flow_run_name=run_name(kind, request))
    progress.set_hook(report)
    try:
        return flow(request=request)
    finally:
        progress.set_hook(None)


def run_name(kind: kinds.Kind, request: Any) -> str:
    """The Prefect run's name, as a clerk finds it in the UI: the kind, the input file, the
    number asked for and the draft issued (`award · small.yaml · số 15 · dự thảo 1c2231e6d7`);
    a run that only drafts (`issue: draft`) ends in `dự thảo` (`award · small.yaml · dự thảo`)."""
    from pathlib import Path

    source = getattr(request, "list_path", None) or getattr(request, "source", None) or ""
    parts = [kind.id, Path(source).name]
    if getattr(request, "issue", None) == "draft":
        return " · ".join(p for p in [*parts, "dự thảo"] if p)
    if getattr(request, "number", None):
        parts.append(f"số {request.number}")
    if getattr(request, "draft_id", None):
        parts.append(f"dự thảo {request.draft_id}")
    return " · ".join(p for p in parts if p)


def configured_server() -> str | None:
    """The Prefect API the office named (VANBAN_PREFECT_SERVER, else PREFECT_API_URL), if any."""
    from vanban import settings

    return settings.current().prefect_server or os.environ.get("PREFECT_API_URL") or None


def choose_runs(runs: Runs) -> tuple[Any, str]:
    """The runner for `--runs`, and the line saying which was chosen (Vietnamese)."""
    from vanban.cli import _quiet_prefect, _server_answers

    api = configured_server()
    here = tr("Lượt ban hành chạy ngay trong tiến trình này ({why}).", why="--runs here")
    if runs == "here":
        return flow_runner, here
    if runs == "auto" and not api:
        return flow_runner, tr(
            "Lượt ban hành chạy ngay trong tiến trình này ({why}).", why=tr("chưa cấu hình máy chủ Prefect")
        )
    if runs == "auto" and api and not _server_answers(api, timeout=2.0):
        return flow_runner, tr(
            "Lượt ban hành chạy ngay trong tiến trình này ({why}).",
            why=tr("máy chủ Prefect {api} không trả lời", api=api),
        )
    if not api:
        raise typer.BadParameter(
            tr("--runs prefect cần máy chủ Prefect: đặt VANBAN_PREFECT_SERVER (địa chỉ vanban serve in ra)."),
            param_hint="--runs",
        )
    _quiet_prefect()  # PREFECT_API_URL from VANBAN_PREFECT_SERVER, before Prefect is imported
    from flows.web_runs import DeploymentRunner

    return DeploymentRunner(), tr(
        "Lượt soạn dự thảo và lượt ban hành chạy trên máy chủ Prefect {api} (các deployment của vanban serve).",
        api=api,
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    root_path: Annotated[str | None, typer.Option("--root-path", help="prefix under a reverse proxy")] = None,
    forwarded_allow_ips: Annotated[
        str | None, typer.Option("--forwarded-allow-ips", help="proxy addresses whose X-Forwarded-* headers count")
    ] = None,
    runs: Annotated[
        str,
        typer.Option(
            "--runs",
            help="auto | prefect (the deployments on the configured Prefect server) | here (in this process)",
        ),
    ] = "auto",
) -> None:
    """Serve the page (uvicorn) until Ctrl-C."""
    import uvicorn

    from vanban.web.app import create_app
    from vanban.web.config import WebSettings

    if root_path is not None:
        os.environ["VANBAN_WEB_ROOT_PATH"] = root_path
    if runs not in ("auto", "prefect", "here"):
        raise typer.BadParameter("auto | prefect | here", param_hint="--runs")
    runner, chosen = choose_runs(runs)  # type: ignore[arg-type]
    # Through Prefect the drafts are deployment runs too; here the page drafts in its own process.
    application = create_app(WebSettings(), runner=runner, drafter=None if runner is flow_runner else runner)
    typer.echo(chosen, err=True)
    typer.echo(f"vanban web: http://{host}:{port}{root_path or ''}/", err=True)
    uvicorn.run(
        application,
        host=host,
        port=port,
        proxy_headers=forwarded_allow_ips is not None,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level="info",
    )


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="sign-in name")],
    name: Annotated[str, typer.Option("--name", help="full name, as the audit log and drafts show it")],
    role: Annotated[str, typer.Option("--role", help="drafter (soạn thảo) | clerk (văn thư) | admin (quản trị)")],
    issuer: Annotated[list[str], typer.Option("--issuer", help="issuer id it acts for (repeat; '*' for all)")],
    password_env: Annotated[
        str | None, typer.Option("--password-env", help="read the password from this environment variable")
    ] = None,
) -> None:
    """Create an account (the first one: an administrator)."""
    from vanban.web import accounts

    if password_env:
        password = os.environ.get(password_env, "")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            typer.echo(tr("Hai lần nhập mật khẩu không khớp"), err=True)
            raise typer.Exit(2)
    try:
        user = accounts.add_user(username, password, full_name=name, role=role, issuers=issuer)  # type: ignore[arg-type]
    except accounts.AccountError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{user.username}\t{user.role}\t{','.join(user.issuers)}")


@user_app.command("passwd")
def user_passwd(
    username: Annotated[str, typer.Argument(help="sign-in name")],
    password_env: Annotated[
        str | None, typer.Option("--password-env", help="read the password from this environment variable")
    ] = None,
) -> None:
    """Set a new password for an account (a forgotten one is never shown: it is only a hash)."""
    from vanban.web import accounts

    password = os.environ.get(password_env, "") if password_env else getpass.getpass("Mật khẩu mới: ")
    try:
        accounts.set_password(username, password)
    except accounts.AccountError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(username)


@user_app.command("list")
def user_list() -> None:
    """Accounts: name, role, issuers, full name."""
    from vanban.web import accounts

    for u in accounts.list_users():
        typer.echo(f"{u.username}\t{u.role}\t{','.join(u.issuers)}\t{u.full_name}")
