"""What a check says: a `Verdict` from the check itself, a `Result` (rule name added) in the report.

A check function returns only a `Verdict` — pass or fail and the detail line — never its own rule
name: the runner adds the name the check was registered under, so the name written in the report
is always the one declared in `@check(...)` and listed in the profile.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One line of the report: the rule, PASS or FAIL, and what was found or expected."""

    rule: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'}  {self.rule:<22} {self.detail}"


@dataclass(frozen=True)
class Verdict:
    """A check's answer about one document: `ok` and the detail the clerk reads."""

    ok: bool
    detail: str

    @classmethod
    def of(cls, problems: list[str], passed: str) -> Verdict:
        """Fail listing `problems` (joined with `; `), or pass saying `passed` when there are none.
        `passed` is built by the caller even when there are problems: where building it needs
        what may be missing (a last line), return the two verdicts explicitly instead."""
        return cls(not problems, "; ".join(problems) or passed)
