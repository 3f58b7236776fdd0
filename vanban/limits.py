"""Bounds on what one input may hold, so that no file can cost the machine its memory or time.

Why bounds at all: a real award list has hundreds (at most a few thousand) of rows and a session
file a few dozen lines, but office files carry traps — a cell formatted at `XFD1048576`, a zip
that inflates to gigabytes, YAML aliases that expand exponentially. Each reader checks these
numbers *before* it builds anything big, and refuses with a clear message naming the limit.
The numbers sit far above any real list (about 10× the largest seen) and far below what would
hurt a 2-core, few-GB office machine. Two can be changed by the office (environment, `Settings`):
`VANBAN_MAX_LIST_ROWS` and `VANBAN_MAX_AMOUNT`; the rest are fixed here and documented in
docs/limits.md.
"""

from __future__ import annotations

from vanban import settings

#: Input files larger than this are refused before reading (bytes on disk).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Sum of the uncompressed sizes of an .xlsx archive's members (a zip bomb inflates past it).
MAX_XLSX_UNCOMPRESSED = 48 * 1024 * 1024
#: Compression ratio of one member beyond which it is a bomb, not a spreadsheet (real sheets: < 30).
MAX_XLSX_RATIO = 200
#: Members (files) inside an .xlsx archive.
MAX_XLSX_MEMBERS = 2_000
#: Non-empty rows in one sheet or CSV file, unless the office sets VANBAN_MAX_LIST_ROWS.
DEFAULT_MAX_LIST_ROWS = 20_000
#: Columns holding data (a value beyond this column is refused rather than read as a list).
MAX_COLUMNS = 100
#: Cells kept in memory for one sheet (rows × width of the real data extent).
MAX_CELLS = 600_000
#: Characters in one cell or one text field (a name, a unit, a subject, an achievement).
MAX_CELL_CHARS = 2_000
#: Characters in one CSV field (Python's csv module stops at 131,072 with a bare error).
MAX_CSV_FIELD = 100_000
#: YAML/JSON: nesting depth, nodes after alias expansion, aliases.
MAX_YAML_DEPTH = 40
MAX_YAML_NODES = 100_000
MAX_YAML_ALIASES = 100
#: Digits in a number written in YAML/JSON (Python refuses int() past 4,300 with a bare error).
MAX_NUMBER_DIGITS = 30
#: Highest document or sổ vàng number accepted from input (a register never reaches it; SQLite
#: and PostgreSQL integers end at 2^63 − 1 and 2^31 − 1).
MAX_DOCUMENT_NUMBER = 999_999
#: Default ceiling for one awardee's amount, in đồng (VANBAN_MAX_AMOUNT changes it): the highest
#: State award (Huân chương Sao vàng) is far below it; 10^18 printed as "Một tỷ tỷ …" is not.
DEFAULT_MAX_AMOUNT = 1_000_000_000
#: Plan subject (trích yếu) length in characters.
MAX_SUBJECT_CHARS = 500
#: Markdown body of a document, characters.
MAX_BODY_CHARS = 1_000_000
#: Latest and earliest year a document may be dated.
MIN_YEAR = 1945
MAX_YEAR = 2100


def max_list_rows() -> int:
    return settings.current().max_list_rows or DEFAULT_MAX_LIST_ROWS


def max_amount() -> int:
    return settings.current().max_amount or DEFAULT_MAX_AMOUNT
