"""Typed requests for each kind of run: the Prefect UI's form, the CLI's and the web page's input.

Plain pydantic (no Prefect): the flows take them as their one parameter, the registry of kinds
(`vanban.kinds`) names each kind's request, and the CLI and the web page fill them in.
Descriptions are in Vietnamese (for the clerk using the UI) and English.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: How a run issues its document: `after_approval` renders a draft (no number, day blank, DỰ
#: THẢO) and waits for a person to approve it with the signing date; `now` numbers and issues at
#: once (one step, as before drafts existed).
IssueMode = Literal["after_approval", "now"]


class IssueFields(BaseModel):
    """What every kind's request says about issuing (ban hành): when, on which date, which number."""

    issue: IssueMode = Field(
        default="after_approval",
        description="after_approval: soạn dự thảo (chưa lấy số), chờ duyệt rồi mới ban hành; now: ban hành "
        "ngay — draft first and issue after approval, or issue at once",
    )
    date: dt.date | None = Field(
        default=None,
        description="Ngày ký ban hành; để trống: ngày trong tệp — the signing date; empty: the input's",
    )
    number: int | None = Field(
        default=None, ge=1, description="Số văn thư đã cấp (nếu có) — a number the văn thư already gave by hand"
    )
    draft_id: str | None = Field(default=None, description="Mã dự thảo được ban hành — the draft being issued")
    approved_by: str | None = Field(default=None, description="Người duyệt — who approved the draft")
    office: str | None = Field(
        default=None,
        description="Thư mục của cơ quan (hồ sơ cơ quan, lời văn, căn chỉnh phôi); để trống: VANBAN_OFFICE — "
        "the office's own folder laid over the templates; empty: VANBAN_OFFICE",
    )


class DocumentRequest(IssueFields):
    """Tạo văn bản (DOCX, PDF) từ tệp Markdown — render a document (KH, TB, TTr, CV …) from its file."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(default="written", description="Loại văn bản (mã trong danh mục) — the kind's id in the registry")
    source: str = Field(description="Tệp văn bản (.md) có phần khai báo YAML — the document's Markdown file")
    output_dir: str | None = Field(
        default=None,
        description="Thư mục lưu kết quả; để trống: outputs/<cơ quan>/<năm> — "
        "output folder; empty: outputs/<issuer>/<year>",
    )
    formats: list[Literal["docx", "pdf"]] = Field(
        default=["docx", "pdf"], min_length=1, description="Định dạng cần tạo — formats to write"
    )


class AwardRequest(IssueFields):
    """Tạo quyết định khen thưởng, danh sách và giấy khen — the award job for one approved list."""

    model_config = ConfigDict(extra="forbid")

    list_path: str = Field(
        description="Danh sách đã được Hội đồng duyệt (.xlsx, .csv, .yaml, .json) — the approved list"
    )
    session_path: str | None = Field(
        default=None,
        description="Tệp thông tin phiên họp (YAML); để trống: tệp cạnh danh "
        "sách hoặc trang 'Thông tin' — the session file; empty: "
        "beside the list or the workbook's 'Thông tin' sheet",
    )
    output_dir: str | None = Field(default=None, description="Thư mục gốc lưu gói kết quả — root folder of the package")
    mode: Literal["full", "preprinted"] = Field(
        default="full",
        description="full: in cả khung và biểu tượng; "
        "preprinted: chỉ in chữ lên phôi — full design, or text only on "
        "pre-printed stock",
    )
    order: Literal["approved", "unit", "name"] | None = Field(
        default=None,
        description="Thứ tự: như danh sách duyệt, theo đơn vị, theo tên — order: as approved, by unit, "
        "by name; empty: the session file's choice",
    )
    calibration: str | None = Field(
        default=None, description="Tệp căn chỉnh vị trí cho phôi (YAML) — calibration file for pre-printed stock"
    )
    # A tuning knob rather than a clerk's choice, but it stays in the schema: Prefect's server
    # refuses a run whose parameters name a field its deployment's schema lacks, and operators
    # set it per run (tests/ops/test_server_and_workers.py).
    chunk_size: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        description="Kỹ thuật: số giấy khen mỗi phần việc; để trống: tự chọn theo độ dài danh sách — "
        "technical: certificates per task; empty: sized to the list",
    )


class InboxRequest(BaseModel):
    """Xử lý hộp thư đến: danh sách đã duyệt thả vào thư mục — process the approved lists dropped in the inbox."""

    model_config = ConfigDict(extra="forbid")

    root: str | None = Field(
        default=None,
        description="Thư mục hộp thư (mỗi cơ quan một thư mục con); để trống: "
        "VANBAN_INBOX hoặc inbox/ — the inbox folder, one sub-folder "
        "per issuer",
    )
    output_dir: str | None = Field(default=None, description="Thư mục gốc lưu gói kết quả — root folder of packages")
    settle_seconds: float = Field(
        default=30.0,
        ge=0,
        description="Chỉ lấy tệp đã không đổi trong ngần ấy giây (tệp "
        "đang chép sẽ đợi lượt sau) — only files unchanged "
        "for this long are taken",
    )
    mode: Literal["full", "preprinted"] = Field(default="full", description="Kiểu in giấy khen — certificate mode")
