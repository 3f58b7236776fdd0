"""The intermediate document both renderers consume.

A `Document` is the frame of a Decree 30 document (issuer, number, place and date, type name,
subject, signer, recipients) plus body blocks. Builders in `vanban.documents` make one from an
input; `vanban.render.docx` and `vanban.render.pdf` turn the same object into bytes, so the two
formats carry the same text by construction. Text here is final: renderers never re-word it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from vanban import rules
from vanban.model import IssuerProfile, Signer


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Run(_Frozen):
    """A stretch of text with one weight and slant."""

    text: str
    bold: bool = False
    italic: bool = False


#: The roles a body paragraph may take (`rules.BODY_ROLES`): each has a style in `rules.STYLES`, a
#: DOCX style (`rules.ROLES[role].word_id`) and a CSS class of the same name.
if TYPE_CHECKING:
    BlockStyle = str
else:
    BlockStyle = Literal[rules.BODY_ROLES]


class Paragraph(_Frozen):
    kind: Literal["paragraph"] = "paragraph"
    style: BlockStyle = "body"
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class Cell(_Frozen):
    text: str
    bold: bool = False
    italic: bool = False
    align: Literal["left", "center", "right"] = "left"
    colspan: int = 1


class Table(_Frozen):
    """A table whose header rows repeat on every page and whose rows never split.

    `widths` are millimetres and must add up to the text width of the page the table is on.
    """

    kind: Literal["table"] = "table"
    widths: list[float]
    header: list[list[Cell]]
    rows: list[list[Cell]]
    #: The last rows that stay on one page (a list's last rows with its total row).
    keep_last: int = 0
    #: Rows that head a section (`I. TẬP THỂ (08)`): kept with the row after them.
    section_rows: list[int] = Field(default_factory=list)


class PageBreak(_Frozen):
    kind: Literal["page_break"] = "page_break"


class Centered(_Frozen):
    """A centred line outside the header: annex heading, title, reference (with optional rule)."""

    kind: Literal["centered"] = "centered"
    style: Literal["annex_heading", "annex_title", "annex_reference", "body"] = "body"
    runs: list[Run]
    rule_after: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Block = Paragraph | Table | PageBreak | Centered


class Annex(_Frozen):
    """A part printed after the signature on its own page, e.g. the list of awardees (phụ lục)."""

    landscape: bool = False
    blocks: list[Block]


class Frame(_Frozen):
    """The first-page frame and the closing block of a document."""

    issuer: IssuerProfile
    doc_type: str
    number_line: str
    place_date: str
    subject: list[str] = Field(description="trích yếu, one line per item (centred, bold)")
    signer: Signer
    recipients: list[str] = Field(description="Nơi nhận lines, each already `- …;`, the last `- Lưu: …`")
    kinh_gui: list[str] = Field(default_factory=list, description="Kính gửi lines, if any")
    draft_mark: str = Field(default="", description="`DỰ THẢO` on a draft (top right of page 1); empty once issued")

    @property
    def type_name(self) -> str:
        return rules.type_name(self.doc_type)

    @property
    def left_lines(self) -> list[str]:
        return [*self.issuer.parent, *self.issuer.name]

    @property
    def right_title(self) -> list[str]:
        """National name and motto (state, trade union) or the Party's name."""
        if self.issuer.system == "party":
            return [rules.PARTY_NAME]
        return [rules.NATIONAL_NAME, rules.MOTTO]


class Document(_Frozen):
    frame: Frame
    blocks: list[Block]
    annexes: list[Annex] = Field(default_factory=list)

    def text_lines(self) -> list[str]:
        """Every line of text the reader sees, in reading order (for parity tests and slugs)."""
        f = self.frame
        lines = [*f.left_lines, f.number_line, *f.right_title, f.place_date]
        if f.type_name:
            lines.append(f.type_name)
        lines += f.subject
        for block in self.blocks:
            lines += _block_lines(block)
        lines += [rules.RECIPIENTS_LABEL, *f.recipients, *f.signer.authority, f.signer.title, f.signer.name]
        for annex in self.annexes:
            for block in annex.blocks:
                lines += _block_lines(block)
        return lines


def _block_lines(block: Block) -> list[str]:
    if isinstance(block, (Paragraph, Centered)):
        return [block.text]
    if isinstance(block, Table):
        return [c.text for row in [*block.header, *block.rows] for c in row]
    return []
