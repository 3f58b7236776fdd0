"""`vanban draft …`: the drafts waiting for signature — list, show, abandon.

Mounted by the main CLI as `vanban draft`; `vanban issue DRAFT` issues one. Exit codes: 0 done,
2 the draft cannot be found or abandoned as asked.
"""

from __future__ import annotations

from typing import Annotated

import typer

from vanban.drafts import lifecycle
from vanban.drafts.model import Draft, DraftError
from vanban.i18n import tr

app = typer.Typer(help="Dự thảo chờ ký: xem, bỏ (drafts waiting for signature).", no_args_is_help=True)

STATUS_WORDS = {"draft": "chờ ký", "issued": "đã ban hành", "abandoned": "đã bỏ"}


def line(d: Draft) -> str:
    """One draft, tab-separated: id, status, issuer, who and when, subject (and number or reason)."""
    extra = d.number_symbol if d.status == "issued" else (d.reason or "")
    when = d.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
    return "\t".join([d.id, STATUS_WORDS[d.status], d.kind, d.issuer_id, d.created_by, when, d.subject, extra or ""])


def _fail(exc: DraftError) -> typer.Exit:
    typer.echo(str(exc), err=True)
    return typer.Exit(2)


@app.command("list")
def list_(
    status: Annotated[str | None, typer.Option("--status", help="draft | issued | abandoned")] = "draft",
    every: Annotated[bool, typer.Option("--all", help="every status")] = False,
    issuer: Annotated[str | None, typer.Option("--issuer", help="issuer profile id")] = None,
) -> None:
    """Drafts, newest first (by default those still waiting for signature)."""
    if status not in (None, "draft", "issued", "abandoned"):
        raise typer.BadParameter(tr("cần draft, issued hoặc abandoned"), param_hint="--status")
    for d in lifecycle.list_drafts(status=None if every else status, issuer_id=issuer):
        typer.echo(line(d))


@app.command()
def show(draft_id: Annotated[str, typer.Argument(metavar="DRAFT", help="draft id (or its first 6+ characters)")]):
    """A draft: what, who, when, its input files and hashes, its files, and its fate."""
    try:
        d = lifecycle.get(draft_id)
    except DraftError as exc:
        raise _fail(exc) from None
    typer.echo(line(d))
    typer.echo(tr("Thư mục dự thảo: {folder}", folder=d.folder))
    for p in lifecycle.files_of(d):
        typer.echo(f"  {p.name}")
    for name, seen in d.inputs.items():
        typer.echo(f"  {name}: {seen['path']}  sha256 {seen['sha256'][:16]}…")
    if d.status == "issued":
        typer.echo(
            tr(
                "Đã ban hành: số {number}, ngày {date}, người duyệt {approver}",
                number=d.number_symbol or "—",
                date=d.issue_date,
                approver=d.approved_by,
            )
        )
        typer.echo(str(d.issued_folder))
    elif d.status == "draft" and lifecycle.changed_inputs(d):
        typer.echo(
            tr("Cảnh báo: dữ liệu vào đã thay đổi sau khi soạn: {files}", files=", ".join(lifecycle.changed_inputs(d)))
        )


@app.command()
def abandon(
    draft_id: Annotated[str, typer.Argument(metavar="DRAFT", help="draft id")],
    reason: Annotated[str, typer.Option("--reason", help="why (kept in the register)")],
) -> None:
    """Set a draft aside (not signed). It never held a number; drafting it again revives it."""
    try:
        d = lifecycle.abandon(draft_id, reason)
    except DraftError as exc:
        raise _fail(exc) from None
    typer.echo(line(d))
