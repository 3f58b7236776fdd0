"""The help pages: the project's own Markdown guides, rendered for the clerk inside the page.

Only the pages named here are served (never a path from the request), rendered with
markdown-it with raw HTML off, so a guide cannot carry markup into the page.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt

from vanban import settings
from vanban.i18n import tr

#: name in the URL → file under docs/
PAGES: dict[str, str] = {
    "web": "web.md",
    "khen-thuong": "award-input.md",
    "van-ban": "plan-input.md",
    "so-dang-ky": "register.md",
}


def titles() -> dict[str, str]:
    """The menu of guides, in the clerk's language."""
    return {
        "web": tr("Trang web của văn thư"),
        "khen-thuong": tr("Danh sách và tệp phiên họp"),
        "van-ban": tr("Văn bản soạn bằng Markdown"),
        "so-dang-ky": tr("Sổ đăng ký văn bản đi"),
    }


def render(name: str) -> str | None:
    if name not in PAGES or settings.CHECKOUT is None:
        return None
    path = settings.CHECKOUT / "docs" / PAGES[name]
    if not path.is_file():
        return None
    return _render(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _render(path: str, _mtime: int) -> str:
    from pathlib import Path

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md.render(Path(path).read_text(encoding="utf-8"))
