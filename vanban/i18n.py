"""Messages a clerk reads, in Vietnamese by default and in English when `VANBAN_LANG=en`.

One catalogue, gettext-style, with Babel: the message ids in the code are the Vietnamese texts
(the language of the domain and of every user), and `vanban/locale/en/LC_MESSAGES/vanban.po`
holds their English translations. Why gettext with Vietnamese ids rather than English ids or a
hand-made table: the code reads as the clerk will read it; translators and reviewers get a
standard `.po` file (Babel extracts, merges and checks it, `make messages`); the catalogue is
read with Babel's `.po` reader at first use, so no compiled `.mo` file (and no build step) is
needed. A test fails when a message in the code has no English entry, or an entry no message.

    tr("Không tìm thấy tệp {file}", file=path)   # → Vietnamese, or English under VANBAN_LANG=en

Placeholders are `{name}` fields, filled after translation, so word order may change.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from vanban import settings

Lang = Literal["vi", "en"]
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "vanban"


@functools.cache
def _catalogue(lang: str) -> dict[str, str]:
    """msgid → translation for `lang` (empty for Vietnamese, the source language)."""
    if lang == "vi":
        return {}
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def language() -> Lang:
    return settings.current().lang


def tr(message: str, /, lang: Lang | None = None, **values: object) -> str:
    """`message` (Vietnamese) in the clerk's language, its `{fields}` filled with `values`."""
    chosen = lang or language()
    text = _catalogue(chosen).get(message, message) if chosen != "vi" else message
    return text.format(**values) if values else text


def both(message: str, /, **values: object) -> str:
    """Vietnamese, then the English in brackets: for places read by both (logs, artifacts)."""
    vi = tr(message, lang="vi", **values)
    en = tr(message, lang="en", **values)
    return vi if vi == en else f"{vi} ({en})"
