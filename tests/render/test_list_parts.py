"""A long list laid out in parts side by side (an executor given to `render_pdf`) has exactly the
pages, words and positions of the list laid out in sequence — whether the predicted page starts
hold, or a part's pages start elsewhere and the rest is laid out again in sequence."""

from __future__ import annotations

import subprocess
from concurrent.futures import Future

import pytest
from support.award_docs import big_unit, individual, read_batch, write_list


class Inline:
    """An executor that runs each job at once, in this process (counts what it was given)."""

    def __init__(self) -> None:
        self.jobs = 0

    def submit(self, fn, *args, **kwargs) -> Future:
        self.jobs += 1
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.fixture(scope="module")
def long_list(tmp_path_factory):
    from vanban.award.decision import build_decision

    folder = tmp_path_factory.mktemp("parts")
    people = [
        # every seventh row wraps to two lines in its unit column: pages hold different row counts
        individual(f"Nguyễn Văn An {i}", "Nam", "Giáo viên", big_unit(i) if i % 7 == 0 else "Trường THPT Phong Thổ")
        for i in range(1, 131)
    ]
    return build_decision(read_batch(write_list(folder, [], people)))


def _words(data: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_parts_side_by_side_make_the_same_pages(long_list, monkeypatch, tmp_path):
    from vanban.render import pdf

    monkeypatch.setenv("VANBAN_LIST_RENDERER", "weasyprint")  # parts are WeasyPrint's route (list_fast's: off)
    monkeypatch.setattr(pdf, "PART_UNITS", 40)
    in_sequence = _words(pdf.render_pdf(long_list), tmp_path, "sequence")
    executor = Inline()
    side_by_side = _words(pdf.render_pdf(long_list, executor=executor), tmp_path, "parts")
    assert executor.jobs >= 2  # the parts after the first were laid out from the prediction
    assert in_sequence.count("<page ") >= 5
    assert side_by_side == in_sequence


def test_a_wrong_prediction_costs_time_not_pages(long_list, monkeypatch, tmp_path):
    from vanban.render import list_pages, pdf

    monkeypatch.setenv("VANBAN_LIST_RENDERER", "weasyprint")
    monkeypatch.setattr(pdf, "PART_UNITS", 40)
    in_sequence = _words(pdf.render_pdf(long_list), tmp_path, "sequence")
    right = list_pages.page_starts

    def off_by_one(rows, geometry, start):
        starts = right(rows, geometry, start)
        return [*starts[:3], *(s + 1 for s in starts[3:])]  # pages from the fourth on start a row late

    monkeypatch.setattr(list_pages, "page_starts", off_by_one)
    executor = Inline()
    assert _words(pdf.render_pdf(long_list, executor=executor), tmp_path, "wrong") == in_sequence
    assert executor.jobs >= 1
