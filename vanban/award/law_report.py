"""The law a decision rests on, as a clerk checks it: base salary, coefficients, Căn cứ, warnings.

Written into the package's manifest and shown at the end of a run (the CLI summary, the Prefect
artifact), so whoever signs can see which lương cơ sở, which coefficient and which decrees were
used, with the source each was checked against.
"""

from __future__ import annotations

from vanban.award.pricing import AwardBatch
from vanban.i18n import tr
from vanban.vietnamese.money import format_money

RECIPIENT_WORDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


def law_used(batch: AwardBatch) -> dict:
    """The manifest's `law` section."""
    coefficients = [
        {
            "form": b.form_name,
            "recipient": b.recipient,
            "coefficient": str(b.coefficient),
            "multiplier": str(b.multiplier) if b.multiplier is not None else None,
            "amount": b.amount,
            "legal_basis": b.coefficient_basis,
            "clause": b.coefficient_clause,
            "source": b.coefficient_source,
        }
        for b in batch.reward_law
    ]
    salary = batch.reward_law[0] if batch.reward_law else None
    return {
        "base_salary": None
        if salary is None
        else {
            "amount": salary.base_salary,
            "from": salary.base_salary_from.isoformat(),
            "legal_basis": salary.base_salary_basis,
            "source": salary.base_salary_source,
        },
        "rounding": salary.rounding if salary else None,
        "coefficients": coefficients,
        "legal_bases": [{"text": b.text, "origin": b.origin, "source": b.source} for b in batch.legal_bases],
        "warnings": list(batch.warnings),
    }


def law_lines(batch: AwardBatch) -> list[str]:
    """The same, as lines a clerk reads at the end of a run."""
    lines = []
    if batch.reward_law:
        first = batch.reward_law[0]
        lines.append(
            tr(
                "Lương cơ sở: {amount} đồng (từ {start}, {basis})",
                amount=format_money(first.base_salary),
                start=f"{first.base_salary_from:%d/%m/%Y}",
                basis=first.base_salary_basis or "?",
            )
        )
        for b in batch.reward_law:
            lines.append(
                tr(
                    "{form}, {recipient}: hệ số {coefficient}{multiplier} → {amount} đồng ({basis})",
                    form=b.form_name,
                    recipient=RECIPIENT_WORDS[b.recipient],
                    coefficient=str(b.coefficient).replace(".", ","),
                    multiplier=f" × {str(b.multiplier).replace('.', ',')}" if b.multiplier is not None else "",
                    amount=format_money(b.amount),
                    basis=b.coefficient_basis or "?",
                )
            )
    for chosen in batch.legal_bases:
        lines.append(tr("Căn cứ: {text}", text=chosen.text))
    lines += [tr("Cảnh báo: {warning}", warning=w) for w in batch.warnings]
    return lines
