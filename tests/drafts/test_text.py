"""The draft's text against the issued text: number, date and the room left for them.

A draft prints `Số:` followed by eight non-breaking spaces before `/QĐ-LĐLĐ` and `ngày` with six
before `tháng`; the issued decision `Số: 15/QĐ-LĐLĐ`, `ngày 09 tháng 01 năm 2026`. Both must read
the same once number and date are placeholders — and nothing else may be hidden by them."""

from __future__ import annotations

import datetime as dt

from support.paths import ROOT

from vanban import rules
from vanban.drafts import award_draft
from vanban.drafts.text import DATE, NUMBER, comparable_lines, first_difference, number_pattern
from vanban.requests import AwardRequest

DATA = ROOT / "tests" / "data" / "award"


def _lines(parsed, request):
    return comparable_lines(award_draft.document(parsed, request), award_draft.date_of(parsed))


def test_blank_number_and_day_compare_equal_to_the_filled_ones():
    request = AwardRequest(list_path=str(DATA / "small.yaml"), session_path=str(DATA / "session.yaml"))
    parsed = award_draft.read(request)
    drafted = award_draft.undated(parsed)
    document = award_draft.document(drafted, request)
    assert document.frame.number_line == f"Số: {rules.HAND_NUMBER_BLANK}/QĐ-LĐLĐ"  # the room to write in
    before = _lines(drafted, request)
    after = _lines(award_draft.dated(parsed, dt.date(2026, 1, 9), 15), request)
    assert first_difference(before, after) is None
    assert f"Số: {NUMBER}" in before and f"Lai Châu, {DATE}" in before
    annex = [line for line in before if line.startswith("(Kèm theo Quyết định số")]
    assert annex == [f"(Kèm theo Quyết định số {NUMBER} {DATE} của Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu)"]
    # the Tờ trình the decision answers keeps its own number and date
    assert any("Tờ trình số 05/TTr-CSPL ngày 02 tháng 01 năm 2026" in line for line in before)


def test_another_change_is_still_seen():
    request = AwardRequest(list_path=str(DATA / "small.yaml"), session_path=str(DATA / "session.yaml"))
    parsed = award_draft.read(request)
    changed = parsed.model_copy(
        update={"session": parsed.session.model_copy(update={"proposer": "Ban Tổ chức", "date": dt.date(2026, 1, 9)})}
    )
    differ = first_difference(_lines(award_draft.undated(parsed), request), _lines(changed, request))
    assert differ is not None and "Ban Chính sách pháp luật" in differ[0] and "Ban Tổ chức" in differ[1]


def test_own_number_only_not_a_cited_one_with_the_same_symbol():
    drafted = number_pattern(f"Số: {rules.HAND_NUMBER_BLANK}/QĐ-LĐLĐ")
    issued = number_pattern("Số: 15/QĐ-LĐLĐ")
    assert drafted is not None and issued is not None
    cited = "Căn cứ Quyết định số 12/QĐ-LĐLĐ và 115/QĐ-LĐLĐ-VP;"
    assert drafted.sub(NUMBER, cited) == cited and issued.sub(NUMBER, cited) == cited
    assert issued.sub(NUMBER, "Quyết định số 15/QĐ-LĐLĐ./.") == f"Quyết định số {NUMBER}./."
    party = number_pattern(f"Số {rules.HAND_NUMBER_BLANK}-KH/ĐU")
    assert party is not None and party.sub(NUMBER, "Số -KH/ĐU") == f"Số {NUMBER}"
    assert number_pattern("") is None


def test_first_page_picture_is_a_png_of_page_one_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """The approver's picture of a draft: page 1 at 60 dpi (an A4 page, 210×297 mm, is 497×702 px)."""
    import struct

    from vanban.drafts.preview import first_page_png
    from vanban.render.pdf import render_pdf

    request = AwardRequest(list_path=str(DATA / "small.yaml"), session_path=str(DATA / "session.yaml"))
    pdf = tmp_path / "du-thao.pdf"
    pdf.write_bytes(render_pdf(award_draft.document(award_draft.undated(award_draft.read(request)), request)))
    monkeypatch.chdir(tmp_path)
    png = first_page_png(pdf)
    assert png is not None and png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (497, 702)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["du-thao.pdf"]  # no stray `-.png`
    assert first_page_png(tmp_path / "missing.pdf") is None
