"""Phrases relative to the plan's own events ("trong thời gian cao điểm", "trong dịp kỷ niệm",
"trước Lễ kỷ niệm"): the package docstring of scheduler/plans/phrases/, "Relative to the
plan's events".

The plan is seed 001's (07/05/2024): its campaign "Hoạt động tuyên truyền, kỷ niệm diễn ra
trong năm 2024", its peak "cao điểm từ đầu tháng 3 đến hết tháng 5/2024", both read by the
reader itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scheduler.plans.phrases import PhraseError, read_phrase
from scheduler.plans.window import Closure, PhraseContext, Precision, Window
from scheduler.wording import MESSAGES

BARE = PhraseContext(anniversary=date(2024, 5, 7), year=2024)
CAMPAIGN = read_phrase("Hoạt động tuyên truyền, kỷ niệm diễn ra trong năm 2024", BARE)
PEAK = read_phrase("cao điểm từ đầu tháng 3 đến hết tháng 5/2024", BARE).peak
PLAN = replace(BARE, campaign=CAMPAIGN, peak=PEAK)
ONLY_CAMPAIGN = replace(BARE, campaign=CAMPAIGN)

Expect = tuple[object, ...]
YEAR_2024 = ("2024-01-01", "2024-12-31", "relative", "plan", "plan")
PEAK_2024 = ("2024-03-01", "2024-05-31", "relative", "plan", "plan")


def shape(w: Window) -> Expect:
    out: list[object] = [None if w.start is None else w.start.isoformat(),
                         None if w.end is None else w.end.isoformat(),
                         w.precision.value, w.start_from.value, w.end_from.value]
    if w.peak is not None:
        out.append(shape(w.peak))
    return tuple(out)


def read(phrase: str, ctx: PhraseContext = PLAN) -> Expect:
    return shape(read_phrase(phrase, ctx))


def test_the_plan_windows() -> None:
    assert shape(CAMPAIGN)[:2] == ("2024-01-01", "2024-12-31")
    assert PEAK is not None and shape(PEAK)[:2] == ("2024-03-01", "2024-05-31")


@pytest.mark.parametrize(("phrase", "expected"), [
    # during the peak: the plan's peak
    ("trong thời gian cao điểm", PEAK_2024),
    ("tuyên truyền trên hệ thống loa truyền thanh trong đợt cao điểm", PEAK_2024),
    ("vào thời gian cao điểm", PEAK_2024),
    ("trong giai đoạn cao điểm", PEAK_2024),
    ("during the peak", PEAK_2024),
    ("in the peak period", PEAK_2024),
    # during the commemorations: the plan's campaign
    ("khi tổ chức các hoạt động kỷ niệm", YEAR_2024),
    ("trong thời gian diễn ra các hoạt động kỷ niệm", YEAR_2024),
    ("treo cờ, băng rôn trong dịp kỷ niệm", YEAR_2024),
    ("trong đợt kỷ niệm", YEAR_2024),
    ("trong dip ky niem", YEAR_2024),
    ("trong dịp kỉ niệm", YEAR_2024),
    ("when the commemorations are held", YEAR_2024),
    ("during the commemoration", YEAR_2024),
    ("during the anniversary events", YEAR_2024),
    # before, during and after: the peak (else the campaign, else the anniversary's month)
    ("trước, trong và sau Lễ kỷ niệm", PEAK_2024),
    ("trước, trong và sau dịp kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", PEAK_2024),
    ("trước, trong và sau ngày kỷ niệm", PEAK_2024),
    ("trước và sau Lễ kỷ niệm", PEAK_2024),
    ("before, during and after the commemoration", PEAK_2024),
    ("before and after the ceremony", PEAK_2024),
    # before the ceremony: the campaign's start to the day before the anniversary
    ("trước Lễ kỷ niệm", ("2024-01-01", "2024-05-06", "relative", "plan", "anniversary")),
    ("trước dịp kỷ niệm", ("2024-01-01", "2024-05-06", "relative", "plan", "anniversary")),
    ("before the ceremony", ("2024-01-01", "2024-05-06", "relative", "plan", "anniversary")),
    ("trước và trong ngày kỷ niệm",
     ("2024-01-01", "2024-05-07", "relative", "plan", "anniversary")),
    # after the ceremony: the day after the anniversary to the campaign's end
    ("sau Lễ kỷ niệm", ("2024-05-08", "2024-12-31", "relative", "anniversary", "plan")),
    ("after the commemoration", ("2024-05-08", "2024-12-31", "relative", "anniversary", "plan")),
    ("trong và sau Lễ kỷ niệm",
     ("2024-05-07", "2024-12-31", "relative", "anniversary", "plan")),
    # after the commemorations end: the campaign's last day, when a report is due
    ("báo cáo kết quả sau khi kết thúc các hoạt động kỷ niệm",
     ("2024-12-31", "2024-12-31", "relative", "plan", "plan")),
    ("sau khi kết thúc đợt kỷ niệm", ("2024-12-31", "2024-12-31", "relative", "plan", "plan")),
    ("sau khi tổ chức các hoạt động kỷ niệm",
     ("2024-12-31", "2024-12-31", "relative", "plan", "plan")),
    ("after the commemorations end", ("2024-12-31", "2024-12-31", "relative", "plan", "plan")),
    ("report after the end of the campaign",
     ("2024-12-31", "2024-12-31", "relative", "plan", "plan")),
    # the campaign with its peak
    ("trong dịp kỷ niệm, nhất là trong thời gian cao điểm", YEAR_2024 + (PEAK_2024,)),
    ("during the commemorations, especially during the peak", YEAR_2024 + (PEAK_2024,)),
    # undated words beside relative ones are words
    ("theo hướng dẫn của Ban Tổ chức, trong dịp kỷ niệm", YEAR_2024),
])
def test_relative_phrases(phrase: str, expected: Expect) -> None:
    assert read(phrase) == expected


def test_the_window_keeps_the_phrase_and_says_where_it_came_from() -> None:
    phrase = "  *(trong thời gian cao điểm)*. "
    w = read_phrase(phrase, PLAN)
    assert w.phrase == phrase and w.peak is None
    assert (w.precision, w.start_from, w.end_from) == (
        Precision.RELATIVE, Closure.PLAN, Closure.PLAN)
    data = w.as_json()
    assert (data["precision"], data["start_from"], data["end_from"]) == (
        "relative", "plan", "plan")


def test_relative_is_coarser_than_year_and_finer_than_undated() -> None:
    assert Precision.YEAR.rank < Precision.RELATIVE.rank < Precision.UNDATED.rank
    assert list(Precision)[-1] is Precision.UNDATED


def test_every_precision_and_closure_has_words() -> None:
    assert {k.removeprefix("precision_") for k in MESSAGES if k.startswith("precision_")} \
        == {p.value for p in Precision}
    assert {k.removeprefix("closure_") for k in MESSAGES if k.startswith("closure_")} \
        == {c.value for c in Closure}


@pytest.mark.parametrize(("phrase", "ctx", "expected"), [
    # an explicit time wins over the relative words
    ("trong dịp kỷ niệm, từ ngày 1/10/2024",
     replace(PLAN, anniversary=date(2024, 10, 10)),
     ("2024-10-01", "2024-10-10", "day", "text", "anniversary")),
    ("trong thời gian cao điểm, từ ngày 15/3/2024 đến ngày 20/3/2024", PLAN,  # a peak's own
     ("2024-03-15", "2024-03-20", "day", "text", "text",
      ("2024-03-15", "2024-03-20", "day", "text", "text"))),
    ("khi tổ chức các hoạt động kỷ niệm trong tháng 5/2024", PLAN,
     ("2024-05-01", "2024-05-31", "month", "text", "text")),
    ("trước, trong và sau ngày 7/5/2024", PLAN,
     ("2024-05-01", "2024-05-31", "month", "assumed", "assumed")),
    ("sau khi kết thúc các hoạt động kỷ niệm, trước ngày 15/01/2025", PLAN,
     ("2025-01-01", "2025-01-14", "day", "assumed", "text")),
    # the anniversary day stays the anniversary day, campaign or not
    ("vào dịp kỷ niệm", PLAN, ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
    ("ngày kỷ niệm", PLAN, ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
    ("trong dịp lễ kỷ niệm", PLAN,
     ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
    ("on the anniversary", PLAN,
     ("2024-05-07", "2024-05-07", "day", "anniversary", "anniversary")),
])
def test_explicit_times_and_the_anniversary_day_win(phrase: str, ctx: PhraseContext,
                                                    expected: Expect) -> None:
    assert read(phrase, ctx) == expected


def test_recurring_phrases_stay_recurring() -> None:
    w = read_phrase("định kỳ hàng tháng trong thời gian diễn ra các hoạt động kỷ niệm", PLAN)
    assert w.rrule == "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231"


@pytest.mark.parametrize(("phrase", "ctx", "reason"), [
    ("trong thời gian cao điểm", ONLY_CAMPAIGN, "the plan states no peak period"),
    ("during the peak", BARE, "the plan states no peak period"),
    ("trong dịp kỷ niệm", BARE, "the plan states no campaign period"),
    ("khi tổ chức các hoạt động kỷ niệm", replace(BARE, peak=PEAK),
     "the plan states no campaign period"),
    ("when the commemorations are held", BARE, "the plan states no campaign period"),
    ("trong dịp kỷ niệm, nhất là trong thời gian cao điểm", ONLY_CAMPAIGN,
     "the plan states no peak period"),
    ("sau khi kết thúc các hoạt động kỷ niệm", BARE, "the plan states no campaign period"),
    ("trước, trong và sau Lễ kỷ niệm", PhraseContext(year=2024),
     "the plan's anniversary day is not given"),
    ("trước Lễ kỷ niệm", PhraseContext(year=2024), "the plan's anniversary day is not given"),
    ("sau Lễ kỷ niệm", replace(PLAN, anniversary=None), "anniversary day is not given"),
    ("trong dịp kỷ niệm",
     replace(BARE, campaign=read_phrase("theo chỉ đạo của Thành phố", BARE)),
     "the plan's campaign period, which is undated"),
    ("trước Lễ kỷ niệm", replace(PLAN, campaign=read_phrase("tháng 6/2024", BARE)),
     "the plan's campaign starts (01/06/2024) after 06/05/2024"),
    ("trong dịp kỷ niệm, nhất là trong thời gian cao điểm",
     replace(PLAN, campaign=read_phrase("từ tháng 4 đến tháng 12/2024", BARE)),
     "the plan's peak starts (01/03/2024) before its campaign (01/04/2024)"),
    ("40 ngày trong dịp kỷ niệm", replace(PLAN, campaign=read_phrase("tháng 5/2024", BARE)),
     "40 days do not fit between 01/05/2024 and 31/05/2024"),
])
def test_without_what_a_rule_needs_it_says_so(phrase: str, ctx: PhraseContext,
                                              reason: str) -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase(phrase, ctx)
    assert reason in info.value.reason.render("en")


def test_around_falls_back_to_the_campaign_then_the_anniversary_month() -> None:
    assert read("trước, trong và sau Lễ kỷ niệm", ONLY_CAMPAIGN) == YEAR_2024
    assert read("trước, trong và sau Lễ kỷ niệm", BARE) == (
        "2024-05-01", "2024-05-31", "relative", "assumed", "assumed")
    assert read("before, during and after the anniversary",
                PhraseContext(anniversary=date(2024, 2, 10))) == (
        "2024-02-01", "2024-02-29", "relative", "assumed", "assumed")


def test_before_the_ceremony_without_a_campaign_starts_as_an_open_start() -> None:
    assert read("trước Lễ kỷ niệm", BARE) == (
        "2024-05-01", "2024-05-06", "relative", "assumed", "anniversary")
    assert read("trước Lễ kỷ niệm", replace(BARE, issued=date(2024, 3, 18))) == (
        "2024-03-18", "2024-05-06", "relative", "issued", "anniversary")


def test_after_the_ceremony_ends_with_the_campaign_else_as_an_open_end() -> None:
    ends_on_the_day = read_phrase("từ tháng 3 đến ngày 7/5/2024", BARE)
    assert read("sau Lễ kỷ niệm", replace(BARE, campaign=ends_on_the_day)) == (
        "2024-05-08", "2024-12-31", "relative", "anniversary", "assumed")
    assert read("sau Lễ kỷ niệm", replace(BARE, campaign=ends_on_the_day,
                                          campaign_end=date(2024, 6, 30))) == (
        "2024-05-08", "2024-06-30", "relative", "anniversary", "campaign-end")
    assert read("sau Lễ kỷ niệm", BARE) == (
        "2024-05-08", "2024-12-31", "relative", "anniversary", "assumed")


def test_after_the_commemorations_end_uses_the_stated_campaign_end() -> None:
    assert read("sau khi kết thúc các hoạt động kỷ niệm",
                replace(BARE, campaign_end=date(2024, 6, 30))) == (
        "2024-06-30", "2024-06-30", "relative", "campaign-end", "campaign-end")


def test_a_duration_beside_the_words_must_fit() -> None:
    assert read("05 ngày trong dịp kỷ niệm") == YEAR_2024


def test_the_campaign_widens_to_end_with_its_peak() -> None:
    ctx = replace(PLAN, campaign=read_phrase("từ tháng 1 đến tháng 4/2024", BARE))
    assert read("trong dịp kỷ niệm, nhất là trong thời gian cao điểm", ctx) == (
        "2024-01-01", "2024-05-31", "relative", "plan", "plan", PEAK_2024)


def test_words_that_are_not_the_plan_events_stay_words() -> None:
    # no relative words and no time: as before
    with pytest.raises(PhraseError) as info:
        read_phrase("các hoạt động kỷ niệm", PLAN)
    assert "no time expression" in info.value.reason.render("en")
    with pytest.raises(PhraseError) as info:
        read_phrase("tổ chức đợt cao điểm tuyên truyền", PLAN)
    assert "no time expression" in info.value.reason.render("en")
