"""`vanban register …`: list, show, void and export the sổ đăng ký văn bản đi.

Mounted by the main CLI as `vanban register`. Exit codes: 0 done, 2 the request cannot be
done as asked (unknown or ambiguous number, already voided, bad database URL), with a message
saying what to do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from vanban import rules
from vanban.register import store
from vanban.register.service import Entry, Register, RegisterError

app = typer.Typer(help="The outgoing-document register (sổ đăng ký văn bản đi).", no_args_is_help=True)

DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar=store.ENV_URL,
        show_envvar=True,
        help="SQLAlchemy URL of the register; default the SQLite file in $VANBAN_DATA_DIR",
    ),
]
IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="issuer profile id")]
YearOpt = Annotated[int | None, typer.Option("--year", help="calendar year of the document date")]


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


def _open(url: str | None) -> Register:
    try:
        return Register(url)
    except Exception as exc:  # bad URL, server down, unwritable data folder
        raise _fail(f"cannot open the register at {store.describe(store.database_url(url))}: {exc}") from None


def _line(e: Entry) -> str:
    status = e.status + (f" ({e.void_reason})" if e.void_reason else "")
    return "\t".join([e.issuer_id, e.number_symbol, rules.short_date(e.date), e.kind, status, e.subject])


def _one(reg: Register, number: str, issuer: str | None, year: int | None) -> Entry:
    found = reg.find(number, year=year, issuer_id=issuer)
    if not found:
        where = "".join([f" for issuer {issuer}" if issuer else "", f" in {year}" if year else ""])
        raise _fail(f"no number {number!r} in the register{where}; see `vanban register list`")
    if len(found) > 1:
        listed = "\n".join("  " + _line(e) for e in found)
        raise _fail(
            f"{number!r} matches {len(found)} entries; give the full number and symbol, --issuer or --year:\n{listed}"
        )
    return found[0]


@app.command("list")
def list_(
    issuer: IssuerOpt = None,
    year: YearOpt = None,
    status: Annotated[str | None, typer.Option(help="reserved, issued or voided")] = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List the register: issuer, number and symbol, date, kind, status, subject."""
    if status is not None and status not in ("reserved", "issued", "voided"):
        raise _fail(f"unknown status {status!r}; expected reserved, issued or voided")
    rows = _open(database_url).entries(issuer_id=issuer, year=year, status=status)
    for e in rows:
        typer.echo(_line(e))
    typer.echo(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'}", err=True)


@app.command()
def show(
    number: Annotated[str, typer.Argument(help="number and symbol, e.g. 15/QĐ-LĐLĐ, or the number")],
    issuer: IssuerOpt = None,
    year: YearOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Show one register entry in full, with its files and their SHA-256."""
    e = _one(_open(database_url), number, issuer, year)
    fields = [
        ("Số, ký hiệu", e.number_symbol),
        ("Cơ quan", e.issuer_id),
        ("Sổ", f"{e.sequence} ({e.year})"),
        ("Ngày tháng", rules.short_date(e.date)),
        ("Loại", f"{e.kind} {e.doc_type}".strip()),
        ("Trích yếu", e.subject),
        ("Người ký", e.signer),
        ("Nơi nhận", "; ".join(e.recipients)),
        ("Trạng thái", e.status),
        ("Lý do hủy", e.void_reason or ""),
        ("Lô (batch)", e.batch_key),
        ("Ref", e.ref),
        ("Giữ số lúc", e.created_at.isoformat()),
        ("Ban hành lúc", e.issued_at.isoformat() if e.issued_at else ""),
        ("Hủy lúc", e.voided_at.isoformat() if e.voided_at else ""),
    ]
    for label, value in fields:
        if value:
            typer.echo(f"{label}: {value}")
    for path, sha in e.files:
        typer.echo(f"Tệp: {path}  sha256={sha}")
    from vanban.register.signatures import signatures_of

    for sig in signatures_of(_open(database_url), e.issuer_id, e.number_symbol):
        vn = sig.signed_at.astimezone(dt.timezone(dt.timedelta(hours=rules.VIETNAM_UTC_OFFSET_HOURS)))
        typer.echo(
            f"Chữ ký số: {sig.signed_file} ({sig.role}) {sig.signer} lúc {vn.isoformat()} {sig.level}"
            f"  sha256 trước={sig.sha256_before} sau={sig.sha256_after}"
        )


@app.command()
def void(
    number: Annotated[str, typer.Argument(help="number and symbol, e.g. 15/QĐ-LĐLĐ")],
    reason: Annotated[str, typer.Option("--reason", help="why the number is voided (kept for good)")],
    issuer: IssuerOpt = None,
    year: YearOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Void a number (hủy số): it stays in the register with the reason and is never given again."""
    if not reason.strip():
        raise _fail("--reason must say why the number is voided")
    reg = _open(database_url)
    e = _one(reg, number, issuer, year)
    try:
        e = reg.void(issuer_id=e.issuer_id, year=e.year, symbol_or_number=e.number_symbol, reason=reason)
    except RegisterError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"voided {e.number_symbol} ({e.issuer_id}, {e.year}): {e.void_reason}")


@app.command()
def export(
    year: Annotated[int, typer.Option("--year", help="the year of the register")],
    output: Annotated[Path, typer.Option("-o", "--output", help="the .xlsx file to write")],
    issuer: IssuerOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Write the year's sổ đăng ký văn bản đi as an .xlsx workbook."""
    from vanban.register.export import export_xlsx

    if output.suffix.lower() != ".xlsx":
        raise _fail(f"{output}: the register is exported as .xlsx")
    from vanban.register.drafts import list_drafts

    reg = _open(database_url)
    rows = reg.entries(issuer_id=issuer, year=year)
    export_xlsx(rows, year, output, drafts=list_drafts(reg, issuer_id=issuer))
    typer.echo(f"wrote {output} ({len(rows)} entries)")
