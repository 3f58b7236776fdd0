"""Typed objects of an award (khen thưởng): the review session, the awardees, the whole list.

After the Emulation and Commendation Council (Hội đồng Thi đua - Khen thưởng) approves a list,
the office issues a decision (Quyết định khen thưởng) with the list as annex and prints one
certificate (Giấy khen / Bằng khen) per awardee. `AwardSession` holds what the decision says,
`Awardee` one line of the approved list, `AwardList` both plus the notes on text that was
converted from a legacy encoding while reading. Input readers live in `vanban.inputs`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from vanban.decision_shape import DecisionShape
from vanban.errors import describe_location
from vanban.i18n import tr
from vanban.inputs.conversion import Conversion
from vanban.model import Recipient, Signer, _Model

Kind = Literal["collective", "individual", "household"]
Honorific = Literal["Ông", "Bà"]


class SourceRef(_Model):
    """Where an awardee came from, so later errors (and the clerk) can find the row again."""

    file: str
    sheet: str | None = None
    row: int | None = Field(default=None, description="spreadsheet row or YAML line, 1-based")
    field: str | None = Field(default=None, description="path inside a YAML/JSON list")

    def __str__(self) -> str:
        return describe_location(self.file, self.sheet, self.row, field=self.field)


class Awardee(_Model):
    """One approved collective (tập thể), individual (cá nhân) or household (hộ gia đình) of the list.

    `seq` is the 1-based position within its kind in the approved order (thứ tự như danh sách
    được duyệt); the annex numbers collectives and individuals separately.
    """

    seq: int = Field(ge=1, description="số thứ tự trong nhóm (TT), as approved")
    kind: Kind = Field(description="tập thể | cá nhân | hộ gia đình")
    name: str = Field(min_length=1, description="họ và tên, or tên tập thể")
    honorific: Honorific | None = Field(
        default=None, description="tên gọi Ông/Bà, from the Tên gọi or Giới tính column"
    )
    position: str | None = Field(default=None, description="chức vụ")
    unit: str | None = Field(default=None, description="đơn vị công tác")
    form: str | None = Field(default=None, description="hình thức khen thưởng / danh hiệu thi đua as written")
    achievement: str | None = Field(default=None, description="thành tích, when the row has its own")
    amount: int | None = Field(
        default=None, ge=0, description="số tiền (đồng) written in the list; None: computed from the form"
    )
    note: str | None = Field(default=None, description="ghi chú")
    source: SourceRef

    @field_validator("position", "unit", "form", "achievement", "note")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _collectives_have_no_honorific(self) -> Awardee:
        if self.kind != "individual" and self.honorific is not None:
            raise ValueError(tr("chỉ cá nhân mới có danh xưng (Ông/Bà)"))
        return self


class Submission(_Model):
    """The session's `submission:` block: the Tờ trình đề nghị khen thưởng made from this list."""

    issuer: str | None = Field(
        default=None, description="hồ sơ cơ quan trình (numbers the Tờ trình); empty: the decision's issuer"
    )
    proposer: str | None = Field(
        default=None, description="đơn vị đề nghị as the decision names it; empty: the session's proposer"
    )
    to: list[str] = Field(default_factory=list, description="Kính gửi; empty: the deciding body")
    date: dt.date | None = Field(default=None, description="ngày dự kiến; the signing date is given at issue")
    signer: Signer | None = Field(default=None, description="người ký Tờ trình; empty: the profile's signer")
    recipients: list[Recipient] = Field(default_factory=list, description="nơi nhận, without Lưu")
    archive: str | None = Field(default=None, description="Lưu: `VT, CSPL`")
    subject: str | None = Field(default=None, description="trích yếu; empty: `Về việc đề nghị tặng …`")


_AWARD_FORM_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class AwardSession(_Model):
    """What the award decision (Quyết định khen thưởng) says, from the review session.

    Read from `<list>.session.yaml` / `session.yaml` or from the workbook's `Thông tin` sheet.
    """

    issuer: str = Field(min_length=1, description="id of the issuer profile (cơ quan ban hành)")
    number: int | None = Field(default=None, ge=1, description="số quyết định; None: filled by hand or by the register")
    date: dt.date = Field(description="ngày quyết định")
    subject: str | None = Field(
        default=None, description="trích yếu: Về việc tặng Giấy khen cho …; empty: written from the decision's shape"
    )
    legal_bases: list[str] | None = Field(
        default=None,
        description="căn cứ, one per line, without the leading `Căn cứ` and the `;`; empty: the law in force on "
        "the decision's date (data/legal_bases.yaml) for the issuer",
    )
    proposer: str | None = Field(default=None, description="đơn vị đề nghị (Xét đề nghị của …)")
    proposal: str | None = Field(default=None, description="tờ trình: `Tờ trình số 05/TTr-… ngày …`")
    proposal_line: str | None = Field(
        default=None, description="the whole `Xét đề nghị …` line as the office writes it (kept as typed)"
    )
    decision: DecisionShape | None = Field(
        default=None, description="how this decision is written (verb, where awardees are named, money …)"
    )
    submission: Submission | None = Field(
        default=None,
        description="the Tờ trình đề nghị khen thưởng made from this list (vanban.submission); the decision "
        "then cites it from the register",
    )
    achievement: str = Field(
        min_length=1,
        description="thành tích / phong trào: `đã có thành tích xuất sắc trong phong trào thi đua năm 2025`",
    )
    award_form: str = Field(
        description="hình thức khen thưởng id, a key of doc_templates/data/award_forms.yaml (giay_khen)"
    )
    award_form_name: str | None = Field(default=None, description="display name, e.g. Giấy khen")
    signer: Signer = Field(description="người ký with thẩm quyền ký")
    recipients: list[Recipient] = Field(default_factory=list, description="nơi nhận, without Lưu")
    archive: str | None = Field(default=None, description="Lưu: `VT, CSPL&QHLĐ`; None: the issuer's")
    executors: str | None = Field(default=None, description="who carries out the decision (Điều 3)")
    collective_rule: Literal["round_once", "double_individual"] = Field(
        default="round_once",
        description="collective amount: round_up(2 × coefficient × base) or 2 × the rounded individual amount",
    )
    order: Literal["approved", "unit", "name"] = Field(
        default="approved", description="order inside each group of the annex"
    )

    @model_validator(mode="before")
    @classmethod
    def _award_form_display_name(cls, data):
        """`Giấy khen` given where an id belongs → id `giay_khen`, display name kept."""
        if isinstance(data, dict) and isinstance(data.get("award_form"), str):
            form = data["award_form"].strip()
            if form and not _AWARD_FORM_ID.match(form):
                from vanban.vietnamese.text import fold

                data = dict(data)
                data["award_form"] = re.sub(r"[^a-z0-9]+", "_", fold(form).lower()).strip("_")
                data.setdefault("award_form_name", form)
        return data

    @field_validator("legal_bases")
    @classmethod
    def _bare_basis(cls, lines: list[str] | None) -> list[str] | None:
        if not lines:
            return None
        bare = []
        for line in lines:
            text = re.sub(r"^[-–•]\s*", "", line.strip())
            text = re.sub(r"^căn cứ\s+", "", text, flags=re.IGNORECASE).rstrip(" ;.")
            if not text:
                raise ValueError(tr("có một dòng căn cứ để trống"))
            bare.append(text)
        return bare

    @field_validator("subject", "proposer", "proposal", "proposal_line", "archive", "executors", "award_form_name")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class AwardList(_Model):
    """The approved list (danh sách đề nghị khen thưởng đã duyệt) with its session."""

    session: AwardSession
    awardees: list[Awardee]
    conversions: list[Conversion] = Field(
        default_factory=list, description="every cell converted to Unicode while reading"
    )

    @property
    def collectives(self) -> list[Awardee]:
        return [a for a in self.awardees if a.kind == "collective"]

    @property
    def individuals(self) -> list[Awardee]:
        return [a for a in self.awardees if a.kind == "individual"]

    @property
    def households(self) -> list[Awardee]:
        return [a for a in self.awardees if a.kind == "household"]
