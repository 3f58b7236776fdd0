"""The `vanban` command: runs the Prefect flows and prints where the files went.

Exit status: 0 done; 1 a check failed; 2 bad input (every problem listed, nothing written).
Flows are imported only inside the commands that run them, so `vanban check` and the core
package never load Prefect.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from vanban.errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Văn bản hành chính theo Nghị định 30/2020/NĐ-CP: kế hoạch, quyết định khen thưởng, giấy khen.")


def _quiet_prefect() -> None:
    """Keep the terminal for the clerk: Prefect's own logs only from warnings up."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")


def _fail_input(exc: InputError) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


@app.command()
def plan(
    file: Annotated[Path, typer.Argument(help="Markdown plan with YAML front matter")],
    output_dir: Annotated[Optional[Path], typer.Option("-o", "--output-dir", help="folder for the files")] = None,
    formats: Annotated[str, typer.Option("--format", help="docx,pdf")] = "docx,pdf",
) -> None:
    """Render a plan (Kế hoạch) as DOCX and PDF."""
    _quiet_prefect()
    from flows.plan import plan_flow

    try:
        paths = plan_flow(source=file, output_dir=output_dir, formats=[f.strip() for f in formats.split(",") if f.strip()])
    except InputError as exc:
        _fail_input(exc)
    for p in paths:
        typer.echo(p)


@app.command()
def check(files: Annotated[list[Path], typer.Argument(help="DOCX or PDF files")]) -> None:
    """Check documents against Decree 30, rule by rule; exit 1 on any failure."""
    from vanban.check import check_file

    failed = False
    for path in files:
        if not path.is_file():
            typer.echo(f"{path}: no such file", err=True)
            raise typer.Exit(2)
        results = check_file(path)
        typer.echo(f"{path}")
        for r in results:
            typer.echo(f"  {r}")
        failed |= not all(r.ok for r in results)
    raise typer.Exit(1 if failed else 0)


def _mount_optional() -> None:
    try:
        from vanban.register.cli import app as register_app
    except ImportError:  # the register package is optional until installed
        return
    app.add_typer(register_app, name="register", help="Sổ đăng ký văn bản đi: numbers, voiding, export.")


_mount_optional()


def main() -> None:
    try:
        app()
    except InputError as exc:  # pragma: no cover - commands handle their own
        print(exc, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
