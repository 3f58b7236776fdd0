"""Reward money (tiền thưởng) paid with a form of reward or an emulation title.

Amount = coefficient (hệ số) × base salary (lương cơ sở) in force on the decision date,
rounded up to the next 10.000 đồng (Decree 98/2023/NĐ-CP; Decree 152/2025/NĐ-CP changed the
ministry/province Bằng khen coefficient from 01/07/2025). Both the base salary and the
coefficients change over time, so they are dated data in `doc_templates/data/`
(`base_salary.yaml`, `award_forms.yaml`), not constants here: a new rate is a new entry, and
re-issuing an old decision still computes the old amount.

All arithmetic is in Decimal: 0,3 × 2.340.000 must be exactly 702.000 before rounding up to
710.000; a float product can land a hair above a multiple of 10.000 and round up one step too
far.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vanban import rules
from vanban.i18n import tr
from vanban.inputs.schema_file import cached_loader

CollectiveRule = Literal["round_once", "double_individual"]
COLLECTIVE_RULES: tuple[str, ...] = ("round_once", "double_individual")

#: Rewards are paid in whole multiples of this many đồng, rounded up.
ROUNDING_STEP = 10_000

BASE_SALARY_FILE = "base_salary.yaml"
AWARD_FORMS_FILE = "award_forms.yaml"


class RewardError(ValueError):
    """A reward cannot be computed: unknown form, date outside the data, wrong subject."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _no_float(value):
    """Coefficients must be quoted in YAML: a float has already lost exactness."""
    if isinstance(value, float):
        raise ValueError(tr('ghi hệ số {value} trong ngoặc kép ("{value}") để đọc đúng từng chữ số', value=value))
    return value


class BaseSalary(_Data):
    """One level of the lương cơ sở and the date it took effect."""

    start: _dt.date = Field(alias="from")
    amount: int = Field(gt=0, description="đồng per month")
    legal_basis: str | None = None
    clause: str | None = None
    source: str | None = Field(default=None, description="where the figure was checked")


class CoefficientPeriod(_Data):
    """The coefficient(s) of a form or title from a date (open start for the first period)."""

    start: _dt.date | None = Field(default=None, alias="from")
    individual: Decimal | None = Field(default=None, gt=0, description="hệ số for a cá nhân")
    collective: Decimal | None = Field(default=None, gt=0, description="hệ số for a tập thể")
    household_multiplier: Decimal | None = Field(
        default=None, gt=0, description="a household (hộ gia đình) gets this many times the individual amount"
    )
    legal_basis: str | None = None
    clause: str | None = None
    source: str | None = Field(default=None, description="where the coefficient was checked")

    _floats = field_validator("individual", "collective", "household_multiplier", mode="before")(_no_float)

    @model_validator(mode="after")
    def _has_a_coefficient(self) -> CoefficientPeriod:
        if self.individual is None and self.collective is None:
            raise ValueError(tr("mỗi giai đoạn cần hệ số `individual` hoặc `collective`"))
        return self


class AwardForm(_Data):
    """A hình thức khen thưởng (`kind: form`) or danh hiệu thi đua (`kind: title`)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, description="Vietnamese display name, e.g. Giấy khen")
    kind: Literal["form", "title"]
    collective_multiplier: Decimal | None = Field(
        default=None, gt=0, description="a collective gets this many times the individual amount"
    )
    periods: list[CoefficientPeriod] = Field(min_length=1)

    _floats = field_validator("collective_multiplier", mode="before")(_no_float)

    @field_validator("periods")
    @classmethod
    def _dated_in_order(cls, periods: list[CoefficientPeriod]) -> list[CoefficientPeriod]:
        if any(p.start is None for p in periods[1:]):
            raise ValueError(tr("chỉ giai đoạn đầu tiên được bỏ trống `from`"))
        starts = [p.start for p in periods if p.start is not None]
        if starts != sorted(set(starts)):
            raise ValueError(tr("các giai đoạn phải xếp theo `from` tăng dần, mỗi ngày một giai đoạn"))
        return periods

    def period_on(self, date: _dt.date) -> CoefficientPeriod:
        """The period in force on `date`."""
        current = [p for p in self.periods if p.start is None or p.start <= date]
        if not current:
            raise RewardError(
                tr(
                    "{name} ({id}) chưa có hệ số trước ngày {start}; ngày {date} quá sớm",
                    name=self.name,
                    id=self.id,
                    start=rules.short_date(self.periods[0].start) if self.periods[0].start else "—",
                    date=rules.short_date(date),
                )
            )
        return current[-1]


class BaseSalaryFile(_Data):
    """`base_salary.yaml`: the lương cơ sở levels, oldest first."""

    entries: list[BaseSalary] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _in_order(cls, entries: list[BaseSalary]) -> list[BaseSalary]:
        starts = [level.start for level in entries]
        if starts != sorted(set(starts)):
            raise ValueError(tr("các mục phải xếp theo `from` tăng dần, mỗi ngày một mục"))
        return entries


class AwardFormsFile(_Data):
    """`award_forms.yaml`: forms and titles by id (the key is the id)."""

    forms: dict[str, AwardForm] = Field(min_length=1)

    @field_validator("forms", mode="before")
    @classmethod
    def _ids_from_keys(cls, forms):
        if isinstance(forms, dict):
            return {key: ({"id": key, **body} if isinstance(body, dict) else body) for key, body in forms.items()}
        return forms


_load_base_salary_file = cached_loader(BaseSalaryFile)
_load_award_forms_file = cached_loader(AwardFormsFile)

# --------------------------------------------------------------------------------------------
# Loading


def data_dir() -> Path:
    from vanban.resources import template_path

    return template_path("data")


def load_base_salaries(directory: Path | None = None) -> tuple[BaseSalary, ...]:
    """The lương cơ sở levels, oldest first, from `base_salary.yaml`."""
    return tuple(_load_base_salary_file((directory or data_dir()) / BASE_SALARY_FILE).entries)


def load_award_forms(directory: Path | None = None) -> dict[str, AwardForm]:
    """Forms and titles by id, from `award_forms.yaml`."""
    return dict(_load_award_forms_file((directory or data_dir()) / AWARD_FORMS_FILE).forms)


# --------------------------------------------------------------------------------------------
# Computing


def base_salary_level_on(date: _dt.date, directory: Path | None = None) -> BaseSalary:
    """The lương cơ sở entry in force on `date` (the decision date)."""
    date = _as_date(date)
    levels = load_base_salaries(directory)
    current = [level for level in levels if level.start <= date]
    if not current:
        raise RewardError(
            tr(
                "Chưa có mức lương cơ sở trước ngày {start}; không tính được tiền thưởng cho ngày {date}",
                start=rules.short_date(levels[0].start),
                date=rules.short_date(date),
            )
        )
    return current[-1]


def base_salary_on(date: _dt.date, directory: Path | None = None) -> int:
    """The lương cơ sở in force on `date` (the decision date), in đồng."""
    return base_salary_level_on(date, directory).amount


def round_up_to_step(amount: Decimal, step: int = ROUNDING_STEP) -> int:
    """Round up to the next multiple of `step` đồng (làm tròn lên); exact multiples stay."""
    steps = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * step


Recipient = Literal["individual", "collective", "household"]


class RewardBasis(BaseModel):
    """The law an amount was computed from: shown in the manifest and the run summary so a clerk
    can check it (base salary and coefficient in force on the decision date, with their sources)."""

    model_config = ConfigDict(frozen=True)

    form_id: str
    form_name: str
    recipient: Recipient
    coefficient: Decimal
    multiplier: Decimal | None = None
    coefficient_basis: str | None = None
    coefficient_clause: str | None = None
    coefficient_source: str | None = None
    base_salary: int
    base_salary_from: _dt.date
    base_salary_basis: str | None = None
    base_salary_source: str | None = None
    rounding: int
    amount: int


def reward_basis(
    form_id: str,
    date: _dt.date,
    recipient: Recipient = "individual",
    collective_rule: CollectiveRule = "round_once",
    *,
    rounding: int = ROUNDING_STEP,
    directory: Path | None = None,
) -> RewardBasis:
    """The amount for one `recipient` of `form_id` decided on `date`, and the law it rests on.

    Giấy khen at 2.340.000: individual 710.000. A collective gets twice the individual amount;
    `collective_rule` says how that is rounded: `round_once` = round_up(0,6 × base) = 1.410.000
    (what the rounding clause supports), `double_individual` = 2 × 710.000 = 1.420.000 (what
    some offices do). Titles with their own collective coefficient ignore the rule. A household
    (hộ gia đình) gets the period's `household_multiplier` × the individual amount. `rounding`
    is the step amounts are rounded up to (10.000 đồng by default; 0 or 1: not rounded).
    """
    if collective_rule not in COLLECTIVE_RULES:
        raise RewardError(
            tr(
                "Cách tính tiền tập thể phải là một trong: {rules}; nhận được {got}",
                rules=", ".join(COLLECTIVE_RULES),
                got=repr(collective_rule),
            )
        )
    date = _as_date(date)
    form = award_form(form_id, directory)
    period = form.period_on(date)
    level = base_salary_level_on(date, directory)
    base = Decimal(level.amount)
    step = max(1, rounding)
    multiplier: Decimal | None = None
    if recipient == "collective" and period.collective is not None:
        coefficient, amount = period.collective, round_up_to_step(period.collective * base, step)
    elif period.individual is None:
        raise RewardError(tr("{name} ({id}) chỉ tặng cho tập thể", name=form.name, id=form.id))
    elif recipient == "individual":
        coefficient, amount = period.individual, round_up_to_step(period.individual * base, step)
    else:
        multiplier = form.collective_multiplier if recipient == "collective" else period.household_multiplier
        if multiplier is None:
            if recipient == "collective":
                raise RewardError(tr("{name} ({id}) chỉ tặng cho cá nhân", name=form.name, id=form.id))
            raise RewardError(
                tr(
                    "{name} ({id}) không có mức tiền thưởng cho hộ gia đình vào ngày {date}",
                    name=form.name,
                    id=form.id,
                    date=rules.short_date(date),
                )
            )
        coefficient = period.individual
        if recipient == "collective" and collective_rule == "double_individual":
            amount = int(multiplier * round_up_to_step(period.individual * base, step))
        else:
            amount = round_up_to_step(multiplier * period.individual * base, step)
    return RewardBasis(
        form_id=form.id,
        form_name=form.name,
        recipient=recipient,
        coefficient=coefficient,
        multiplier=multiplier,
        coefficient_basis=period.legal_basis,
        coefficient_clause=period.clause,
        coefficient_source=period.source,
        base_salary=level.amount,
        base_salary_from=level.start,
        base_salary_basis=level.legal_basis,
        base_salary_source=level.source,
        rounding=step,
        amount=amount,
    )


def reward_amount(
    form_id: str,
    date: _dt.date,
    collective: bool = False,
    collective_rule: CollectiveRule = "round_once",
    *,
    household: bool = False,
    rounding: int = ROUNDING_STEP,
    directory: Path | None = None,
) -> int:
    """Reward money in đồng for one awardee of `form_id` decided on `date` (see `reward_basis`)."""
    recipient: Recipient = "household" if household else "collective" if collective else "individual"
    return reward_basis(form_id, date, recipient, collective_rule, rounding=rounding, directory=directory).amount


def award_form(form_id: str, directory: Path | None = None) -> AwardForm:
    """The form or title with this id; the error lists the known ids."""
    forms = load_award_forms(directory)
    try:
        return forms[form_id]
    except KeyError:
        raise RewardError(
            tr(
                "Hình thức khen thưởng “{form}” không có trong danh mục; có: {known}",
                form=form_id,
                known=", ".join(forms),
            )
        ) from None


def _as_date(value: _dt.date) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if not isinstance(value, _dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__} {value!r}")
    return value
