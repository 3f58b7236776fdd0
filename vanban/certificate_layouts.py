"""Where a certificate's layout comes from: the bundled layout of each mode, or a calibration file.

`full` prints the office's whole design (`doc_templates/certificates/giay-khen.yaml`);
`preprinted` prints only the text onto blank stock, at the positions of a calibration file the
clerk measured (`phoi-giay-khen.yaml` is the example). Both are read through the schema loader,
so a mistake names the file, the line and the field. The page model they describe lives in
`vanban.certificate_model` (what renderers take; renderers never read the files).
"""

from __future__ import annotations

from pathlib import Path

from vanban.certificate_model import CertificateLayout, Mode
from vanban.errors import InputError
from vanban.i18n import tr
from vanban.inputs.schema_file import cached_loader
from vanban.resources import template_dir, template_path

#: The bundled layout of each mode, under the template folder's `certificates/`.
DEFAULT_LAYOUTS: dict[str, str] = {"full": "giay-khen.yaml", "preprinted": "phoi-giay-khen.yaml"}

_load_layout_file = cached_loader(CertificateLayout)


def load_layout(path: Path) -> CertificateLayout:
    """Read a layout or calibration file; errors name the file, the line and the field."""
    layout_ = _load_layout_file(path)
    root = template_dir()
    if layout_.emblem is not None and not (root / layout_.emblem.file).resolve().is_relative_to(root):
        raise InputError.single(
            path,
            tr("tệp quốc huy/biểu trưng '{file}' nằm ngoài thư mục mẫu", file=layout_.emblem.file),
            field="emblem.file",
            expected=tr("một đường dẫn trong doc_templates/, ví dụ images/emblem.png"),
        )
    return layout_


def default_layout_path(mode: Mode) -> Path:
    return template_path("certificates", DEFAULT_LAYOUTS[mode])


def layout_for(mode: Mode, calibration: Path | None = None, emblem: str | None = None) -> CertificateLayout:
    """The layout in use; `emblem` (an issuer profile's `emblem:`, e.g. `images/cong-doan.png`)
    replaces the layout's image in its box. Both certificate routes read the result, so the
    emblem, the border and every field's position come from this one model."""
    path = calibration if calibration is not None else default_layout_path(mode)
    chosen = load_layout(Path(path).resolve())
    if mode == "preprinted":  # text only, whatever the file says
        return chosen.model_copy(update={"border": None, "emblem": None})
    if emblem and chosen.emblem is not None:
        root = template_dir().resolve()
        image = (root / emblem).resolve()
        if not image.is_relative_to(root) or not image.is_file():
            raise InputError.single(
                Path(emblem),
                tr(
                    "biểu tượng {file} của hồ sơ cơ quan không có trong thư mục images/ của mẫu hoặc của văn phòng",
                    file=emblem,
                ),
                field="emblem",
                expected=tr("một tệp PNG trong images/, ví dụ images/logo-cong-doan.png"),
            )
        chosen = chosen.model_copy(update={"emblem": chosen.emblem.model_copy(update={"file": emblem})})
    return chosen
