"""`vanban office init`: a starter office folder, with one profile filled from a few answers.

The folder is shaped like `doc_templates/` and holds only what the office changes; every file
it starts with is commented in Vietnamese (the clerk who edits it reads Vietnamese), and every
file but the profile changes nothing until the clerk writes a key in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from vanban import rules
from vanban.errors import InputError
from vanban.i18n import tr


class StarterAnswers(BaseModel):
    """The answers `office init` asks for: enough for a profile that renders."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="mã cơ quan: chữ thường không dấu, gạch nối")
    system: rules.System = "state"
    parent: list[str] = Field(default_factory=list, description="cơ quan chủ quản, mỗi dòng một phần tử")
    name: list[str] = Field(min_length=1, description="tên cơ quan ban hành, mỗi dòng một phần tử")
    full_name: str = Field(min_length=1)
    abbreviation: str = Field(min_length=1)
    place: str = Field(min_length=1)
    signer_title: str = "CHỦ TỊCH"
    signer_authority: list[str] = Field(default_factory=list)

    @field_validator("parent", "name", "signer_authority", mode="before")
    @classmethod
    def _lines(cls, value):
        if isinstance(value, str):
            return [part.strip() for part in re.split(r"[|;]", value) if part.strip()]
        return value


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def profile_text(a: StarterAnswers) -> str:
    """The profile file, each key explained in Vietnamese."""
    deciding = {"state": f"Thủ trưởng {a.full_name}", "trade_union": f"Ban Thường vụ {a.full_name}"}.get(
        a.system, f"Ban Thường vụ {a.full_name}"
    )
    authority = a.signer_authority or (["T/M BAN THƯỜNG VỤ"] if a.system == "party" else [])
    return f"""\
# Hồ sơ cơ quan ban hành: {a.full_name}
# Tạo bởi `vanban office init`. Sửa trực tiếp tệp này; kiểm tra lại bằng `vanban office check`.
# Viết HOA các dòng tiêu đề (parent, name) đúng như trên văn bản thật của cơ quan.

# Hệ thống: state (cơ quan nhà nước, "Số: 12/QĐ-UBND"), trade_union (công đoàn),
# party (tổ chức Đảng, "Số 12-QĐ/ĐU", có dấu * dưới tên cơ quan).
system: {a.system}

# Tên cơ quan chủ quản (dòng trên, chữ thường đậm không có), mỗi dòng một phần tử; [] nếu không có.
parent: {_yaml_list([line.upper() for line in a.parent])}

# Tên cơ quan ban hành (đậm, có gạch dưới), mỗi dòng một phần tử. Cột tiêu đề rộng khoảng
# 70 mm: dòng dài hơn khoảng 30 chữ cái nên tách thành hai dòng như văn bản thật.
name: {_yaml_list([line.upper() for line in a.name])}

# Tên cơ quan trong câu văn (chữ thường).
full_name: {a.full_name}

# Chữ viết tắt trong số, ký hiệu văn bản: Số: 12/QĐ-<viết tắt>.
abbreviation: {a.abbreviation}

# Địa danh ở dòng ngày tháng: "<địa danh>, ngày … tháng … năm …".
place: {a.place}

# Dòng "Lưu:" mặc định ở Nơi nhận.
archive: VT

# shared: các loại văn bản dùng chung một dãy số; per_type: mỗi loại một dãy.
numbering: shared

# Ai quyết định khen thưởng (trong câu văn của quyết định).
deciding_body: {deciding}

# Dòng thẩm quyền in màu đỏ trên Giấy khen.
certificate_authority: {a.full_name.upper()}

# Hình thức cơ quan tặng: Giấy khen hoặc Bằng khen.
award_form: Giấy khen

# Người ký mặc định. Họ tên là chỗ trống để cơ quan điền: thay bằng họ tên thật của người ký.
signer:
  authority: {_yaml_list(authority)}
  title: {a.signer_title.upper()}
  name: Nguyễn Văn A
"""


README = """\
# Thư mục của cơ quan

Thư mục này chứa những gì cơ quan muốn khác với mẫu có sẵn của vanban. Thư mục có cùng cấu trúc
với `doc_templates/` của vanban và chỉ cần giữ những tệp cơ quan thay đổi.

Dùng thư mục: đặt biến môi trường `VANBAN_OFFICE` (một lần) hoặc thêm `--office THƯ-MỤC`:

    vanban --office {folder} award danh-sach.xlsx
    vanban office check {folder}

| thư mục | nội dung | cách dùng |
|---|---|---|
| `issuers/` | hồ sơ cơ quan ban hành (`<mã>.yaml`) | tệp cùng tên thay thế hẳn tệp có sẵn; `issuer: <mã>` |
| `content/` | lời văn quyết định (`.md.j2`), danh sách, hình thức khen thưởng (`.yaml`) | `.yaml`: chỉ ghi khóa muốn đổi; `.md.j2`: thay thế cả tệp |
| `certificates/` | bố cục Giấy khen, tệp căn chỉnh phôi in sẵn | chỉ ghi khóa muốn đổi (ví dụ `offset`) |
| `images/` | quốc huy, logo (`.png`) | tệp cùng tên thay thế tệp có sẵn |
| `data/` | dữ liệu pháp lý theo ngày (lương cơ sở, hình thức khen thưởng) | chỉ được **thêm** mục mới; mục đã có không được sửa |

Sau mỗi lần sửa, chạy `vanban office check {folder}`: lệnh kiểm tra từng tệp (báo tệp, dòng,
mục bị sai) và in thử một văn bản mẫu của từng hồ sơ cơ quan.

Hướng dẫn đầy đủ: docs/office-folder.md trong mã nguồn vanban.
"""

IMAGES_README = """\
Đặt ảnh của cơ quan ở đây, cùng tên với ảnh có sẵn để thay thế:

- emblem.png — quốc huy hoặc biểu trưng in trên Giấy khen (ảnh PNG nền trong suốt, vuông).

Ảnh khác tên (ví dụ logo.png) được dùng khi một bố cục trong certificates/ ghi tên ảnh đó:
emblem: {file: images/logo.png, x: …, y: …, width: …, height: …}
"""

CALIBRATION = """\
# Căn chỉnh in Giấy khen lên phôi in sẵn (vanban award … --mode preprinted).
# Chỉ ghi những khóa muốn đổi so với tệp có sẵn phoi-giay-khen.yaml; các khóa khác giữ nguyên.
# In tờ căn chỉnh: vanban certificate calibrate -o can-chinh.pdf
# đặt tờ in lên phôi trắng, đo độ lệch (mm) rồi ghi vào offset: x dương = sang phải, y dương = xuống dưới.
offset: {x: 0, y: 0}
"""

DATA_README = """\
Dữ liệu pháp lý theo ngày (data/*.yaml): lương cơ sở, hình thức khen thưởng, căn cứ pháp lý.

Cơ quan chỉ được THÊM mục mới (ví dụ một mức lương cơ sở mới có ngày `from` sau mục cuối cùng,
hoặc một hình thức khen thưởng riêng của tỉnh). Mục đã có trong vanban không được sửa: vanban báo
lỗi, nêu tệp, dòng và mục.

Ví dụ data/base_salary.yaml:

entries:
  - from: 2027-07-01
    amount: 2800000
    legal_basis: Nghị định số …/2027/NĐ-CP
"""


def write_starter(folder: Path, answers: StarterAnswers) -> list[Path]:
    """Write the starter folder; refuses to overwrite a file already there."""
    files = {
        Path("README.md"): README.format(folder=folder),
        Path("issuers") / f"{answers.id}.yaml": profile_text(answers),
        Path("images") / "README.txt": IMAGES_README,
        Path("certificates") / "phoi-giay-khen.yaml": CALIBRATION,
        Path("data") / "README.txt": DATA_README,
    }
    existing = [folder / rel for rel in files if (folder / rel).exists()]
    if existing:
        raise InputError.single(
            existing[0],
            tr("tệp đã có; vanban office init không ghi đè"),
            expected=tr("một thư mục mới hoặc trống"),
        )
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
