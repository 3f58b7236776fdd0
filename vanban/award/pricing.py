"""An approved list made ready to print: amounts, order, counts and totals (khen thưởng).

This is where the money is decided once, for the decision, the annex, the certificates and the
manifest alike: each awardee's amount is the amount written in the list when there is one,
else coefficient × base salary on the decision date, rounded up to 10.000 đồng
(`vanban.award.reward`). The order inside each group is the approved order, by unit, or by
Vietnamese name order (`vanban.vietnamese.collation`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from vanban.award import reward
from vanban.award.model import Awardee, AwardList, AwardSession
from vanban.errors import InputError, Problem
from vanban.issuers import load_issuer
from vanban.model import IssuerProfile
from vanban.vietnamese.collation import collective_sort_key, person_sort_key
from vanban.vietnamese.text import fold

Order = Literal["approved", "unit", "name"]


class PricedAwardee(BaseModel):
    """An awardee with its place in the printed list and its reward money."""

    model_config = ConfigDict(frozen=True)

    awardee: Awardee
    index: int  # 1-based position inside its group as printed (TT)
    form_id: str
    form_name: str
    amount: int  # đồng

    @property
    def kind(self) -> str:
        return self.awardee.kind


class AwardBatch(BaseModel):
    """Everything the award documents need, computed once."""

    model_config = ConfigDict(frozen=True)

    session: AwardSession
    issuer: IssuerProfile
    number: int | None
    collectives: list[PricedAwardee]
    individuals: list[PricedAwardee]

    @property
    def awardees(self) -> list[PricedAwardee]:
        """Collectives first, then individuals: the order of the annex and of the certificates."""
        return [*self.collectives, *self.individuals]

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.awardees)

    @property
    def date(self) -> dt.date:
        return self.session.date

    @property
    def form_name(self) -> str:
        return self.session.award_form_name or reward.award_form(self.session.award_form).name


def _form_ids_by_name() -> dict[str, str]:
    forms = reward.load_award_forms()
    names = {fold(form.name).lower(): form_id for form_id, form in forms.items()}
    names.update({form_id: form_id for form_id in forms})
    return names


def _form_for(awardee: Awardee, session: AwardSession, known: dict[str, str]) -> str | None:
    if not awardee.form:
        return session.award_form
    key = re.sub(r"\s+", " ", fold(awardee.form).lower()).strip()
    return known.get(key) or known.get(key.replace(" ", "_"))


def price(
    award_list: AwardList, *, order: Order | None = None, number: int | None = None, issuers_dir=None
) -> AwardBatch:
    """Amounts and order for every awardee; every problem is reported at once."""
    session = award_list.session
    issuer = load_issuer(session.issuer, issuers_dir)
    known = _form_ids_by_name()
    problems: list[Problem] = []
    priced: list[tuple[Awardee, str, int]] = []
    forms = reward.load_award_forms()
    for a in award_list.awardees:
        form_id = _form_for(a, session, known)
        if form_id is None and a.amount is None:
            problems.append(
                Problem(
                    a.source.file,
                    f"unknown form of reward {a.form!r}",
                    sheet=a.source.sheet,
                    row=a.source.row,
                    column="Hình thức khen thưởng",
                    expected="one of " + ", ".join(f.name for f in forms.values()),
                )
            )
            continue
        form_id = form_id or session.award_form
        if a.amount is not None:
            amount = a.amount
        else:
            try:
                amount = reward.reward_amount(form_id, session.date, a.kind == "collective", session.collective_rule)
            except reward.RewardError as exc:
                problems.append(Problem(a.source.file, str(exc), sheet=a.source.sheet, row=a.source.row))
                continue
        priced.append((a, form_id, amount))
    if problems:
        raise InputError(problems)
    chosen = order or session.order
    groups = []
    for kind in ("collective", "individual"):
        members = [p for p in priced if p[0].kind == kind]
        members.sort(key=lambda p: _order_key(p[0], chosen))
        groups.append(
            [
                PricedAwardee(awardee=a, index=i, form_id=f, form_name=forms[f].name, amount=amt)
                for i, (a, f, amt) in enumerate(members, start=1)
            ]
        )
    return AwardBatch(
        session=session,
        issuer=issuer,
        number=number if number is not None else session.number,
        collectives=groups[0],
        individuals=groups[1],
    )


def _order_key(a: Awardee, order: Order):
    if order == "approved":
        return (a.seq,)
    name_key = collective_sort_key(a.name) if a.kind == "collective" else person_sort_key(a.name)
    if order == "unit":
        return (collective_sort_key(a.unit or ""), a.seq)
    return (name_key, a.seq)


def two_digits(count: int) -> str:
    """Counts in running text are written with two digits: `05 tập thể`."""
    return f"{count:02d}"
