"""A cell or value whose text was converted to Unicode NFC while reading (chuyển mã).

Old office spreadsheets still carry TCVN3/ABC and VNI text, and CSV exports carry UTF-8 read as
cp1252; the readers repair such text and keep one `Conversion` per changed value, so the clerk
can see exactly what was changed and where (it goes into the manifest and the web page).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Conversion(BaseModel):
    """A cell whose text was converted to Unicode NFC (chuyển mã), reported to the clerk.

    Not NFC-normalised or stripped like the other models: `original` is kept exactly as read.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = Field(default=None, description="column letter, or a YAML/JSON field")
    original: str
    converted: str
    encoding: str = Field(description="TCVN3, VNI, UTF-8 read as cp1252, NFD, cp1258 …")

    def __str__(self) -> str:
        where = ", ".join(
            str(p)
            for p in (
                self.file,
                self.sheet and f"sheet '{self.sheet}'",
                self.row and f"row {self.row}",
                self.column and f"column {self.column}",
            )
            if p
        )
        return f"{where}: {self.encoding} {self.original!r} → {self.converted!r}"
