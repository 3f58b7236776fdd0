"""One font: Times New Roman on every run and in every font slot (Decree 30, Appendix I; spec §1)."""

from __future__ import annotations

from vanban import rules
from vanban.check.context import DocxContext, runs
from vanban.check.registry import check
from vanban.check.result import Verdict


@check("fonts", applies_to=("document", "certificate"))
def fonts(ctx: DocxContext) -> Verdict:
    """Each slot (ascii, hAnsi, eastAsia, cs) resolved on its own: Vietnamese letters with
    diacritics may be drawn from another slot than the plain Latin ones."""
    bad = []
    for p in ctx.all_paragraphs():
        for r in runs(p):
            wrong = {slot: name for slot, name in ctx.fmt.fonts(p, r).items() if name != rules.FONT_NAME}
            if wrong:
                bad.append(
                    f"“{rules.plain_spaces(r.text).strip()[:30]}” " + ", ".join(f"{s}={n}" for s, n in wrong.items())
                )
    if bad:
        return Verdict(False, f"{len(bad)} run(s) not in {rules.FONT_NAME}: " + "; ".join(bad[:3]))
    return Verdict(True, f"{rules.FONT_NAME} on every run and slot (ascii, hAnsi, eastAsia, cs)")
