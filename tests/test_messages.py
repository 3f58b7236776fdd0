"""The message catalogue: every message in the code and in the web page's templates has its English
entry, and no entry is stale."""

from __future__ import annotations

import string

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from support.paths import ROOT

from vanban.i18n import LOCALE_DIR, tr

KEYWORDS = {"tr": None, "both": None}


def _code_messages() -> dict[str, str]:
    found = {}
    for folder in ("vanban", "flows"):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
            keywords=KEYWORDS,
        ):
            found.setdefault(message, f"{folder}/{filename}")
    return found


def _english() -> dict[str, str]:
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "vanban.po").open("rb") as fh:
        return {str(m.id): str(m.string) for m in read_po(fh) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_the_code_has_an_english_translation():
    english = _english()
    missing = {m: where for m, where in _code_messages().items() if not english.get(m)}
    assert not missing, f"translate in vanban/locale/en/LC_MESSAGES/vanban.po (make messages): {missing}"


def test_no_stale_entries_and_placeholders_agree():
    code, english = _code_messages(), _english()
    assert set(english) <= set(code), f"entries no message uses: {set(english) - set(code)}"
    for vi, en in english.items():
        assert _fields(vi) == _fields(en), (vi, en)


def test_language_setting_switches_the_text(monkeypatch):
    monkeypatch.setenv("VANBAN_LANG", "vi")
    assert tr("dòng {row}", row=3) == "dòng 3"
    monkeypatch.setenv("VANBAN_LANG", "en")
    assert tr("dòng {row}", row=3) == "row " + "3"
