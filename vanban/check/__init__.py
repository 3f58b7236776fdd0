"""The Decree 30 checker: read any DOCX (and, where it can, a PDF) and report rule by rule.

It does not trust that the file came from vanban: elements are found by their text and place
(the national name, the `Số` line, the `ngày … tháng … năm` line, the table holding `Nơi nhận:`),
and formatting is resolved the way Word resolves it (`WordFormat`). Every value compared comes
from `vanban.rules`.

Where things are:

| module | holds |
|---|---|
| `word_format.py` | `WordFormat`: run → character style → paragraph style chain → document defaults |
| `context.py` | `DocxContext`: the opened DOCX, its `WordFormat`, header table, closing table, body |
| `styles.py` | a paragraph against the style of its role in `rules.STYLES`; the line under it |
| `registry.py` | `@check(rule, applies_to=…)`, and the runner (`run_profile`) |
| `profiles.py` | the profiles (document, certificate, pdf) and their report order |
| `result.py` | `Verdict` (what a check returns) and `Result` (a report line) |
| `page.py`, `fonts.py`, `header.py`, `body.py`, `closing.py` | the administrative-document rules |
| `certificate.py` | the certificate rules, and how a certificate is recognised |
| `pdf.py` | `PdfContext` and the rules read back from a PDF |

To add a rule: write a function taking the context and returning a `Verdict` (or None where
the rule does not apply) in the module of the thing it checks, decorate it with `@check`, and put
its name in the profile's list at the place the report should show it.
"""

from __future__ import annotations

from pathlib import Path

# The rule modules register their checks when imported; every one is imported here, so that
# importing `vanban.check` (or any of its modules) gives a complete registry.
from vanban.check import body, certificate, closing, fonts, header, page, pdf  # noqa: F401 (they register)
from vanban.check.context import DocxContext
from vanban.check.pdf import PdfContext
from vanban.check.profiles import CERTIFICATE, DOCUMENT, PDF
from vanban.check.registry import run_profile
from vanban.check.result import Result, Verdict
from vanban.check.word_format import WordFormat

__all__ = ["Result", "Verdict", "WordFormat", "check_docx", "check_file", "check_pdf"]


def check_docx(path: Path) -> list[Result]:
    """Check a DOCX by the certificate profile if it is a certificate, else as a document."""
    ctx = DocxContext.open(path)
    return run_profile(CERTIFICATE if certificate.is_certificate(ctx) else DOCUMENT, ctx)


def check_pdf(path: Path) -> list[Result]:
    """Check what can be read back from a PDF."""
    return run_profile(PDF, PdfContext.open(path))


def check_file(path: Path) -> list[Result]:
    """Check a DOCX or (by its suffix) a PDF."""
    if path.suffix.lower() == ".pdf":
        return check_pdf(path)
    return check_docx(path)
