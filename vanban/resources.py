"""Where vanban finds the files it is made of: templates, wording, layouts, profiles, dated data.

The bundled files are `doc_templates/` — at the top of a checkout, where people edit them, and
inside the installed package (`vanban/doc_templates/`, the same folder shipped as package data
by `pyproject.toml`), so a wheel install works without a checkout. `VANBAN_TEMPLATES` replaces
the whole folder with an office's complete copy.

Every module asks here (`template_dir()`, `template_path(...)`) when it needs a file, never at
import time, so a changed setting takes effect on the next document.
"""

from __future__ import annotations

from pathlib import Path

from vanban import settings

BUNDLED_NAME = "doc_templates"


def bundled_dir() -> Path:
    """The templates shipped with vanban: inside the installed package, else the checkout's."""
    inside = settings.PACKAGE_DIR / BUNDLED_NAME
    if inside.is_dir():
        return inside
    return settings.PACKAGE_DIR.parent / BUNDLED_NAME


def template_dir() -> Path:
    """The template folder in use: `VANBAN_TEMPLATES`, else the bundled one."""
    chosen = settings.current().templates
    return (chosen or bundled_dir()).resolve()


def template_path(*parts: str) -> Path:
    """A file of the template folder, e.g. `template_path("docx", "frame.docx")`."""
    return template_dir().joinpath(*parts)


def examples_dir() -> Path:
    """The example inputs shipped with vanban (used by `make demo` and `vanban examples`)."""
    return bundled_dir() / "examples"
