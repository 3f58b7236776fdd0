"""The certificate page (Giấy khen / Bằng khen): its layout file, and text fitted to its boxes.

A layout file (`doc_templates/certificates/*.yaml`) places each field — national name, authority,
`GIẤY KHEN`, the awardee, the decision reference, the sổ vàng number, the signature block — at
x/y in millimetres with a width, a size and a wording template. Two modes use the same schema:
`full` (the office's own design: border and emblem, every line) and `preprinted` (a calibration
file for the office's blank certificate stock: text only, only the fields the stock lacks).

Text is fitted here, once, for both renderers: each field wraps to its `max_lines` and shrinks
in 0.5 pt steps until it fits its box (`vanban.text_metrics.fit_text`), so the DOCX and the PDF
carry the same lines at the same size. The renderers (`vanban.render.certificate_*`) take a
`Certificate` of `PlacedText`; what the texts say is the award's business
(`vanban.award.certificates`).
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vanban import rules, shaping, text_metrics
from vanban.i18n import tr

Mode = Literal["full", "preprinted"]
COLORS = {"black": "000000", "red": "C00000"}
#: Every field a layout may place, in printing order.
FIELD_KEYS = (
    "national_name",
    "motto",
    "authority",
    "tang",
    "title",
    "recipient",
    "position_unit",
    "achievement",
    "decision_ref",
    "golden_book",
    "place_date",
    "signer_title",
    "signer_name",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldBox(_Strict):
    text: str
    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    size: float = Field(gt=0, le=96)
    bold: bool = False
    italic: bool = False
    color: Literal["black", "red"] = "black"
    align: Literal["left", "center", "right"] = "center"
    max_lines: int = Field(default=1, ge=1, le=6)
    #: When the field named here prints nothing (a collective has no position line), this field
    #: takes its place (its y), so the certificate shows no gap.
    rises_to: str | None = None


class Offset(_Strict):
    x: float = 0.0
    y: float = 0.0


class PageSize(_Strict):
    width: float = Field(gt=0)
    height: float = Field(gt=0)


class Border(_Strict):
    """The drawn frame: two lines `gap` mm apart, the outer `inset` mm from the page edge.

    The DOCX draws it as the page border `double` (two equal lines, `outer_pt` each), the one
    compound border Word and LibreOffice both draw the same on every side: LibreOffice does not
    mirror thick-thin styles on the bottom and right as Word does (the frame came out
    inside-out there), and has no three-line style. Keep `outer_pt` = `inner_pt` for the two
    formats to match."""

    inset: float = 7.0
    outer_pt: float = 1.5
    inner_pt: float = 1.5
    gap: float = 1.2
    color: str = "9C1A1C"


class Emblem(_Strict):
    file: str
    x: float
    y: float
    width: float
    height: float


class CertificateLayout(_Strict):
    page: PageSize = PageSize(width=rules.PAGE_HEIGHT_MM, height=rules.PAGE_WIDTH_MM)
    offset: Offset = Offset()
    border: Border | None = None
    emblem: Emblem | None = None
    fields: dict[Literal[FIELD_KEYS], FieldBox]  # type: ignore[valid-type]

    @property
    def landscape(self) -> bool:
        return self.page.width > self.page.height


class PlacedText(_Strict):
    """A field's final lines, size and box (offset applied): what both renderers print."""

    key: str
    lines: list[str]
    x: float
    y: float
    width: float
    size: float
    bold: bool
    italic: bool
    color: str  # hex RGB
    align: Literal["left", "center", "right"]


class Certificate(_Strict):
    """One certificate page."""

    index: int  # position in the print order, 1-based
    awardee_name: str
    fields: list[PlacedText]

    def text_lines(self) -> list[str]:
        return [line for f in self.fields for line in f.lines]


class FieldTooLong(ValueError):
    """A field's text cannot fit its box even at the smallest readable size."""

    def __init__(self, key: str, text: str, lines: int, room: int) -> None:
        size = f"{text_metrics.MIN_READABLE_PT:g}"
        super().__init__(
            tr(
                "{field} quá dài so với ô trên giấy khen: {lines} dòng ở cỡ chữ {size} pt, ô chỉ đủ {room} dòng "
                "— rút gọn nội dung, hoặc nới rộng ô trong mẫu giấy khen",
                field=FIELD_LABELS.get(key, key),
                lines=lines,
                size=size,
                room=room,
            )
        )
        self.key = key
        self._given = (key, text, lines, room)

    def __reduce__(self):
        """Rebuilt from what it was given: raised in a rendering process, it reaches the flow whole."""
        return type(self), self._given


#: Where a too-long field's text comes from, in the clerk's words (for error messages).
FIELD_LABELS = {
    "recipient": "Họ và tên / Tên tập thể",
    "position_unit": "Chức vụ, đơn vị công tác",
    "achievement": "Thành tích",
    "authority": "Cơ quan khen thưởng",
}


def fit_field(key: str, box: FieldBox, text: str) -> tuple[float, list[str]]:
    """Wrap, then shrink, every explicit line of `text` to one common size; refuse what cannot fit.

    Remembered per field, box and text (the font is fixed for the process): a list repeats its
    units, positions and achievement lines, and a batch's authority and signature block are the
    same on every certificate."""
    size, lines = _fitted(key, box, text)
    return size, list(lines)


@functools.lru_cache(maxsize=4096)  # bounded: a worker's memory must not grow with the list
def _fitted(key: str, box: FieldBox, text: str) -> tuple[float, tuple[str, ...]]:
    parts = text.split("\n")  # explicit lines (the signature block) are kept
    size = box.size
    measure = shaping.width_mm  # HarfBuzz, kerned and cached: the widths the PDF is drawn with
    for part in parts:
        part_size, _ = text_metrics.fit_text(part, box.width, box.size, box.max_lines, box.bold, box.italic, measure)
        size = min(size, part_size)
    lines = [
        ln for part in parts for ln in text_metrics.wrap_lines(part, box.width, size, box.bold, box.italic, measure)
    ]
    room = box.max_lines * len(parts)
    widest = max((measure(ln, size, box.bold, box.italic) for ln in lines), default=0.0)
    if len(lines) > room or widest > box.width + 0.01:
        raise FieldTooLong(key, text, len(lines), room)
    return size, tuple(lines)
