"""The review session's decisions (thông tin quyết định) that go into the award decision.

They come from a small YAML file beside the list (`<list stem>.session.yaml` or
`session.yaml`, or an explicit path) or from a `Thông tin` sheet in the workbook: key/value
rows with Vietnamese keys (`Cơ quan ban hành`, `Số quyết định`, `Căn cứ` on several rows …).
Both forms use the same keys (`SESSION_KEYS`); YAML also takes the English field names of
`AwardSession`. The issuer id is checked against the issuer profiles, which also supply the
signer and the award form when the session does not name them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vanban.award.columns import header_key
from vanban.award.model import AwardSession
from vanban.errors import InputError, Problem, pydantic_message
from vanban.i18n import tr
from vanban.inputs import located_yaml
from vanban.issuers import issuer_reference, load_issuer
from vanban.model import split_recipient

INFO_SHEET = "Thông tin"

#: Session field (dotted for the signer) → (Vietnamese keys, several rows allowed).
SESSION_KEYS: dict[str, tuple[tuple[str, ...], bool]] = {
    "issuer": (("Cơ quan ban hành", "Mã cơ quan ban hành", "Cơ quan"), False),
    "number": (("Số quyết định", "Số QĐ", "Số"), False),
    "date": (("Ngày quyết định", "Ngày ký", "Ngày ban hành", "Ngày"), False),
    "subject": (("Trích yếu", "Về việc"), False),
    "legal_bases": (("Căn cứ",), True),
    "proposer": (("Đơn vị đề nghị", "Đề nghị của"), False),
    "proposal": (("Tờ trình", "Số tờ trình"), False),
    "achievement": (("Thành tích", "Phong trào", "Nội dung thành tích"), False),
    "award_form": (("Hình thức", "Hình thức khen thưởng"), False),
    "award_form_name": (("Tên hình thức",), False),
    "signer.name": (("Người ký", "Họ tên người ký"), False),
    "signer.title": (("Chức vụ người ký", "Chức vụ ký"), False),
    "signer.authority": (("Thẩm quyền", "Thẩm quyền ký"), True),
    "recipients": (("Nơi nhận",), True),
    "archive": (("Lưu",), False),
    "executors": (("Thi hành", "Đơn vị thi hành", "Điều 3"), False),
    "collective_rule": (("Cách tính tiền tập thể",), False),
    "order": (("Thứ tự", "Sắp xếp"), False),
    "sheets": (("Trang danh sách", "Sheet danh sách"), True),
    "proposal_line": (("Dòng đề nghị", "Xét đề nghị"), False),
    # The shape of the decision (docs/award-input.md, "The shape of the decision").
    "decision.verb": (("Động từ", "Động từ khen thưởng"), False),
    "decision.object": (("Nội dung tặng", "Tên hình thức trong Điều 1"), False),
    "decision.awardees": (("Ghi danh sách", "Cách ghi danh sách"), False),
    "decision.inline_max": (("Ghi trong Điều 1 khi không quá",), False),
    "decision.achievement": (("Vị trí thành tích", "Ghi thành tích"), False),
    "decision.money": (("Ghi tiền thưởng", "Cách ghi tiền thưởng"), False),
    "decision.fund": (("Nguồn kinh phí", "Trích từ quỹ"), False),
    "decision.effect": (("Hiệu lực", "Điều hiệu lực"), False),
    "decision.decides": (("Dòng quyết định",), False),
    "decision.count_digits": (("Số đếm", "Chữ số đếm"), False),
    "decision.subject_prefix": (("Tiền tố trích yếu",), False),
    "decision.annex_reference": (("Dòng kèm theo",), False),
    "decision.authority_line": (("Dòng thẩm quyền",), False),
    "decision.bases_dash": (("Gạch đầu dòng căn cứ",), False),
    "decision.rounding": (("Làm tròn tiền thưởng",), False),
    "decision.annex_date": (("Ngày ở dòng kèm theo",), False),
    "decision.annex_number_digits": (("Chữ số thứ tự danh sách",), False),
    "decision.annex_title": (("Tiêu đề danh sách",), False),
    "decision.closing_and": (("Chữ và trước người thi hành",), False),
}
_LABELS = {header_key(label): name for name, (labels, _) in SESSION_KEYS.items() for label in labels}
_MULTI = {name for name, (_, multi) in SESSION_KEYS.items() if multi}
_ENGLISH = {
    "issuer",
    "number",
    "date",
    "subject",
    "legal_bases",
    "proposer",
    "proposal",
    "achievement",
    "award_form",
    "award_form_name",
    "signer",
    "recipients",
    "archive",
    "executors",
    "collective_rule",
    "order",
    "sheets",
    "proposal_line",
    "decision",
    "submission",
}
#: First-row labels of a `Thông tin` sheet that are column titles, not keys.
_TITLE_KEYS = {"thong tin", "noi dung", "muc", "gia tri", "truong", "khoa", "thong tin quyet dinh"}
_YES_NO = {"co": True, "khong": False, "yes": True, "no": False, "true": True, "false": False}
_VALUE_WORDS: dict[str, dict[str, Any]] = {
    "decision.awardees": {
        "tu dong": "auto",
        "trong dieu 1": "article",
        "bang kem theo": "annex_table",
        "danh sach kem theo": "annex_list",
        "bang": "annex_table",
        "danh sach": "annex_list",
    },
    "decision.achievement": {"trong cau": "sentence", "trong dieu 1": "sentence", "doan rieng": "paragraph"},
    "decision.money": {
        "dieu rieng": "article",
        "theo dieu rieng": "article",
        "trong dieu 1": "inline",
        "chi tiet tung nhom": "breakdown",
        "theo nhom": "breakdown",
        "khong ghi": "none",
        "khong": "none",
        "theo quy dinh": "general",
        "theo quy dinh hien hanh": "general",
    },
    "decision.effect": {
        "trong dieu thi hanh": "in_executors",
        "cuoi dieu thi hanh": "at_end",
        "ke tu ngay ky": "at_end",
        "dieu rieng": "own_article",
        "khong ghi": "none",
        "khong": "none",
    },
    "decision.count_digits": {"2": 2, "1": 1, "hai chu so": 2, "mot chu so": 1},
    "decision.annex_number_digits": {"2": 2, "1": 1, "hai chu so": 2, "mot chu so": 1},
    "decision.annex_date": {"bang chu": "words", "chu": "words", "bang so": "numeric", "so": "numeric"},
    "decision.closing_and": _YES_NO,
    "decision.authority_line": _YES_NO,
    "decision.bases_dash": _YES_NO,
    "decision.rounding": {"khong": 0, "khong lam tron": 0, "10 000": 10000, "10000": 10000},
    "order": {"theo danh sach": "approved", "theo thu tu duyet": "approved", "theo don vi": "unit", "theo ten": "name"},
    "collective_rule": {"lam tron mot lan": "round_once", "gap doi ca nhan": "double_individual"},
}


def _date_expected() -> str:
    return tr("một ngày có thật, ví dụ 05/01/2026 hoặc 2026-01-05")


@dataclass
class ListOptions:
    """How to read the list, from the session: the sheets that hold it (and where they are named)."""

    sheets: list[tuple[str, str]] = field(default_factory=list)


def is_info_sheet(name: str | None) -> bool:
    return name is not None and header_key(name) == header_key(INFO_SHEET)


def session_candidates(list_path: Path) -> list[Path]:
    """Where a session file for `list_path` may be, in the order they are tried."""
    folder, stem = list_path.parent, list_path.stem
    return [
        folder / f"{stem}.session.yaml",
        folder / f"{stem}.session.yml",
        folder / "session.yaml",
        folder / "session.yml",
    ]


def read_session(
    list_path: Path, session_path: Path | None, info_grid=None, *, issuers_dir: Path | None = None
) -> tuple[AwardSession | None, ListOptions, list[Problem]]:
    """Find and read the session; returns it (None when bad), the list options and problems."""
    if session_path is not None:
        session_path = Path(session_path)
        if not session_path.is_file():
            return (
                None,
                ListOptions(),
                [
                    Problem(
                        str(session_path),
                        tr("không tìm thấy tệp thông tin đợt khen thưởng"),
                        expected=tr("một tệp YAML thông tin đợt khen thưởng có sẵn"),
                    )
                ],
            )
    else:
        session_path = next((p for p in session_candidates(list_path) if p.is_file()), None)
    if session_path is not None:
        return read_session_file(session_path, issuers_dir=issuers_dir)
    if info_grid is not None:
        return read_session_sheet(info_grid, issuers_dir=issuers_dir)
    names = tr(" hoặc ").join(f"'{p.name}'" for p in session_candidates(list_path)[::2])
    return (
        None,
        ListOptions(),
        [
            Problem(
                str(list_path),
                tr("không tìm thấy thông tin đợt khen thưởng (số, ngày, trích yếu, người ký …)"),
                expected=tr(
                    "một tệp thông tin {names} để cạnh danh sách, hoặc một trang tính '{sheet}' trong sổ làm việc",
                    names=names,
                    sheet=INFO_SHEET,
                ),
            )
        ],
    )


# ---------------------------------------------------------------------------------------------


def read_session_file(
    path: Path, *, issuers_dir: Path | None = None
) -> tuple[AwardSession | None, ListOptions, list[Problem]]:
    """A session YAML file; keys are `AwardSession` field names or the Vietnamese keys."""
    file = str(path)
    try:
        data, lines = located_yaml.load(path)
    except InputError as exc:
        return None, ListOptions(), exc.problems
    if not isinstance(data, dict):
        return (
            None,
            ListOptions(),
            [
                Problem(
                    file,
                    tr("tệp thông tin đợt khen thưởng không phải các mục `khóa: giá trị`"),
                    expected=tr("các dòng `khóa: giá trị` (issuer, date, subject …)"),
                )
            ],
        )
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    where: dict[str, dict] = {}
    for key, value in data.items():
        line = lines.get((key,))
        name = str(key) if str(key) in _ENGLISH else _LABELS.get(header_key(str(key)))
        if name is None:
            problems.append(
                Problem(
                    file,
                    tr("khóa '{key}' không có trong mẫu", key=key),
                    row=line,
                    field=str(key),
                    expected=tr("một trong: {fields}", fields=", ".join(sorted(_ENGLISH))),
                )
            )
            continue
        if name in where:  # `issuer:` and `Cơ quan ban hành:` both given: neither silently wins
            first = where[name]
            problems.append(
                Problem(
                    file,
                    tr(
                        "'{key}' và '{other}' (dòng {line}) là cùng một mục, ghi hai lần",
                        key=key,
                        other=first["field"],
                        line=first["row"],
                    ),
                    row=line,
                    field=str(key),
                    expected=tr("mỗi mục ghi một lần"),
                )
            )
            continue
        where[name] = {"row": line, "field": str(key)}
        if name == "signer" and isinstance(value, dict):
            for sub, sub_value in value.items():
                values[f"signer.{sub}"] = sub_value
                where[f"signer.{sub}"] = {"row": lines.get((key, sub), line), "field": f"{key}.{sub}"}
            continue
        if isinstance(value, list):
            for i in range(len(value)):
                where[f"{name}.{i}"] = {"row": lines.get((key, i), line), "field": f"{key}[{i + 1}]"}
        values[name] = value
    return _build(file, values, where, problems, issuers_dir)


def read_session_sheet(
    grid, *, issuers_dir: Path | None = None
) -> tuple[AwardSession | None, ListOptions, list[Problem]]:
    """A `Thông tin` sheet: key in column A, value in column B (a note for Nơi nhận in C).

    A row with an empty key continues the list of the key above (several `Căn cứ` lines).
    """
    file, sheet = grid.file, grid.sheet
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    where: dict[str, dict] = {}
    previous: str | None = None
    name: str | None
    for cells in grid.rows:
        if len(cells) < 2 or all(c.empty for c in cells):
            continue
        key_cell, value_cell = cells[0], cells[1]
        note = cells[2].text if len(cells) > 2 and not cells[2].empty else None
        key = header_key(key_cell.text)
        here = {"sheet": sheet, "row": key_cell.row, "column": value_cell.column}
        if key in _TITLE_KEYS or (key and value_cell.empty and key not in _LABELS):
            continue  # column titles, or a title row above the keys
        if not key:
            if previous in _MULTI and not value_cell.empty:
                name = previous
            else:
                problems.append(
                    Problem(
                        file,
                        tr("có giá trị mà không có khóa"),
                        **{**here, "column": "A"},
                        expected=tr("một khóa ở cột A, ví dụ 'Căn cứ'"),
                    )
                )
                continue
        else:
            name = _LABELS.get(key)
            if name is None:
                problems.append(
                    Problem(
                        file,
                        tr("khóa '{key}' không có trong mẫu", key=key_cell.text),
                        **{**here, "column": "A"},
                        expected=tr(
                            "một trong: {fields}",
                            fields=", ".join(f"'{labels[0]}'" for labels, _ in SESSION_KEYS.values()),
                        ),
                    )
                )
                continue
        previous = name
        if value_cell.formula is not None and value_cell.value is None:
            problems.append(
                Problem(
                    file,
                    tr("công thức {formula} chưa có kết quả lưu sẵn", formula=value_cell.formula),
                    **here,
                    expected=tr(
                        "gõ thẳng giá trị, hoặc mở sổ làm việc và lưu lại một lần trong Excel hoặc LibreOffice"
                    ),
                )
            )
            continue
        value = value_cell.value
        if value_cell.empty:
            continue
        if name in _MULTI:
            items = values.setdefault(name, [])
            where[f"{name}.{len(items)}"] = {**here, "field": key_cell.text or name}
            where.setdefault(name, {**here, "field": key_cell.text or name})
            items.append({"name": value, "note": note} if name == "recipients" and note else value)
        else:
            if name in values:
                problems.append(
                    Problem(
                        file,
                        tr("'{key}' ghi hai lần", key=key_cell.text),
                        **here,
                        expected=tr("mỗi khóa ghi một lần (chỉ Căn cứ, Thẩm quyền, Nơi nhận được ghi nhiều dòng)"),
                    )
                )
                continue
            values[name] = value
            where[name] = {**here, "field": key_cell.text}
    return _build(file, values, where, problems, issuers_dir, sheet)


# ---------------------------------------------------------------------------------------------


def _build(
    file: str,
    values: dict[str, Any],
    where: dict[str, dict],
    problems: list[Problem],
    issuers_dir: Path | None,
    sheet: str | None = None,
) -> tuple[AwardSession | None, ListOptions, list[Problem]]:
    def at(name: str) -> dict:
        return where.get(name) or where.get(name.split(".")[0]) or {"sheet": sheet, "field": name}

    def problem(name: str, message: str, expected: str | None = None) -> None:
        problems.append(Problem(file, message, expected=expected, **at(name)))

    options = ListOptions()
    sheets = values.pop("sheets", None)
    if sheets is not None:
        for i, name in enumerate(sheets if isinstance(sheets, list) else [sheets]):
            loc = at(f"sheets.{i}")
            described = f"{Path(file).name}" + (" " + tr("dòng {row}", row=loc["row"]) if loc.get("row") else "")
            options.sheets.append((str(name).strip(), described))

    data: dict[str, Any] = {}
    bad: set[str] = set()
    for name, value in values.items():
        if name == "date":
            try:
                data["date"] = parse_date(value)
            except ValueError as exc:
                problem(name, str(exc), _date_expected())
                bad.add(name)
        elif name == "number":
            try:
                data["number"] = parse_number(value)
            except ValueError as exc:
                problem(name, str(exc), tr("một số nguyên như 15, hoặc để trống (điền sau)"))
                bad.add(name)
        elif name in ("legal_bases", "signer.authority"):
            items = value if isinstance(value, list) else [value]
            _set(data, name, [_scalar_text(v) for v in items])
        elif name == "recipients":
            items = value if isinstance(value, list) else [value]
            data["recipients"] = [parse_recipient(v) for v in items]
        elif name in _VALUE_WORDS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
            _set(data, name, _VALUE_WORDS[name].get(header_key(text), text.strip()))
        elif name == "signer":
            problem(
                name,
                tr("mục người ký không phải dạng `khóa: giá trị`"),
                "signer: {authority: [...], title: …, name: …}",
            )
            bad.add(name)
        else:
            _set(data, name, _scalar_text(value))

    issuer = None
    if isinstance(data.get("issuer"), str) and data["issuer"].strip():
        try:
            data["issuer"] = issuer_reference(data["issuer"], file)  # a profile path, read again when pricing
            issuer = load_issuer(data["issuer"], issuers_dir, source=file)
        except InputError as exc:
            for p in exc.problems:
                if p.file == file and p.field == "issuer":
                    problem("issuer", p.message, p.expected)
                else:
                    problems.append(p)
            bad.add("issuer")
    if issuer is not None:
        if issuer.signer is not None:
            data["signer"] = {**issuer.signer.model_dump(), **data.get("signer", {})}
        given = data.get("award_form")
        if given is None or (isinstance(given, str) and given.strip() in ("Giấy khen", "Bằng khen")):
            # "Bằng khen" alone names no form: the profile's body says whose (issuers.award_form_id)
            shown = given.strip() if isinstance(given, str) else issuer.award_form
            data["award_form"] = issuer.model_copy(update={"award_form": shown}).award_form_id()
            if shown in ("Giấy khen", "Bằng khen"):
                data.setdefault("award_form_name", shown)

    try:
        session = AwardSession.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc_parts = [str(p) for p in err["loc"]]
            if not loc_parts or loc_parts[0] in bad:
                continue
            if "issuer" in bad and loc_parts[0] in ("signer", "award_form") and err["type"] == "missing":
                continue  # would have come from the issuer profile, already reported
            key = ".".join(loc_parts[:2]) if len(loc_parts) > 1 else loc_parts[0]
            message = pydantic_message(err)
            if err["type"] == "missing":
                labels = SESSION_KEYS.get(key, ((),))[0]
                hint = tr(" (khóa '{label}' ở trang Thông tin)", label=labels[0]) if labels else ""
                message = tr("thiếu mục '{key}'{hint}", key=key, hint=hint)
            problem(key, message)
        return None, options, problems
    if problems:
        return None, options, problems
    return session, options, problems


def _set(data: dict, name: str, value: Any) -> None:
    if "." in name:
        head, tail = name.split(".", 1)
        data.setdefault(head, {})[tail] = value
    else:
        data[name] = value


def _scalar_text(value: Any) -> Any:
    """Numbers and dates become text where text is meant; other values pass to validation."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return str(value)
    return value


# ---------------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE)


def parse_date(value: Any) -> dt.date:
    """`2026-01-05`, `05/01/2026`, `ngày 05 tháng 01 năm 2026`, or an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split()) if value is not None else ""
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif (m := _DMY.match(text)) or (m := _WORDS.match(text)):
        d, mo, y = (int(g) for g in m.groups())
    else:
        raise ValueError(tr("'{text}' không phải là ngày", text=text))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(tr("không có ngày '{text}' (ngày hoặc tháng sai)", text=text)) from None


def parse_number(value: Any) -> int | None:
    """`15`, 15.0, `15/QĐ-LĐLĐ` → 15; empty → None (the number is given later)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(tr("'{value}' không phải là số quyết định", value=value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        m = re.match(r"^\s*(\d+)\s*(?:/\S*)?\s*$", str(value))
        if not m:
            raise ValueError(tr("'{value}' không phải là số quyết định", value=value))
        number = int(m.group(1))
    if number < 1:
        raise ValueError(tr("'{value}' không phải là số quyết định (số bắt đầu từ 1)", value=value))
    return number


def parse_recipient(value: Any) -> Any:
    """`- Tổng LĐLĐ Việt Nam (B/c);` → name and note, and where the note stood
    (`model.split_recipient`); mappings pass through."""
    if isinstance(value, dict):
        if isinstance(value.get("name"), str):
            return {**value, "name": _bare_recipient(value["name"])}
        return value
    return split_recipient(str(value))


def _bare_recipient(text: str) -> str:
    return re.sub(r"^[-–•]\s*", "", text.strip()).rstrip(" ;")
