"""What a kind provides to be drafted and issued (`vanban.kinds.Kind.drafting` names the module).

Each kind's module (`award_draft`, `written_draft`) implements these functions; the lifecycle in
`vanban.drafts.lifecycle` is the same for every kind:

- `read(request) -> parsed`: the kind's input, read and checked (an `InputError` otherwise);
- `content(parsed) -> bytes`: what the input *says*, without the number and the date — the same
  content is the same draft, and a change of content after drafting refuses the issue;
- `input_files(request) -> dict[name, Path]`: the files read, whose SHA-256 the register keeps;
- `issuer_id(parsed)`, `subject(parsed)` (trích yếu) and `year(parsed)`;
- `check(parsed, request)`: every check `render_draft` makes before it renders (an `InputError`
  otherwise), without rendering: the web page runs it before it starts a drafting run elsewhere;
- `render_draft(parsed, request, folder) -> list[Path]`: the draft's files, number and day blank,
  marked DỰ THẢO;
- `undated(parsed) -> parsed`: the input as drafted: day and month blank (`rules.UndatedDay`), no
  number;
- `dated(parsed, date, number) -> parsed`: the input as issued: signing date and, when the văn
  thư gave one by hand, the number. The flows call it when they issue;
- `document(parsed, request) -> Document` and `date_of(parsed)`: the main document as built from
  either, to compare the draft's text with the issued text (`vanban.drafts.text`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel


class DraftingKind(Protocol):
    def read(self, request: BaseModel) -> Any: ...
    def content(self, parsed: Any) -> bytes: ...
    def input_files(self, request: BaseModel) -> dict[str, Path]: ...
    def issuer_id(self, parsed: Any) -> str: ...
    def subject(self, parsed: Any) -> str: ...
    def year(self, parsed: Any) -> int: ...
    def check(self, parsed: Any, request: BaseModel) -> None: ...
    def render_draft(self, parsed: Any, request: BaseModel, folder: Path) -> list[Path]: ...
    def undated(self, parsed: Any) -> Any: ...
    def dated(self, parsed: Any, date: dt.date | None, number: int | None) -> Any: ...
    def document(self, parsed: Any, request: BaseModel) -> Any: ...
    def date_of(self, parsed: Any) -> dt.date: ...


def with_draft_mark(document):
    """The document with `DỰ THẢO` on its first page (`rules.DRAFT_MARK`)."""
    from vanban import rules

    return document.model_copy(update={"frame": document.frame.model_copy(update={"draft_mark": rules.DRAFT_MARK})})
