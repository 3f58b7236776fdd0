"""`vanban office check`: every file of an office folder read through its schema, each profile rendered.

A clerk who edits the office folder learns here, before any real document, what is wrong: the
file, the line, the field and what was expected — in the words of the file they edited (the
office's file, not the layered copy vanban builds from it). Files merged with bundled ones
(wording, certificate layouts, law data) are validated as merged, since that is what documents
use; a problem is placed on the office's line when the office wrote that key.

Each profile is then rendered as a short sample document (DOCX and PDF) and the Decree 30
checker is run on both, so a header line too long for its column is seen here too.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from vanban.errors import InputError, Problem, pydantic_message
from vanban.i18n import tr
from vanban.office import layering


@dataclass
class Report:
    """What `office check` found: problems (the folder is not usable) and the files that passed."""

    problems: list[Problem] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _schemas() -> dict[str, type[BaseModel]]:
    """The schema of each YAML file an office may hold, by its path in the folder."""
    from vanban.award.decision import ListWording
    from vanban.award.form_wording import FormWordingFile
    from vanban.award.legal_bases import LegalBasesFile
    from vanban.award.reward import AwardFormsFile, BaseSalaryFile

    return {
        "content/danh-sach-khen-thuong.yaml": ListWording,
        "content/hinh-thuc-khen-thuong.yaml": FormWordingFile,
        "data/base_salary.yaml": BaseSalaryFile,
        "data/award_forms.yaml": AwardFormsFile,
        "data/legal_bases.yaml": LegalBasesFile,
    }


def _schema_of(rel: str) -> type[BaseModel] | None:
    from vanban.certificate_model import CertificateLayout
    from vanban.model import IssuerProfile

    if rel.startswith("certificates/") and rel.endswith(layering.YAML_SUFFIXES):
        return CertificateLayout
    if rel.startswith("issuers/") and rel.endswith(layering.YAML_SUFFIXES):
        return IssuerProfile
    return _schemas().get(rel)


def _validate(rel: str, model: type[BaseModel], base: Path, office_file: Path) -> None:
    """Validate the file as documents will see it (merged with the bundled one where it merges)."""
    data, lines = layering.read_yaml(office_file)
    base_file = base / rel
    folder = rel.split("/", 1)[0]
    if base_file.is_file() and folder in layering.MERGED + layering.APPENDED:
        data = layering.merge_file(folder, base_file, office_file)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError.single(
            office_file, tr("tệp không phải một tập hợp `khóa: giá trị`"), row=1, expected=tr("một ánh xạ YAML")
        )
    if rel.startswith("issuers/"):
        data = {"id": Path(rel).stem, **data}
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            written_here = any(loc[:n] in lines for n in range(len(loc), 0, -1)) or not base_file.is_file()
            where = office_file if written_here else base_file
            problems.append(
                Problem(
                    str(where),
                    pydantic_message(err),
                    row=layering._line(lines, loc) if written_here else None,
                    field=".".join(str(p) for p in loc) or None,
                )
            )
        raise InputError(problems) from None


def _check_template(path: Path) -> None:
    """A `.j2` wording template must compile (the error names its line)."""
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        SandboxedEnvironment().parse(path.read_text(encoding="utf-8"))
    except TemplateSyntaxError as exc:
        raise InputError.single(
            path, tr("mẫu Jinja sai cú pháp: {message}", message=exc.message or ""), row=exc.lineno
        ) from None
    except UnicodeDecodeError:
        raise InputError.single(path, tr("không phải văn bản UTF-8"), expected=tr("tệp lưu dạng UTF-8")) from None


_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def _check_image(path: Path) -> None:
    head = path.read_bytes()[:8]
    if not any(head.startswith(magic) for magic in _IMAGE_MAGIC):
        raise InputError.single(path, tr("không phải ảnh PNG hoặc JPEG"), expected=tr("ảnh .png hoặc .jpg"))


def check_office(office: Path, base: Path, *, render: bool = True) -> Report:
    """Check every file of `office` (laid over `base`); render a sample of each profile when `render`."""
    report = Report()
    if not office.is_dir():
        report.problems.append(Problem(str(office), tr("không tìm thấy thư mục của cơ quan")))
        return report
    files = layering._files(office)
    profiles: list[Path] = []
    for rel, path in sorted(files.items()):
        folder = rel.split("/", 1)[0] if "/" in rel else ""
        try:
            schema = _schema_of(rel)
            if schema is not None:
                _validate(rel, schema, base, path)
                if folder == "issuers":
                    profiles.append(path)
            elif rel.endswith(".j2"):
                _check_template(path)
            elif folder == "images":
                if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
                    _check_image(path)
                else:
                    report.notes.append(tr("{file}: không phải ảnh, không dùng đến", file=rel))
                    continue
            elif folder in ("content", "certificates", "data") and rel.endswith(layering.YAML_SUFFIXES):
                # a YAML file vanban does not know: parse it, say it is unused unless named by a session
                layering.read_yaml(path)
                if folder != "certificates":
                    report.notes.append(tr("{file}: vanban không đọc tệp này", file=rel))
                    continue
            elif folder in ("", "docx", "html", "examples") or rel.lower().endswith((".md", ".txt")):
                pass
            else:
                report.notes.append(tr("{file}: vanban không đọc tệp này", file=rel))
                continue
        except InputError as exc:
            report.problems.extend(exc.problems)
            continue
        report.passed.append(rel)
    if render and not report.problems:
        for profile in profiles:
            report.problems.extend(render_sample(profile, report))
    return report


def sample_document(issuer: Any):
    """A short plan (Kế hoạch) of `issuer`: header, number, date, subject, body, signature, Nơi nhận."""
    from vanban import rules
    from vanban.document_model import Document, Frame, Paragraph, Run

    frame = Frame(
        issuer=issuer,
        doc_type="KH",
        number_line=issuer.number_line(1, "KH"),
        place_date=rules.place_date(issuer.place, dt.date.today()),
        subject=["Tổ chức phong trào thi đua năm " + str(dt.date.today().year)],
        signer=issuer.signer,
        recipients=["- Như trên;", rules.archive_line(issuer.archive)],
    )
    text = "Văn bản mẫu để kiểm tra phần đầu, số, ngày tháng, chữ ký và nơi nhận của hồ sơ cơ quan."
    return Document(frame=frame, blocks=[Paragraph(runs=[Run(text=text)])])


def render_sample(profile: Path, report: Report, out_dir: Path | None = None) -> list[Problem]:
    """Render the sample of one profile (DOCX and PDF) and run the Decree 30 checker on both."""
    from vanban.check import check_file
    from vanban.inputs.schema_file import load_model
    from vanban.issuers import header_overflows
    from vanban.model import IssuerProfile
    from vanban.render.docx import render_docx
    from vanban.render.pdf import render_pdf

    issuer = load_model(profile, IssuerProfile, defaults={"id": profile.stem})
    too_wide = [
        Problem(
            str(profile),
            tr(
                "dòng tiêu đề “{line}” rộng {width} mm, cột tiêu đề chỉ có {room} mm: chữ sẽ tự xuống dòng",
                line=line,
                width=width,
                room=room,
            ),
            field="name" if line in issuer.name else "parent",
            expected=tr("tách thành hai dòng ở chỗ hợp nghĩa, ví dụ [TỔNG LIÊN ĐOÀN, LAO ĐỘNG VIỆT NAM]"),
        )
        for line, width, room in header_overflows(issuer)
    ]
    if too_wide:
        return too_wide
    if issuer.signer is None:
        return [
            Problem(
                str(profile),
                tr("hồ sơ chưa có người ký"),
                field="signer",
                expected="signer: {authority: [...], title: …, name: …}",
            )
        ]
    document = sample_document(issuer)
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="vanban-office-") as tmp:
        folder = out_dir or Path(tmp)
        renderers: dict[str, Callable[[Any], bytes]] = {"docx": render_docx, "pdf": render_pdf}
        for fmt, render in renderers.items():
            path = folder / f"{issuer.id}.{fmt}"
            path.write_bytes(render(document))
            failed = [r for r in check_file(path) if not r.ok]
            for result in failed:
                problems.append(
                    Problem(str(profile), tr("mẫu {fmt} không đạt: {result}", fmt=fmt.upper(), result=str(result)))
                )
    if not problems:
        report.passed.append(tr("{profile}: mẫu DOCX và PDF đạt kiểm tra Nghị định 30", profile=profile.name))
    return problems
