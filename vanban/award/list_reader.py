"""Read an approved award list (danh sách khen thưởng) and its session into an `AwardList`.

The normal input is an office's own Excel workbook: title rows above the header, headers
with line breaks and local names, merged cells, empty and total rows, formulas, sometimes
legacy TCVN3/VNI text. CSV and YAML/JSON lists are accepted too. Collectives (tập thể) and
individuals (cá nhân) may share one sheet (with a `Phân loại` column or `I. TẬP THỂ` /
`II. CÁ NHÂN` section rows) or sit on two sheets.

Every problem found is collected and raised as one `InputError` naming file, sheet, row and
column; nothing is published from a bad list. Cell text is only ever kept as text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vanban.award.columns import (
    CARRY_MERGED,
    COLUMNS,
    HEADER_SCAN_ROWS,
    Header,
    Kind,
    find_header,
    header_key,
    is_column_number,
    is_sum_label,
    kind_from_words,
    match_header,
    parse_amount,
    parse_honorific,
    parse_kind,
    parse_sex,
    required_headers_text,
    section_kind,
)
from vanban.award.identity import identity_key
from vanban.award.model import Awardee, AwardList, SourceRef
from vanban.award.session_reader import INFO_SHEET, ListOptions, is_info_sheet, read_session
from vanban.errors import InputError, Problem, describe_location
from vanban.i18n import tr
from vanban.inputs import located_yaml
from vanban.inputs.conversion import Conversion
from vanban.inputs.sheets import Cell, Grid, read_csv, read_xlsx
from vanban.model import validation_error
from vanban.vietnamese.legacy import repair

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
YAML_SUFFIXES = {".yaml", ".yml", ".json"}


def _supported() -> str:
    return tr("một sổ làm việc Excel (.xlsx), một tệp CSV (.csv) hoặc một danh sách YAML/JSON (.yaml, .json)")


def _name_expected() -> str:
    return tr("họ tên cá nhân (cột 'Họ và tên') hoặc tên tập thể (cột 'Tên tập thể')")


def read_award_list(list_path: Path, session_path: Path | None = None, *, issuers_dir: Path | None = None) -> AwardList:
    """Read the list and the session metadata; raise `InputError` listing every problem.

    The session comes from `session_path`, else `<list stem>.session.yaml` or `session.yaml`
    beside the list, else the workbook's `Thông tin` sheet. `issuers_dir` overrides the issuer
    profile folder (doc_templates/issuers).
    """
    list_path = Path(list_path)
    file = str(list_path)
    problems: list[Problem] = []
    conversions: list[Conversion] = []
    if not list_path.is_file():
        raise InputError.single(file, tr("không tìm thấy tệp"), expected=_supported())
    suffix = list_path.suffix.lower()

    grids: list[Grid] = []
    structured: Any = None
    lines: located_yaml.Lines = {}
    try:
        if suffix in EXCEL_SUFFIXES:
            grids = read_xlsx(list_path, conversions)
        elif suffix == ".csv":
            grids = [read_csv(list_path, conversions)]
        elif suffix in YAML_SUFFIXES:
            structured, lines = located_yaml.load(list_path)
        elif suffix == ".xls":
            raise InputError.single(
                file,
                tr("không đọc sổ làm việc Excel 97-2003 (.xls) kiểu cũ"),
                expected=tr("sổ làm việc lưu lại dưới dạng .xlsx (Tệp › Lưu thành)"),
            )
        else:
            raise InputError.single(
                file,
                tr("không đọc được loại tệp danh sách '{suffix}'", suffix=suffix or tr("(không có đuôi)")),
                expected=_supported(),
            )
    except InputError as exc:
        problems.extend(exc.problems)
        list_failed = True
    else:
        list_failed = False

    info = next((g for g in grids if is_info_sheet(g.sheet)), None)
    session, options, session_problems = read_session(list_path, session_path, info, issuers_dir=issuers_dir)
    problems.extend(session_problems)

    rows: list[dict] = []
    if grids:
        rows = _rows_from_grids(file, grids, options, problems)
    elif suffix in YAML_SUFFIXES and not list_failed:
        rows = _rows_from_structured(file, structured, lines, conversions, problems)

    awardees = _awardees(rows, problems)
    if problems:
        raise InputError(_in_reading_order(problems, grids))
    assert session is not None
    return AwardList(session=session, awardees=awardees, conversions=conversions)


def _in_reading_order(problems: list[Problem], grids: list[Grid]) -> list[Problem]:
    """Session problems first, then the list's by sheet (workbook order), row and column."""
    sheets = {g.sheet: i for i, g in enumerate(grids)}
    files = list(dict.fromkeys(p.file for p in problems))
    return sorted(
        problems,
        key=lambda p: (files.index(p.file), sheets.get(p.sheet, -1), p.row or 0, len(p.column or ""), p.column or ""),
    )


# ---------------------------------------------------------------------------------------------
# Spreadsheets: find the list sheets, their header rows, their data rows.


def _rows_from_grids(file: str, grids: list[Grid], options: ListOptions, problems: list[Problem]) -> list[dict]:
    by_name = {g.sheet: g for g in grids}
    if options.sheets:
        chosen = []
        for name, where in options.sheets:
            grid = by_name.get(name) or next((g for g in grids if header_key(g.sheet or "") == header_key(name)), None)
            if grid is None:
                problems.append(
                    Problem(
                        file,
                        tr("không có trang tính tên '{name}' (ghi ở {where})", name=name, where=where),
                        sheet=name,
                        expected=tr(
                            "một trong các trang tính của sổ: {sheets}",
                            sheets=", ".join(f"'{g.sheet}'" for g in grids),
                        ),
                    )
                )
            else:
                chosen.append((grid, True))
    else:
        chosen = [(g, False) for g in grids if not is_info_sheet(g.sheet) and not g.hidden]

    rows: list[dict] = []
    list_sheets: list[tuple[Grid, Header]] = []
    for grid, explicit in chosen:
        header = find_header(grid.rows)
        if header is None or not header.has("name"):
            if header is not None:
                problems.append(
                    Problem(
                        file,
                        tr("dòng tiêu đề không có cột họ tên"),
                        sheet=grid.sheet,
                        row=header.row,
                        expected=required_headers_text(),
                    )
                )
                list_sheets.append((grid, header))
            elif explicit:
                problems.append(
                    Problem(
                        file,
                        tr("không thấy dòng tiêu đề trong {count} dòng đầu", count=HEADER_SCAN_ROWS),
                        sheet=grid.sheet,
                        expected=_header_expected(),
                    )
                )
            continue
        list_sheets.append((grid, header))
        rows.extend(_sheet_rows(file, grid, header, problems))
    if not list_sheets and grids and not options.sheets:
        names = ", ".join(f"'{g.sheet}'" for g, _ in chosen) or tr(
            "không có trang nào ngoài '{sheet}'", sheet=INFO_SHEET
        )
        problems.append(
            Problem(
                file,
                tr(
                    "không tìm thấy danh sách: không trang tính nào ({names}) có dòng tiêu đề trong {count} dòng đầu",
                    names=names,
                    count=HEADER_SCAN_ROWS,
                ),
                sheet=chosen[0][0].sheet if chosen else None,
                expected=_header_expected(),
            )
        )
    elif list_sheets and not rows and not any(p.file == file and p.row for p in problems):
        grid, header = list_sheets[0]
        problems.append(
            Problem(
                file,
                tr("danh sách không có ai được khen thưởng"),
                sheet=grid.sheet,
                row=header.row,
                expected=tr("ít nhất một dòng người được khen dưới dòng tiêu đề"),
            )
        )
    return rows


def _header_expected() -> str:
    return tr(
        "một dòng tiêu đề như STT | Họ và tên | Chức vụ | Đơn vị công tác | Số tiền (tiêu đề cột họ tên: {names})",
        names=", ".join(COLUMNS["name"][:6]),
    )


def _sheet_kind(grid: Grid, header: Header) -> Kind | None:
    if header.name_kind:
        return header.name_kind
    if grid.sheet and (kind := kind_from_words(grid.sheet)):
        return kind
    titles = [c.value for cells in grid.rows[: header.index] for c in cells if isinstance(c.value, str)]
    kinds = {k for t in titles if (k := kind_from_words(t))}
    return kinds.pop() if len(kinds) == 1 else None


def _sheet_rows(file: str, grid: Grid, header: Header, problems: list[Problem]) -> list[dict]:
    default_kind = _sheet_kind(grid, header)
    section: Kind | None = None
    rows: list[dict] = []
    mapped = {col for cols in header.columns.values() for col in cols}
    first_data = True
    for cells in grid.rows[header.index + 1 :]:
        if all(c.empty for c in cells):
            continue
        texts = [c.text for c in cells if not c.empty]
        if first_data and len(texts) >= 3 and all(is_column_number(t) for t in texts):
            first_data = False
            continue  # the (1) (2) (3) row under an official form's header
        first_data = False
        if any(isinstance(c.value, str) and is_sum_label(c.value) for c in cells):
            continue
        fields = {name: _field_cell(cells, cols, name) for name, cols in header.columns.items()}
        filled = {n for n, c in fields.items() if c is not None and not _blank(c, n)}
        if filled <= {"seq", "name"} and not any(not c.empty for i, c in enumerate(cells) if i not in mapped):
            label = " ".join(c.text for c in cells if not c.empty)
            if (kind := section_kind(label)) is not None:
                section = kind
                continue
        row = cells[0].row
        where: dict[str, Any] = {"file": file, "sheet": grid.sheet, "row": row}
        values: dict[str, Any] = {"where": where, "columns": {}, "bad": set()}
        for name, cell in fields.items():
            if cell is None or name == "seq":
                continue
            values["columns"][name] = cell.column
            if cell.error is not None:
                problems.append(
                    Problem(
                        file,
                        tr("ô đang hiện lỗi {error}", error=cell.error),
                        sheet=grid.sheet,
                        row=row,
                        column=cell.column,
                        expected=tr("một giá trị cho '{column}'", column=_header_label(grid, header, name)),
                    )
                )
                values["bad"].add(name)
            elif cell.formula is not None and cell.value is None:
                problems.append(
                    Problem(
                        file,
                        tr(
                            "công thức {formula} chưa có kết quả lưu sẵn (tệp được ghi bằng một chương trình "
                            "không tính công thức)",
                            formula=cell.formula,
                        ),
                        sheet=grid.sheet,
                        row=row,
                        column=cell.column,
                        expected=tr(
                            "mở sổ làm việc và lưu lại một lần trong Excel hoặc LibreOffice, hoặc gõ thẳng giá trị"
                        ),
                    )
                )
                values["bad"].add(name)
            else:
                value = cell.value if cell.value is not None else (cell.merged if name in CARRY_MERGED else None)
                values[name] = value
        values["kind_default"] = section or default_kind
        values["columns"].setdefault("name", _column_letter(cells, header, "name"))
        rows.append(values)
    return rows


def _field_cell(cells: list[Cell], cols: list[int], name: str) -> Cell | None:
    """The first of the field's columns that holds something (else its first column)."""
    present = [cells[i] for i in cols if i < len(cells)]
    for cell in present:
        if not cell.empty or (name in CARRY_MERGED and cell.merged not in (None, "")):
            return cell
    return present[0] if present else None


def _blank(cell: Cell, name: str) -> bool:
    return cell.empty and not (name in CARRY_MERGED and cell.merged not in (None, ""))


def _column_letter(cells: list[Cell], header: Header, name: str) -> str | None:
    cols = header.columns.get(name)
    return cells[cols[0]].column if cols and cols[0] < len(cells) else None


def _header_label(grid: Grid, header: Header, name: str) -> str:
    col = header.columns[name][0]
    value = grid.rows[header.index][col].value
    return " ".join(str(value).split()) if value else name


# ---------------------------------------------------------------------------------------------
# YAML / JSON lists

_ENGLISH_FIELDS = {
    "name",
    "kind",
    "honorific",
    "sex",
    "position",
    "unit",
    "form",
    "achievement",
    "amount",
    "note",
    "seq",
}
_GROUPS: dict[str, Kind | None] = {
    "collectives": "collective",
    "tap the": "collective",
    "individuals": "individual",
    "ca nhan": "individual",
    "households": "household",
    "gia dinh": "household",
    "ho gia dinh": "household",
    "awardees": None,
    "danh sach": None,
}


def _rows_from_structured(
    file: str, data: Any, lines: located_yaml.Lines, conversions: list[Conversion], problems: list[Problem]
) -> list[dict]:
    expected = tr(
        "các mục `collectives:` và/hoặc `individuals:` (hoặc `awardees:` kèm `kind`), "
        "mỗi mục là một danh sách {fields}",
        fields="{name, unit, position, …}",
    )
    if isinstance(data, list):
        data = {"awardees": data}
    if not isinstance(data, dict):
        problems.append(Problem(file, tr("tệp không có danh sách người được khen nào"), expected=expected))
        return []
    rows: list[dict] = []
    for key, items in data.items():
        group = _GROUPS.get(header_key(str(key)))
        if header_key(str(key)) not in _GROUPS:
            if str(key) != "session":
                problems.append(
                    Problem(
                        file,
                        tr("khóa '{key}' không có trong mẫu", key=key),
                        row=lines.get((key,)),
                        field=str(key),
                        expected=tr("collectives, individuals hoặc awardees"),
                    )
                )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(
                    file,
                    tr("'{key}' không phải một danh sách", key=key),
                    row=lines.get((key,)),
                    field=str(key),
                    expected=tr("một danh sách người được khen (`- name: …`)"),
                )
            )
            continue
        for i, item in enumerate(items):
            path = (key, i)
            field = f"{key}[{i + 1}]"
            where: dict[str, Any] = {"file": file, "row": located_yaml.line_of(lines, path), "field": field}
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                problems.append(
                    Problem(
                        file,
                        tr("một mục người được khen không phải dạng `khóa: giá trị`"),
                        row=where["row"],
                        field=field,
                        expected="name: …, unit: …",
                    )
                )
                continue
            values: dict[str, Any] = {"where": where, "columns": {}, "bad": set(), "kind_default": group}
            for raw_key, value in item.items():
                name = str(raw_key) if str(raw_key) in _ENGLISH_FIELDS else match_header(str(raw_key))
                if name is None:
                    problems.append(
                        Problem(
                            file,
                            tr("trường '{field}' không có trong mẫu", field=raw_key),
                            row=located_yaml.line_of(lines, path + (raw_key,)),
                            field=f"{field}.{raw_key}",
                            expected=tr("một trong: {fields}", fields=", ".join(sorted(_ENGLISH_FIELDS))),
                        )
                    )
                    values["bad"].add(str(raw_key))
                    continue
                if isinstance(value, str):
                    fixed, encoding = repair(value)
                    if encoding:
                        conversions.append(
                            Conversion(
                                file=file,
                                row=located_yaml.line_of(lines, path + (raw_key,)),
                                column=f"{field}.{raw_key}",
                                original=value,
                                converted=fixed,
                                encoding=encoding,
                            )
                        )
                    value = fixed
                values[name] = value
                values["columns"][name] = None
                values.setdefault("lines", {})[name] = located_yaml.line_of(lines, path + (raw_key,))
            rows.append(values)
    if not rows and not problems:
        problems.append(Problem(file, tr("danh sách không có ai được khen thưởng"), expected=expected))
    return rows


# ---------------------------------------------------------------------------------------------
# Row values → awardees, with every problem located.


def _awardees(rows: list[dict], problems: list[Problem]) -> list[Awardee]:
    awardees: list[Awardee] = []
    seen: dict[tuple, dict] = {}
    counters = {"collective": 0, "individual": 0, "household": 0}
    for values in rows:
        where = values["where"]
        row_problems: list[Problem] = []

        def problem(
            name: str | None,
            message: str,
            expected: str | None = None,
            *,
            values=values,
            where=where,
            row_problems=row_problems,
        ) -> None:
            column = values["columns"].get(name) if name else None
            row = values.get("lines", {}).get(name) or where.get("row")
            field = f"{where['field']}.{name}" if where.get("field") and name else where.get("field")
            row_problems.append(
                Problem(
                    where["file"],
                    message,
                    expected=expected,
                    sheet=where.get("sheet"),
                    row=row,
                    column=column,
                    field=field,
                )
            )

        name = _text(values.get("name"))
        if not name and "name" not in values["bad"]:
            problem("name", tr("thiếu họ và tên"), _name_expected())
        kind = values.get("kind_default")
        kind_text = _text(values.get("kind"))
        if kind_text:
            try:
                kind = parse_kind(kind_text)
            except ValueError as exc:
                problem("kind", tr("không rõ phân loại '{kind}'", kind=kind_text), str(exc))
                kind = "invalid"
        if kind is None and "kind" not in values["bad"]:
            if "kind" in values["columns"]:
                problem("kind", tr("thiếu phân loại"), tr("'Tập thể' hoặc 'Cá nhân'"))
            else:
                problem(
                    None,
                    tr("không biết dòng này là tập thể hay cá nhân"),
                    tr(
                        "một cột 'Phân loại' (Tập thể / Cá nhân), các trang tính tên 'Tập thể' và "
                        "'Cá nhân', hoặc các dòng mục 'I. TẬP THỂ' / 'II. CÁ NHÂN'"
                    ),
                )
        honorific = None
        for field_name, parse in (("honorific", parse_honorific), ("sex", parse_sex)):
            text = _text(values.get(field_name))
            if text and honorific is None:
                try:
                    honorific = parse(text)
                except ValueError as exc:
                    problem(field_name, tr("giá trị '{value}' không hợp lệ", value=text), str(exc))
        amount = None
        try:
            amount = parse_amount(values.get("amount"))
        except ValueError as exc:
            problem("amount", tr("số tiền '{value}' không phải là số", value=_text(values.get("amount"))), str(exc))

        if name and kind in counters:
            key = identity_key(kind, name, _text(values.get("unit")))  # the register's key too
            if key in seen:
                first = seen[key]["where"]
                at = describe_location(first["file"], first.get("sheet"), first.get("row"), field=first.get("field"))
                problem(
                    "name",
                    tr(
                        "'{name}' ghi trùng: cùng {kind} và đơn vị này đã có ở {at}",
                        name=name,
                        kind=_kind_word(kind),
                        at=at,
                    ),
                    tr("mỗi người được khen chỉ ghi một lần"),
                )
            else:
                seen[key] = values
        if row_problems or values["bad"]:
            problems.extend(row_problems)
            continue
        assert kind in counters  # rows without a kind were reported above
        counters[kind] += 1
        data = {
            "seq": counters[kind],
            "kind": kind,
            "name": name,
            "honorific": honorific if kind == "individual" else None,
            "position": _text(values.get("position")) or None,
            "unit": _text(values.get("unit")) or None,
            "form": _text(values.get("form")) or None,
            "achievement": _text(values.get("achievement")) or None,
            "amount": amount,
            "note": _text(values.get("note")) or None,
            "source": SourceRef(
                file=where["file"], sheet=where.get("sheet"), row=where.get("row"), field=where.get("field")
            ),
        }
        try:
            awardees.append(Awardee.model_validate(data))
        except ValidationError as exc:
            for p in validation_error(where["file"], exc).problems:
                problem(p.field if p.field in values["columns"] else None, p.message)
            problems.extend(row_problems)
    return awardees


def _kind_word(kind: Kind) -> str:
    return {
        "collective": tr("tập thể"),
        "individual": tr("cá nhân"),
        "household": tr("hộ gia đình"),
    }[kind]


def _text(value: Any) -> str:
    """Text of a cell or YAML value, kept literally; numbers without a useless `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return " ".join(str(value).split()) if "\n" in str(value) else str(value).strip()
