"""How an office writes its award decisions (cách trình bày quyết định khen thưởng).

Real decisions differ in shape, not only in words: the verb and what is given ("Tặng Giấy
khen", "Công nhận danh hiệu …", "Phong tặng …", "Truy tặng …"); where the awardees are named
(one in Điều 1, a short list in Điều 1, an annex table or a numbered list); where the
achievement stands; how money is written (none, an article, inline, a breakdown by group, "theo
quy định hiện hành"); which articles close the decision. `DecisionShape` holds those choices.

Every field is optional: a shape is resolved in layers — vanban's defaults (today's decision),
then the form of award's wording (`doc_templates/content/hinh-thuc-khen-thuong.yaml`), then the
issuer profile's `decision:`, then the session's `decision:` — the last value given wins. The
module is pure data so issuer profiles (vanban.model) and the award kind can both use it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AwardeesIn = Literal["auto", "article", "annex_table", "annex_list"]
AchievementIn = Literal["sentence", "paragraph"]
MoneyIn = Literal["article", "inline", "breakdown", "general", "none"]
EffectIn = Literal["in_executors", "own_article", "at_end", "none"]


class DecisionShape(BaseModel):
    """The shape choices of an award decision; None means "not said here: use the layer below"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verb: str | None = Field(
        default=None,
        description="Tặng, Tặng thưởng, Công nhận, Phong tặng, Truy tặng …; an issuer profile's verb applies to "
        "forms given with 'Tặng' (a title recognised with 'Công nhận' or conferred with 'Phong tặng' keeps its verb)",
    )
    object: str | None = Field(
        default=None, description="what is given, as Điều 1 writes it: Giấy khen, danh hiệu “Tập thể lao động xuất sắc”"
    )
    subject_prefix: Literal["Về việc", "V/v"] | None = Field(
        default=None, description="how a generated subject (trích yếu) starts"
    )
    authority_line: bool | None = Field(default=None, description="the deciding authority's line above Căn cứ")
    bases_dash: bool | None = Field(default=None, description="each Căn cứ starts with `- ` (trade unions often)")
    decides: str | None = Field(default=None, description="the line before Điều 1: `QUYẾT ĐỊNH:` or `QUYẾT ĐỊNH`")
    awardees: AwardeesIn | None = Field(
        default=None,
        description="where awardees are named: in Điều 1 (article), an annex table or numbered list; "
        "auto: in Điều 1 up to `inline_max`, else a table",
    )
    inline_max: int | None = Field(default=None, ge=0, le=20, description="auto: at most this many named in Điều 1")
    achievement: AchievementIn | None = Field(
        default=None, description="the achievement inside Điều 1's sentence, or as its own paragraph"
    )
    money: MoneyIn | None = Field(
        default=None,
        description="article: an article with amounts, total and words; inline: in Điều 1; breakdown: count × "
        "amount per group; general: 'theo quy định hiện hành'; none: no money at all",
    )
    fund: str | None = Field(
        default=None, description="who pays, after 'trích từ' (may use {full_name} and {year}); empty: not said"
    )
    effect: EffectIn | None = Field(
        default=None,
        description="'có hiệu lực kể từ ngày ký' at the start of the executing article (in_executors), as its own "
        "article, at its end ('… thi hành Quyết định này kể từ ngày ký'), or not at all",
    )
    achievement_comma: bool | None = Field(
        default=None, description="a comma before the achievement in Điều 1 ('(có danh sách kèm theo), đã …')"
    )
    closing_and: bool | None = Field(
        default=None, description="'… và các tập thể có tên tại Điều 1' (True) or '…, các tập thể …' (False)"
    )
    closing_names_awardees: bool | None = Field(
        default=None, description="the executing article names the awardees ('các tập thể có tên tại Điều 1')"
    )
    executors: str | None = Field(default=None, description="who carries out the decision (the last article)")
    count_digits: Literal[1, 2] | None = Field(default=None, description="counts as 05 (2) or 5 (1)")
    annex_reference: Literal["Kèm theo", "Ban hành kèm theo"] | None = Field(
        default=None, description="the italic line under the annex title"
    )
    annex_title: str | None = Field(
        default=None,
        description="the annex's title line instead of the list wording's (may use {{ verb }}, {{ object }}, "
        "{{ who_kinds }} …)",
    )
    annex_date: Literal["words", "numeric"] | None = Field(
        default=None,
        description="the decision's date in the annex reference: 'ngày 28 tháng 3 năm 2008' (words) or "
        "'ngày 28/3/2008' (numeric)",
    )
    annex_number_digits: Literal[1, 2] | None = Field(
        default=None, description="numbers of a numbered-list annex: 1. (1) or 01. (2)"
    )
    rounding: int | None = Field(default=None, ge=0, description="amounts rounded up to this many đồng (0: exact)")

    def over(self, below: DecisionShape) -> DecisionShape:
        """This layer on top of `below`: every field given here wins."""
        return below.model_copy(update=self.model_dump(exclude_none=True))


#: vanban's own layer: the decision vanban has always written (an annex table, money in its own
#: article, the effect date in the executing article).
DEFAULT_SHAPE = DecisionShape(
    verb="Tặng",
    subject_prefix="Về việc",
    authority_line=True,
    bases_dash=False,
    decides="QUYẾT ĐỊNH:",
    awardees="auto",
    inline_max=0,
    achievement="sentence",
    money="article",
    fund="quỹ thi đua, khen thưởng của {full_name} năm {year}",
    effect="in_executors",
    achievement_comma=False,
    closing_and=False,
    closing_names_awardees=True,
    executors="Chánh Văn phòng {full_name}",
    count_digits=2,
    annex_reference="Kèm theo",
    annex_date="words",
    annex_number_digits=1,
    rounding=10_000,
)


def resolve(*layers: DecisionShape | None) -> DecisionShape:
    """The shape in force: `DEFAULT_SHAPE`, then each given layer in order (later wins)."""
    shape = DEFAULT_SHAPE
    for layer in layers:
        if layer is not None:
            shape = layer.over(shape)
    return shape
