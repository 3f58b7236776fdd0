"""What an award decision says, article by article, from its batch and its shape.

The decision's wording is a template a clerk can edit (`content/quyet-dinh-khen-thuong.md.j2`);
this module prepares everything the template chooses between, so the template reads as the
decision and holds no arithmetic: who is awarded ("05 tập thể và 12 cá nhân", or the one
awardee's name, or a numbered list), where the achievement stands, the money in the form the
shape asks for (none, an article, inline, a breakdown by group, "theo quy định hiện hành", the
fund that pays), the closing articles and who executes them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from vanban.award.pricing import AwardBatch, PricedAwardee
from vanban.vietnamese.money import format_money, money_in_words

#: How each kind of awardee is counted in running text.
KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "gia đình"}


class MoneyGroup(BaseModel):
    """One kind of awardee in the money article: `05 tập thể × 1.410.000 đồng = 7.050.000 đồng`."""

    model_config = ConfigDict(frozen=True)

    word: str
    count: str
    amount: str | None  # one amount for the whole group, or None when amounts differ
    subtotal: str


def count_text(n: int, digits: int) -> str:
    """`05` (two digits, common in decisions) or `5`, as the office writes counts."""
    return f"{n:0{digits}d}"


def join_vi(parts: list[str]) -> str:
    """`a`, `a và b`, `a, b và c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def display_name(p: PricedAwardee) -> str:
    """How an awardee is named in the decision: `Ông Lò Văn Páo`, a collective with its parent
    unit (`Phòng Kế hoạch, Sở Xây dựng`)."""
    a = p.awardee
    if a.kind == "individual":
        return f"{a.honorific} {a.name}" if a.honorific else a.name
    return f"{a.name}, {a.unit}" if a.unit else a.name


def inline_line(p: PricedAwardee) -> str:
    """An awardee named in Điều 1: name, then position and unit (individuals)."""
    a = p.awardee
    rest = ", ".join(x for x in (a.position, a.unit) if x) if a.kind == "individual" else ""
    return f"{display_name(p)}, {rest}" if rest else display_name(p)


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A paragraph of its own: first letter capital, a final full stop."""
    text = first_upper(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def proposal_line(batch: AwardBatch) -> str | None:
    """`Xét đề nghị của … tại Tờ trình số …`, ending as the clerk typed it (a full stop only when
    the line ends without punctuation)."""
    s = batch.session
    if s.proposal_line:
        line = s.proposal_line
    elif s.proposer:
        line = f"Xét đề nghị của {s.proposer}" + (f" tại {s.proposal}" if s.proposal else "")
    else:
        return None
    return line if line[-1] in ".,;:" else line + "."


def awardees_in(batch: AwardBatch) -> str:
    """Where the awardees are named: `article` (Điều 1), `annex_table` or `annex_list`."""
    chosen = batch.shape.awardees or "auto"
    if chosen == "auto":
        return "article" if len(batch.awardees) <= (batch.shape.inline_max or 0) else "annex_table"
    return chosen


def generic_who(batch: AwardBatch) -> str:
    """`các tập thể, cá nhân`, `các tập thể` … (subjects and closing articles)."""
    words = [KIND_WORDS[k] for k, _ in batch.groups]
    return "các " + ", ".join(words) if words else ""


def decision_context(batch: AwardBatch) -> dict:
    """Every value the decision's wording template uses (documented in the template's header)."""
    shape, s, issuer = batch.shape, batch.session, batch.issuer
    digits = shape.count_digits or 2
    groups = batch.groups
    everyone = batch.awardees
    where = awardees_in(batch)
    one = everyone[0] if len(everyone) == 1 else None
    money_groups = []
    for kind, group in groups:
        amounts = {p.amount for p in group}
        money_groups.append(
            MoneyGroup(
                word=KIND_WORDS[kind],
                count=count_text(len(group), digits),
                amount=format_money(amounts.pop()) if len(amounts) == 1 else None,
                subtotal=format_money(sum(p.amount for p in group)),
            )
        )
    fund = shape.fund.format(full_name=issuer.full_name, year=s.date.year) if shape.fund else None
    executors = (shape.executors or "").format(full_name=issuer.full_name)
    words = [KIND_WORDS[k] for k, _ in groups]
    parties = f"{words[0]} có tên tại Điều 1" if one is not None else f"các {join_vi(words)} có tên tại Điều 1"
    if not shape.closing_names_awardees:
        closing = executors
    elif not executors:
        closing = first_upper(parties)
    else:
        closing = f"{executors}{' và ' if shape.closing_and else ', '}{parties}"
    return {
        "shape": shape,
        "authority": (issuer.deciding_body or issuer.full_name).upper(),
        "legal_bases": [b.text for b in batch.legal_bases],
        "proposal_line": proposal_line(batch),
        "verb": shape.verb or "Tặng",
        "object": shape.object or batch.form_name,
        "who": join_vi([f"{count_text(len(g), digits)} {KIND_WORDS[k]}" for k, g in groups]),
        "where": where,
        "one": display_name(one) if one else None,
        "inline_lines": [inline_line(p) for p in everyone] if where == "article" else [],
        "achievement": s.achievement,
        "achievement_paragraph": sentence(s.achievement),
        "money": shape.money if batch.total or shape.money in ("general", "none") else "none",
        "money_groups": money_groups,
        "inline_amount": format_money(one.amount) if one else None,
        "total": format_money(batch.total),
        "total_words": money_in_words(batch.total),
        "fund": fund,
        "effect": shape.effect,
        "executors": executors,
        "parties": parties,
        "closing": closing,
        "year": s.date.year,
    }


def generated_subject(batch: AwardBatch) -> str:
    """A subject (trích yếu) when the session gives none: `Về việc tặng Giấy khen cho …`."""
    shape = batch.shape
    who = display_name(batch.awardees[0]) if len(batch.awardees) == 1 else generic_who(batch)
    verb = (shape.verb or "Tặng").lower()
    return f"{shape.subject_prefix or 'Về việc'} {verb} {shape.object or batch.form_name} cho {who} {batch.session.achievement}"
