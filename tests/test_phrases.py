"""The time-phrase reader (scheduler/plans/phrases/): seeds, DOMAIN forms, errors, fuzzing.

Contexts are those of the three seed plans (/work/shared/seeds): 000 targets 18/12/2022, 001
targets 07/05/2024, 003 targets 10/10/2024. Seed 000's issue date is not in its text; where a
test needs one ("từ nay"), it uses a plausible 01/06/2022 (after the parent plan 80-KH/TU of
26/5/2022) and says so by using ``CTX_000_ISSUED``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scheduler.dates import YEARS
from scheduler.plans.phrases import PhraseError, read_phrase
from scheduler.plans.window import Closure, PhraseContext, Precision, Window

ROOT = Path(__file__).parent.parent

CTX_000 = PhraseContext(anniversary=date(2022, 12, 18), year=2022)
CTX_000_ISSUED = replace(CTX_000, issued=date(2022, 6, 1))  # plausible, not in the seed
CTX_001 = PhraseContext(anniversary=date(2024, 5, 7), year=2024)
CTX_003 = PhraseContext(anniversary=date(2024, 10, 10), year=2024)
#: Seed 001 with its campaign ("diễn ra trong năm 2024") and peak (from early March to the
#: end of May 2024), for phrases relative to the plan's events
CTX_001_PLAN = replace(CTX_001, campaign=read_phrase("trong năm 2024", CTX_001),
                       peak=read_phrase("từ đầu tháng 3 đến hết tháng 5/2024", CTX_001))
CTXS = {"000": CTX_000, "000+issued": CTX_000_ISSUED, "001": CTX_001, "003": CTX_003,
        "001+plan": CTX_001_PLAN}

#: (start, end, precision, start_from, end_from[, rrule][, peak]) in short form
Expect = tuple[object, ...]


def shape(w: Window) -> Expect:
    """A window as a short tuple: ISO dates, enum values, rrule and peak only when present."""
    out: list[object] = [
        None if w.start is None else w.start.isoformat(),
        None if w.end is None else w.end.isoformat(),
        w.precision.value, w.start_from.value, w.end_from.value,
    ]
    if w.rrule is not None:
        out.append(w.rrule)
    if w.peak is not None:
        out.append(shape(w.peak))
    return tuple(out)


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def read(phrase: str, ctx: str | PhraseContext = "001") -> Expect:
    return shape(read_phrase(phrase, CTXS[ctx] if isinstance(ctx, str) else ctx))


UNDATED: Expect = (None, None, "undated", "text", "text")


# --- every time phrase of the three seed plans ----------------------------------------------

SEED_000: list[tuple[str, str, Expect]] = [
    ("triển khai trong tháng 11 đến 30/12/2022", "000",
     ("2022-11-01", "2022-12-30", "month", "text", "text")),
    ("(*triển khai trong tháng 11 đến 30/12/2022*).", "000",
     ("2022-11-01", "2022-12-30", "month", "text", "text")),
    ("(*triển khai trong tháng 10, 11/2022*).", "000",
     ("2022-10-01", "2022-11-30", "month", "text", "text")),
    ("(*triển khai trong tháng 11, 12/2022*).", "000",
     ("2022-11-01", "2022-12-31", "month", "text", "text")),
    ("(*triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022*).", "000",
     ("2022-11-21", "2022-12-18", "month-part", "text", "anniversary",
      ("2022-12-15", "2022-12-18", "day", "text", "anniversary"))),
    ("(*triển khai từ nay đến tháng 12/2022*)", "000+issued",
     ("2022-06-01", "2022-12-31", "month", "issued", "text")),
    ("*(triển khai trong tháng 12/2022)*.", "000",
     ("2022-12-01", "2022-12-31", "month", "text", "text")),
    ("*(theo chỉ đạo của Thành phố)*", "000", UNDATED),
    ("(theo chỉ đạo của Thành phố).", "000", UNDATED),
    ("*(báo cáo Ban Thường vụ Quận ủy cuối tháng 8/2022)*.", "000",
     ("2022-08-21", "2022-08-31", "month-part", "text", "text")),
    ("(triển khai từ tháng 9/2022)", "000",
     ("2022-09-01", "2022-12-18", "month", "text", "anniversary")),
    ("(18/12/1972 - 18/12/2022)", "000", ("2022-12-18", "2022-12-18", "day", "text", "text")),
    ("(18/12/1972-18/12/2022)", "000", ("2022-12-18", "2022-12-18", "day", "text", "text")),
    ("(19/12/1946 - 19/12/2022)", "000", ("2022-12-19", "2022-12-19", "day", "text", "text")),
    ("(22/12/1944 - 22/12/2022)", "000", ("2022-12-22", "2022-12-22", "day", "text", "text")),
    ("(22/12/1989 - 22/12/2022)", "000", ("2022-12-22", "2022-12-22", "day", "text", "text")),
    ("(1966 - 1972)", "000", ("1966-01-01", "1972-12-31", "year", "text", "text")),
    ("Chiến dịch 12 ngày đêm tháng 12 năm 1972", "000",
     ("1972-12-01", "1972-12-31", "month", "text", "text")),
    ("các chỉ tiêu phát triển kinh tế - xã hội năm 2022", "000",
     ("2022-01-01", "2022-12-31", "year", "text", "text")),
    ("Kế hoạch số 80-KH/TU, ngày 26/5/2022", "000",
     ("2022-05-26", "2022-05-26", "day", "text", "text")),
    ("Nghị quyết số 15-NQ/TW ngày 05/5/2022", "000",
     ("2022-05-05", "2022-05-05", "day", "text", "text")),
    ("Quy định số 37-QĐ/TW ngày 25/10/2021", "000",
     ("2021-10-25", "2021-10-25", "day", "text", "text")),
    # "phát triển Thủ đô Hà Nội đến năm 2030": no issue date, so the start is assumed
    ("đến năm 2030", "000", ("2030-01-01", "2030-12-31", "year", "assumed", "text")),
    ("đến năm 2030", "000+issued", ("2022-06-01", "2030-12-31", "year", "issued", "text")),
]

SEED_001: list[tuple[str, str, Expect]] = [
    ("(07/5/1954 - 07/5/2024)", "001", ("2024-05-07", "2024-05-07", "day", "text", "text")),
    ("Kế hoạch số 146-KH/TU ngày 18/3/2024", "001",
     ("2024-03-18", "2024-03-18", "day", "text", "text")),
    ("nhiệm kỳ 2020-2025", "001", ("2020-01-01", "2025-12-31", "year", "text", "text")),
    ("Nghị quyết số 11-NQ/TW ngày 10/02/2022", "001",
     ("2022-02-10", "2022-02-10", "day", "text", "text")),
    ("các sự kiện chính trị của địa phương, đơn vị trong năm 2024.", "001",
     ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("**trong tháng 4/2024**", "001", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("Kỳ sinh hoạt chi bộ **tháng 5/2024**", "001",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("**trong tháng 4/2024** và Kỳ sinh hoạt chi bộ **tháng 5/2024**.", "001",
     ("2024-04-01", "2024-05-31", "month", "text", "text")),
    ("Hoạt động tuyên truyền, kỷ niệm diễn ra trong năm 2024, trong đó *cao điểm từ đầu "
     "tháng 3 đến hết tháng 5/2024.*", "001",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-03-01", "2024-05-31", "month", "text", "text"))),
    ("*cao điểm từ đầu tháng 3 đến hết tháng 5/2024.*", "001",
     ("2024-03-01", "2024-05-31", "month", "text", "text",
      ("2024-03-01", "2024-05-31", "month", "text", "text"))),
    ("Kỳ sinh hoạt chi bộ tháng 4", "001", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("nói chuyện truyền thống vào dịp kỷ niệm.", "001",
     ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
]

SEED_003: list[tuple[str, str, Expect]] = [
    ("(10/10/1954-10/10/2024)", "003", ("2024-10-10", "2024-10-10", "day", "text", "text")),
    ("Kế hoạch số 88/KH-UBND ngày 23/3/2024", "003",
     ("2024-03-23", "2024-03-23", "day", "text", "text")),
    ("Đề án số 03/UBND-ĐA ngày 22/3/2024", "003",
     ("2024-03-22", "2024-03-22", "day", "text", "text")),
    # the plan's own date line is left blank but for the year
    ("Thanh Xuân, ngày tháng năm 2024", "003",
     ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("một số ngày lễ, kỷ niệm quan trọng trong năm 2024", "003",
     ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("hoàn thành nhiệm vụ, kế hoạch năm 2024 và những năm tiếp theo", "003",
     ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("thông báo treo cờ Tổ quốc theo chỉ đạo của Thành phố", "003", UNDATED),
    ("treo cờ Tổ quốc (theo Thông báo của Quận).", "003", UNDATED),
    ("định kỳ hàng tháng (trước ngày 20)", "003",
     ("2024-01-19", "2024-12-31", "day", "assumed", "assumed",
      "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231")),
    ("định kỳ hàng tháng (trước ngày 20) báo cáo kết quả về UBND quận (qua phòng Văn hóa và "
     "Thông tin quận) về tình hình triển khai để tổng hợp, báo cáo theo quy định./.", "003",
     ("2024-01-19", "2024-12-31", "day", "assumed", "assumed",
      "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231")),
    ("trong dịp diễn ra các ngày kỷ niệm trong năm 2024, đặc biệt là dịp kỷ niệm 70 năm ngày "
     "Giải phóng Thủ đô (10/10/1954-10/10/2024).", "003",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-10-10", "2024-10-10", "day", "text", "text"))),
]

#: Whole bullets of the seeds: the words around the time are tolerated.
SEED_SENTENCES: list[tuple[str, str, Expect]] = [
    ("- Các cơ quan, đơn vị trong hệ thống chính trị từ Quận đến cơ sở tổ chức thông tin, tuyên "
     "truyền sâu rộng về diễn biến và ý nghĩa lịch sử của chiến thắng 12 ngày đêm, với nhiều "
     "hình thức đa dạng, phong phú tới cán bộ, đảng viên và các tầng lớp Nhân dân trong Quận, "
     "nhất là trong đối tượng học sinh, sinh viên, thanh niên, cán bộ, chiến sỹ lực lượng vũ "
     "trang Quận (*triển khai trong tháng 11 đến 30/12/2022*).", "000",
     ("2022-11-01", "2022-12-30", "month", "text", "text")),
    ("- Đẩy mạnh thông tin, tuyên truyền (trên Cổng TTĐT Quận, phường, Bản tin nội bộ Quận, Đài "
     "truyền thanh, mạng xã hội) về diễn biến kết quả và ý nghĩa của sự kiện lịch sử quan trọng "
     "này, giới thiệu những gương tiêu biểu trong sản xuất - chiến đấu, trong cuộc chống chiến "
     "tranh phá hoại bằng không quân của đế quốc Mỹ (1966 - 1972); tuyên truyền vận dụng những "
     "bài học kinh nghiệm trong chiến đấu vào công cuộc đổi mới, xây dựng và bảo vệ Thủ đô, Quận "
     "trong tình hình hiện nay (*triển khai trong tháng 11, 12/2022*).", "000",
     ("2022-11-01", "2022-12-31", "month", "text", "text")),
    ("- Tổ chức hoạt động tuyên truyền, cổ động trực quan tại một số tuyến phố, khu trung tâm "
     "Quận, trụ sở các cơ quan, đơn vị, các điểm tập trung đông dân cư trên địa bàn Quận... "
     "(*triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022*).", "000",
     ("2022-11-21", "2022-12-18", "month-part", "text", "anniversary",
      ("2022-12-15", "2022-12-18", "day", "text", "anniversary"))),
    ("- Tổ chức các hoạt động văn hóa - văn nghệ, thể dục - thể thao, giao lưu nghệ thuật trên "
     "địa bàn Quận kỷ niệm 50 năm Chiến thắng “Hà Nội - Điện Biên Phủ trên không” (*triển khai "
     "trong tháng 11, 12/2022*).", "000",
     ("2022-11-01", "2022-12-31", "month", "text", "text")),
    ("- Tổ chức các hoạt động giao lưu, gặp mặt nhân chứng lịch sử, cán bộ, chiến sĩ lực lượng "
     "vũ trang, dân quân, tự vệ, gương chiến đấu và các hoạt động tri ân, “Đền ơn đáp nghĩa”, "
     "thăm hỏi, tặng quà hỗ trợ giúp đỡ các gia đình chính sách, gia đình có công, nhất các gia "
     "đình, cá nhân trực tiếp tham gia Chiến dịch 12 ngày đêm tháng 12 năm 1972 có hoàn cảnh "
     "khó khăn (triển khai từ tháng 9/2022).", "000",
     ("2022-09-01", "2022-12-18", "month", "text", "anniversary")),
    ("- Đặc biệt, thăm hỏi, hỗ trợ các gia đình chính sách, gia đình có công, nhất là các gia "
     "đình, cá nhân trực tiếp tham gia Chiến dịch 12 ngày đêm tháng 12 năm 1972 có hoàn cảnh "
     "khó khăn... *(triển khai trong tháng 12/2022)*.", "000",
     ("2022-12-01", "2022-12-31", "month", "text", "text")),
    ("Chỉ đạo, hướng dẫn, tổ chức đợt sinh hoạt chính trị kỷ niệm 50 năm Chiến thắng “Hà Nội - "
     "Điện Biên Phủ trên không” trong các tổ chức cơ sở Đoàn, Hội (triển khai từ tháng 9/2022), "
     "trong đó:", "000", ("2022-09-01", "2022-12-18", "month", "text", "anniversary")),
    ("4. Tổ chức Lễ kỷ niệm 50 năm Chiến thắng “Hà Nội - Điện Biên Phủ trên không” *(theo chỉ "
     "đạo của Thành phố)*", "000", UNDATED),
    ("- Xây dựng kế hoạch tổng thể ... đảm bảo công tác phòng chống dịch bệnh Covid-19 *(báo "
     "cáo Ban Thường vụ Quận ủy cuối tháng 8/2022)*.", "000",
     ("2022-08-21", "2022-08-31", "month-part", "text", "text")),
    ("- Các tổ chức CT-XH, chi bộ trực thuộc, các trường học triển khai các hoạt động nói "
     "chuyện truyền thống, sinh hoạt chuyên đề về sự kiện chiến thắng Điện Biên Phủ **trong "
     "tháng 4/2024** và Kỳ sinh hoạt chi bộ **tháng 5/2024**.", "001",
     ("2024-04-01", "2024-05-31", "month", "text", "text")),
    ("- Triển khai thực hiện hiệu quả công tác tuyên truyền về các nội dung ở *mục 1, 2, 3 phần "
     "II của Kế hoạch* bằng các hình thức phù hợp như tại Kỳ sinh hoạt chi bộ tháng 4, trên các "
     "nhóm zalo của chi bộ, nhóm đảng viên 213, nhóm Tổ dân vận cộng đồng, các Tổ liên gia tự "
     "quản,...", "001", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("2. Các hoạt động kỷ niệm phải có tính giáo dục cao, gắn với các hoạt động kỷ niệm 76 năm "
     "Ngày toàn quốc kháng chiến (19/12/1946 - 19/12/2022), 78 năm Ngày thành lập Quân đội "
     "nhân dân Việt Nam (22/12/1944 - 22/12/2022), 33 năm Ngày hội quốc phòng toàn dân "
     "(22/12/1989 - 22/12/2022)", "000", ("2022-12-19", "2022-12-22", "day", "text", "text")),
]

#: Italic or parenthesised text in the seeds that is not a time: an error, never a guess.
SEED_NOT_TIME = [
    "*trực tiếp tham gia chiến dịch Điện Biên Phủ*",
    "*mục 1, 2, 3 phần II của Kế hoạch*",
    "*tại mục 3, phần II của Kế hoạch này*",
    "*tại các tuyến phố điem đã đăng ký với UBND quận*",
    "(để b/cáo)",
    "(khóa XI, XII)",
    "(Có đề cương tuyên truyền kèm theo).",
    "Số: /KH-UBND",
]


@pytest.mark.parametrize(("phrase", "ctx", "expected"), SEED_000 + SEED_001 + SEED_003,
                         ids=lambda v: v if isinstance(v, str) else "")
def test_seed_phrases(phrase: str, ctx: str, expected: Expect) -> None:
    assert read(phrase, ctx) == expected


@pytest.mark.parametrize(("phrase", "ctx", "expected"), SEED_SENTENCES,
                         ids=[s[0][:40] for s in SEED_SENTENCES])
def test_seed_sentences(phrase: str, ctx: str, expected: Expect) -> None:
    assert read(phrase, ctx) == expected


@pytest.mark.parametrize("phrase", SEED_NOT_TIME)
def test_seed_text_that_is_not_time(phrase: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, CTX_001)
    assert "no time expression" in info.value.reason.render("en")


def test_seed_tu_nay_needs_the_issue_date() -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase("(*triển khai từ nay đến tháng 12/2022*)", CTX_000)
    assert "issue date" in info.value.reason.render("en")


def test_seed_monthly_report_with_an_issue_date_and_campaign_end() -> None:
    ctx = replace(CTX_003, issued=date(2024, 4, 1), campaign_end=date(2024, 10, 31))
    w = read_phrase("định kỳ hàng tháng (trước ngày 20)", ctx)
    assert shape(w) == ("2024-04-19", "2024-10-31", "day", "issued", "campaign-end",
                        "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241031")
    days = [d.date() for d in rrulestr(w.rrule or "", dtstart=datetime(2024, 4, 19))]
    assert days == [date(2024, m, 19) for m in range(4, 11)]


# --- every form of DOMAIN.md, in Vietnamese and English --------------------------------------

FORMS: list[tuple[str, str, str, Expect]] = [
    # a day
    ("ngày 15/12/2022", "on 15 Dec 2022", "000",
     ("2022-12-15", "2022-12-15", "day", "text", "text")),
    ("15/12", "15 December", "000", ("2022-12-15", "2022-12-15", "day", "text", "text")),
    ("07/5/2024", "7 May 2024", "001", ("2024-05-07", "2024-05-07", "day", "text", "text")),
    ("ngày 7 tháng 5 năm 2024", "the 7th of May 2024", "001",
     ("2024-05-07", "2024-05-07", "day", "text", "text")),
    # a range
    ("từ ngày 22/4/2024 đến ngày 26/4/2024", "from 22/4/2024 to 26/4/2024", "001",
     ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("22/4/2024 - 26/4/2024", "22 April 2024 - 26 April 2024", "001",
     ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("22/4/2024–26/4/2024", "22/4/2024–26/4/2024", "001",
     ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("ngày 22-26/4/2024", "22-26 April 2024", "001",
     ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("(18/12/1972 - 18/12/2022)", "(18/12/1972 - 18/12/2022)", "000",
     ("2022-12-18", "2022-12-18", "day", "text", "text")),
    # months
    ("trong tháng 4/2024", "in April 2024", "001",
     ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("trong tháng 10, 11/2022", "in October and November 2022", "000",
     ("2022-10-01", "2022-11-30", "month", "text", "text")),
    ("trong tháng 10, 11/2022", "in October, November 2022", "000",
     ("2022-10-01", "2022-11-30", "month", "text", "text")),
    ("trong tháng 11 đến 30/12/2022", "from November to 30/12/2022", "000",
     ("2022-11-01", "2022-12-30", "month", "text", "text")),
    # open ends
    ("từ tháng 9/2022", "from September 2022", "000",
     ("2022-09-01", "2022-12-18", "month", "text", "anniversary")),
    ("từ nay đến tháng 12/2022", "from now until December 2022", "000+issued",
     ("2022-06-01", "2022-12-31", "month", "issued", "text")),
    ("đến hết tháng 5/2024", "until the end of May 2024", "001",
     ("2024-05-01", "2024-05-31", "month", "assumed", "text")),
    # parts of months
    ("cuối tháng 8/2022", "late August 2022", "000",
     ("2022-08-21", "2022-08-31", "month-part", "text", "text")),
    ("cuối tháng 8/2022", "end of August 2022", "000",
     ("2022-08-21", "2022-08-31", "month-part", "text", "text")),
    ("từ đầu tháng 3 đến hết tháng 5/2024", "from early March to the end of May 2024", "001",
     ("2024-03-01", "2024-05-31", "month", "text", "text")),
    ("cuối tháng 11", "late November", "000",
     ("2022-11-21", "2022-11-30", "month-part", "text", "text")),
    # peaks
    ("cao điểm từ ngày 15/12/2022", "peak from 15 Dec 2022", "000",
     ("2022-12-15", "2022-12-18", "day", "text", "anniversary",
      ("2022-12-15", "2022-12-18", "day", "text", "anniversary"))),
    # quarters, years, periods
    ("Quý II năm 2024", "Q2 2024", "001",
     ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("quý 2/2024", "second quarter of 2024", "001",
     ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("trong năm 2024", "during 2024", "001", ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("trong năm 2023, 2024", "in 2023 and 2024", "001",
     ("2023-01-01", "2024-12-31", "year", "text", "text")),
    ("giai đoạn 2022 - 2025", "2022 - 2025", "001",
     ("2022-01-01", "2025-12-31", "year", "text", "text")),
    ("giai đoạn 2022-2025", "the period 2022-2025", "001",
     ("2022-01-01", "2025-12-31", "year", "text", "text")),
    # around the day
    ("trước và trong ngày 11/6/2023", "before and on 11/6/2023", "001",
     ("2023-06-01", "2023-06-11", "day", "assumed", "text")),
    ("vào dịp kỷ niệm", "on the anniversary", "001",
     ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
    # focus periods
    ("trọng tâm là Quý II năm 2024", "focusing on Q2 2024", "001",
     ("2024-04-01", "2024-06-30", "quarter", "text", "text",
      ("2024-04-01", "2024-06-30", "quarter", "text", "text"))),
    # weeks
    ("tuần đầu tháng 9/2024", "first week of September 2024", "001",
     ("2024-09-01", "2024-09-07", "month-part", "text", "text")),
    ("tuần cuối tháng 12/2024", "last week of December 2024", "001",
     ("2024-12-25", "2024-12-31", "month-part", "text", "text")),
    # relative to the plan's own events (its campaign: 2024; its peak: March–May 2024)
    ("trong thời gian cao điểm", "during the peak", "001+plan",
     ("2024-03-01", "2024-05-31", "relative", "plan", "plan")),
    ("khi tổ chức các hoạt động kỷ niệm", "when the commemorations are held", "001+plan",
     ("2024-01-01", "2024-12-31", "relative", "plan", "plan")),
    ("trước, trong và sau Lễ kỷ niệm", "before, during and after the commemoration",
     "001+plan", ("2024-03-01", "2024-05-31", "relative", "plan", "plan")),
    # recurring
    ("định kỳ hàng tháng (trước ngày 20)", "monthly before the 20th", "003",
     ("2024-01-19", "2024-12-31", "day", "assumed", "assumed",
      "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231")),
    ("Kỳ sinh hoạt chi bộ tháng 5/2024", "the Party cell meeting of May 2024", "001",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("Kỳ sinh hoạt chi bộ tháng 5/2024", "the monthly cell meeting in May 2024", "001",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
    # durations
    ("05 ngày, từ ngày 22/4/2024 đến ngày 26/4/2024", "5 days, from 22/4/2024 to 26/4/2024",
     "001", ("2024-04-22", "2024-04-26", "day", "text", "text")),
    # missing year: the nearest sensible one ("tháng 12" in a plan for 07/5/2024 is 12/2023)
    ("tháng 12", "December", "001", ("2023-12-01", "2023-12-31", "month", "text", "text")),
    # no date at all
    ("theo chỉ đạo của Thành phố", "as directed by the City", "000", UNDATED),
    ("theo chỉ đạo của Trung ương", "as directed by the Central Committee", "000", UNDATED),
    ("theo chỉ đạo của cấp trên", "TBD", "000", UNDATED),
]


@pytest.mark.parametrize(("vi", "en", "ctx", "expected"), FORMS,
                         ids=[f"{f[0]} | {f[1]}" for f in FORMS])
def test_domain_forms_vietnamese_and_english(vi: str, en: str, ctx: str,
                                             expected: Expect) -> None:
    assert read(vi, ctx) == expected
    assert read(en, ctx) == expected


# --- the decisions, one by one ---------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "expected"), [
    ("đầu tháng 2/2024", ("2024-02-01", "2024-02-10", "month-part", "text", "text")),
    ("giữa tháng 2/2024", ("2024-02-11", "2024-02-20", "month-part", "text", "text")),
    ("cuối tháng 2/2024", ("2024-02-21", "2024-02-29", "month-part", "text", "text")),
    ("thượng tuần tháng 3/2024", ("2024-03-01", "2024-03-10", "month-part", "text", "text")),
    ("trung tuần tháng 3/2024", ("2024-03-11", "2024-03-20", "month-part", "text", "text")),
    ("hạ tuần tháng 3/2024", ("2024-03-21", "2024-03-31", "month-part", "text", "text")),
    ("early March 2024", ("2024-03-01", "2024-03-10", "month-part", "text", "text")),
    ("mid-March 2024", ("2024-03-11", "2024-03-20", "month-part", "text", "text")),
    ("hết tháng 2/2023", ("2023-02-01", "2023-02-28", "month", "assumed", "text")),
    ("đầu năm 2024", ("2024-01-01", "2024-03-31", "quarter", "text", "text")),
    ("cuối năm", ("2024-10-01", "2024-12-31", "quarter", "text", "text")),
    ("end of 2024", ("2024-10-01", "2024-12-31", "quarter", "text", "text")),
    ("until the end of 2024", ("2024-01-01", "2024-12-31", "year", "assumed", "text")),
    ("hết năm 2024", ("2024-01-01", "2024-12-31", "year", "assumed", "text")),
    ("quý I, II/2024", ("2024-01-01", "2024-06-30", "quarter", "text", "text")),
    ("quý IV", ("2024-10-01", "2024-12-31", "quarter", "text", "text")),
])
def test_parts_of_months_quarters_and_years(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("2024-05-07", ("2024-05-07", "2024-05-07", "day", "text", "text")),
    ("7.5.2024", ("2024-05-07", "2024-05-07", "day", "text", "text")),
    ("ngày 15, 16/12/2023", ("2023-12-15", "2023-12-16", "day", "text", "text")),
    ("5/2024", ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("tháng 12/2023 - tháng 2/2024", ("2023-12-01", "2024-02-29", "month", "text", "text")),
    ("October - December 2023", ("2023-10-01", "2023-12-31", "month", "text", "text")),
    ("from 1 to 15 December 2023", ("2023-12-01", "2023-12-15", "day", "text", "text")),
    ("từ ngày 22 đến ngày 26/4/2024", ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("từ 22 đến 26/4/2024", ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("từ 15/12 đến 15/1/2023", ("2022-12-15", "2023-01-15", "day", "text", "text")),
    ("từ 15/12/2022 đến 15/1", ("2022-12-15", "2023-01-15", "day", "text", "text")),
    ("trước ngày 15/12/2024", ("2024-12-01", "2024-12-14", "day", "assumed", "text")),
    ("trước ngày 1/6/2024", ("2024-05-01", "2024-05-31", "day", "assumed", "text")),
    ("sau ngày 15/12/2024", ("2024-12-16", "2024-12-31", "day", "text", "assumed")),
    ("chậm nhất ngày 20/12/2024", ("2024-12-01", "2024-12-20", "day", "assumed", "text")),
    ("no later than 20/12/2024", ("2024-12-01", "2024-12-20", "day", "assumed", "text")),
    ("by the end of August 2024", ("2024-08-01", "2024-08-31", "month", "assumed", "text")),
    ("05 ngày từ ngày 22/4/2024", ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("từ 22/4/2024 đến 26/4/2024 (05 ngày)", ("2024-04-22", "2024-04-26", "day", "text", "text")),
    ("5 ngày trong tháng 4/2024", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("ngày 16, 17 và 18/12/2023", ("2023-12-16", "2023-12-18", "day", "text", "text")),
    ("trong 03 ngày (16, 17, 18/12/2023)", ("2023-12-16", "2023-12-18", "day", "text", "text")),
    ("between 15 and 20 December 2023", ("2023-12-15", "2023-12-20", "day", "text", "text")),
    ("15-20 Dec 2023", ("2023-12-15", "2023-12-20", "day", "text", "text")),
    ("từ 10 - 20/12/2023", ("2023-12-10", "2023-12-20", "day", "text", "text")),
    ("6 tháng đầu năm 2024", ("2024-01-01", "2024-06-30", "month", "text", "text")),
    ("sơ kết 6 tháng cuối năm", ("2024-07-01", "2024-12-31", "month", "text", "text")),
    ("trước, trong và sau ngày 18/12/2023",
     ("2023-12-01", "2023-12-31", "month", "assumed", "assumed")),
    ("Thứ Bảy, ngày 16/12/2023 (Chủ nhật)", ("2023-12-16", "2023-12-16", "day", "text", "text")),
    ("08h00 ngày 18/12/2023", ("2023-12-18", "2023-12-18", "day", "text", "text")),
    ("Kế hoạch số 80-KH/TU ngày 26/5/2022", ("2022-05-26", "2022-05-26", "day", "text", "text")),
])
def test_dates_ranges_and_connectors(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


def test_dates_are_day_first_never_month_first() -> None:
    assert read_phrase("2/9/2024").start == date(2024, 9, 2)
    assert read_phrase("12/1/2024").start == date(2024, 1, 12)
    with pytest.raises(PhraseError) as info:
        read_phrase("December 15, 2022")
    assert "month-first" in info.value.reason.render("en")


def test_anniversary_pair_needs_the_same_day_and_years_apart() -> None:
    assert read("(07/5/1954 - 07/5/2024)") == ("2024-05-07", "2024-05-07", "day", "text", "text")
    # a real one-year range with the same day is kept as a range
    assert read("07/5/2023 - 07/5/2024") == ("2023-05-07", "2024-05-07", "day", "text", "text")
    assert read("01/5/1954 - 07/5/2024")[:2] == ("1954-05-01", "2024-05-07")


def test_missing_year_six_month_rule() -> None:
    assert read("tháng 12") == ("2023-12-01", "2023-12-31", "month", "text", "text")
    assert read("tháng 11") == ("2024-11-01", "2024-11-30", "month", "text", "text")
    assert read("15/12")[:2] == ("2023-12-15", "2023-12-15")
    # in a plan for 18/12/2022, December is that December
    assert read("tháng 12", "000")[:2] == ("2022-12-01", "2022-12-31")
    # only the anniversary: its year; a ctx.year that is not the anniversary's is taken as is
    assert read("tháng 12", PhraseContext(anniversary=date(2024, 5, 7)))[:2] == (
        "2023-12-01", "2023-12-31")
    assert read("tháng 12", PhraseContext(anniversary=date(2024, 5, 7), year=2025))[:2] == (
        "2025-12-01", "2025-12-31")
    # only the issue date: its year
    assert read("tháng 3", PhraseContext(issued=date(2023, 2, 1)))[:2] == (
        "2023-03-01", "2023-03-31")
    with pytest.raises(PhraseError) as info:
        read_phrase("tháng 12")
    assert "no year" in info.value.reason.render("en")


def test_year_from_the_other_times_of_the_phrase_first() -> None:
    # the plan is for 2024, but the phrase itself says 2022
    assert read("trong tháng 11 đến 30/12/2022")[:2] == ("2022-11-01", "2022-12-30")
    assert read("cuối tháng 11, cao điểm từ ngày 15/12/2022", "000")[:2] == (
        "2022-11-21", "2022-12-18")


@pytest.mark.parametrize(("ctx", "expected"), [
    (CTX_000, ("2022-09-01", "2022-12-18", "month", "text", "anniversary")),
    (PhraseContext(anniversary=date(2022, 8, 1), campaign_end=date(2022, 12, 30)),
     ("2022-09-01", "2022-12-30", "month", "text", "campaign-end")),
    (PhraseContext(anniversary=date(2022, 8, 1), campaign_end=date(2022, 8, 30)),
     ("2022-09-01", "2022-12-31", "month", "text", "assumed")),
    (PhraseContext(), ("2022-09-01", "2022-12-31", "month", "text", "assumed")),
])
def test_open_end_closures(ctx: PhraseContext, expected: Expect) -> None:
    assert read("từ tháng 9/2022", ctx) == expected


def test_open_start_closures() -> None:
    issued = replace(CTX_001, issued=date(2024, 3, 18))
    assert read("đến hết tháng 5/2024", issued) == (
        "2024-03-18", "2024-05-31", "month", "issued", "text")
    assert read("trước và trong ngày 11/6/2023", issued) == (  # issued after: not used
        "2023-06-01", "2023-06-11", "day", "assumed", "text")
    assert read("from now", issued) == ("2024-03-18", "2024-05-07", "day", "issued",
                                        "anniversary")
    assert read("kể từ ngày ký", issued)[:2] == ("2024-03-18", "2024-05-07")


@pytest.mark.parametrize(("phrase", "expected"), [
    # weeks of a month: days 1–7 (not đầu tháng, 1–10), 8–14, 15–21, 22–28, the last 7 days
    ("tuần đầu tháng 9", ("2024-09-01", "2024-09-07", "month-part", "text", "text")),
    ("tuần đầu tiên của tháng 9/2024", ("2024-09-01", "2024-09-07", "month-part", "text", "text")),
    ("tuan dau thang 9/2024", ("2024-09-01", "2024-09-07", "month-part", "text", "text")),
    ("first week of September 2024", ("2024-09-01", "2024-09-07", "month-part", "text", "text")),
    ("in the first week of September", ("2024-09-01", "2024-09-07", "month-part", "text",
                                        "text")),
    ("tuần cuối tháng 12/2024", ("2024-12-25", "2024-12-31", "month-part", "text", "text")),
    ("tuần cuối cùng của tháng 12/2024",
     ("2024-12-25", "2024-12-31", "month-part", "text", "text")),
    ("last week of December 2024", ("2024-12-25", "2024-12-31", "month-part", "text", "text")),
    ("tuần cuối tháng 2/2024", ("2024-02-23", "2024-02-29", "month-part", "text", "text")),
    ("tuần cuối tháng 2/2023", ("2023-02-22", "2023-02-28", "month-part", "text", "text")),
    ("tuần cuối tháng 4/2024", ("2024-04-24", "2024-04-30", "month-part", "text", "text")),
    ("tuần thứ hai của tháng 3/2024", ("2024-03-08", "2024-03-14", "month-part", "text", "text")),
    ("tuần lễ thứ 3 tháng 3/2024", ("2024-03-15", "2024-03-21", "month-part", "text", "text")),
    ("tuần thứ tư tháng 3/2024", ("2024-03-22", "2024-03-28", "month-part", "text", "text")),
    ("the 2nd week of March 2024", ("2024-03-08", "2024-03-14", "month-part", "text", "text")),
    ("fourth week of March 2024", ("2024-03-22", "2024-03-28", "month-part", "text", "text")),
    ("tuần đầu năm 2025", ("2025-01-01", "2025-01-07", "month-part", "text", "text")),
    ("first week of 2025", ("2025-01-01", "2025-01-07", "month-part", "text", "text")),
    ("từ tuần đầu tháng 9 đến tuần cuối tháng 12/2024",
     ("2024-09-01", "2024-12-31", "month-part", "text", "text")),
    ("từ tuần thứ hai tháng 9/2024", ("2024-09-08", "2024-12-31", "month-part", "text",
                                      "assumed")),
    # a missing year as for any month ("tháng 12" in a plan for 07/5/2024 is 12/2023)
    ("tuần cuối tháng 12", ("2023-12-25", "2023-12-31", "month-part", "text", "text")),
    ("last week of December", ("2023-12-25", "2023-12-31", "month-part", "text", "text")),
    # "tuần" without a part of a month is still no week; "đầu tuần" is not a week of a month
    ("đầu tuần, trong tháng 5/2024", ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("hàng tuần thứ hai", ("2024-01-01", "2024-12-31", "day", "assumed", "assumed",
                           "FREQ=WEEKLY;BYDAY=MO;UNTIL=20241231")),
])
def test_weeks_of_a_month(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


def test_first_week_is_not_the_early_part_of_the_month() -> None:
    # regression: "tuần đầu tháng" was read as "đầu tháng" (days 1–10)
    assert read("tuần đầu tháng 9/2024")[:2] == ("2024-09-01", "2024-09-07")
    assert read("đầu tháng 9/2024")[:2] == ("2024-09-01", "2024-09-10")
    assert read("tuần cuối tháng 9/2024")[:2] == ("2024-09-24", "2024-09-30")
    assert read("cuối tháng 9/2024")[:2] == ("2024-09-21", "2024-09-30")


@pytest.mark.parametrize(("phrase", "reason"), [
    ("tuần thứ năm tháng 3/2024", "week 5 of a month is not read"),
    ("tuần thứ 6 của tháng 3/2024", "week 6 of a month is not read"),
    ("fifth week of May 2024", "week 5 of a month is not read"),
    ("tuần đầu năm 2023, 2024", "a week is read in one month or one year"),
])
def test_weeks_that_do_not_exist(phrase: str, reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, CTX_001)
    assert reason in info.value.reason.render("en")


@pytest.mark.parametrize(("phrase", "expected"), [
    # "trọng tâm" marks a peak like "cao điểm" when a time follows (allowing "là", a connector)
    ("trọng tâm là Quý II năm 2024",
     ("2024-04-01", "2024-06-30", "quarter", "text", "text",
      ("2024-04-01", "2024-06-30", "quarter", "text", "text"))),
    ("trong năm 2024, trọng tâm từ tháng 4 đến tháng 5/2024",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-04-01", "2024-05-31", "month", "text", "text"))),
    ("trong năm 2024, trọng tâm là tháng 4, 5/2024",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-04-01", "2024-05-31", "month", "text", "text"))),
    ("trong năm 2024, trọng tâm vào Quý II",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-04-01", "2024-06-30", "quarter", "text", "text"))),
    ("trong năm 2024, trong tam la quy II",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-04-01", "2024-06-30", "quarter", "text", "text"))),
    ("during 2024, focusing on Q2 2024",
     ("2024-01-01", "2024-12-31", "year", "text", "text",
      ("2024-04-01", "2024-06-30", "quarter", "text", "text"))),
    # like "nhất là", "đặc biệt là": no time right after, just words
    ("có trọng tâm, trọng điểm, trong năm 2024",
     ("2024-01-01", "2024-12-31", "year", "text", "text")),
    ("các hoạt động trọng tâm của Quận trong tháng 5/2024",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
])
def test_trong_tam_is_a_peak_when_a_time_follows(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


def test_trong_tam_widens_and_must_not_start_before() -> None:
    assert read("triển khai từ tháng 3/2024, trọng tâm là tháng 5 đến tháng 6/2024")[:2] == (
        "2024-03-01", "2024-06-30")
    with pytest.raises(PhraseError) as info:
        read_phrase("triển khai từ tháng 5/2024, trọng tâm là tháng 3/2024", CTX_001)
    assert "peak starts" in info.value.reason.render("en")


def test_peak_widens_the_activity_and_must_not_start_before_it() -> None:
    w = read_phrase("triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022", CTX_000)
    assert w.peak is not None and w.peak.peak is None
    assert w.start is not None and w.end is not None
    assert w.start <= (w.peak.start or w.start) and (w.peak.end or w.end) <= w.end
    with pytest.raises(PhraseError) as info:
        read_phrase("triển khai từ 20/12/2022, cao điểm từ 15/12/2022", CTX_000)
    assert "peak starts" in info.value.reason.render("en")


def test_weak_peak_words_need_a_time_right_after() -> None:
    # "nhất là trong đối tượng học sinh …" is not a peak
    phrase = "nhất là trong đối tượng học sinh, sinh viên (triển khai trong tháng 12/2022)"
    assert read(phrase, "000") == ("2022-12-01", "2022-12-31", "month", "text", "text")
    assert read("trong năm 2024, đặc biệt là tháng 5/2024")[-1] == (
        "2024-05-01", "2024-05-31", "month", "text", "text")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("ngày 20 hàng tháng", ("2024-01-20", "2024-12-31", "day", "assumed", "assumed",
                            "FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20241231")),
    ("by the 20th of each month", ("2024-01-20", "2024-12-31", "day", "assumed", "assumed",
                                   "FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20241231")),
    ("hàng tháng", ("2024-01-31", "2024-12-31", "day", "assumed", "assumed",
                    "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231")),
    ("trước ngày 1 hằng tháng", ("2024-01-31", "2024-12-31", "day", "assumed", "assumed",
                                 "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231")),
    ("hằng quý (trước ngày 20)", ("2024-03-19", "2024-12-31", "day", "assumed", "assumed",
                                  "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=19;UNTIL=20241231")),
    ("quarterly", ("2024-03-31", "2024-12-31", "day", "assumed", "assumed",
                   "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1;UNTIL=20241231")),
    ("hàng tuần vào thứ sáu", ("2024-01-05", "2024-12-31", "day", "assumed", "assumed",
                               "FREQ=WEEKLY;BYDAY=FR;UNTIL=20241231")),
    ("weekly on Friday", ("2024-01-05", "2024-12-31", "day", "assumed", "assumed",
                          "FREQ=WEEKLY;BYDAY=FR;UNTIL=20241231")),
    ("ngày 7/5 hằng năm", ("2024-05-07", "2024-12-31", "day", "assumed", "assumed",
                           "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=7;UNTIL=20241231")),
    ("daily from 1/5/2024 to 7/5/2024", ("2024-05-01", "2024-05-07", "day", "text", "text",
                                         "FREQ=DAILY;UNTIL=20240507")),
    ("hàng tháng từ tháng 5 đến tháng 12/2024",
     ("2024-05-31", "2024-12-31", "day", "text", "text",
      "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231")),
])
def test_recurring(phrase: str, expected: Expect) -> None:
    w = read_phrase(phrase, CTX_001)
    assert shape(w) == expected
    assert w.rrule is not None and w.start is not None and w.end is not None
    days = [d.date() for d in rrulestr(w.rrule, dtstart=midnight(w.start))]
    assert days[0] == w.start and days[-1] <= w.end


def test_recurring_end_defaults_to_the_anniversary_year() -> None:
    ctx = PhraseContext(anniversary=date(2024, 10, 10), issued=date(2023, 11, 25))
    assert read("định kỳ hàng tháng (trước ngày 20)", ctx) == (
        "2023-12-19", "2024-12-31", "day", "issued", "assumed",
        "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231")


@pytest.mark.parametrize("phrase", [
    "theo chỉ đạo của Thành phố", "theo chi dao cua Thanh pho", "Theo hướng dẫn của Sở",
    "theo Thông báo của Quận", "chưa xác định", "thông báo sau", "as directed by the City",
    "as instructed by the Ministry", "TBD", "to be determined", "to be announced",
    "báo cáo theo quy định",
])
def test_undated(phrase: str) -> None:
    w = read_phrase(phrase, CTX_000)
    assert w.undated and w.start is None and w.end is None
    assert w.precision is Precision.UNDATED and w.peak is None and w.rrule is None


@pytest.mark.parametrize(("phrase", "expected"), [
    ("tu thang 3 den thang 5/2024", ("2024-03-01", "2024-05-31", "month", "text", "text")),
    ("TRONG THÁNG 12/2023", ("2023-12-01", "2023-12-31", "month", "text", "text")),
    ("  _trong_   tháng\t4/2024 ...", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    ("“trong tháng 4/2024”", ("2024-04-01", "2024-04-30", "month", "text", "text")),
    (unicodedata.normalize("NFD", "từ ngày 22/4/2024 đến ngày 26/4/2024"),
     ("2024-04-22", "2024-04-26", "day", "text", "text")),
    # look-alikes are not keywords: "Đền ơn" is not "đến", "tự vệ" not "từ", "to lớn" not "to"
    ("hoạt động “Đền ơn đáp nghĩa” trong tháng 12/2023",
     ("2023-12-01", "2023-12-31", "month", "text", "text")),
    ("dân quân, tự vệ, trong tháng 12/2023",
     ("2023-12-01", "2023-12-31", "month", "text", "text")),
    ("văn hóa - văn nghệ trong tháng 11/2023",
     ("2023-11-01", "2023-11-30", "month", "text", "text")),
    ("ý nghĩa to lớn trong tháng 5/2024", ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("it may rain in May 2024", ("2024-05-01", "2024-05-31", "month", "text", "text")),
])
def test_normalisation_and_look_alikes(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


def test_chien_thang_is_not_thang() -> None:
    with pytest.raises(PhraseError):
        read_phrase("chiến thắng 12", CTX_000)


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "ctx", "reason"), [
    ("", CTX_001, "no time expression"),
    ("triển khai thực hiện nghiêm túc", CTX_001, "no time expression"),
    ("hello world", CTX_001, "no time expression"),
    ("31/02/2024", CTX_001, "31/02/2024 is not a valid date"),
    ("ngày 29/2/2023", CTX_001, "29/02/2023 is not a valid date"),
    ("00/12/2022", CTX_001, "not a valid date"),
    ("tháng 13/2024", CTX_001, "13 is not a month"),
    ("13/2024", CTX_001, "13 is not a month"),
    ("Q5 2024", CTX_001, "quarter 5 does not exist"),
    ("ngày 45", CTX_001, "45 is not a day"),
    ("15/12/22", CTX_001, "four digits"),
    ("15/12/0000", CTX_001, "year 0 is out of range (years are 1 to 9998)"),
    ("15/12/9999", CTX_001, "out of range"),
    ("December 15, 2022", CTX_001, "month-first"),
    ("từ 30/5/2024 đến 1/5/2024", CTX_001, "ends (01/05/2024) before it starts (30/05/2024)"),
    ("from 30 May 2024 to 1 May 2024", CTX_001, "before it starts"),
    ("ngày 26-22/4/2024", CTX_001, "backwards"),
    ("04 ngày, từ ngày 22/4/2024 đến ngày 26/4/2024", CTX_001, "says 4 days but"),
    ("40 ngày trong tháng 4/2024", CTX_001, "40 days do not fit"),
    ("5 days", CTX_001, "duration but no dates"),
    ("triển khai từ nay đến tháng 12/2022", CTX_000, "issue date"),
    ("from now until December 2022", CTX_000, "issue date"),
    ("vào dịp kỷ niệm", PhraseContext(year=2024), "anniversary day is not given"),
    ("tháng 5/2024 tháng 6/2024", CTX_001, "without saying how they relate"),
    ("the 15th", CTX_001, "without a month"),
    ("định kỳ", CTX_001, "not how often"),
    ("yearly", CTX_001, "not on which day"),
    ("định kỳ hàng tháng (trước ngày 20)", PhraseContext(), "needs a year"),
    ("định kỳ hàng tháng (trước ngày 20)",
     PhraseContext(issued=date(2024, 12, 25), campaign_end=date(2024, 12, 31)), "does not fall"),
    ("x" * 5000, CTX_001, "longer than"),
    ("ngày 10/3 âm lịch", CTX_001, "lunar"),
    ("10/3 (lunar calendar)", CTX_001, "lunar"),
])
def test_errors(phrase: str, ctx: PhraseContext, reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, ctx)
    assert reason in info.value.reason.render("en")
    assert info.value.phrase == phrase
    assert isinstance(info.value, ValueError)
    assert phrase[:20] in str(info.value)


def test_not_text_is_a_phrase_error() -> None:
    with pytest.raises(PhraseError):
        read_phrase(None, CTX_001)  # type: ignore[arg-type]


# --- refused, never guessed: quarters, years, ends, months, durations ------------------------
# Each of these was read wrongly once (a quarter as the whole year, a range or a duration
# silently dropped); now each is a PhraseError whose reason says why.

@pytest.mark.parametrize("phrase", [
    "quý V/2024", "Quý X/2024", "Quý V năm 2024", "quý IIII năm 2024", "quý 5/2024",
    "quý 0 năm 2024", "Quý II, V năm 2024", "Quý II - V năm 2024", "Quý II, 5 năm 2024",
    "Quý II và quý VI năm 2024", "từ quý II đến quý V năm 2024", "từ Quý II đến quý V",
    "Q5 2024", "Q 5 2024", "Q0 2024", "QV 2024", "quarter 5", "quarter V 2024", "Q2 - Q5 2024",
    "fifth quarter of 2024", "5th quarter of 2024", "0th quarter of 2024",
])
def test_quarters_are_one_to_four(phrase: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, CTX_001)
    assert "does not exist (quarters are I to IV)" in info.value.reason.render("en")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("quý 02/2024", ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("Q 2 2024", ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("QII 2024", ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("quarter II 2024", ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("Quý II, 2024", ("2024-04-01", "2024-06-30", "quarter", "text", "text")),
    ("Quý II và quý III năm 2024", ("2024-04-01", "2024-09-30", "quarter", "text", "text")),
    ("Quý IV, 15/12/2024", ("2024-10-01", "2024-12-31", "quarter", "text", "text")),
    # folded "quy vi" is "quý vị" (ladies and gentlemen), not quarter VI
    ("kinh gui quy vi dai bieu, trong thang 5/2024",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
])
def test_quarters_that_exist(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


@pytest.mark.parametrize(("phrase", "reason"), [
    ("từ năm 1900 đến năm 9999", "year 9999 is out of range (years are 1 to 9998)"),
    ("từ năm 1900 đến năm 10000", "year 10000 is out of range (years are 1 to 9998)"),
    ("từ 2022 đến 9999", "year 9999 is out of range"),
    ("giai đoạn 2022 - 9999", "year 9999 is out of range"),
    ("from 2022 to 9999", "year 9999 is out of range"),
    ("trong năm 2023, 9999", "year 9999 is out of range"),
    ("năm 2023 và 20245", "year 20245 is out of range"),
    ("ngày 7 tháng 5 năm 9999", "year 9999 is out of range"),
    ("tháng 5 năm 9999", "year 9999 is out of range"),
    ("Quý II năm 9999", "year 9999 is out of range"),
    ("May 9999", "year 9999 is out of range"),
    ("15 May 9999", "year 9999 is out of range"),
    ("Q2 9999", "year 9999 is out of range"),
    ("5/20245", "year 20245 is out of range"),
    ("0000-05-07", "year 0 is out of range"),
    ("năm 0000", "year 0 is out of range"),
    ("ngày 7 tháng 5 năm 24", "write the year in full"),
    ("trong năm 24", "write the year in full"),
])
def test_years_lie_in_the_supported_range(phrase: str, reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, CTX_001)
    assert reason in info.value.reason.render("en")


def test_years_at_the_ends_of_the_range_are_read() -> None:
    assert read("15/12/0022") == ("0022-12-15", "0022-12-15", "day", "text", "text")
    assert read("năm 0001") == ("0001-01-01", "0001-12-31", "year", "text", "text")
    assert read("trong năm 9998") == ("9998-01-01", "9998-12-31", "year", "text", "text")
    assert read("từ năm 1900 đến năm 9998") == (
        "1900-01-01", "9998-12-31", "year", "text", "text")


@pytest.mark.parametrize(("phrase", "reason"), [
    # an end (or start) the text gives is never dropped to close the range from the context
    ("từ năm 2022 đến năm 20245", "year 20245 is out of range"),
    ("từ 2022 đến 99999", "a time after 'đến' that cannot be read ('99999')"),
    ("giai đoạn 2022 - 99999", "a time after '-' that cannot be read ('99999')"),
    ("từ tháng 3/2024 đến tháng sau", "a time after 'đến' that cannot be read ('tháng sau')"),
    ("từ tháng 5/2024 đến tháng", "a time after 'đến' that cannot be read ('tháng')"),
    ("từ năm nay đến năm 2025", "a time after 'từ' that cannot be read ('năm nay …')"),
    ("từ ngày 22/4/2024 đến ngày khai mạc",
     "a time after 'đến' that cannot be read ('ngày khai …')"),
    ("from May 2024 to month 13", "a time after 'to' that cannot be read ('month 13')"),
    # a month out of range is never left out of a list or a range
    ("trong tháng 10, 13", "13 is not a month"),
    ("tháng 10 và 13/2024", "13 is not a month"),
    ("tháng 10 - 13", "13 is not a month"),
    ("từ tháng 10 đến tháng 13", "13 is not a month"),
    ("tháng 10, tháng 13 năm 2024", "13 is not a month"),
    ("13 tháng đầu năm 2024", "13 months do not fit in one year"),
    ("0 tháng cuối năm 2024", "0 months do not fit in one year"),
])
def test_nothing_written_is_dropped(phrase: str, reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, CTX_001)
    assert reason in info.value.reason.render("en")


@pytest.mark.parametrize(("phrase", "expected"), [
    # connectors before words that are not times stay words
    ("từ Hà Nội đến Nam Định trong tháng 5/2024",
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("từ ngày đầu tháng 3 đến hết tháng 5/2024",
     ("2024-03-01", "2024-05-31", "month", "text", "text")),
    ("báo cáo trước 16 giờ ngày 20/12/2023",
     ("2023-12-20", "2023-12-20", "day", "text", "text")),
    ("trong tháng 11, 12 ngày đêm", ("2024-11-01", "2024-12-31", "month", "text", "text")),
    ("1000 năm Thăng Long năm 2010", ("2010-01-01", "2010-12-31", "year", "text", "text")),
    # a document's number is no year ("số 3456/KH-UBND", "12/2022/NĐ-CP")
    ("Kế hoạch số 3456/KH-UBND ngày 23/3/2024",
     ("2024-03-23", "2024-03-23", "day", "text", "text")),
    ("Nghị định số 12/2022/NĐ-CP ngày 17/2/2022",
     ("2022-02-17", "2022-02-17", "day", "text", "text")),
])
def test_words_beside_times_are_still_words(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("từ tháng 5/2024 đến hết năm", ("2024-05-01", "2024-12-31", "year", "text", "text")),
    ("từ 15/5/2024 đến tháng 5", ("2024-05-15", "2024-05-31", "month", "text", "text")),
    ("từ tháng 11/2024 đến tháng 2", ("2024-11-01", "2025-02-28", "month", "text", "text")),
])
def test_an_end_without_a_year_is_not_moved_a_year_on(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


@pytest.mark.parametrize(("phrase", "days"), [
    ("05 ngày từ ngày 22/4/2024", 5),
    ("999 ngày từ ngày 22/4/2024", 999),
    ("1000 ngày từ ngày 22/4/2024", 1000),
    ("3650 ngày, từ ngày 22/4/2024", 3650),
    ("1000 days from 22 April 2024", 1000),
])
def test_durations_are_honoured(phrase: str, days: int) -> None:
    w = read_phrase(phrase, CTX_001)
    assert w.start == date(2024, 4, 22) and w.end == date(2024, 4, 22) + timedelta(days - 1)
    assert (w.start_from, w.end_from) == (Closure.TEXT, Closure.TEXT)


def test_a_duration_closes_an_open_start() -> None:
    assert read("5 ngày đến ngày 26/4/2024") == (
        "2024-04-22", "2024-04-26", "day", "text", "text")
    assert read("05 ngày, từ ngày 22/4/2024 đến ngày 26/4/2024") == (
        "2024-04-22", "2024-04-26", "day", "text", "text")


@pytest.mark.parametrize(("phrase", "ctx", "reason"), [
    ("99999999 ngày từ ngày 22/4/2024", CTX_001, "more than 3650 days"),
    ("99999999999999999999 ngày từ ngày 22/4/2024", CTX_001, "more than 3650 days"),
    ("3651 ngày từ ngày 22/4/2024", CTX_001, "more than 3650 days"),
    ("5000 days from 22 April 2024", CTX_001, "more than 3650 days"),
    ("10000 ngày đến ngày 26/4/2024", CTX_001, "more than 3650 days"),
    ("0 ngày từ ngày 22/4/2024", CTX_001, "a duration of no days"),
    ("3650 ngày từ ngày 22/4/9998", CTX_001,
     "3649 days fall after 22/04/9998, outside the years 1 to 9998"),
    ("5 ngày đến ngày 3/1/0001", CTX_001,
     "4 days fall before 03/01/0001, outside the years 1 to 9998"),
    ("trước ngày 1/1/0001", CTX_001, "1 day falls before 01/01/0001, outside the years"),
    ("sau ngày 31/12/9998", CTX_001, "1 day falls after 31/12/9998, outside the years"),
    ("từ tháng 9/9998", PhraseContext(anniversary=date(9999, 1, 1)),
     "it would end on 01/01/9999, outside the years 1 to 9998"),
])
def test_durations_and_shifts_stay_in_range(phrase: str, ctx: PhraseContext,
                                            reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, ctx)
    assert reason in info.value.reason.render("en")


# --- the Window -----------------------------------------------------------------------------

def test_as_json() -> None:
    w = read_phrase("triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022", CTX_000)
    data = w.as_json()
    assert data == {
        "phrase": "triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022",
        "start": "2022-11-21", "end": "2022-12-18", "precision": "month-part", "rrule": None,
        "start_from": "text", "end_from": "anniversary",
        "peak": {"phrase": "triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022",
                 "start": "2022-12-15", "end": "2022-12-18", "precision": "day", "rrule": None,
                 "start_from": "text", "end_from": "anniversary", "peak": None},
    }
    json.dumps(data)
    undated = read_phrase("theo chỉ đạo của Thành phố").as_json()
    assert undated["start"] is None and undated["end"] is None
    assert undated["precision"] == "undated"


def test_window_invariants() -> None:
    with pytest.raises(ValueError):
        Window("x", date(2024, 5, 2), date(2024, 5, 1), Precision.DAY, Closure.TEXT, Closure.TEXT)
    with pytest.raises(ValueError):
        Window("x", date(2024, 5, 2), None, Precision.DAY, Closure.TEXT, Closure.TEXT)
    w = Window("x", date(2024, 5, 1), date(2024, 5, 1), Precision.DAY, Closure.TEXT,
               Closure.TEXT)
    assert not w.undated
    with pytest.raises(AttributeError):
        w.start = None  # type: ignore[misc]
    assert [p.rank for p in Precision] == sorted(p.rank for p in Precision)


def test_phrase_is_kept_as_written() -> None:
    phrase = "  (*triển khai trong tháng 12/2022*).  "
    assert read_phrase(phrase, CTX_000).phrase == phrase


# --- speed and imports -----------------------------------------------------------------------

def test_thousands_of_phrases_per_second() -> None:
    phrases = [p for p, _, _ in SEED_000 + SEED_001 + SEED_003 if "từ nay" not in p]
    phrases += [vi for vi, _, c, _ in FORMS if c not in ("000+issued", "001+plan")]
    phrases += [en for _, en, c, _ in FORMS if c not in ("000+issued", "001+plan")]
    n = 0
    begin = time.perf_counter()
    while n < 3000:
        for p in phrases:
            read_phrase(p, CTX_001)
            n += 1
    elapsed = time.perf_counter() - begin
    assert n / elapsed > 1000, f"{n / elapsed:.0f} phrases per second"


def test_no_heavy_imports() -> None:
    code = ("import sys, scheduler.plans; before = set(sys.modules); "
            "import scheduler.plans.phrases; "
            "new = set(sys.modules) - before; "
            "print(sorted(m for m in new if m.split('.')[0] not in sys.stdlib_module_names))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert all(m.startswith("scheduler") for m in eval(done.stdout))  # noqa: S307


# --- hypothesis ------------------------------------------------------------------------------

FRAGMENTS = [
    "từ", "đến", "tới", "ngày", "tháng", "năm", "quý", "Quý", "II", "IV", "cuối", "đầu", "giữa",
    "hết", "trước", "sau", "và", "trong", "cao điểm", "định kỳ", "hàng tháng", "hằng quý",
    "hàng tuần", "thứ sáu", "dịp kỷ niệm", "từ nay", "theo chỉ đạo của Thành phố", "đặc biệt là",
    "trước và trong", "thượng tuần", "chậm nhất", "from", "to", "until", "by", "before", "and",
    "on the anniversary", "peak", "monthly", "weekly", "yearly", "early", "mid", "late",
    "end of", "the", "May", "December", "Q", "th", "days", "TBD", "thang", "den", "tu",
    "15", "7", "0", "00", "31", "29", "2", "12", "13", "20", "2022", "2024", "1972", "9999",
    "0000", "05", "/", "-", "–", "—", ",", ".", "(", ")", "*", "_", "ngày đêm",
    "2024-05-07", "15.12.2023", "22-26/4/2024", "18/12/1972 - 18/12/2022", "năm 2023, 2024",
    # what once read wrongly: other Roman numerals, huge numbers, the ends of YEARS
    "V", "X", "VI", "IIII", "Q5", "quarter", "fifth", "1", "4", "5", "99999999", "10000",
    "0001", "9998", "3650", "3651", "20245", "năm 9999", "năm 0", "tháng 13", "tháng sau",
    "năm nay", "ngày khai mạc", "Nam", "quy", "số 3456/KH-UBND", "days from",
    # weeks, focus words, the plan's own events
    "tuần", "tuần đầu", "tuần cuối", "tuần thứ hai", "tuần thứ năm", "tiên", "của", "cùng",
    "first week of", "last week of", "fifth week of", "trọng tâm", "trọng tâm là",
    "focusing on", "trong thời gian cao điểm", "during the peak", "khi tổ chức",
    "các hoạt động kỷ niệm", "trong dịp kỷ niệm", "Lễ kỷ niệm", "trước, trong và sau",
    "sau khi kết thúc", "trong đợt kỷ niệm", "before the ceremony", "after the commemoration",
    "the commemorations end", "05 ngày",
    # named days (named.py)
    "Tết", "Tết Nguyên đán", "Quốc khánh", "Giỗ Tổ Hùng Vương", "Ất Tỵ", "Giáp Thìn", "2/9",
    "Tết trồng cây", "Tết âm lịch", "âm lịch",
]
#: Realistic days, and any day of the datetime module (1/1/0001 … 31/12/9999).
ANY_DAY = st.dates(date(1000, 1, 1), date(2999, 12, 31)) | st.dates()
#: Realistic days, and any day of the supported years (1/1/0001 … 31/12/9998).
SUPPORTED_DAY = st.dates(date(1000, 1, 1), date(2999, 12, 31)) | st.dates(
    date(YEARS.start, 1, 1), date(YEARS.stop - 1, 12, 31))
#: A plan's campaign or peak: any days (ordered), or undated.
PLAN_WINDOW = st.tuples(ANY_DAY, ANY_DAY).map(lambda ab: Window(
    "plan", min(ab), max(ab), Precision.DAY, Closure.TEXT, Closure.TEXT)) | st.just(
    Window("plan", None, None, Precision.UNDATED, Closure.TEXT, Closure.TEXT))
CONTEXTS = st.builds(
    PhraseContext,
    anniversary=st.none() | ANY_DAY,
    issued=st.none() | ANY_DAY,
    campaign_end=st.none() | ANY_DAY,
    year=st.none() | st.integers(-5, 10000),
    campaign=st.none() | PLAN_WINDOW,
    peak=st.none() | PLAN_WINDOW,
)
fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "", "  ", ", "]), min_size=len(parts),
                           max_size=len(parts)).map(
        lambda seps: "".join(s + p for s, p in zip(seps, parts, strict=True))))


def check_window(w: Window) -> None:
    if w.undated:
        assert w.end is None and w.precision is Precision.UNDATED
        return
    assert w.start is not None and w.end is not None and w.start <= w.end
    assert w.start.year in YEARS and w.end.year in YEARS
    if w.peak is not None:
        assert w.peak.start is not None and w.peak.end is not None
        assert w.start <= w.peak.start <= w.peak.end <= w.end
    if w.rrule is not None:
        first = next(iter(rrulestr(w.rrule, dtstart=midnight(w.start))))
        assert first.date() == w.start


def read_or_phrase_error(text: str, ctx: PhraseContext) -> Window | None:
    """The window, checked; None for a PhraseError (and nothing else) with a real reason."""
    try:
        w = read_phrase(text, ctx)
    except PhraseError as exc:
        reason = exc.reason.render("en")
        assert reason and not reason.startswith("internal error"), reason
        return None
    check_window(w)
    return w


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), CONTEXTS)
@example("từTBD0000-22-26/4/2024the0", PhraseContext())
@example("ngày 29/2 hàng năm", PhraseContext(year=2023))
def test_any_text_gives_a_window_or_a_phrase_error(text: str, ctx: PhraseContext) -> None:
    read_or_phrase_error(text, ctx)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text, CONTEXTS)
@example("quý V/2024", CTX_001)
@example("từ năm 1900 đến năm 9999", CTX_001)
@example("99999999 ngày từ ngày 22/4/2024", CTX_001)
@example("hàng tháng", PhraseContext(year=1))
def test_fragment_text_gives_a_window_or_a_phrase_error(text: str, ctx: PhraseContext) -> None:
    read_or_phrase_error(text, ctx)


# The reader's own vocabulary with random numbers: huge, zero, Roman numerals, the years
# around YEARS. Whatever is read must be what was written: no end, duration, quarter or year
# may be dropped or changed to make a window.
NUMBER = st.one_of(st.integers(0, 40), st.integers(0, 10**12), st.sampled_from(
    [0, 1, 4, 5, 12, 13, 31, 32, 99, 999, 1000, 2024, 3650, 3651, 9998, 9999, 10000, 99999999]))
YEAR = st.one_of(st.integers(1, 9998).map(lambda y: f"{y:04d}"), NUMBER.map(str),
                 st.sampled_from(["0000", "0001", "9998", "9999", "10000", "2024"]))
QUARTER = st.sampled_from(["I", "II", "III", "IV", "V", "VI", "IX", "X", "IIII", "MMXXIV"]) | (
    NUMBER.map(str))
#: (template, what it is) by language: "day" is one day, "quarter" quarter ``{q}`` (or
#: ``{n}``); every one is in the year ``{y}``. English words are words in Vietnamese phrases.
TIMES = {
    "vi": [("ngày {d}/{m}/{y}", "day"), ("ngày {d} tháng {m} năm {y}", "day"),
           ("tháng {m}/{y}", "month"), ("cuối tháng {m}/{y}", "month"), ("năm {y}", "year"),
           ("Quý {q}/{y}", "quarter"), ("quý {q} năm {y}", "quarter")],
    "en": [("{d} May {y}", "day"), ("{d}/{m}/{y}", "day"), ("May {y}", "month"),
           ("late May {y}", "month"), ("quarter {q} of {y}", "quarter"),
           ("Q{n} {y}", "quarter"), ("Q{q} {y}", "quarter")],
}
RANGES = {"vi": ["từ {a} đến {b}", "{a} - {b}", "từ {a} tới {b}"],
          "en": ["from {a} to {b}", "{a} - {b}", "from {a} until {b}"]}
DURATIONS = {"vi": ["{n} ngày từ {a}", "{n} ngày, từ {a}"], "en": ["{n} days from {a}"]}
LANGS = st.sampled_from(["vi", "en"])
Time = tuple[str, str, dict[str, str]]


@st.composite
def vocabulary_time(draw: st.DrawFn, lang: str) -> Time:
    template, what = draw(st.sampled_from(TIMES[lang]))
    values = {"d": str(draw(NUMBER)), "m": str(draw(NUMBER)), "y": draw(YEAR),
              "q": draw(QUARTER), "n": str(draw(NUMBER))}
    values["quarter"] = values["n"] if "{n}" in template else values["q"]
    return template.format(**values), what, values


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LANGS.flatmap(vocabulary_time))
@example(("quý V/2024", "quarter", {"quarter": "V", "y": "2024"}))
@example(("năm 9999", "year", {"y": "9999"}))
@example(("ngày 100/1/2024", "day", {"y": "2024"}))
def test_vocabulary_times_read_as_written(time: Time) -> None:
    text, what, values = time
    w = read_or_phrase_error(text, CTX_001)
    if w is None:
        return
    assert w.start is not None and w.end is not None
    assert (w.start_from, w.end_from) == (Closure.TEXT, Closure.TEXT)
    assert w.start.year == w.end.year == int(values["y"])  # the year written, never another
    if what == "day":
        assert w.start == w.end
    if what == "quarter":
        assert values["quarter"] in ("I", "II", "III", "IV", "1", "2", "3", "4")
        assert w.precision is Precision.QUARTER


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LANGS.flatmap(lambda lang: st.tuples(vocabulary_time(lang), vocabulary_time(lang),
                                            st.sampled_from(RANGES[lang]))), CONTEXTS)
@example((("năm 1900", "year", {"y": "1900"}), ("năm 9999", "year", {"y": "9999"}),
          "từ {a} đến {b}"), CTX_001)
def test_vocabulary_ranges_keep_both_ends(ab: tuple[Time, Time, str],
                                          ctx: PhraseContext) -> None:
    a, b, style = ab
    w = read_or_phrase_error(style.format(a=a[0], b=b[0]), ctx)
    if w is not None:  # both ends from the text: neither was dropped for the context's
        assert (w.start_from, w.end_from) == (Closure.TEXT, Closure.TEXT)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NUMBER, LANGS.flatmap(lambda lang: st.tuples(vocabulary_time(lang),
                                                    st.sampled_from(DURATIONS[lang]))), CONTEXTS)
@example(99999999, (("ngày 22/4/2024", "day", {"y": "2024"}), "{n} ngày từ {a}"), CTX_001)
def test_vocabulary_durations_are_honoured(n: int, a_style: tuple[Time, str],
                                           ctx: PhraseContext) -> None:
    a, style = a_style
    w = read_or_phrase_error(style.format(n=n, a=a[0]), ctx)
    if w is not None and w.start is not None and w.end is not None:
        assert 1 <= n <= 3650 and (w.end - w.start).days + 1 == n
        assert w.end_from is Closure.TEXT


def _fmt(d: date, pad: bool) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if pad else f"{d.day}/{d.month}/{d.year:04d}"


RANGE_STYLES = [
    "từ ngày {a} đến ngày {b}", "từ {a} đến {b}", "{a} - {b}", "{a}-{b}", "{a} – {b}",
    "({a} — {b})", "from {a} to {b}", "from {a} until {b}", "*triển khai từ ngày {a} đến {b}*.",
]


@settings(max_examples=300, deadline=None)
@given(SUPPORTED_DAY, SUPPORTED_DAY,
       st.sampled_from(RANGE_STYLES), st.booleans(), CONTEXTS)
def test_day_ranges_round_trip(a: date, b: date, style: str, pad: bool,
                               ctx: PhraseContext) -> None:
    a, b = min(a, b), max(a, b)
    pair = (a.day, a.month) == (b.day, b.month) and b.year - a.year >= 2
    w = read_phrase(style.format(a=_fmt(a, pad), b=_fmt(b, pad)), ctx)
    assert (w.start, w.end) == ((b, b) if pair else (a, b))
    assert (w.precision, w.start_from, w.end_from) == (Precision.DAY, Closure.TEXT, Closure.TEXT)


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


@settings(max_examples=300, deadline=None)
@given(SUPPORTED_DAY, st.integers(0, 3), CONTEXTS)
def test_single_days_and_months_round_trip(d: date, style: int, ctx: PhraseContext) -> None:
    text = [f"ngày {d.day} tháng {d.month} năm {d.year:04d}", f"ngày {_fmt(d, True)}",
            f"{d.day} {MONTHS_EN[d.month - 1]} {d.year:04d}", d.isoformat()][style]
    assert (read_phrase(text, ctx).start, read_phrase(text, ctx).end) == (d, d)
    month = read_phrase(f"trong tháng {d.month}/{d.year:04d}", ctx)
    last = (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    assert (month.start, month.end, month.precision) == (d.replace(day=1), last,
                                                         Precision.MONTH)


def test_a_phrase_read_again_in_another_context_is_read_for_that_context() -> None:
    """Readings are kept per phrase and context (plans repeat their phrases): the kept one
    must never answer for another plan's context, nor swallow an error."""
    first = read_phrase("cuối tháng 11", PhraseContext(year=2024))
    assert read_phrase("cuối tháng 11", PhraseContext(year=2024)) == first
    other = read_phrase("cuối tháng 11", PhraseContext(year=2025))
    assert (first.start, other.start) == (date(2024, 11, 21), date(2025, 11, 21))
    issued = read_phrase("từ nay đến hết tháng 5/2024", PhraseContext(issued=date(2024, 3, 2)))
    assert issued.start == date(2024, 3, 2)
    for _ in range(2):
        with pytest.raises(PhraseError) as info:
            read_phrase("từ nay đến hết tháng 5/2024", PhraseContext())
        assert "issue date" in info.value.reason.render("en")


def test_one_scan_serves_every_context() -> None:
    """Regression (issue 11): a text is scanned once for all contexts; a reading that sets
    the missing years must not leave them on the shared scan for the next context."""
    text = "từ tháng 11 đến hết tháng 12, cao điểm từ 15/12 đến 20/12"
    years = [2022, 2030, 2022, 2026]
    found = [read(text, PhraseContext(year=y))[:2] for y in years]
    assert found == [(f"{y}-11-01", f"{y}-12-31") for y in years]
    peaks = [read_phrase(text, PhraseContext(year=y)).peak for y in years]
    assert [p.start for p in peaks if p] == [date(y, 12, 15) for y in years]
