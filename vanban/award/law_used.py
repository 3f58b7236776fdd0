"""The law an award decision rests on, for its manifest: base salary, coefficients, Căn cứ, warnings.

Whoever signs can see which lương cơ sở, which coefficient and which decrees were used, with the
source each was checked against (`vanban.award.summary` prints it at the end of a run).
"""

from __future__ import annotations

from vanban.award.pricing import AwardBatch


def law_used(batch: AwardBatch) -> dict:
    """The manifest's `law` section."""
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
        "coefficients": [
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
        ],
        "legal_bases": [{"text": b.text, "origin": b.origin, "source": b.source} for b in batch.legal_bases],
        "warnings": list(batch.warnings),
    }
