"""Markdown body → document blocks, with Decree 30's conventions for plans and reports.

markdown-it-py parses (CommonMark, raw HTML off, so `<b>` in data stays text). Mapping:
`#`/`##`/`###` → heading levels I./1./a) (the numbering is the author's text, kept as written);
paragraphs → justified body paragraphs; `- ` lists → items whose text begins with `- ` (text,
not Word bullets), nested ones with `+ `; ordered lists → body paragraphs that begin with their
number (`1. …`), since in plans they are numbered paragraphs, not lists. Line breaks inside a
paragraph become spaces: a manual break in a justified paragraph makes Word stretch the line.
Links and images keep only their text; no URL from data ever reaches a renderer.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from vanban import rules
from vanban.document_model import Paragraph, Run
from vanban.i18n import tr

_md = MarkdownIt("commonmark", {"html": False, "typographer": False}).disable(["html_inline", "html_block"])

_HEADINGS = {1: "heading1", 2: "heading2"}
#: Wording templates (doc_templates/content/) may open a paragraph with `[[style]]` to give it a
#: role the Markdown syntax has no mark for (`[[legal_basis]] Căn cứ …`). Data printed into a
#: template is Markdown-escaped first (`markdown_escape`), so it can never produce this mark.
_STYLE_MARK = re.compile(r"^\[\[(?P<style>[a-z_0-9]+)\]\][ \t]*", re.M)
_MARKED_STYLES = set(rules.BODY_ROLES)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def markdown_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation so data prints as itself."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


_ITEM_MARKS = ("- ", "+ ")


def parse_body(text: str, *, style_marks: bool = False) -> list[Paragraph]:
    """Blocks of a Markdown body; with `style_marks`, `[[style]]` paragraph prefixes are honoured."""
    marks: list[str | None] = []
    if style_marks:
        text, marks = _take_style_marks(text)
    tokens = _md.parse(text)
    blocks: list[Paragraph] = []
    lists: list[dict] = []  # stack of {"ordered": bool, "next": int}
    pending_style = "body"
    prefix = ""
    for tok in tokens:
        if tok.type == "heading_open":
            pending_style = _HEADINGS.get(int(tok.tag[1]), "heading3")
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 0
            lists.append({"ordered": tok.type == "ordered_list_open", "next": start})
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            current = lists[-1]
            if current["ordered"]:
                prefix = f"{current['next']}{tok.markup or '.'} "
                current["next"] += 1
                pending_style = "body"
            else:
                depth = sum(1 for entry in lists if not entry["ordered"])
                prefix = _ITEM_MARKS[min(depth, len(_ITEM_MARKS)) - 1]
                pending_style = "item"
        elif tok.type == "inline":
            runs = _inline_runs(tok)
            if prefix:
                runs = [Run(text=prefix), *runs]
                prefix = ""
            runs = _merge(runs)
            style = pending_style
            if tok.map is not None and marks:
                marked = marks[tok.map[0]] if tok.map[0] < len(marks) else None
                style = marked or style
            if runs:
                blocks.append(Paragraph(style=style, runs=runs))
            if pending_style.startswith("heading"):
                pending_style = "body"
        elif tok.type in ("code_block", "fence"):
            for line in tok.content.splitlines():
                if line.strip():
                    blocks.append(Paragraph(style="body", runs=[Run(text=line.strip())]))
    return blocks


def _take_style_marks(text: str) -> tuple[str, list[str | None]]:
    """Strip `[[style]]` marks; return the text and, per source line, the style it opened."""
    lines = text.split("\n")
    marks: list[str | None] = []
    for i, line in enumerate(lines):
        m = _STYLE_MARK.match(line)
        if m and m.group("style") in _MARKED_STYLES:
            marks.append(m.group("style"))
            lines[i] = line[m.end() :]
        else:
            if m:
                raise ValueError(
                    tr(
                        "không có kiểu đoạn [[{style}]]; các kiểu có: {known}",
                        style=m.group("style"),
                        known=", ".join(sorted(_MARKED_STYLES)),
                    )
                )
            marks.append(None)
    return "\n".join(lines), marks


def _inline_runs(token: Token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for child in token.children or []:
        t = child.type
        if t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic -= 1
        elif t in ("text", "code_inline"):
            runs.append(Run(text=child.content, bold=bold > 0, italic=italic > 0))
        elif t in ("softbreak", "hardbreak"):
            runs.append(Run(text=" ", bold=bold > 0, italic=italic > 0))
        elif t == "image":
            runs.append(Run(text=child.content, bold=bold > 0, italic=italic > 0))
        # link_open/link_close carry only the URL: dropped, the link text arrives as `text`.
    return runs


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same style; trim the paragraph's outer spaces."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(text=merged[-1].text + run.text, bold=run.bold, italic=run.italic)
        elif run.text:
            merged.append(run)
    if merged:
        merged[0] = merged[0].model_copy(update={"text": merged[0].text.lstrip()})
        merged[-1] = merged[-1].model_copy(update={"text": merged[-1].text.rstrip()})
    return [r for r in merged if r.text]
