"""A decision's long list is written into document.xml as text when the DOCX is saved (never held
as an element tree): the saved file must carry every row, in order, with its cells, exactly as
a short table built as elements does."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from support.award_docs import collective, individual, read_batch, write_list

from vanban.award.package import build_decision
from vanban.render.docx import DEFERRED_ROWS_FROM, render_docx

UNITS = ["Trường THPT Phong Thổ", "Bệnh viện Đa khoa tỉnh Lai Châu", "Công ty Điện lực Lai Châu"]


def _decision_docx(tmp_path, people: int) -> bytes:
    path = write_list(
        tmp_path,
        [collective("Công đoàn ngành Y tế tỉnh Lai Châu"), collective("Công đoàn cơ sở <Xã> & “Mường Tè”")],
        [
            individual(f"Lò Thị Mai {i:03d}", "Nữ" if i % 2 else "Nam", "Giáo viên", UNITS[i % len(UNITS)])
            for i in range(1, people + 1)
        ],
    )
    batch = read_batch(path).model_copy(update={"number": 15})
    return render_docx(build_decision(batch))


def _list_table(data: bytes):
    return open_docx(io.BytesIO(data)).tables[-1]


def test_a_long_list_keeps_every_row_in_order(tmp_path):
    people = DEFERRED_ROWS_FROM * 3
    data = _decision_docx(tmp_path, people)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "vanban-rows" not in xml  # every placeholder replaced
    table = _list_table(data)
    names = [row.cells[1].text for row in table.rows]
    people_rows = [n for n in names if "Lò Thị Mai" in n]
    expected = [f"{'Bà' if i % 2 else 'Ông'} Lò Thị Mai {i:03d}" for i in range(1, people + 1)]
    assert people_rows == expected
    assert "Công đoàn cơ sở <Xã> & “Mường Tè”" in names  # escaped as text, read back as written
    assert any(cell.text.startswith("Giáo viên") for row in table.rows for cell in row.cells)


def test_rows_written_as_text_are_the_rows_built_as_elements(tmp_path):
    """The same table, once below and once above the threshold: each row's XML is identical."""
    import re

    short = zipfile.ZipFile(io.BytesIO(_decision_docx(tmp_path / "a", DEFERRED_ROWS_FROM - 5))).read(
        "word/document.xml"
    )
    long = zipfile.ZipFile(io.BytesIO(_decision_docx(tmp_path / "b", DEFERRED_ROWS_FROM + 5))).read("word/document.xml")
    row = re.compile(rb"<w:tr>.*?</w:tr>", re.S)
    first_short = [r for r in row.findall(short) if b"L\xc3\xb2 Th\xe1\xbb\x8b Mai 001" in r]
    first_long = [r for r in row.findall(long) if b"L\xc3\xb2 Th\xe1\xbb\x8b Mai 001" in r]
    assert first_short and first_short == first_long
