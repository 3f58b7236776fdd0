"""Award decisions actually issued, reproduced from a list and a session (issue 10).

Each case takes a decision transcribed in `tests/data/decisions/<id>.yaml` (its source address is
there), writes the list and the session a clerk would give for it — the session's `decision:`
block choosing the shape — renders the decision to DOCX and PDF and asserts that the lines of the
real document come out, in order, in both files, and that `vanban check` passes on both.

Where vanban writes a line differently from the original, the case says so (`differs`): those
are the office's own slips or mirror artefacts (a missing comma, "tập thể" for "các tập thể"),
not shapes vanban should copy. The invented cases (`source: constructed`) cover shapes the
transcribed documents do not show whole (money in a breakdown, a separate effect article).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from support.award_docs import in_order
from support.award_lists import write_workbook
from support.readback import docx_lines, norm, pdf_body_text

ROOT = Path(__file__).resolve().parents[2]
DECISIONS = ROOT / "tests" / "data" / "decisions"
ISSUERS = ROOT / "tests" / "data" / "award" / "issuers"

GOVERNMENT_BASES_2008 = [
    "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001",
    "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 và Luật Sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "Khen thưởng ngày 14 tháng 6 năm 2005",
    "Nghị định số 121/2005/NĐ-CP ngày 30 tháng 9 năm 2005 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
    "một số điều của Luật Thi đua, Khen thưởng và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng",
]
PM_SIGNER = {"authority": ["KT. THỦ TƯỚNG"], "title": "PHÓ THỦ TƯỚNG", "name": "Nguyễn Văn A"}
PM = dict(
    issuer="thu-tuong-chinh-phu",
    legal_bases=GOVERNMENT_BASES_2008,
    signer=PM_SIGNER,
    recipients=["Như Điều 2", "Ban Thi đua - Khen thưởng Trung ương"],
    archive="VT, TCCV",
)


def coll(name, unit=None, amount=None):
    return {"kind": "Tập thể", "name": name, "unit": unit, "amount": amount}


def ind(name, sex=None, position=None, unit=None, amount=None, form=None):
    return {
        "kind": "Cá nhân",
        "name": name,
        "sex": sex,
        "position": position,
        "unit": unit,
        "amount": amount,
        "form": form,
    }


def family(name, unit=None):
    return {"kind": "Gia đình", "name": name, "unit": unit}


HEADER = [
    "STT",
    "Phân loại",
    "Tên tập thể, cá nhân",
    "Giới tính",
    "Chức vụ",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Số tiền",
]
KEYS = ["kind", "name", "sex", "position", "unit", "form", "amount"]

# --------------------------------------------------------------------------------------------
# The cases. `lines`: what the decision says, in order (from the transcribed original unless
# `source` says constructed); `annex`: the annex's lines, in order; `absent`: what must not be
# printed; `differs`: where vanban's text knowingly differs from the original, and why.

CASES: dict[str, dict] = {
    "ttg-337-2008-co-thi-dua": dict(
        rows=[
            coll("Trường Đại học Kinh tế quốc dân", "Bộ Giáo dục và Đào tạo"),
            coll("Trường Đại học Sư phạm thuộc Đại học Thái Nguyên", "Bộ Giáo dục và Đào tạo"),
            coll("Trường Đại học Lâm nghiệp", "Bộ Nông nghiệp và Phát triển nông thôn"),
            coll("Trường Trung học phổ thông chuyên Lê Hồng Phong", "Sở Giáo dục và Đào tạo Nam Định"),
            coll("Trường Tiểu học Kim Đồng", "Sở Giáo dục và Đào tạo Hà Nội"),
        ],
        session=dict(
            PM,
            number=337,
            date="2008-03-28",
            award_form="co_thi_dua_chinh_phu",
            subject="Về việc tặng thưởng Cờ thi đua của Chính phủ",
            proposal_line="Xét đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo (Tờ trình số 548/TTr-BGDĐT ngày 22 "
            "tháng 01 năm 2008) và Trưởng ban Ban Thi đua-Khen thưởng Trung ương (Tờ trình số 324/TTr-BTĐKT ngày "
            "21 tháng 3 năm 2008),",
            achievement="đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước "
            "năm học 2006-2007 của ngành giáo dục và đào tạo",
            executors="Bộ trưởng Bộ Giáo dục và Đào tạo, Trưởng ban Ban Thi đua-Khen thưởng Trung ương",
            decision={"awardees": "annex_list", "annex_date": "numeric"},
        ),
        lines=[
            "Số: 337/QĐ-TTg",
            "Hà Nội, ngày 28 tháng 3 năm 2008",
            "QUYẾT ĐỊNH",
            "Về việc tặng thưởng Cờ thi đua của Chính phủ",
            "THỦ TƯỚNG CHÍNH PHỦ",
            "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
            "Xét đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo (Tờ trình số 548/TTr-BGDĐT ngày 22 tháng 01 năm 2008)",
            "QUYẾT ĐỊNH:",
            "Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho 05 tập thể (có danh sách kèm theo), đã hoàn thành "
            "xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm học 2006-2007 của ngành "
            "giáo dục và đào tạo.",
            "Điều 2. Bộ trưởng Bộ Giáo dục và Đào tạo, Trưởng ban Ban Thi đua-Khen thưởng Trung ương và các tập thể "
            "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "KT. THỦ TƯỚNG",
            "PHÓ THỦ TƯỚNG",
        ],
        annex=[
            "DANH SÁCH",
            "ĐƯỢC TẶNG THƯỞNG CỜ THI ĐUA CỦA CHÍNH PHỦ",
            "(Ban hành kèm theo Quyết định số 337/QĐ-TTg ngày 28/3/2008 của Thủ tướng Chính phủ)",
            "1. Trường Đại học Kinh tế quốc dân, Bộ Giáo dục và Đào tạo;",
            "2. Trường Đại học Sư phạm thuộc Đại học Thái Nguyên, Bộ Giáo dục và Đào tạo;",
        ],
        absent=["đồng", "TẬP THỂ (05)", "hiệu lực"],
        differs="rows 3–5 are cut in the stored copy: invented rows of the same form",
    ),
    "ttg-714-2008-co-thi-dua-thai-binh": dict(
        rows=[
            coll("Ban Tổ chức Tỉnh ủy tỉnh Thái Bình"),
            coll("Sở Nông nghiệp và Phát triển nông thôn tỉnh Thái Bình"),
            coll("Sở Y tế tỉnh Thái Bình"),
        ]
        + [coll(f"Ủy ban nhân dân xã Đông Hòa {i}, tỉnh Thái Bình") for i in range(4, 11)],
        session=dict(
            PM,
            number=714,
            date="2008-06-04",
            award_form="co_thi_dua_chinh_phu",
            subject="Về việc tặng thưởng Cờ thi đua của Chính phủ",
            proposal_line="Xét đề nghị của Chủ tịch Ủy ban nhân dân tỉnh Thái Bình (Tờ trình số 25/TTr-UBND ngày 24 "
            "tháng 4 năm 2008) và Trưởng ban Ban Thi đua - Khen thưởng Trung ương (Tờ trình số 645/TTr-BTĐKT ngày 16 "
            "tháng 5 năm 2008 và Tờ trình số 726/TTr-BTĐKT ngày 29 tháng 5 năm 2008),",
            achievement="đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước "
            "năm 2007 của tỉnh Thái Bình",
            executors="Chủ tịch Ủy ban nhân dân tỉnh Thái Bình, Trưởng ban Ban Thi đua - Khen thưởng Trung ương",
            decision={"awardees": "annex_list", "annex_number_digits": 2, "annex_date": "numeric"},
        ),
        lines=[
            "Số: 714/QĐ-TTg",
            "Hà Nội, ngày 04 tháng 6 năm 2008",
            "Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho 10 tập thể (có danh sách kèm theo), đã hoàn thành xuất "
            "sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm 2007 của tỉnh Thái Bình.",
            "Điều 2. Chủ tịch Ủy ban nhân dân tỉnh Thái Bình, Trưởng ban Ban Thi đua - Khen thưởng Trung ương và các "
            "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        annex=[
            "ĐƯỢC TẶNG THƯỞNG CỜ THI ĐUA CỦA CHÍNH PHỦ",
            "(Ban hành kèm theo Quyết định số 714/QĐ-TTg ngày 04/6/2008 của Thủ tướng Chính phủ)",
            "01. Ban Tổ chức Tỉnh ủy tỉnh Thái Bình;",
            "02. Sở Nông nghiệp và Phát triển nông thôn tỉnh Thái Bình;",
            "03. Sở Y tế tỉnh Thái Bình;",
        ],
        absent=["đồng"],
        differs="the original has a comma in '714/QĐ-TTg, ngày'; rows 04–10 are cut in the stored copy",
    ),
    "ttg-2008-co-thi-dua-bac-kan": dict(
        rows=[
            coll("Nhân dân và Cán bộ xã Yên Cư, huyện Chợ Mới, tỉnh Bắc Kạn"),
            coll("Nhân dân và Cán bộ phường Nguyễn Thị Minh Khai, thị xã Bắc Kạn, tỉnh Bắc Kạn"),
            coll("Công ty Cổ phần Tư vấn Xây dựng Bắc Kạn, tỉnh Bắc Kạn"),
        ],
        session=dict(
            PM,
            number=380,
            date="2008-03-31",
            award_form="co_thi_dua_chinh_phu",
            proposal_line="Xét đề nghị của Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn (Tờ trình số 02/TTr-UBND ngày 27 "
            "tháng 02 năm 2008) và Trưởng ban Ban Thi đua-Khen thưởng Trung ương (Tờ trình số 270/TTr-BTĐKT ngày 07 "
            "tháng 3 năm 2008),",
            achievement="đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước "
            "năm 2007 của tỉnh Bắc Kạn",
            executors="Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn, Trưởng ban Ban Thi đua-Khen thưởng Trung ương",
            decision={"awardees": "article", "achievement": "paragraph"},
        ),
        lines=[
            "Về việc tặng thưởng Cờ thi đua của Chính phủ",
            "Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho:",
            "1. Nhân dân và Cán bộ xã Yên Cư, huyện Chợ Mới, tỉnh Bắc Kạn;",
            "2. Nhân dân và Cán bộ phường Nguyễn Thị Minh Khai, thị xã Bắc Kạn, tỉnh Bắc Kạn;",
            "3. Công ty Cổ phần Tư vấn Xây dựng Bắc Kạn, tỉnh Bắc Kạn,",
            "Đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm 2007 của "
            "tỉnh Bắc Kạn.",
            "Điều 2. Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn, Trưởng ban Ban Thi đua-Khen thưởng Trung ương và các tập "
            "thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        absent=["DANH SÁCH", "có danh sách kèm theo", "đồng"],
        differs="the original says 'và tập thể có tên' (no 'các'); the subject is generated (it writes 'cờ thi đua' "
        "in lower case); number and date are not on the stored copy",
    ),
    "ttg-2008-cstd-toan-quoc-ben-tre": dict(
        rows=[
            ind("Nguyễn Văn Hiếu", "Nam", "Giám đốc Sở Thủy sản tỉnh Bến Tre"),
            ind("Nguyễn Quang Trị", "Nam", "Giám đốc Sở Văn hóa - Thông tin tỉnh Bến Tre"),
        ],
        session=dict(
            PM,
            number=800,
            date="2008-06-20",
            award_form="chien_si_thi_dua_toan_quoc",
            proposal_line="Xét đề nghị của Chủ tịch Ủy ban nhân dân tỉnh Bến Tre (Tờ trình số 1058/TTr-UBND ngày 20 "
            "tháng 3 năm 2008) và Trưởng ban Ban Thi đua - Khen thưởng Trung ương (Tờ trình số 764/TTr-BTĐKT ngày 04 "
            "tháng 6 năm 2008),",
            achievement="đã có thành tích xuất sắc tiêu biểu trong phong trào Thi đua yêu nước, góp phần vào sự "
            "nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc",
            executors="Chủ tịch Ủy ban nhân dân tỉnh Bến Tre, Trưởng ban Ban Thi đua - Khen thưởng Trung ương",
            decision={"awardees": "article", "achievement": "paragraph", "closing_and": False},
        ),
        lines=[
            "Về việc phong tặng danh hiệu Chiến sĩ thi đua toàn quốc",
            "Điều 1. Phong tặng danh hiệu Chiến sĩ thi đua toàn quốc cho:",
            "1. Ông Nguyễn Văn Hiếu, Giám đốc Sở Thủy sản tỉnh Bến Tre;",
            "2. Ông Nguyễn Quang Trị, Giám đốc Sở Văn hóa - Thông tin tỉnh Bến Tre,",
            "Đã có thành tích xuất sắc tiêu biểu trong phong trào Thi đua yêu nước, góp phần vào sự nghiệp xây dựng "
            "Chủ nghĩa xã hội và bảo vệ Tổ quốc.",
            "Điều 2. Chủ tịch Ủy ban nhân dân tỉnh Bến Tre, Trưởng ban Ban Thi đua - Khen thưởng Trung ương, các cá "
            "nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        absent=["Tặng thưởng danh hiệu", "đồng"],
        differs="the original's lead-in ends 'cho' without a colon; the subject is generated",
    ),
    "ttg-2008-bang-khen-gtvt-parent-unit": dict(
        rows=[
            coll("Công ty Vận tải Biển Việt Nam", "Tổng Công ty Hàng hải Việt Nam"),
            coll("Công ty Cổ phần vận tải Biển Bắc", "Tổng Công ty Hàng Hải Việt Nam"),
        ],
        session=dict(
            PM,
            number=95,
            date="2008-01-21",
            award_form="bang_khen_thu_tuong",
            subject="Về việc tặng thưởng Bằng khen của Thủ tướng Chính phủ",
            proposal_line="Xét đề nghị của Bộ trưởng Bộ Giao thông vận tải (Tờ trình số 103/TTr-BGTVT ngày 04 tháng "
            "01 năm 2008) và Trưởng ban Ban Thi đua - Khen thưởng Trung ương (Tờ trình số 94/TTr-BTĐKT ngày 14 tháng "
            "01 năm 2008),",
            achievement="đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước "
            "năm 2007 của Bộ Giao thông vận tải",
            executors="Bộ trưởng Bộ Giao thông vận tải, Trưởng ban Ban Thi đua - Khen thưởng Trung ương",
            decision={"awardees": "article", "achievement": "paragraph"},
        ),
        lines=[
            "Điều 1. Tặng thưởng Bằng khen của Thủ tướng Chính phủ cho:",
            "1. Công ty Vận tải Biển Việt Nam, Tổng Công ty Hàng hải Việt Nam;",
            "2. Công ty Cổ phần vận tải Biển Bắc, Tổng Công ty Hàng Hải Việt Nam,",
            "Đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm 2007 của Bộ "
            "Giao thông vận tải.",
        ],
        absent=["đồng", "DANH SÁCH"],
        differs="the original's subject says 'cờ thi đua' while Điều 1 gives a Bằng khen; vanban's subject follows "
        "Điều 1",
    ),
    "ttg-345-2008-one-awardee": dict(
        rows=[coll("Nhân dân và cán bộ thị xã Uông Bí, tỉnh Quảng Ninh")],
        session=dict(
            PM,
            number=345,
            date="2008-04-03",
            award_form="co_thi_dua_chinh_phu",
            subject="Về việc tặng thưởng Cờ thi đua của Chính phủ",
            proposal_line="Xét đề nghị của Chủ tịch UBND tỉnh Quảng Ninh (Tờ trình số 1134/TTr-BTC ngày 25/3/2008) "
            "và Trưởng ban Ban Thi đua-Khen thưởng Trung ương (Tờ trình số 358/TTr-BTĐKT ngày 31 tháng 3 năm 2008),",
            achievement="đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước "
            "năm 2007 của tỉnh Quảng Ninh",
            executors="Chủ tịch UBND tỉnh Quảng Ninh, Trưởng ban Ban Thi đua-Khen thưởng Trung ương",
            decision={"awardees": "auto", "inline_max": 1, "closing_and": False, "authority_line": False},
        ),
        lines=[
            "Số: 345/QĐ-TTg",
            "Hà Nội, ngày 03 tháng 4 năm 2008",
            "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
            "Xét đề nghị của Chủ tịch UBND tỉnh Quảng Ninh (Tờ trình số 1134/TTr-BTC ngày 25/3/2008)",
            "Điều 1. Tặng thưởng Cờ thi đua của Chính phủ cho Nhân dân và cán bộ thị xã Uông Bí, tỉnh Quảng Ninh, đã "
            "hoàn thành xuất sắc toàn diện nhiệm vụ công tác, dẫn đầu phong trào Thi đua yêu nước năm 2007 của tỉnh "
            "Quảng Ninh.",
            "Điều 2. Chủ tịch UBND tỉnh Quảng Ninh, Trưởng ban Ban Thi đua-Khen thưởng Trung ương, tập thể có tên tại "
            "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        absent=["DANH SÁCH", "có danh sách kèm theo"],
        differs="the original writes 'các tập thể có tên' for its one awardee (vanban: 'tập thể', as Hậu Giang "
        "does); it gives 'bằng khen' in Điều 1 under a Cờ thi đua subject and puts the awardee on a line "
        "of its own after 'cho:'; vanban names the one awardee in the sentence",
    ),
    "ttg-263-2011-bang-khen-gia-dinh": dict(
        rows=[coll(f"Ủy ban nhân dân xã Văn Hóa {i:02d}, tỉnh Nam Định") for i in range(1, 24)]
        + [family(f"Gia đình ông Trần Văn Bình {i}", "xã Hải Hậu, tỉnh Nam Định") for i in range(1, 6)],
        session=dict(
            PM,
            number=263,
            date="2011-02-22",
            award_form="bang_khen_thu_tuong",
            subject="Về việc tặng thưởng Bằng khen của Thủ tướng Chính phủ",
            proposal_line="Xét đề nghị của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch tại Tờ trình số 09/TTr-BVHTTDL "
            "ngày 11 tháng 01 năm 2011 và Trưởng ban Ban thi đua – Khen thưởng Trung ương tại Tờ trình số "
            "202/TTr-BTĐKT ngày 16 tháng 02 năm 2011,",
            achievement="đã có nhiều thành tích trong thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn "
            "hóa” giai đoạn từ năm 2000 đến năm 2010, góp phần vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ "
            "quốc",
            executors="Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch, Trưởng ban Ban Thi đua – Khen thưởng Trung ương",
            decision={"awardees": "annex_list", "achievement_comma": False},
        ),
        lines=[
            "Số: 263/QĐ-TTg",
            "Hà Nội, ngày 22 tháng 02 năm 2011",
            "Điều 1. Tặng thưởng Bằng khen của Thủ tướng Chính phủ cho 23 tập thể và 05 gia đình (có danh sách kèm "
            "theo) đã có nhiều thành tích trong thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” "
            "giai đoạn từ năm 2000 đến năm 2010, góp phần vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc.",
        ],
        annex=[
            "I. TẬP THỂ (23)",
            "1. Ủy ban nhân dân xã Văn Hóa 01, tỉnh Nam Định;",
            "II. GIA ĐÌNH (05)",
            "1. Gia đình ông Trần Văn Bình 1, xã Hải Hậu, tỉnh Nam Định;",
        ],
        absent=["đồng"],
        differs="the stored copy cuts the annex and Điều 2: invented rows; its 'từ năm 200' typo is not copied",
    ),
    "ubnd-hau-giang-328-2018-ttldxs": dict(
        rows=[coll("Văn phòng Hội Văn học Nghệ thuật tỉnh", amount=1_950_000)],
        issuer_note="amount written in the list: 1,5 × 1.300.000 đồng (lương cơ sở 2018, Nghị định 47/2017/NĐ-CP)",
        session=dict(
            issuer="ubnd-tinh-hau-giang",
            number=328,
            date="2018-03-12",
            award_form="tap_the_lao_dong_xuat_sac",
            subject="V/v công nhận danh hiệu Tập thể lao động xuất sắc cho 01 tập thể thuộc Hội Văn học Nghệ thuật "
            "tỉnh",
            legal_bases=[
                "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi "
                "đua, Khen thưởng ngày 14 tháng 6 năm 2005 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
                "Khen thưởng ngày 16 tháng 11 năm 2013",
                "các văn bản hướng dẫn thi hành Luật Thi đua, Khen thưởng: Nghị định số 91/2017/NĐ-CP ngày 31 tháng "
                "7 năm 2017 của Chính phủ; Thông tư số 08/2017/TT-BNV ngày 27 tháng 10 năm 2017 của Bộ trưởng Bộ Nội "
                "vụ",
            ],
            proposal_line="Xét đề nghị của Giám đốc Sở Nội vụ,",
            achievement="đã có thành tích thi đua hoàn thành xuất sắc nhiệm vụ năm 2017",
            executors="Giám đốc: Sở Nội vụ, Sở Tài chính; Chủ tịch Hội Văn học Nghệ thuật tỉnh",
            signer={"authority": ["KT. CHỦ TỊCH"], "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn A"},
            recipients=["Như Điều 2"],
            archive="VT, TH.KM",
            decision={
                "awardees": "auto",
                "inline_max": 1,
                "achievement": "paragraph",
                "money": "inline",
                "fund": "",
                "effect": "at_end",
                "closing_and": True,
            },
        ),
        lines=[
            "ỦY BAN NHÂN DÂN",
            "TỈNH HẬU GIANG",
            "Số: 328/QĐ-UBND",
            "Hậu Giang, ngày 12 tháng 3 năm 2018",
            "V/v công nhận danh hiệu Tập thể lao động xuất sắc cho 01 tập thể thuộc Hội Văn học Nghệ thuật tỉnh",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HẬU GIANG",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Xét đề nghị của Giám đốc Sở Nội vụ,",
            "QUYẾT ĐỊNH:",
            "Điều 1. Công nhận danh hiệu Tập thể lao động xuất sắc cho Văn phòng Hội Văn học Nghệ thuật tỉnh, kèm "
            "theo tiền thưởng 1.950.000 đồng.",
            "Đã có thành tích thi đua hoàn thành xuất sắc nhiệm vụ năm 2017.",
            "Điều 2. Giám đốc: Sở Nội vụ, Sở Tài chính; Chủ tịch Hội Văn học Nghệ thuật tỉnh và tập thể có tên tại "
            "Điều 1 chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.",
            "- Như Điều 2;",
            "- Lưu: VT, TH.KM.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
        ],
        absent=["DANH SÁCH", "Tổng số tiền", "trích từ"],
        differs="the original's authority line abbreviates 'CHỦ TỊCH UBND TỈNH HẬU GIANG', misses the 'và' before "
        "'tập thể có tên' and prints its file path under Lưu; vanban writes the profile's deciding body in full",
    ),
    "constructed-breakdown-school": dict(
        source="constructed after school-th-quang-chau-2021 (money as count × amount per group, a fund named)",
        rows=[coll(f"Lớp 5A{i}", amount=200_000) for i in range(1, 4)]
        + [ind(f"Nguyễn Thị Học Sinh {i}", "Nữ", "Học sinh lớp 5A1", amount=50_000) for i in range(1, 7)],
        session=dict(
            issuer="truong-th-quang-chau",
            number=None,
            date="2021-05-25",
            award_form="giay_khen",
            subject="Về việc khen thưởng học sinh có thành tích trong học tập năm học 2020 - 2021",
            legal_bases=[
                "Thông tư số 22/2016/TT-BGDĐT ngày 22/9/2016 của Bộ Giáo dục và Đào tạo về việc quy định đánh giá "
                "học sinh tiểu học",
                "kế hoạch thực hiện nhiệm vụ năm học 2020 – 2021 của Trường Tiểu học Quang Châu",
            ],
            proposal_line="Xét đề nghị của Bộ phận chuyên môn nhà trường,",
            achievement="đã có thành tích trong học tập năm học 2020 - 2021",
            executors="Ban Giám hiệu, giáo viên chủ nhiệm các lớp",
            signer={"authority": [], "title": "HIỆU TRƯỞNG", "name": "Nguyễn Văn A"},
            recipients=["Như Điều 3"],
            decision={"money": "breakdown", "fund": "nguồn ngân sách nhà nước năm {year}", "awardees": "annex_table"},
        ),
        lines=[
            "Về việc khen thưởng học sinh có thành tích trong học tập năm học 2020 - 2021",
            "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC QUANG CHÂU",
            "Điều 1. Tặng Giấy khen cho 03 tập thể và 06 cá nhân (có danh sách kèm theo) đã có thành tích trong học "
            "tập năm học 2020 - 2021.",
            "Điều 2. Tiền thưởng kèm theo Giấy khen:",
            "- 03 tập thể × 200.000 đồng = 600.000 đồng;",
            "- 06 cá nhân × 50.000 đồng = 300.000 đồng;",
            "Tổng cộng: 900.000 đồng (Bằng chữ: Chín trăm nghìn đồng), trích từ nguồn ngân sách nhà nước năm 2021.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "HIỆU TRƯỞNG",
        ],
        absent=["TM.", "KT."],
    ),
    "constructed-general-money-own-effect": dict(
        source="constructed: money 'theo quy định hiện hành' with its fund, the effect in its own article (the "
        "shape of many provincial decisions, e.g. Thanh Hóa's, whose transcriptions were incomplete)",
        rows=[coll(f"Phòng Kế hoạch {i}", "Sở Xây dựng tỉnh Lai Châu") for i in range(1, 3)]
        + [ind(f"Lò Văn Páo {i}", "Nam", "Chuyên viên", "Sở Xây dựng tỉnh Lai Châu") for i in range(1, 4)],
        bundled_issuer=True,
        session=dict(
            issuer="ubnd-tinh-lai-chau",
            number=1201,
            date="2026-11-20",
            award_form="bang_khen_bo_tinh",
            subject=None,
            legal_bases=None,
            proposer="Giám đốc Sở Nội vụ",
            proposal="Tờ trình số 310/TTr-SNV ngày 10 tháng 11 năm 2026",
            achievement="đã có thành tích xuất sắc trong công tác năm 2026",
            executors="Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Xây dựng",
            signer={"authority": ["KT. CHỦ TỊCH"], "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn A"},
            recipients=["Như Điều 4"],
            decision={
                "money": "general",
                "fund": "quỹ thi đua, khen thưởng của tỉnh",
                "effect": "own_article",
                "awardees": "annex_table",
            },
        ),
        lines=[
            "Về việc tặng Bằng khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong công tác năm 2026",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP",
            "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 310/TTr-SNV ngày 10 tháng 11 năm 2026",
            "Điều 1. Tặng Bằng khen cho 02 tập thể và 03 cá nhân (có danh sách kèm theo)",
            "Điều 2. Tiền thưởng thực hiện theo quy định hiện hành từ quỹ thi đua, khen thưởng của tỉnh.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Xây dựng",
        ],
        annex=["Phòng Kế hoạch 1, Sở Xây dựng tỉnh Lai Châu"],
        absent=["Tổng số tiền", "Tổng cộng"],
    ),
    "constructed-default-trade-union": dict(
        source="constructed: vanban's default shape (annex table, money in its own article) for the issuer of "
        "the reference plan, on the law of 2026-11 (Decree 152/2025, base salary 2.530.000 đồng: Decree 161/2026)",
        rows=[coll("Công đoàn cơ sở Trường THPT Phong Thổ", "Công đoàn ngành Giáo dục tỉnh")]
        + [ind("Lò Thị Mai", "Nữ", "Giáo viên", "Trường THPT Phong Thổ"), ind("Tòng Văn Hùng", "Nam")],
        session=dict(
            issuer="ldld-lai-chau",
            number=41,
            date="2026-11-30",
            award_form="giay_khen",
            legal_bases=None,
            proposer="Ban Chính sách pháp luật và Quan hệ lao động",
            proposal="Tờ trình số 12/TTr-CSPL ngày 25 tháng 11 năm 2026",
            achievement="đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
            signer={"authority": ["TM. BAN THƯỜNG VỤ"], "title": "CHỦ TỊCH", "name": "Nguyễn Văn A"},
            recipients=["Như Điều 3"],
            archive="VT, CSPL&QHLĐ",
        ),
        lines=[
            "Số: 41/QĐ-LĐLĐ",
            "Lai Châu, ngày 30 tháng 11 năm 2026",
            "Căn cứ Điều lệ Công đoàn Việt Nam;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP",
            "Điều 1. Tặng Giấy khen cho 01 tập thể và 02 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc "
            "trong phong trào thi đua năm 2026.",
            "Điều 2. Kèm theo Giấy khen, mỗi tập thể được thưởng 1.520.000 đồng, mỗi cá nhân được thưởng 760.000 "
            "đồng. Tổng số tiền thưởng: 3.040.000 đồng (Bằng chữ: Ba triệu không trăm bốn mươi nghìn đồng), trích "
            "từ quỹ thi đua, khen thưởng của Liên đoàn Lao động tỉnh Lai Châu năm 2026.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        ],
        annex=["Công đoàn cơ sở Trường THPT Phong Thổ, Công đoàn ngành Giáo dục tỉnh", "1.520.000", "3.040.000"],
    ),
    "constructed-table-no-money": dict(
        source="constructed: a Prime Minister's Bằng khen for individuals in an annex table with no money column "
        "(money paid under the decree, not written in the decision: ttg-337-2008's money shape)",
        rows=[
            ind(f"Hoàng Văn Thụ {i}", "Nam", "Giáo viên", "Trường Tiểu học Nậm Tăm, xã Sìn Hồ") for i in range(1, 13)
        ],
        session=dict(
            PM,
            number=1502,
            date="2026-11-25",
            award_form="bang_khen_thu_tuong",
            subject=None,
            legal_bases=None,
            proposer="Bộ trưởng Bộ Giáo dục và Đào tạo",
            proposal="Tờ trình số 88/TTr-BGDĐT ngày 02 tháng 11 năm 2026",
            achievement="đã có thành tích xuất sắc trong công tác giáo dục vùng cao",
            executors="Bộ trưởng Bộ Giáo dục và Đào tạo, Trưởng ban Ban Thi đua - Khen thưởng Trung ương",
            decision={"awardees": "annex_table"},
        ),
        lines=[
            "Về việc tặng thưởng Bằng khen của Thủ tướng Chính phủ",
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
            "Điều 1. Tặng thưởng Bằng khen của Thủ tướng Chính phủ cho 12 cá nhân (có danh sách kèm theo), đã có "
            "thành tích xuất sắc trong công tác giáo dục vùng cao.",
        ],
        annex=["Ông Hoàng Văn Thụ 1", "Giáo viên, Trường Tiểu học Nậm Tăm, xã Sìn Hồ"],
        absent=["đồng", "Số tiền"],
    ),
}


def _session_for(case: dict) -> dict:
    session = {"subject": None, "proposer": None, "proposal": None, **case["session"]}
    return {k: v for k, v in session.items() if v is not None or k == "number"}


def _closed(text: str) -> str:
    return re.sub(r"(?<=\S)- (?=\S)", "-", text)


@functools.cache
def rendered(case_id: str, folder: Path) -> tuple[Path, Path, object]:
    from support.award_docs import render_decision_files

    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price

    case = CASES[case_id]
    folder.mkdir(parents=True, exist_ok=True)
    rows = [[i] + [row.get(k) for k in KEYS] for i, row in enumerate(case["rows"], start=1)]
    path = write_workbook(folder / "danh-sach.xlsx", {"Danh sách": [HEADER, *rows]})
    session = _session_for(case)
    (folder / "danh-sach.session.yaml").write_text(
        yaml.safe_dump(session, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    issuers = None if case.get("bundled_issuer") else ISSUERS
    batch = price(read_award_list(path, issuers_dir=issuers), issuers_dir=issuers)
    files = render_decision_files(batch, folder)
    return files["docx"], files["pdf"], batch


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    return lambda case_id: rendered(case_id, root / case_id)


def test_every_transcribed_case_names_its_source():
    for case_id, case in CASES.items():
        if case_id.startswith("constructed"):
            assert "constructed" in case["source"]
        else:
            record = yaml.safe_load((DECISIONS / f"{case_id}.yaml").read_text(encoding="utf-8"))
            assert record["source"]["url"].startswith("http")


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_decision_reproduces_the_original(case_id, out):
    docx, pdf, _ = out(case_id)
    case = CASES[case_id]
    docx_text = norm("\n".join(docx_lines(docx)))
    pdf_text = pdf_body_text(pdf)
    expected = case["lines"] + case.get("annex", [])
    assert in_order(docx_text, expected) == [], docx_text
    # PDF lines may break after a hyphen inside a word ("Thi đua-|Khen thưởng"); joined, that
    # reads "đua- Khen": compare the PDF with such joins closed.
    assert in_order(_closed(pdf_text), [_closed(norm(e)) for e in expected]) == [], pdf_text
    for text in case.get("absent", []):
        assert norm(text) not in docx_text
        assert norm(text) not in pdf_text


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_vanban_check_passes(case_id, out):
    from vanban.check import check_docx, check_pdf

    docx, pdf, _ = out(case_id)
    assert [str(r) for r in check_docx(docx) if not r.ok] == []
    assert [str(r) for r in check_pdf(pdf) if not r.ok] == []


def test_the_shapes_covered_are_distinct(out):
    """Twelve cases, and the shapes they exercise are not one shape twelve times."""
    shapes = set()
    for case_id in CASES:
        batch = out(case_id)[2]
        s = batch.shape
        shapes.add((s.verb, s.awardees, s.achievement, s.money, s.effect, s.annex_number_digits))
    assert len(CASES) >= 12
    assert len(shapes) >= 9


def test_a_profiles_verb_leaves_a_titles_verb_alone(out):
    """The Prime Minister's profile writes 'Tặng thưởng' for forms; a title keeps 'Phong tặng'."""
    assert out("ttg-2008-cstd-toan-quoc-ben-tre")[2].shape.verb == "Phong tặng"
    assert out("ttg-337-2008-co-thi-dua")[2].shape.verb == "Tặng thưởng"
    assert out("ubnd-hau-giang-328-2018-ttldxs")[2].shape.verb == "Công nhận"


def test_an_unknown_form_is_an_input_error(tmp_path):
    from vanban.award.list_reader import read_award_list
    from vanban.award.pricing import price
    from vanban.errors import InputError

    rows = [[1, "Tập thể", "Phòng Kế hoạch", None, None, None, None, None]]
    path = write_workbook(tmp_path / "ds.xlsx", {"Danh sách": [HEADER, *rows]})
    session = _session_for(CASES["ttg-345-2008-one-awardee"]) | {"award_form": "co_thi_dua_cp"}
    (tmp_path / "ds.session.yaml").write_text(yaml.safe_dump(session, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        price(read_award_list(path, issuers_dir=ISSUERS), issuers_dir=ISSUERS)
    assert "co_thi_dua_cp" in str(caught.value) and "co_thi_dua_chinh_phu" in str(caught.value)


def test_the_shape_from_the_thong_tin_sheet(tmp_path):
    """A clerk who keeps everything in the workbook sets the shape with Vietnamese keys and words."""
    from vanban.award.list_reader import read_award_list

    info = [
        ["Thông tin", "Nội dung"],
        ["Cơ quan ban hành", "thu-tuong-chinh-phu"],
        ["Ngày quyết định", "04/06/2008"],
        ["Thành tích", "đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác"],
        ["Hình thức", "co_thi_dua_chinh_phu"],
        ["Ghi danh sách", "Danh sách kèm theo"],
        ["Chữ số thứ tự danh sách", "2"],
        ["Ngày ở dòng kèm theo", "bằng số"],
        ["Hiệu lực", "kể từ ngày ký"],
        ["Chữ và trước người thi hành", "không"],
        ["Ghi tiền thưởng", "không ghi"],
    ]
    rows = [[1, "Tập thể", "Sở Y tế tỉnh Thái Bình", None, None, None, None, None]]
    path = write_workbook(tmp_path / "ds.xlsx", {"Danh sách": [HEADER, *rows], "Thông tin": info})
    shape = read_award_list(path, issuers_dir=ISSUERS).session.decision
    assert shape is not None
    assert (shape.awardees, shape.annex_number_digits, shape.annex_date, shape.effect, shape.closing_and) == (
        "annex_list",
        2,
        "numeric",
        "at_end",
        False,
    )
    assert shape.money == "none"
