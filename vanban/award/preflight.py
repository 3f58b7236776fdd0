"""Preflight of the award kind: what only an award session can get wrong before a number is taken.

The generic checks (text a renderer cannot carry, amounts, numbers, dates) live in
`vanban.preflight`, shared by every kind; this module adds the certificate, which belongs to
the award kind (the Markdown-written kind must not import it).
"""

from __future__ import annotations

from typing import Any

from vanban import limits
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.preflight import awardee_problems, session_problems


def certificate_problems(batch: Any, layout: Any, session_file: str) -> list[Problem]:
    """The fields printed the same on every certificate (signer, authority, date, number at its
    widest) fit their boxes: checked once, on the first certificate, with the widest numbers."""
    from vanban.award.certificates import build_certificate, certified
    from vanban.certificate_model import FieldTooLong

    chosen = certified(batch)
    if not chosen:
        return []
    item = batch.awardees[chosen[0]]
    widest = batch.model_copy(update={"number": limits.MAX_DOCUMENT_NUMBER})
    try:
        build_certificate(widest, item, 1, layout, str(limits.MAX_DOCUMENT_NUMBER))
    except FieldTooLong as exc:
        return [Problem(session_file, str(exc), expected=tr("nội dung vừa ô trên giấy khen"))]
    return []


def check_award_input(award_list: Any, session_file: str) -> None:
    """All problems of a parsed award list (session and every awardee), as one `InputError`:
    before pricing, which would otherwise meet a year-1800 date first and blame the list's rows."""
    problems = session_problems(award_list.session, session_file) + awardee_problems(award_list)
    if problems:
        raise InputError(problems)


def check_award(batch: Any, layout: Any, session_file: str) -> None:
    """The priced list (its input passed `check_award_input` before pricing): what every
    certificate prints the same fits its box."""
    problems = certificate_problems(batch, layout, session_file)
    if problems:
        raise InputError(problems)
