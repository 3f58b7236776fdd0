"""Checks are registered where they are defined, and run by profile in the profile's order.

    @check("page.margins", applies_to="document")
    def margins(ctx: DocxContext) -> Verdict | None: ...

A check takes the profile's context object (`DocxContext` for documents and certificates,
`PdfContext` for PDFs) and returns a `Verdict`, or None when the rule does not apply to this file
(the national name is not checked where the Party name stands in its place; there is no subject
line to check in a công văn). The runner turns each verdict into a `Result` named by the rule.

A check that raises does not stop the report: the runner records a FAIL for that rule whose
detail says the check could not run and names the exception, and goes on with the next rule. The
clerk sees every other rule's answer, the command still exits 1 (a rule was not shown to pass),
and the traceback goes to the `vanban.check` logger at DEBUG level for whoever fixes the check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from vanban.check.profiles import PROFILES, Profile
from vanban.check.result import Result, Verdict

log = logging.getLogger("vanban.check")

CheckFunction = Callable[[Any], "Verdict | None"]
F = TypeVar("F", bound=CheckFunction)


@dataclass(frozen=True)
class Check:
    """One registered rule: its report name, the profiles it belongs to, and the function."""

    rule: str
    applies_to: tuple[str, ...]
    run: CheckFunction


class Registry:
    """Checks by rule name. vanban has one (`REGISTRY`, filled by the rule modules when
    `vanban.check` is imported); tests make their own to try the runner on checks of their own."""

    def __init__(self, profiles: dict[str, Profile] | None = None) -> None:
        self.profiles = PROFILES if profiles is None else profiles
        self._checks: dict[str, Check] = {}

    def check(self, rule: str, *, applies_to: str | tuple[str, ...]) -> Callable[[F], F]:
        """Register the decorated function as the check of `rule` for the named profile(s).

        A rule name is registered once: a second registration (a copy-pasted decorator) is an
        error at import time, so two checks can never write under the same name."""
        names = (applies_to,) if isinstance(applies_to, str) else tuple(applies_to)

        def register(func: F) -> F:
            if rule in self._checks:
                raise ValueError(
                    f"check rule {rule!r} is registered twice "
                    f"({self._checks[rule].run.__module__} and {func.__module__})"
                )
            unknown = [p for p in names if p not in self.profiles]
            if unknown or not names:
                raise ValueError(
                    f"check {rule!r}: unknown profile(s) {unknown or list(names)}; known: {sorted(self.profiles)}"
                )
            self._checks[rule] = Check(rule, names, func)
            return func

        return register

    def checks(self) -> dict[str, Check]:
        """Every registered check by rule name, in registration order (a copy)."""
        return dict(self._checks)

    def checks_of(self, profile: Profile) -> list[Check]:
        """The checks of `profile`, in its declared order. Raises `LookupError` if the profile and
        the decorators disagree — a fault in vanban, caught by its tests, not by a clerk."""
        listed = set(profile.rules)
        missing = [r for r in profile.rules if r not in self._checks or profile.name not in self._checks[r].applies_to]
        unlisted = [c.rule for c in self._checks.values() if profile.name in c.applies_to and c.rule not in listed]
        twice = sorted(r for r in listed if profile.rules.count(r) > 1)
        if missing or unlisted or twice:
            raise LookupError(
                f"profile {profile.name!r} and the registered checks disagree: "
                f"listed but not registered for it {missing}, registered for it but not "
                f"listed {unlisted}, listed twice {twice}"
            )
        return [self._checks[r] for r in profile.rules]

    def run(self, profile: Profile, context: Any) -> list[Result]:
        """Run the checks of `profile` on `context`, in order, one `Result` per applicable rule;
        a check that raises gives a FAIL of its rule (see the module's docstring)."""
        results: list[Result] = []
        for chk in self.checks_of(profile):
            try:
                verdict = chk.run(context)
                if verdict is not None and not isinstance(verdict, Verdict):
                    raise TypeError(f"{chk.run.__qualname__} returned {type(verdict).__name__}, not a Verdict")
            except Exception as exc:  # one broken check must not hide the others
                log.debug("check %s raised on %s", chk.rule, getattr(context, "path", context), exc_info=True)
                results.append(Result(chk.rule, False, crash_detail(exc)))
                continue
            if verdict is not None:
                results.append(Result(chk.rule, verdict.ok, verdict.detail))
        return results


def crash_detail(exc: BaseException) -> str:
    """The FAIL detail of a check that raised."""
    return f"không chạy được quy tắc này: {type(exc).__name__}: {exc} (the check could not run on this file)"


#: vanban's checks.
REGISTRY = Registry()
#: The decorator the rule modules use: `@check("page.margins", applies_to="document")`.
check = REGISTRY.check


def run_profile(profile: Profile, context: Any) -> list[Result]:
    """Run vanban's checks of `profile` on `context`."""
    return REGISTRY.run(profile, context)
