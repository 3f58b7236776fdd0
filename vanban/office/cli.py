"""`vanban office init|check` and `vanban certificate calibrate`: commands of the office folder.

Mounted by `vanban.cli` beside `register` and `sign`. Messages are Vietnamese (`tr`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from vanban.errors import InputError
from vanban.i18n import tr

office_app = typer.Typer(no_args_is_help=True, help="Thư mục của cơ quan: tạo mới (init) và kiểm tra (check).")
certificate_app = typer.Typer(no_args_is_help=True, help="Giấy khen: tờ căn chỉnh phôi in sẵn.")


def _fail(exc: InputError) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


@office_app.command("init")
def init(
    folder: Annotated[Path, typer.Argument(help="thư mục mới của cơ quan")],
    issuer_id: Annotated[str, typer.Option("--id", prompt="Mã cơ quan (chữ thường không dấu, vd. ubnd-xa-tan-uyen)")],
    full_name: Annotated[
        str, typer.Option("--full-name", prompt="Tên cơ quan trong câu văn (vd. Ủy ban nhân dân xã Tân Uyên)")
    ],
    name: Annotated[
        str,
        typer.Option(
            "--name", prompt="Tên cơ quan ở tiêu đề, các dòng cách nhau bởi | (vd. ỦY BAN NHÂN DÂN|XÃ TÂN UYÊN)"
        ),
    ],
    parent: Annotated[
        str, typer.Option("--parent", prompt="Cơ quan chủ quản, các dòng cách nhau bởi | (bỏ trống nếu không có)")
    ] = "",
    abbreviation: Annotated[
        str, typer.Option("--abbreviation", prompt="Chữ viết tắt trong số ký hiệu (vd. UBND)")
    ] = "",
    place: Annotated[str, typer.Option("--place", prompt="Địa danh ở dòng ngày tháng (vd. Tân Uyên)")] = "",
    system: Annotated[
        str, typer.Option("--system", prompt="Hệ thống: state (nhà nước) | trade_union (công đoàn) | party (Đảng)")
    ] = "state",
    signer_title: Annotated[str, typer.Option("--signer-title", prompt="Chức vụ người ký (vd. CHỦ TỊCH)")] = "CHỦ TỊCH",
    signer_authority: Annotated[
        str,
        typer.Option(
            "--signer-authority",
            prompt="Dòng thẩm quyền ký, cách nhau bởi | (vd. TM. ỦY BAN NHÂN DÂN; bỏ trống nếu không có)",
        ),
    ] = "",
) -> None:
    """Tạo thư mục của cơ quan: một hồ sơ cơ quan từ vài câu hỏi, README và các tệp mẫu có chú thích."""
    from pydantic import ValidationError

    from vanban.office.starter import StarterAnswers, write_starter

    try:
        answers = StarterAnswers(
            id=issuer_id.strip(),
            system=system.strip(),
            parent=parent,
            name=name,
            full_name=full_name.strip(),
            abbreviation=abbreviation.strip(),
            place=place.strip(),
            signer_title=signer_title.strip() or "CHỦ TỊCH",
            signer_authority=signer_authority,
        )
    except ValidationError as exc:
        from vanban.model import validation_error

        _fail(validation_error("vanban office init", exc))
    try:
        written = write_starter(folder, answers)
    except InputError as exc:
        _fail(exc)
    for path in written:
        typer.echo(path)
    typer.echo(tr("Đã tạo thư mục của cơ quan. Kiểm tra: vanban office check {folder}", folder=folder), err=True)


@office_app.command("check")
def check(
    folder: Annotated[Path | None, typer.Argument(help="thư mục của cơ quan (mặc định: VANBAN_OFFICE)")] = None,
    render: Annotated[bool, typer.Option("--render/--no-render", help="in thử văn bản mẫu của từng hồ sơ")] = True,
) -> None:
    """Kiểm tra từng tệp của thư mục cơ quan và in thử văn bản mẫu của từng hồ sơ; lỗi: mã thoát 1."""
    from vanban.office.checking import check_office
    from vanban.resources import base_dir, office_dir

    chosen = folder.expanduser().resolve() if folder is not None else office_dir()
    if chosen is None:
        typer.echo(tr("Chưa chọn thư mục của cơ quan: ghi THƯ-MỤC hoặc đặt VANBAN_OFFICE"), err=True)
        raise typer.Exit(2)
    os.environ["VANBAN_OFFICE"] = str(chosen)  # the samples render with the office's files
    report = check_office(chosen, base_dir(), render=render)
    for line in report.passed:
        typer.echo(f"  ✓ {line}")
    for line in report.notes:
        typer.echo(f"  · {line}")
    for problem in report.problems:
        typer.echo(f"  ✗ {problem}")
    if report.ok:
        typer.echo(tr("Thư mục {folder}: không có lỗi", folder=chosen))
    else:
        typer.echo(tr("Thư mục {folder}: {count} lỗi", folder=chosen, count=len(report.problems)))
    raise typer.Exit(0 if report.ok else 1)


@certificate_app.command("calibrate")
def calibrate(
    output: Annotated[Path, typer.Option("-o", "--output", help="tệp PDF ghi ra")] = Path("to-can-chinh-phoi.pdf"),
    calibration: Annotated[
        Path | None, typer.Option("--calibration", help="tệp căn chỉnh (mặc định: phoi-giay-khen.yaml)")
    ] = None,
) -> None:
    """Tờ căn chỉnh phôi in sẵn: lưới milimét và khung từng ô chữ, in lên phôi trắng để đo độ lệch."""
    from vanban.certificate_layouts import default_layout_path, load_layout
    from vanban.render.calibration import render_calibration

    path = calibration.resolve() if calibration is not None else default_layout_path("preprinted")
    try:
        layout = load_layout(path)
    except InputError as exc:
        _fail(exc)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(render_calibration(layout, source=path.name))
    typer.echo(output)
