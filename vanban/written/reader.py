"""Documents a clerk writes in Markdown (văn bản soạn thảo): front matter + body.

A Kế hoạch (KH) is the usual one; a Thông báo, Tờ trình, công văn, Hướng dẫn or Báo cáo is written
the same way: only the front matter's `type` differs.

Format (documented in docs/plan-input.md):

    ---
    issuer: ldld-lai-chau          # a profile in doc_templates/issuers/
    type: KH                       # Appendix III abbreviation; default KH
    number: 5                      # optional; absent → from the register; `blank` → hand-numbered
    date: 2021-12-17
    subject: Triển khai phong trào thi đua …
    signer: {authority: [TM. BAN THƯỜNG VỤ], title: CHỦ TỊCH, name: Nguyễn Thị Thiện}
    recipients:
      - {name: UBND tỉnh, note: (B/c)}
      - Ban TĐKT tỉnh
    archive: VT, CSPL&QHLĐ
    ---
    Body in Markdown …
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vanban import preflight, rules
from vanban.document_model import Paragraph
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.inputs.front_matter import read_utf8, split_front_matter
from vanban.inputs.markdown_body import parse_body
from vanban.issuers import load_issuer
from vanban.model import IssuerProfile, Recipient, Signer, validation_error


class FrontMatter(BaseModel):
    """The front matter of a written document, as the clerk writes it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    issuer: str = Field(min_length=1, description="issuer profile id")
    type: str = Field(default="KH", description="type abbreviation (Appendix III)")
    number: Annotated[int, Field(ge=1)] | Literal["blank"] | None = None
    date: dt.date
    subject: str | list[str] = Field(description="trích yếu")
    signer: Signer | None = None
    recipients: list[Recipient] = Field(default_factory=list, description="nơi nhận")
    archive: str | None = Field(default=None, description="Lưu line without `Lưu:`, e.g. `VT, TĐKT`")
    kinh_gui: list[str] = Field(default_factory=list, description="kính gửi, for công văn and tờ trình")
    drafting_unit: str | None = Field(default=None, description="đơn vị soạn thảo, for a công văn symbol")

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value):
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    tr("'{value}' không phải ngày có thật (ghi dạng năm-tháng-ngày, ví dụ 2026-01-09)", value=value)
                ) from None
        return value

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value != rules.CONG_VAN and value not in rules.TYPE_ABBREVIATIONS:
            raise ValueError(
                tr(
                    "không có loại văn bản '{value}'; cần chữ viết tắt theo Phụ lục III như "
                    "KH, QĐ, TB, BC, TTr (đúng chữ hoa, chữ thường) hoặc CV cho công văn",
                    value=value,
                )
            )
        return value

    @property
    def subject_lines(self) -> list[str]:
        return [self.subject] if isinstance(self.subject, str) else list(self.subject)


class WrittenInput(BaseModel):
    """A parsed written document: validated front matter, its issuer profile, and the body blocks."""

    model_config = ConfigDict(frozen=True)

    source: Path
    meta: FrontMatter
    issuer: IssuerProfile
    body: list[Paragraph]
    content: str = Field(description="the file's text, for idempotency keys")

    @property
    def signer(self) -> Signer:
        return self.meta.signer or self.issuer.signer  # type: ignore[return-value]


def read_written(path: Path, issuers_dir: Path | None = None) -> WrittenInput:
    """Read and validate a written document; every problem is reported with the file and the field."""
    text = read_utf8(path)
    raw, body_text, _ = split_front_matter(text, path)
    try:
        meta = FrontMatter.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(path, exc) from None
    issuer = load_issuer(meta.issuer, issuers_dir, source=path)
    if meta.signer is None and issuer.signer is None:
        raise InputError(
            [
                Problem(
                    str(path),
                    tr("chưa ghi người ký, và hồ sơ cơ quan cũng không có"),
                    field="signer",
                    expected=tr("thẩm quyền ký, chức vụ và họ tên người ký"),
                )
            ]
        )
    if meta.type == rules.CONG_VAN and not meta.drafting_unit:
        raise InputError(
            [
                Problem(
                    str(path),
                    tr("công văn cần ghi đơn vị soạn thảo để ghi ký hiệu"),
                    field="drafting_unit",
                    expected=tr("ví dụ VX, TĐKT"),
                )
            ]
        )
    body = parse_body(body_text)
    if not body:
        raise InputError(
            [Problem(str(path), tr("phần nội dung trống"), expected=tr("nội dung Markdown sau phần thông tin đầu tệp"))]
        )
    written = WrittenInput(source=path, meta=meta, issuer=issuer, body=body, content=text)
    preflight.check_document(written, str(path))  # before any number: what is printed can be printed
    return written
