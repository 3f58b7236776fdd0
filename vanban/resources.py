"""Where vanban finds the files it is made of: templates, wording, layouts, profiles, dated data.

The bundled files are `doc_templates/` — at the top of a checkout, where people edit them, and
inside the installed package (`vanban/doc_templates/`, the same folder shipped as package data
by `pyproject.toml`), so a wheel install works without a checkout. `VANBAN_TEMPLATES` replaces
the whole folder with an office's complete copy. `VANBAN_OFFICE` (or `vanban --office DIR`)
names the office's own folder holding only what it changes, laid over the templates
(`vanban.office.layering`: files replaced whole, wording and layouts merged key by key, law data
only added to).

Every module asks here (`template_dir()`, `template_path(...)`) when it needs a file, never at
import time, so a changed setting takes effect on the next document.
"""

from __future__ import annotations

import functools
from pathlib import Path

from vanban import settings

BUNDLED_NAME = "doc_templates"


@functools.cache
def bundled_dir() -> Path:
    """The templates shipped with vanban: inside the installed package, else the checkout's."""
    inside = settings.PACKAGE_DIR / BUNDLED_NAME
    if inside.is_dir():
        return inside
    return settings.PACKAGE_DIR.parent / BUNDLED_NAME


@functools.lru_cache(maxsize=64)
def _resolved(path: Path) -> Path:
    """`path.resolve()`, once per path a setting names: resolving walks every component with a
    syscall, and an award run asks for template files thousands of times (~1 ms a lookup)."""
    return path.expanduser().resolve()


def base_dir() -> Path:
    """The templates the office folder is laid over: `VANBAN_TEMPLATES`, else the bundled ones."""
    chosen = settings.current().templates
    return _resolved(chosen or bundled_dir())


def office_dir() -> Path | None:
    """The office's own folder (`VANBAN_OFFICE`), or None."""
    chosen = settings.current().office
    return _resolved(chosen) if chosen else None


def template_dir() -> Path:
    """The template folder in use: the base templates, with the office folder laid over them."""
    office = office_dir()
    if office is None:
        return base_dir()
    from vanban.office.layering import layered_dir

    return layered_dir(base_dir(), office, settings.current().cache_root)


def template_path(*parts: str) -> Path:
    """A file of the template folder, e.g. `template_path("docx", "frame.docx")`."""
    return template_dir().joinpath(*parts)


def examples_dir() -> Path:
    """The example inputs shipped with vanban (used by `make demo` and `vanban examples`)."""
    return bundled_dir() / "examples"
