"""Issuer profiles (hồ sơ cơ quan ban hành): where they are and how one is read.

A profile is a YAML file `<id>.yaml` in `issuers/` of the office's own folder (`VANBAN_OFFICE`),
else of the templates (bundled, or `VANBAN_TEMPLATES`), read through the schema loader into
`vanban.model.IssuerProfile`, so a mistake names the file, the line and the field. The office's
file is read where it is (not from the layered copy), so an error names the file the clerk edits.

An `issuer:` value is an id (`ldld-lai-chau`) or a path to a profile file (`../ho-so/cdcs.yaml`,
relative to the input that names it): an office can try a profile before installing it.
"""

from __future__ import annotations

from pathlib import Path

from vanban.errors import InputError
from vanban.i18n import tr
from vanban.inputs.schema_file import load_model
from vanban.model import IssuerProfile
from vanban.resources import base_dir, office_dir

PROFILE_SUFFIXES = (".yaml", ".yml")


def issuers_dir() -> Path:
    """The bundled (or `VANBAN_TEMPLATES`) profile folder."""
    return base_dir() / "issuers"


def profile_dirs() -> list[Path]:
    """Where profiles are looked up, the office's folder first."""
    office = office_dir()
    return ([office / "issuers"] if office is not None else []) + [issuers_dir()]


def is_path_reference(value: str) -> bool:
    """`issuer:` names a file rather than an id (it has a folder or a .yaml ending)."""
    return "/" in value or "\\" in value or value.lower().endswith(PROFILE_SUFFIXES)


def issuer_reference(value: str, source: str | Path | None = None) -> str:
    """The `issuer:` value as it can be read again from anywhere: a path made absolute
    (relative to the input file naming it), an id unchanged."""
    value = value.strip()
    if not is_path_reference(value):
        return value
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = (Path(source).parent if source else Path.cwd()) / path
    return str(path.resolve())


def known_issuers() -> list[str]:
    """Every profile id found (office and bundled)."""
    return sorted({p.stem for d in profile_dirs() if d.is_dir() for p in d.glob("*.yaml")})


def profile_path(issuer_id: str) -> Path | None:
    """The file of profile `issuer_id`: the office's when it has one, else the bundled one."""
    for folder in profile_dirs():
        path = folder / f"{issuer_id}.yaml"
        if path.is_file():
            return path
    return None


def load_issuer(issuer_id: str, directory: Path | None = None, *, source: str | Path | None = None) -> IssuerProfile:
    """Read profile `issuer_id` (an id, or a path to a profile file); errors name the file and field.

    `directory` looks in that one folder only (tests and callers with their own profiles).
    """
    issuer_id = issuer_id.strip()
    if is_path_reference(issuer_id):
        path = Path(issuer_reference(issuer_id, source))
        if not path.name.lower().endswith(PROFILE_SUFFIXES) or not path.is_file():
            raise InputError.single(
                source or path,
                tr("không tìm thấy tệp hồ sơ cơ quan {path}", path=str(path)),
                field="issuer",
                expected=tr("đường dẫn tới một tệp .yaml (tương đối so với tệp đang đọc) hoặc mã cơ quan"),
            )
        return load_model(path, IssuerProfile, defaults={"id": path.stem})
    if issuer_id.startswith(".") or not issuer_id:
        found: Path | None = None
    elif directory is not None:
        found = directory / f"{issuer_id}.yaml"
        found = found if found.is_file() else None
    else:
        found = profile_path(issuer_id)
    if found is None:
        known = sorted(p.stem for p in directory.glob("*.yaml")) if directory is not None else known_issuers()
        raise InputError.single(
            source or (directory or issuers_dir()) / f"{issuer_id}.yaml",
            tr("không có cơ quan ban hành '{issuer}'", issuer=issuer_id),
            field="issuer",
            expected=tr("một trong: {names}", names=", ".join(known)),
        )
    return load_model(found, IssuerProfile, defaults={"id": issuer_id})


def header_overflows(issuer: IssuerProfile) -> list[tuple[str, float, float]]:
    """Header lines too wide for the left column: (line, its width, the room), in mm.

    The left column is `rules.HEADER_LEFT_COL` wide (70 mm) less the cell margins; a line wider
    than that wraps in Word and in the PDF wherever the last word falls ("TỔNG LIÊN ĐOÀN LAO" /
    "ĐỘNG"). Real documents break such names where the words belong together, one header line
    per profile line, so a profile must give lines that fit.
    """
    from vanban import rules, text_metrics

    room = rules.HEADER_LEFT_COL.default - text_metrics.CELL_MARGINS_MM
    found = []
    for style, lines in (("parent", issuer.parent), ("issuer", issuer.name)):
        st = rules.STYLES[style]
        for line in lines:
            width = text_metrics.text_width_mm(line, st.size.default, st.bold, st.italic)
            if width > room:
                found.append((line, round(width, 1), round(room, 1)))
    return found
