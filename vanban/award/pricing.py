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

from vanban import rules
from vanban.award import reward
from vanban.award.form_wording import FormWording, form_wording
from vanban.award.legal_bases import ChosenBasis, default_legal_bases, load_legal_bases, stale_citations
from vanban.award.model import Awardee, AwardList, AwardSession
from vanban.award.reward import RewardBasis
from vanban.decision_shape import DEFAULT_SHAPE, DecisionShape, resolve
from vanban.errors import InputError, Problem
from vanban.i18n import tr
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
    """Everything the award documents need, computed once: amounts, order, the decision's shape,
    the law used (base salary, coefficients, legal bases, with their sources) and warnings."""

    model_config = ConfigDict(frozen=True)

    session: AwardSession
    issuer: IssuerProfile
    number: int | None
    collectives: list[PricedAwardee]
    individuals: list[PricedAwardee]
    households: list[PricedAwardee] = []
    shape: DecisionShape = DEFAULT_SHAPE
    wording: FormWording | None = None
    legal_bases: list[ChosenBasis] = []
    reward_law: list[RewardBasis] = []
    warnings: list[str] = []

    @property
    def awardees(self) -> list[PricedAwardee]:
        """Collectives, individuals, then households: the order of the annex and the certificates."""
        return [*self.collectives, *self.individuals, *self.households]

    @property
    def groups(self) -> list[tuple[str, list[PricedAwardee]]]:
        """The non-empty groups, in order: ("collective", […]), ("individual", […]), ("household", […])."""
        return [
            (k, g)
            for k, g in (
                ("collective", self.collectives),
                ("individual", self.individuals),
                ("household", self.households),
            )
            if g
        ]

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.awardees)

    @property
    def date(self) -> dt.date:
        return self.session.date

    @property
    def form_name(self) -> str:
        return self.session.award_form_name or reward.award_form(self.session.award_form).name

    @property
    def pays_money(self) -> bool:
        """The decision writes amounts (an article, inline, a breakdown): the list then carries its
        money column and total. "Theo quy định hiện hành" (general) and none write no amount."""
        return self.shape.money not in ("none", "general")


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


#: Warn when the decision is dated more than this long after the newest dated law entry.
STALE_DATA_DAYS = 366


#: The verb of a form that is simply given (Giấy khen, Bằng khen, Cờ thi đua); see decision_shape.
GIVING_VERB = "Tặng"


def decision_shape(session: AwardSession, issuer: IssuerProfile, wording: FormWording | None) -> DecisionShape:
    """The shape in force: vanban's defaults, the form's wording, the profile's, the session's."""
    form_layer = DecisionShape(verb=wording.verb, object=wording.object) if wording else None
    legacy = DecisionShape(executors=session.executors) if session.executors else None
    profile = issuer.decision
    if profile is not None and profile.verb and wording is not None and wording.verb != GIVING_VERB:
        # An office that writes "Tặng thưởng Bằng khen" still writes "Phong tặng danh hiệu …" and
        # "Công nhận danh hiệu …": its verb replaces only the plain giving verb of a form.
        profile = profile.model_copy(update={"verb": None})
    return resolve(form_layer, profile, legacy, session.decision)


def law_warnings(session: AwardSession, chosen: list[ChosenBasis]) -> list[str]:
    """What a clerk should check: data older than the decision by more than a year, cited
    instruments no longer in force on the decision's date."""
    warnings = []
    newest = max([b.start for b in reward.load_base_salaries()] + [e.start for e in load_legal_bases().entries])
    if (session.date - newest).days > STALE_DATA_DAYS:
        warnings.append(
            tr(
                "Ngày quyết định {date} sau dữ liệu pháp lý mới nhất ({newest}) hơn một năm: hãy kiểm tra lương cơ sở, "
                "hệ số và căn cứ còn hiệu lực (doc_templates/data/)",
                date=rules.short_date(session.date),
                newest=rules.short_date(newest),
            )
        )
    for line, successor in stale_citations([b.text for b in chosen if b.origin == "session"], session.date):
        warnings.append(
            tr(
                "Căn cứ “{line}” không còn hiệu lực vào ngày {date}; văn bản đang có hiệu lực: {successor}",
                line=line,
                date=rules.short_date(session.date),
                successor=successor,
            )
        )
    return warnings


def price(
    award_list: AwardList, *, order: Order | None = None, number: int | None = None, issuers_dir=None
) -> AwardBatch:
    """Amounts and order for every awardee; every problem is reported at once."""
    session = award_list.session
    issuer = load_issuer(session.issuer, issuers_dir)
    forms = reward.load_award_forms()
    main_form = forms.get(session.award_form)
    if main_form is None:
        raise InputError.single(
            award_list.awardees[0].source.file if award_list.awardees else "session",
            tr("hình thức khen thưởng “{form}” không có trong danh mục", form=session.award_form),
            field="award_form",
            expected=tr("một trong: {names}", names=", ".join(sorted(forms))),
        )
    wording = form_wording(session.award_form, main_form.name)
    shape = decision_shape(session, issuer, wording)
    known = _form_ids_by_name()
    problems: list[Problem] = []
    priced: list[tuple[Awardee, str, int]] = []
    law: dict[tuple[str, str], RewardBasis] = {}
    for a in award_list.awardees:
        form_id = _form_for(a, session, known)
        if form_id is None and a.amount is None:
            problems.append(
                Problem(
                    a.source.file,
                    tr("hình thức khen thưởng “{form}” không có trong danh mục", form=a.form),
                    sheet=a.source.sheet,
                    row=a.source.row,
                    column="Hình thức khen thưởng",
                    expected=tr("một trong: {names}", names=", ".join(f.name for f in forms.values())),
                )
            )
            continue
        form_id = form_id or session.award_form
        if a.amount is not None or shape.money == "none":
            amount = a.amount or 0
        elif (form_id, a.kind) in law:  # the same law for every awardee of a form and kind
            amount = law[(form_id, a.kind)].amount
        else:
            try:
                basis = reward.reward_basis(
                    form_id,
                    session.date,
                    a.kind,
                    session.collective_rule,
                    rounding=shape.rounding if shape.rounding is not None else 0,
                )
            except reward.RewardError as exc:
                problems.append(Problem(a.source.file, str(exc), sheet=a.source.sheet, row=a.source.row))
                continue
            law.setdefault((form_id, a.kind), basis)
            amount = basis.amount
        priced.append((a, form_id, amount))
    if problems:
        raise InputError(problems)
    chosen_order = order or session.order
    groups = []
    for kind in ("collective", "individual", "household"):
        members = [p for p in priced if p[0].kind == kind]
        members.sort(key=lambda p: _order_key(p[0], chosen_order))
        groups.append(
            [
                PricedAwardee(awardee=a, index=i, form_id=f, form_name=forms[f].name, amount=amt)
                for i, (a, f, amt) in enumerate(members, start=1)
            ]
        )
    if session.legal_bases is not None:
        chosen = [ChosenBasis(text=text, origin="session") for text in session.legal_bases]
    else:
        chosen = default_legal_bases(issuer, session.date)
    return AwardBatch(
        session=session,
        issuer=issuer,
        number=number if number is not None else session.number,
        collectives=groups[0],
        individuals=groups[1],
        households=groups[2],
        shape=shape,
        wording=wording,
        legal_bases=chosen,
        reward_law=list(law.values()),
        warnings=law_warnings(session, chosen),
    )


def _order_key(a: Awardee, order: Order):
    if order == "approved":
        return (a.seq,)
    name_key = person_sort_key(a.name) if a.kind == "individual" else collective_sort_key(a.name)
    if order == "unit":
        return (collective_sort_key(a.unit or ""), a.seq)
    return (name_key, a.seq)


def two_digits(count: int) -> str:
    """Counts in running text are written with two digits: `05 tập thể`."""
    return f"{count:02d}"
