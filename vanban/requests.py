"""Typed requests for each kind of run: the Prefect UI's form, the CLI's and the web page's input.

Plain pydantic (no Prefect): the flows take them as their one parameter, the registry of kinds
(`vanban.kinds`) names each kind's request, and the CLI and the web page fill them in.
Titles are Vietnamese (the form's labels); descriptions Vietnamese and English.

The Prefect UI draws its run form from the JSON schema of these models (`FormModel`): an optional
field is a plain input rather than pydantic's `anyOf [string, null]`, which the UI shows as a
`str | None` toggle; the field a clerk fills comes first, what approval fills in after, and the
technical knobs last, titled as such. An optional field left blank ("") means "not given".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import JsonDict

#: Marks a field as technical in the form (`json_schema_extra`): kept in the schema, shown last.
TECHNICAL: JsonDict = {"x-vanban-technical": True}
#: Marks a field the approval step or the web page fills in, not the clerk: shown after hers.
FILLED_IN: JsonDict = {"x-vanban-filled-in": True}


def _plain_optional(prop: dict[str, Any]) -> dict[str, Any]:
    """`anyOf [X, null]` with `default: null` → X. Without a default the Prefect server, which
    validates a run's parameters against this schema, still accepts null for the field (its
    preprocessing allows null for a typed field that is not required and has no default), and
    the UI draws one plain input."""
    options = prop.get("anyOf")
    if not options or prop.get("default", None) is not None:
        return prop
    kept = [o for o in options if o.get("type") != "null"]
    if len(kept) != 1 or len(kept) == len(options):
        return prop
    flat = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
    return {**kept[0], **flat}


def _form_schema(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """The run form as a clerk meets it: plain optional inputs, her fields first, technical last."""
    props: dict[str, Any] = schema.get("properties", {})
    own = set(vars(cls).get("__annotations__", {}))  # the kind's own fields (the list), before the inherited

    def rank(name: str) -> int:
        prop = props[name]
        if prop.get("x-vanban-technical"):
            return 3
        return 2 if prop.get("x-vanban-filled-in") else 0 if name in own else 1

    ordered = sorted(props, key=lambda name: (rank(name), list(props).index(name)))
    schema["properties"] = {name: _plain_optional(props[name]) for name in ordered}
    for position, name in enumerate(ordered):  # the UI orders by `position`; JSONB keeps no key order
        schema["properties"][name]["position"] = position


class FormModel(BaseModel):
    """A request the Prefect UI draws as a form (see the module's docstring)."""

    model_config = ConfigDict(json_schema_extra=_form_schema)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_not_given(cls, data: Any) -> Any:
        """ "" in an optional field (a form's empty input) is None: not given."""
        if not isinstance(data, dict):
            return data
        optional = {name for name, f in cls.model_fields.items() if not f.is_required() and f.default is None}
        return {k: (None if k in optional and isinstance(v, str) and not v.strip() else v) for k, v in data.items()}


#: How a run issues its document: `after_approval` renders a draft (no number, day blank, DỰ
#: THẢO) and waits for a person to approve it with the signing date; `now` numbers and issues at
#: once (one step, as before drafts existed); `draft` renders the draft and ends there, without
#: pausing: it is issued later from the web page or with `vanban issue` (the web page's drafting
#: runs, which show the draft on the page rather than in the Prefect UI's approval form).
IssueMode = Literal["after_approval", "now", "draft"]


class IssueFields(FormModel):
    """What every kind's request says about issuing (ban hành): when, on which date, which number."""

    issue: IssueMode = Field(
        default="after_approval",
        title="Cách ban hành",
        description="after_approval: soạn dự thảo (chưa lấy số), chờ duyệt rồi mới ban hành; now: ban hành "
        "ngay; draft: chỉ soạn dự thảo, không chờ duyệt (ban hành sau trên trang web hoặc bằng vanban issue) — "
        "draft first and issue after approval, issue at once, or draft only (issue later from the page or "
        "`vanban issue`)",
    )
    date: dt.date | None = Field(
        default=None,
        title="Ngày ký",
        description="Ngày ký ban hành; để trống: ngày trong tệp — the signing date; empty: the input's",
    )
    number: int | None = Field(
        default=None,
        ge=1,
        title="Số đã cấp",
        description="Số văn thư đã cấp (nếu có) — a number the văn thư already gave by hand",
    )
    draft_id: str | None = Field(
        default=None,
        title="Mã dự thảo",
        description="Mã dự thảo được ban hành (trang web và bước duyệt tự điền) — the draft being issued "
        "(filled in by the web page and the approval step)",
        json_schema_extra=FILLED_IN,
    )
    drafted_by: str | None = Field(
        default=None,
        title="Người soạn",
        description="Người soạn dự thảo (trang web tự điền); để trống: tài khoản của máy chạy — who drafted "
        "(filled in by the web page); empty: the account running the flow",
        json_schema_extra=FILLED_IN,
    )
    approved_by: str | None = Field(
        default=None,
        title="Người duyệt",
        description="Người duyệt (trang web và bước duyệt tự điền) — who approved the draft (filled in by the web "
        "page and the approval step)",
        json_schema_extra=FILLED_IN,
    )
    office: str | None = Field(
        default=None,
        title="Thư mục của cơ quan",
        description="Thư mục của cơ quan (hồ sơ cơ quan, lời văn, căn chỉnh phôi); để trống: VANBAN_OFFICE — "
        "the office's own folder laid over the templates; empty: VANBAN_OFFICE",
    )


class DocumentRequest(IssueFields):
    """Tạo văn bản (DOCX, PDF) từ tệp Markdown — render a document (KH, TB, TTr, CV …) from its file."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(
        default="written",
        title="Loại văn bản",
        description="Loại văn bản (mã trong danh mục) — the kind's id in the registry",
    )
    source: str = Field(
        title="Tệp văn bản", description="Tệp văn bản (.md) có phần khai báo YAML — the document's Markdown file"
    )
    output_dir: str | None = Field(
        default=None,
        title="Thư mục lưu kết quả",
        description="Thư mục lưu kết quả; để trống: outputs/<cơ quan>/<năm> — "
        "output folder; empty: outputs/<issuer>/<year>",
    )
    formats: list[Literal["docx", "pdf"]] = Field(
        default=["docx", "pdf"], min_length=1, title="Định dạng", description="Định dạng cần tạo — formats to write"
    )


class AwardRequest(IssueFields):
    """Tạo quyết định khen thưởng, danh sách và giấy khen — the award job for one approved list."""

    model_config = ConfigDict(extra="forbid")

    list_path: str = Field(
        title="Danh sách đã duyệt",
        description="Danh sách đã được Hội đồng duyệt (.xlsx, .csv, .yaml, .json) — the approved list",
    )
    session_path: str | None = Field(
        default=None,
        title="Tệp thông tin phiên họp",
        description="Tệp thông tin phiên họp (YAML); để trống: tệp cạnh danh "
        "sách hoặc trang 'Thông tin' — the session file; empty: "
        "beside the list or the workbook's 'Thông tin' sheet",
    )
    output_dir: str | None = Field(
        default=None,
        title="Thư mục lưu kết quả",
        description="Thư mục gốc lưu gói kết quả — root folder of the package",
    )
    mode: Literal["full", "preprinted"] = Field(
        default="full",
        title="Kiểu in giấy khen",
        description="full: in cả khung và biểu tượng; "
        "preprinted: chỉ in chữ lên phôi — full design, or text only on "
        "pre-printed stock",
    )
    order: Literal["approved", "unit", "name"] | None = Field(
        default=None,
        title="Thứ tự",
        description="Thứ tự: như danh sách duyệt, theo đơn vị, theo tên — order: as approved, by unit, "
        "by name; empty: the session file's choice",
    )
    calibration: str | None = Field(
        default=None,
        title="Tệp căn chỉnh phôi",
        description="Tệp căn chỉnh vị trí cho phôi (YAML) — calibration file for pre-printed stock",
    )
    # A tuning knob rather than a clerk's choice, but it stays in the schema: Prefect's server
    # refuses a run whose parameters name a field its deployment's schema lacks, and operators
    # set it per run (tests/ops/test_server_and_workers.py). Last in the form, titled as technical.
    chunk_size: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        title="Kỹ thuật: số giấy khen mỗi phần việc (để trống)",
        description="Thông số kỹ thuật, văn thư không cần điền; để trống: tự chọn theo độ dài danh sách — "
        "technical: certificates per task; empty: sized to the list",
        json_schema_extra=TECHNICAL,
    )


class InboxRequest(FormModel):
    """Xử lý hộp thư đến: danh sách đã duyệt thả vào thư mục — process the approved lists dropped in the inbox."""

    model_config = ConfigDict(extra="forbid")

    root: str | None = Field(
        default=None,
        title="Thư mục hộp thư",
        description="Thư mục hộp thư (mỗi cơ quan một thư mục con); để trống: "
        "VANBAN_INBOX hoặc inbox/ — the inbox folder, one sub-folder "
        "per issuer",
    )
    output_dir: str | None = Field(
        default=None, title="Thư mục lưu kết quả", description="Thư mục gốc lưu gói kết quả — root folder of packages"
    )
    settle_seconds: float = Field(
        default=30.0,
        ge=0,
        title="Kỹ thuật: số giây tệp phải đứng yên",
        description="Chỉ lấy tệp đã không đổi trong ngần ấy giây (tệp "
        "đang chép sẽ đợi lượt sau) — only files unchanged "
        "for this long are taken",
        json_schema_extra=TECHNICAL,
    )
    mode: Literal["full", "preprinted"] = Field(
        default="full", title="Kiểu in giấy khen", description="Kiểu in giấy khen — certificate mode"
    )
