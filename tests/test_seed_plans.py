"""The three seed plans in format 1, read as a careful human reads the original KẾ HOẠCH text.

These are the format 1 encodings that shipped before plan format 2
(tests/fixtures/plans/format1/): format 1 files keep working unchanged. The bundled plans in
data/plans/ are now format 2 (tests/test_seed_plans_format2.py).

Every activity of data/plans/*.yaml has one row below: the window a reader of the seed text
(/work/shared/seeds/*.txt) gives it, written out by hand from the text and the rules in
scheduler/plans/phrases/, never copied from the code's output. (Where the code or the plan's
YAML encoding disagreed, the encoding was fixed: IV.8 and IV.11 of seed 003.)

Context the rows rely on:

* 000 (quan-dbp-tren-khong-50-2022): anniversary 18/12/2022; no issue date is written, but the
  plan implements Kế hoạch 80-KH/TU of 26/05/2022, so "từ nay" starts 26/05/2022; open ends
  ("triển khai từ tháng 9/2022") close on the anniversary.
* 001 (phuong-dien-bien-phu-70-2024): anniversary 07/05/2024; implements 146-KH/TU of
  18/03/2024. Section II.4 "diễn ra trong năm 2024, trong đó cao điểm từ đầu tháng 3 đến hết
  tháng 5/2024" is the time of every activity that gives none of its own.
* 003 (thanh-xuan-giai-phong-thu-do-70-2024): anniversary 10/10/2024; implements documents of
  22/03 and 23/03/2024 (its own date is left blank), so the monthly report "định kỳ hàng tháng
  (trước ngày 20)" (the 19th) first falls on 19/04/2024 and runs to the end of 2024.
* Month parts: đầu 1–10, giữa 11–20, cuối 21–end. "vào dịp kỷ niệm" is the anniversary day.
* Report/deadline due days move to the previous working day (Vietnamese calendar).

Rows marked "no time of its own" are bullets whose seed text gives no time; the YAML borrows
the time of a related section (its ``notes`` say which), and the row holds that borrowed
phrase read correctly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scheduler.items import Item, of
from scheduler.plans.load import load_plans
from scheduler.plans.model import DUE_KINDS
from scheduler.plans.window import Precision
from scheduler.plans.workdays import is_working_day
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

FORMAT1 = Path(__file__).parent / "fixtures" / "plans" / "format1"

REGISTRY = load_registry([bundled_path()])
PLANS = {p.id: p for p in load_plans(sorted(Path(FORMAT1).glob("*.yaml")),
                                     REGISTRY)}
ITEMS = of(PLANS.values())
BY_UID: dict[str, Item] = {i.uid: i for i in ITEMS}

P000 = "quan-dbp-tren-khong-50-2022"
P001 = "phuong-dien-bien-phu-70-2024"
P003 = "thanh-xuan-giai-phong-thu-do-70-2024"

DAY, PART, MONTH, YEAR, UNDATED = (Precision.DAY, Precision.MONTH_PART, Precision.MONTH,
                                   Precision.YEAR, Precision.UNDATED)


def d(text: str) -> date:
    """A day-first date, "31/08/2022"."""
    day, month, year = (int(x) for x in text.split("/"))
    return date(year, month, day)


def rows(plan: str, *table: Any) -> list[Any]:
    """Each row as a pytest.param prefixed with its plan id (a pytest.param keeps its marks)."""
    out: list[Any] = []
    for row in table:
        values, marks = (row.values, row.marks) if hasattr(row, "marks") else (row, ())
        out.append(pytest.param(plan, *values, marks=marks, id=f"{plan}/{values[0]}"))
    return out


# Row: activity id, start, end, precision, peak (start, end) or None, rrule or None,
# due day after the working-day shift (report/deadline kinds) or None.
# 2022: "trong tháng 11, 12/2022" = 1/11–31/12; "từ tháng 9/2022" = 1/9 – anniversary 18/12.
NOV_DEC = (d("01/11/2022"), d("31/12/2022"), MONTH, None, None, None)
DEC = (d("01/12/2022"), d("31/12/2022"), MONTH, None, None, None)
FROM_SEP = (d("01/09/2022"), d("18/12/2022"), MONTH, None, None, None)
FROM_NOW = (d("26/05/2022"), d("31/12/2022"), MONTH, None, None, None)
NOV_TO_30_DEC = (d("01/11/2022"), d("30/12/2022"), MONTH, None, None, None)
NONE = (None, None, UNDATED, None, None, None)

SEED_000 = rows(
    P000,
    # II.1 "(triển khai trong tháng 11 đến 30/12/2022)"
    ("tt-sau-rong", *NOV_TO_30_DEC),
    # II.1 "(triển khai trong tháng 10, 11/2022)": the hull of the two months
    ("hoi-nghi-bao-cao-vien", d("01/10/2022"), d("30/11/2022"), MONTH, None, None, None),
    # II.1 "(triển khai trong tháng 11, 12/2022)"
    ("tt-cong-ttdt-dai-truyen-thanh", *NOV_DEC),
    # II.1 "(triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022)": from 21/11; the open peak
    # closes on the anniversary 18/12 and the activity runs on through it.
    ("tt-co-dong-truc-quan", d("21/11/2022"), d("18/12/2022"), PART,
     (d("15/12/2022"), d("18/12/2022")), None, None),
    # II.2 "(triển khai trong tháng 11, 12/2022)"
    ("van-hoa-van-nghe-the-thao", *NOV_DEC),
    # II.2 "(triển khai từ nay đến tháng 12/2022)": from 26/05/2022 (80-KH/TU) to 31/12
    ("tu-bo-di-tich", *FROM_NOW),
    # II.3: the section's time "(triển khai trong tháng 12/2022)", written after its 2nd bullet
    ("tri-an-tham-hoi-ccb-don-vi", *DEC),
    ("tham-hoi-gia-dinh-chinh-sach", *DEC),
    # II.4 "*(theo chỉ đạo của Thành phố)*"
    ("le-ky-niem", *NONE),
    # III.1: no time of its own (borrows tt-sau-rong)
    ("btg-huong-dan-tuyen-truyen", *NOV_TO_30_DEC),
    # III.1: no time of its own (borrows tt-cong-ttdt-dai-truyen-thanh)
    ("btg-cong-ttdt-fanpage", *NOV_DEC),
    # III.1: no time of its own (borrows "triển khai từ tháng 9/2022" of III.3/III.4)
    ("btg-phan-cong-lanh-dao", *FROM_SEP),
    # III.1 "*(theo chỉ đạo của Thành phố)*"
    ("btg-giao-duc-truyen-thong-truong-hoc", *NONE),
    # III.2: no time of its own (borrows "từ tháng 9/2022")
    ("ban-xd-dang-huong-dan-kiem-tra", *FROM_SEP),
    # III.3 "*(báo cáo Ban Thường vụ Quận ủy cuối tháng 8/2022)*": 21–31/08; due Wed 31/08/2022,
    # a working day (the 2022 National Day break was Thu 1/9 – Sun 4/9): not moved.
    ("ubnd-ke-hoach-tong-the", d("21/08/2022"), d("31/08/2022"), PART, None, None,
     d("31/08/2022")),
    # III.3: no time of its own (borrows "từ tháng 9/2022")
    ("ubnd-chi-dao-ke-hoach", *FROM_SEP),
    # III.3 "(theo chỉ đạo của Thành phố)"
    ("ubnd-tham-muu-le-ky-niem", *NONE),
    # III.3: no time of its own (borrows II.2 "từ nay đến tháng 12/2022")
    ("ubnd-tu-bo-di-tich-cong-trinh", *FROM_NOW),
    # III.3: no time of its own (borrows II.3 "trong tháng 12/2022")
    ("ubnd-tham-don-vi-quan-doi", *DEC),
    # III.3 "(triển khai từ tháng 9/2022)"; "tháng 12 năm 1972" is history, not the window
    ("ubnd-giao-luu-tri-an", *FROM_SEP),
    # III.4 heading "(triển khai từ tháng 9/2022), trong đó:" covers the Đoàn and Hội CCB items
    ("mttq-sinh-hoat-chinh-tri", *FROM_SEP),
    ("doan-cuoc-thi-tim-hieu", *FROM_SEP),
    ("doan-cong-trinh-thanh-nien", *FROM_SEP),
    ("ccb-giao-luu-den-on-dap-nghia", *FROM_SEP),
    ("ccb-gap-mat-tham-hoi", *FROM_SEP),
    # III.5: no time of its own (borrows III.3 "từ tháng 9/2022" for the same giao lưu)
    ("dqs-giao-luu-nhan-chung", *FROM_SEP),
    # III.5: no time of its own (borrows II.3 "trong tháng 12/2022")
    ("dqs-tham-hoi-si-quan-don-vi", *DEC),
    ("bchqs-tang-qua-tri-an", *DEC),
    # III.6: no time of its own (borrows "từ tháng 9/2022")
    ("co-so-ke-hoach-trien-khai", *FROM_SEP),
)

# 2024 (001): "trong năm 2024" = the calendar year; "vào dịp kỷ niệm" = 07/05/2024.
YEAR_2024 = (d("01/01/2024"), d("31/12/2024"), YEAR, None, None, None)
APRIL_2024 = (d("01/04/2024"), d("30/04/2024"), MONTH, None, None, None)

SEED_001 = rows(
    P001,
    # II.3.1–II.3.5: no time of their own; II.4 "diễn ra trong năm 2024" applies
    ("doan-chien-sy-nho-dien-bien", *YEAR_2024),
    ("doan-cuoc-thi-tim-hieu", *YEAR_2024),
    ("truong-cuoc-thi-sang-tac-ve-tranh", *YEAR_2024),
    ("bchqs-gap-mat-ccb-tnxp", *YEAR_2024),
    ("bchqs-tri-an-tham-hoi", *YEAR_2024),
    ("bchqs-nha-dai-doan-ket", *YEAR_2024),
    # II.3.4 "... trong năm 2024" (written)
    ("thi-dua-chao-mung", *YEAR_2024),
    ("ubnd-van-hoa-van-nghe-the-thao", *YEAR_2024),
    # II.3.6
    ("bbt-tuyen-truyen-chao-mung", *YEAR_2024),
    ("tt-internet-mang-xa-hoi", *YEAR_2024),
    # "tăng cường báo cáo, nói chuyện truyền thống vào dịp kỷ niệm": the anniversary day
    ("bcv-noi-chuyen-truyen-thong", d("07/05/2024"), d("07/05/2024"), DAY, None, None, None),
    ("treo-co-khau-hieu", *YEAR_2024),
    # "... sinh hoạt chuyên đề ... **trong tháng 4/2024** và Kỳ sinh hoạt chi bộ **tháng 5/2024**"
    ("sinh-hoat-chuyen-de-thang-4", *APRIL_2024),
    ("sinh-hoat-chi-bo-thang-5", d("01/05/2024"), d("31/05/2024"), MONTH, None, None, None),
    # II.4 "diễn ra trong năm 2024, trong đó cao điểm từ đầu tháng 3 đến hết tháng 5/2024"
    ("tuyen-truyen-ky-niem", d("01/01/2024"), d("31/12/2024"), YEAR,
     (d("01/03/2024"), d("31/05/2024")), None, None),
    # III.1: no time of their own; II.4 "trong năm 2024"
    ("ubnd-tham-muu-hoat-dong-ky-niem", *YEAR_2024),
    ("ubnd-chi-dao-treo-co", *YEAR_2024),
    ("ubnd-thi-dua-nam-tinh-hinh", *YEAR_2024),
    ("ubnd-tham-hoi-tri-an", *YEAR_2024),
    ("ubnd-tuyen-truyen-truc-quan-truyen-thanh", *YEAR_2024),
    # III.2 "tại Kỳ sinh hoạt chi bộ tháng 4": April of the plan's year 2024
    ("chi-bo-sinh-hoat-thang-4", *APRIL_2024),
    ("chi-bo-tuyen-truyen-zalo", *YEAR_2024),
    ("chi-bo-nhiem-vu-chinh-tri", *YEAR_2024),
    ("chi-bo-tham-hoi-tri-an", *YEAR_2024),
    # III.2 "đợt sinh hoạt chính trị tư tưởng": no time of its own (borrows II.3.6 tháng 4/2024)
    ("chi-bo-sinh-hoat-chinh-tri", *APRIL_2024),
    # III.3: no time of their own; II.4 "trong năm 2024"
    ("btg-huong-dan-tuyen-truyen", *YEAR_2024),
    ("btg-bcd35-khong-gian-mang", *YEAR_2024),
    ("btg-theo-doi-don-doc", *YEAR_2024),
    # III.3 "báo cáo kết quả thực hiện ... theo quy định": undated report, no due day
    ("btg-bao-cao-ket-qua", *NONE),
)

# 2024 (003): "trong năm 2024" = the calendar year; "vào dịp kỷ niệm" = 10/10/2024 (a Thursday,
# a working day: a deadline on it does not move).
ANNIV_003 = (d("10/10/2024"), d("10/10/2024"), DAY, None, None, None)

SEED_003 = rows(
    P003,
    # III. Kinh phí: no time of their own; the plan's year
    ("kinh-phi-can-doi-bo-tri", *YEAR_2024),
    ("kinh-phi-du-tru-phat-sinh", *YEAR_2024),
    # IV.1
    ("vhtt-thuong-truc-tong-hop", *YEAR_2024),
    ("vhtt-thong-tin-tuyen-truyen", *YEAR_2024),  # "... trong năm 2024" (written)
    ("vhtt-di-tich", *YEAR_2024),
    ("vhtt-de-xuat-khen-thuong", *YEAR_2024),
    ("vhtt-nhiem-vu-khac", *YEAR_2024),
    # IV.2 decoration: no time in the bullet; tied to the anniversary
    ("ttvh-trang-tri-truc-quan", *ANNIV_003),
    ("ttvh-van-hoa-van-nghe-the-thao", *YEAR_2024),  # "... trong năm 2024" (written)
    ("ttvh-clb-phong-truyen-thong", *YEAR_2024),
    # IV.3
    ("gddt-thong-tin-tuyen-truyen", *YEAR_2024),  # "... trong năm 2024" (written)
    ("gddt-tham-quan-di-tich", *YEAR_2024),
    ("gddt-nhiem-vu-khac", *YEAR_2024),
    # IV.4–IV.7
    ("nv-thi-dua-khen-thuong", *YEAR_2024),
    ("nv-nhiem-vu-khac", *YEAR_2024),
    ("ldtbxh-den-on-dap-nghia", *YEAR_2024),
    ("ldtbxh-nhiem-vu-khac", *YEAR_2024),
    ("qldt-chinh-trang-do-thi", *YEAR_2024),
    ("bqlda-ve-sinh-moi-truong", *YEAR_2024),
    # "hoàn thành công trình chào mừng kỷ niệm": a deadline on the anniversary, Thu 10/10/2024
    ("bqlda-cong-trinh-chao-mung", d("10/10/2024"), d("10/10/2024"), DAY, None, None,
     d("10/10/2024")),
    # IV.8 "Tham mưu UBND quận thông báo treo cờ Tổ quốc theo chỉ đạo của Thành phố": the text
    # times it only "theo chỉ đạo của Thành phố", an undated phrase (as in seed 000).
    ("vp-thong-bao-treo-co", *NONE),
    ("vp-chuan-bi-dieu-kien", *YEAR_2024),
    # IV.9–IV.10
    ("tckh-bo-tri-kinh-phi", *YEAR_2024),
    ("tckh-nhiem-vu-khac", *YEAR_2024),
    ("pb-tham-muu-thuc-hien", *YEAR_2024),
    ("pb-thong-tin-tuyen-truyen", *YEAR_2024),
    # IV.11 "trong dịp diễn ra các ngày kỷ niệm trong năm 2024, đặc biệt là dịp kỷ niệm 70 năm
    # ngày Giải phóng Thủ đô (10/10/1954-10/10/2024)": the year, with its peak on 10/10/2024.
    ("ca-bchqs-an-ninh-trat-tu", d("01/01/2024"), d("31/12/2024"), YEAR,
     (d("10/10/2024"), d("10/10/2024")), None, None),
    # IV.12–IV.13
    ("de-nghi-phoi-hop-thuc-hien", *YEAR_2024),
    ("de-nghi-huong-dan-tuyen-truyen", *YEAR_2024),
    ("phuong-van-hoa-tuyen-truyen", *YEAR_2024),
    ("phuong-khai-thac-di-tich", *YEAR_2024),
    # decoration and flags (flags "theo Thông báo của Quận"): tied to the anniversary
    ("phuong-trang-tri-treo-co", *ANNIV_003),
    ("phuong-an-ninh-ve-sinh", *YEAR_2024),
    # closing paragraph "định kỳ hàng tháng (trước ngày 20)": the 19th of each month, from the
    # first 19th after 23/03/2024 (19/04/2024) to 31/12/2024; due days are per instance
    # (see test_monthly_report_of_seed_003), the recurring item itself has none.
    ("bao-cao-dinh-ky-hang-thang", d("19/04/2024"), d("31/12/2024"), DAY, None,
     "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231", None),
)

ROWS = SEED_000 + SEED_001 + SEED_003


def test_every_activity_has_exactly_one_row() -> None:
    expected = sorted((str(r.values[0]), str(r.values[1])) for r in ROWS)
    actual = sorted((p.id, a.id) for p in PLANS.values() for a in p.activities)
    assert set(PLANS) == {P000, P001, P003}
    assert len(expected) == len(set(expected)) == 92
    assert actual == expected


@pytest.mark.parametrize(
    ("plan", "activity", "start", "end", "precision", "peak", "rrule", "due"),
    ROWS)
def test_seed_activity_window(plan: str, activity: str, start: date | None, end: date | None,
                              precision: Precision, peak: tuple[date, date] | None,
                              rrule: str | None, due: date | None) -> None:
    act = next(a for a in PLANS[plan].activities if a.id == activity)
    window = act.window
    assert (window.start, window.end, window.precision) == (start, end, precision)
    assert window.rrule == rrule
    assert (None if window.peak is None else (window.peak.start, window.peak.end)) == peak

    item = BY_UID[f"plan/{plan}/{activity}"]
    assert (item.start, item.end, item.rrule) == (start, end, rrule)
    peak_item = BY_UID.get(f"plan/{plan}/{activity}/peak")
    assert (None if peak_item is None else (peak_item.start, peak_item.end)) == peak
    if act.kind in DUE_KINDS and due is not None:
        assert item.due is not None
        assert (item.due.written, item.due.day) == (end, due)
    else:
        assert due is None
        assert item.due is None


# --- (1) dated or explicitly undated ---------------------------------------------------------

UNDATED_PHRASES = {"theo chỉ đạo của Thành phố", "theo quy định"}


def test_every_activity_is_dated_or_explicitly_undated() -> None:
    for plan in PLANS.values():
        for act in plan.activities:
            window = act.window
            if window.undated:
                assert window.phrase in UNDATED_PHRASES, (plan.id, act.id, window.phrase)
                assert window.precision is UNDATED and window.end is None
                assert BY_UID[f"plan/{plan.id}/{act.id}"].undated
            else:
                assert window.start is not None and window.end is not None, (plan.id, act.id)
                assert window.start <= window.end


@pytest.mark.parametrize(("plan", "undated"), [
    pytest.param(P000, {"le-ky-niem", "btg-giao-duc-truyen-thong-truong-hoc",
                        "ubnd-tham-muu-le-ky-niem"}, id=P000),
    pytest.param(P001, {"btg-bao-cao-ket-qua"}, id=P001),
    pytest.param(P003, {"vp-thong-bao-treo-co"}, id=P003),
])
def test_undated_activities(plan: str, undated: set[str]) -> None:
    assert {a.id for a in PLANS[plan].activities if a.window.undated} == undated
    assert {i.uid for i in ITEMS.undated() if i.uid.startswith(f"plan/{plan}/")} == {
        f"plan/{plan}/{a}" for a in undated}


# --- (2) the monthly report of seed 003 ------------------------------------------------------

def test_monthly_report_of_seed_003() -> None:
    uid = f"plan/{P003}/bao-cao-dinh-ky-hang-thang"
    found = [i for i in ITEMS.between(date(2024, 1, 1), date(2024, 12, 31))
             if i.uid.startswith(uid + "/")]
    # The 19th of each month from April (the first after 23/03/2024) through December 2024;
    # a 19th on a day off moves to the previous working day. No 2024 public holiday falls on a
    # 19th; the weekend ones are Sun 19/05 (→ Fri 17/05) and Sat 19/10 (→ Fri 18/10).
    expected = [
        (d("19/04/2024"), d("19/04/2024")),  # Fri
        (d("19/05/2024"), d("17/05/2024")),  # Sun → Fri
        (d("19/06/2024"), d("19/06/2024")),  # Wed
        (d("19/07/2024"), d("19/07/2024")),  # Fri
        (d("19/08/2024"), d("19/08/2024")),  # Mon
        (d("19/09/2024"), d("19/09/2024")),  # Thu
        (d("19/10/2024"), d("18/10/2024")),  # Sat → Fri
        (d("19/11/2024"), d("19/11/2024")),  # Tue
        (d("19/12/2024"), d("19/12/2024")),  # Thu
    ]
    assert [(i.start, i.due.day if i.due else None) for i in found] == expected
    assert [i.uid for i in found] == [f"{uid}/{w:%Y%m%d}" for w, _ in expected]
    for item, (written, day) in zip(found, expected, strict=True):
        assert item.start == item.end == written
        assert item.due is not None and item.due.written == written
        assert item.due.moved == (day != written)
        assert is_working_day(day)
        assert item.rrule is None
    assert not [i for i in ITEMS.between(date(2025, 1, 1), date(2025, 12, 31))
                if i.uid.startswith(uid)]


# --- (3) the seed 000 report "cuối tháng 8/2022" ---------------------------------------------

def test_seed_000_report_end_of_august_2022() -> None:
    # Wed 31/08/2022 was a working day: the 2022 National Day break was Thu 1/9 and Fri 2/9
    # (then the weekend), so the report due "cuối tháng 8/2022" stays on 31/08/2022.
    assert is_working_day(d("31/08/2022"))
    assert not is_working_day(d("01/09/2022")) and not is_working_day(d("02/09/2022"))
    item = BY_UID[f"plan/{P000}/ubnd-ke-hoach-tong-the"]
    assert (item.start, item.end) == (d("21/08/2022"), d("31/08/2022"))
    assert item.due is not None
    assert (item.due.written, item.due.day, item.due.moved) == (d("31/08/2022"),
                                                                d("31/08/2022"), False)
