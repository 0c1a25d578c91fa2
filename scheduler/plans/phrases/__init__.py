"""Read a plan's time phrase ("triển khai trong tháng 11 đến 30/12/2022") into a Window.

One reader for every form in DOMAIN.md ("Time expressions seen in real plans"), in Vietnamese
and in plain English. Words that are not time ("triển khai", "báo cáo Ban Thường vụ Quận ủy",
parentheses, ``*``, quotes, trailing dots) are skipped; a phrase with no time in it is a
:class:`PhraseError` (the only exception :func:`read_phrase` raises, for any input) unless it is
a recognised undated phrase ("theo chỉ đạo của Thành phố", "as directed by the City", "TBD")
or one relative to the plan's own events ("trong thời gian cao điểm", "trong dịp kỷ niệm").

Decisions (each is tested in tests/test_phrases.py, those on the plan's events in
tests/test_phrases_relative.py):

Reading
  * Text is normalised first: Unicode NFC, lower case, ``*``, ``_``, parentheses and quotes
    dropped, whitespace collapsed. Vietnamese keywords match their exact spelling or the
    spelling with no diacritics at all ("tháng"/"thang", "đến"/"den"), never another accented
    word ("thắng", "đền", "tự" are not "tháng", "đến", "từ"). English words are read only in
    phrases that are not Vietnamese (no Vietnamese letter or keyword), so "to lớn" or "in ấn"
    are not connectors; "may" is the month only next to a day, a year or a preposition.
    Words glued by "/" are document codes ("80-KH/TU", "b/cáo"), not words.
  * Dates are day first, always: "07/5/2024", "7/5", "7.5.2024", "ngày 7 tháng 5 năm 2024",
    "15 Dec 2022", "the 15th of December"; ISO "2024-05-07" too. Month-first dates ("December
    15, 2022") and two-digit years are refused, never guessed; invalid dates (31/02/2024) are
    errors. "N/yyyy" is a month ("5/2024"). Days of one month: "22-26/4/2024", "ngày 16, 17 và
    18/12/2022", "15-20 Dec 2022".
  * Years lie in ``scheduler.dates.YEARS`` (1–9998), written with four digits ("0022" is 22):
    "năm 9999", "5/20245" are errors, and so is any number where a year must come ("năm 24"
    with "năm" spelled out, "May 0", "Q2 24", "quarter 1 of 5"). A number glued by "/" or "-"
    to a word ("số 3456/KH-UBND", "80-KH/TU") numbers a document and is no time. Nothing the
    text writes as a time is skipped to make a window: "tháng 10, 13", "ngày 100/1/2024",
    "13 tháng đầu năm" are errors, as is a time word or a four-digit-or-longer number right
    after a connector that no reader takes ("đến tháng sau", "từ năm nay", "đến 99999"); a
    Vietnamese time word counts there only spelled out ("đến Nam Định" is a place).
  * A connector ("từ", "đến", "trước", "from", "until", "by", …) counts only when a time follows
    it directly (allowing "ngày", "trong", "vào", "the", "on", "in", "of", "between"); a dash
    counts only between two times ("18/12/1972-18/12/2022", "2022 - 2025"), not in "văn hóa -
    văn nghệ". A duration counts only next to a time ("chiến thắng 12 ngày đêm" is a name).
  * Times joined by ",", "và", "and" are one window covering them all (their hull): "trong
    tháng 10, 11/2022" = 1/10–30/11/2022, "trong năm 2023, 2024" = 2023–2024. Two times with
    nothing relating them are an error, except that times ending more than 5 years before the
    context year ("Chiến dịch 12 ngày đêm tháng 12 năm 1972 … (triển khai từ tháng 9/2022)")
    are history, dropped when the phrase has other times. Weekdays ("Thứ Bảy, ngày 17/12") are
    words except in weekly phrases.

Parts of months, quarters, years
  * đầu tháng (early, beginning of, thượng tuần) = days 1–10, giữa tháng (mid, trung tuần) =
    11–20, cuối tháng (late, end of, hạ tuần) = 21–last: the traditional thượng/trung/hạ tuần.
    "hết tháng N" = through the last day of N (an end bound, precision month); English "end
    of N" right after until/to/by/through reads the same way.
  * Weeks (precision month-part): "tuần đầu (tiên) (của) tháng 9", "first week of September"
    = days 1–7 (not đầu tháng, 1–10); "tuần (lễ) thứ hai/ba/tư (thứ 2, 3, 4)", "second/third/
    fourth week of" = 8–14, 15–21, 22–28; "tuần cuối (cùng) tháng 12", "last week of December"
    = the month's last 7 days (23–29/2/2024). "tuần đầu năm 2025" is 1–7/1/2025, "tuần cuối
    năm" 25–31/12. A fifth week before a month or year is an error; so is a week of several
    years.
  * Quý I–IV, "quý 2", "Q2 2024", "second quarter of 2024": the quarter's three months. Any
    other Roman numeral or number after "quý", "Q" or "quarter" ("quý V/2024", "Quý II, X",
    "Q5", "fifth quarter") is an error, never the year around it; after a folded "quy" only
    I–IV are read ("quy vi" is "quý vị").
  * đầu/giữa/cuối năm (early/mid/late/end of a year) = January–March, April–September,
    October–December (precision quarter); "hết năm 2024" = through 31/12/2024; "6 tháng đầu
    năm" = January–June, "6 tháng cuối năm" = July–December.

Ranges and open ends
  * "từ A đến B", "A - B", "A–B", "A—B", "from A to B": A's first day to B's last day.
    "từ ngày 22 đến ngày 26/4/2024": the bare day takes its partner's month.
  * An anniversary pair "(18/12/1972 - 18/12/2022)": a day range whose two dates share day and
    month and whose start is two or more years before its end is not a window of years but the
    commemoration written as origin - anniversary; it reads as the single second date.
  * Open end ("từ tháng 9/2022", "cao điểm từ ngày 15/12/2022", "since 1 Nov"): closed by the
    anniversary if it is on or after the start (ANNIVERSARY), else by the campaign end if on or
    after the start (CAMPAIGN_END), else on 31/12 of the start's year (ASSUMED). A time written
    as a range keeps its end ("từ 10 - 20/12/2022" = 10–20/12/2022).
  * "từ nay", "kể từ ngày ký", "from now" start on the issue date (ISSUED); with no issue date
    they are an error.
  * Open start ("đến hết tháng 5/2024", "trước và trong ngày 11/6/2023", "by 15/12/2022"): the
    issue date when known and not after the end (ISSUED), else the first day of the end
    bound's month (or of its quarter/year for those: ASSUMED).
  * "trước X" / "before X" ends the day before X; "trước và trong ngày X", "before and on X",
    "by X", "chậm nhất X" end on X; "sau X" / "after X" starts the day after X; "trước, trong
    và sau X" / "before, during and after X" is X's month (both bounds ASSUMED).
  * "vào dịp kỷ niệm", "ngày kỷ niệm", "on the anniversary": the anniversary day (needs
    ctx.anniversary). Beside explicit dates, the mention is just words.
  * Peaks: "cao điểm", "peak" start a second window, ``peak``, read like the main one ("đặc biệt
    là", "nhất là", "trọng tâm (là)", "especially", "focusing on" too, when a time follows at
    once, allowing a connector: "trọng tâm từ tháng 4"; else they are words: "có trọng tâm,
    trọng điểm"). The main window is widened
    to end with the peak ("triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022" =
    21/11–18/12/2022, peak 15/12–18/12/2022); a peak starting before the main window is an
    error. A phrase that is only a peak is a window equal to its peak, with ``peak`` set.
  * Durations "05 ngày, từ 22/4/2024 đến 26/4/2024", "5 days, …": the count must equal the
    days of a day-precise range (inclusive), or fit inside a coarser one; with only one bound
    it closes the other ("05 ngày từ ngày 22/4/2024" = 22–26/4/2024). A duration is always
    honoured or refused: 1 to 3650 days (ten years), and no day counted from a bound ("sau",
    "trước", a duration) may leave ``YEARS``. Nor may a bound the context gives.

Relative to the plan's events (``relative``; ctx.campaign and ctx.peak are the plan's windows)
  * Read only when the phrase writes no time of its own (no date, day, month, quarter, year,
    nor "từ nay"): an explicit time always wins ("trong dịp kỷ niệm, từ ngày 1/10/2024" is the
    range from 1/10/2024). Recurring phrases are read as recurring; undated words beside
    relative ones are words. The words are matched on the folded text (as undated ones); the
    first rule below that matches decides, and its words decide the whole window. Precision
    RELATIVE; bounds from ctx.campaign or ctx.peak are PLAN.
  * "trước, (trong) và sau Lễ/dịp/ngày kỷ niệm", "… các hoạt động kỷ niệm", "before, (during)
    and after the commemoration/ceremony": ctx.peak, else ctx.campaign, else the anniversary's
    month (both ASSUMED, as for "trước, trong và sau X").
  * "sau khi kết thúc (các hoạt động|đợt) kỷ niệm", "sau (khi tổ chức) các hoạt động kỷ niệm",
    "after the commemorations (end)", "after the end of the campaign": the campaign's last day,
    start and end (PLAN; else ctx.campaign_end, CAMPAIGN_END): the day a report on them is
    due, no grace period invented.
  * "sau Lễ/dịp/ngày kỷ niệm", "after the ceremony/commemoration/anniversary": from the day
    after the anniversary (ANNIVERSARY; the day itself for "trong và sau", "during and after")
    to the campaign's end if it is on or after that (PLAN), else to ctx.campaign_end if so
    (CAMPAIGN_END), else 31/12 of that year (ASSUMED).
  * "trước Lễ/dịp/ngày kỷ niệm", "before the ceremony": from the campaign's start (PLAN) to the
    day before the anniversary (ANNIVERSARY; the day itself for "trước và trong", "before and
    on"); a campaign starting later is an error; with no campaign, the open-start rule (issue
    date, else the first of that month).
  * "trong (thời gian|đợt|giai đoạn) cao điểm", "vào thời gian cao điểm", "during the peak":
    ctx.peak's days (the activity's own ``peak`` stays None).
  * "khi tổ chức (các hoạt động) kỷ niệm", "trong thời gian diễn ra các hoạt động kỷ niệm",
    "trong dịp kỷ niệm", "trong đợt kỷ niệm", "when the commemorations are held", "during the
    commemoration(s)": ctx.campaign's days; with peak words too ("…, nhất là trong thời gian
    cao điểm") its ``peak`` is ctx.peak, widening and refused as for "cao điểm". "vào dịp kỷ
    niệm", "ngày kỷ niệm", "trong dịp lễ kỷ niệm" stay the anniversary day.
  * Without what a rule needs it is an error naming it ("the plan states no peak period",
    "… no campaign period", an undated one, the anniversary day). A duration beside the
    words ("05 ngày trong dịp kỷ niệm") must fit in the window.

Missing years ("15/12", "cuối tháng 11", "Kỳ sinh hoạt chi bộ tháng 4")
  * From the phrase first: the nearest later time with a year (the year before it if that
    would put this one after it: "từ 15/12 đến 15/1/2023" starts 15/12/2022), else the nearest
    earlier one (the year after if all of this one would come before it: "từ tháng 5/2024 đến
    hết năm" ends 31/12/2024).
  * Else from the context: ctx.year, else the anniversary's year, else the issue year. When
    that is the anniversary's year and puts the time's first day more than 6 months after the
    anniversary, while the year before would be within the year before the anniversary, the
    year before is taken ("tháng 12" in a plan for 07/5/2024 is 12/2023).

Recurring items (RFC 5545 §3.3.10 RRULE, with UNTIL = the window's end as YYYYMMDD)
  * "định kỳ hàng tháng (trước ngày 20)", "monthly before the 20th": due before the 20th =
    the 19th: ``FREQ=MONTHLY;BYMONTHDAY=19``; "ngày 20 hàng tháng", "by the 20th of each
    month": the 20th; "trước ngày 1", or no day: the last day of each month
    (``BYMONTHDAY=-1``). A day a month lacks is skipped, as RFC 5545 says.
  * "hằng quý", "quarterly": that day of the last month of each quarter
    (``FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=…``); "hàng tuần (thứ sáu)", "weekly on
    Friday": ``FREQ=WEEKLY;BYDAY=FR`` (no weekday: the start's); "hàng ngày", "daily";
    "ngày 18/12 hằng năm" (yearly needs its day).
  * Window: from the first occurrence on or after the issue date (ISSUED), else on or after
    1 January of the context year (ASSUMED), to the campaign end (CAMPAIGN_END), else 31/12
    of the anniversary's (else the context) year (ASSUMED); a range in the phrase ("hàng tháng
    từ tháng 5 đến tháng 12/2024") bounds it instead, and one that holds a single period ("the
    monthly meeting in May 2024") is that period, not a recurrence. dateutil checks that the
    rule's first occurrence is ``start``.

Undated, precision, closures
  * Undated: "theo chỉ đạo/hướng dẫn/thông báo/quy định của …", "chưa xác định", "thông báo
    sau", "as directed/instructed by …", "TBD", "to be determined/announced", when the phrase
    has no time: no days, precision UNDATED, both closures TEXT (the text says so).
  * ``precision`` is the coarsest precision of the bounds the text gave; bounds taken from
    the context do not count (a window with none from the text, or recurring, is DAY); a
    window relative to the plan's events is RELATIVE (coarser than YEAR, finer than UNDATED).
  * Windows never end before they start: such a phrase is a PhraseError.
  * Lunar dates ("10/3 âm lịch", "lunar") are an error, never read as solar dates; the named
    days are read (``named``): "trước Tết Nguyên đán 2025" ends 28/01/2025, "trước Quốc khánh
    2/9/2024" ends 01/09/2024, a lunar one only with its year written ("trước Tết" is refused:
    which year's is not guessed), a name beside other times only words.

The reading, stage by stage: ``tokens`` (normalise, tokenise, vocabulary) → ``scanner`` (with
``periods``, ``days`` and ``named``: tokens to elements) → ``ranges`` (stray words, peak,
ranges, history, missing years) → ``bounds`` (open ends closed, durations, the window) or
``recurrence`` (RRULEs) or ``relative`` (the plan's events). ``elements`` holds what they
pass along; ``errors`` the two exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ...wording import say
from ..window import Closure, PhraseContext, Precision, Window
from .bounds import read_ranges, window_of
from .elements import OPERANDS, Element, Kind, dmy
from .errors import PhraseError, Unreadable
from .named import keep_named
from .ranges import (
    drop_history,
    group_ranges,
    meaningful,
    read_anniversary_pairs,
    resolve_years,
    split_peak,
)
from .recurrence import read_recurring
from .relative import read_relative
from .scanner import Scanner
from .tokens import LUNAR_RE, UNDATED_RE, fold, normalise, tokenise

__all__ = ["PhraseError", "read_phrase"]

MAX_LENGTH = 4000  # characters; longer text is not a time phrase
#: A time of the phrase's own, which wins over words relative to the plan's events.
_EXPLICIT = frozenset({Kind.ATOM, Kind.MDAY, Kind.NOW})


def read_phrase(text: str, ctx: PhraseContext = PhraseContext()) -> Window:  # noqa: B008
    """Read a plan's time phrase (Vietnamese or English) into a :class:`Window`.

    ``ctx`` gives what the plan says besides the phrase (anniversary day, issue date, campaign
    end, default year, its campaign and peak windows). Raises :class:`PhraseError`, and
    nothing else, for any input it cannot read; the rules are in this package's docstring.
    """
    if not isinstance(text, str):
        raise PhraseError(repr(text), say("phrase_not_text"))
    try:
        return _read_once(text, ctx)
    except Unreadable as exc:
        raise PhraseError(text, exc.reason) from None
    except (ValueError, OverflowError, ArithmeticError, LookupError, TypeError,
            AssertionError, AttributeError) as exc:  # pragma: no cover - a bug, reported
        raise PhraseError(text, say("phrase_internal",
                                error=f"{type(exc).__name__}: {exc}")) from exc


@lru_cache(maxsize=1 << 14)
def _read_once(text: str, ctx: PhraseContext) -> Window:
    """:func:`_read`, once per phrase and context: plans repeat their phrases ("định kỳ
    hàng tháng (trước ngày 20)", "trong tháng 4/2024"), and a Window is immutable."""
    return _read(text, ctx)


@dataclass(frozen=True, slots=True)
class _Scan:
    """What a phrase's text says before any context: its folded words, and its elements."""

    words: str  # folded: for the undated and relative words
    kept: tuple[Element, ...]  # the meaningful elements (copied before their years are set)
    explicit: bool  # a time of its own (:data:`_EXPLICIT`)
    duration: bool  # a duration ("05 ngày"), kept or not


@lru_cache(maxsize=1 << 14)
def _scan(text: str) -> _Scan:
    """Tokens to elements, once per text whatever the context (issue 11: a national set of
    plans repeats its phrases across plans issued on different days: the benchmark's
    national set has 15,000 texts in 100,000 activities); :class:`Unreadable` for a lunar
    date or an unreadable time."""
    toks, english = tokenise(normalise(text))
    words = " ".join(fold(t.text) for t in toks)
    if LUNAR_RE.search(words):
        raise Unreadable("phrase_lunar")
    scanned = keep_named(Scanner(toks, english).run(), toks)
    return _Scan(words, tuple(meaningful(scanned, toks)),
                 any(e.kind in _EXPLICIT for e in scanned),
                 any(e.kind == Kind.DUR for e in scanned))


def _read(text: str, ctx: PhraseContext) -> Window:
    """The reading itself; :class:`Unreadable` for a phrase it cannot read."""
    if len(text) > MAX_LENGTH:
        raise Unreadable("phrase_too_long", limit=MAX_LENGTH)
    scan = _scan(text)
    main, peak_seg = split_peak([e.copied() for e in scan.kept])  # resolve_years sets years
    if main.recur:
        return read_recurring(text, main, ctx)
    if not scan.explicit:  # "trong thời gian cao điểm"
        relative = read_relative(text, scan.words,
                                 [e.n for e in scan.kept if e.kind == Kind.DUR], ctx)
        if relative is not None:
            return relative
    if not any(e.kind in OPERANDS for e in main.items) and peak_seg is None:
        if UNDATED_RE.search(scan.words):
            return Window(phrase=text, start=None, end=None, precision=Precision.UNDATED,
                          start_from=Closure.TEXT, end_from=Closure.TEXT)
        if scan.duration:
            raise Unreadable("phrase_duration_only")
        raise Unreadable("phrase_no_time")
    segments = [main] if peak_seg is None else [main, peak_seg]
    for seg in segments:
        seg.ranges = group_ranges(seg.items)
        read_anniversary_pairs(seg.ranges)
        seg.ranges = drop_history(seg.ranges, ctx)
    resolve_years([a for seg in segments for r in seg.ranges for a in r.atoms], ctx)
    main_read = read_ranges(main, ctx)
    if peak_seg is None:
        assert main_read is not None
        return window_of(text, main_read)
    peak_read = read_ranges(peak_seg, ctx)
    assert peak_read is not None
    peak = window_of(text, peak_read)
    if main_read is None:  # only a peak: the window is the peak
        return replace(peak, peak=peak)
    if peak_read.start.day < main_read.start.day:
        raise Unreadable("phrase_peak_before_activity", peak=dmy(peak_read.start.day),
                         start=dmy(main_read.start.day))
    if peak_read.end.day > main_read.end.day:  # the activity runs on through its peak
        main_read.end = peak_read.end
        if peak_read.end.prec is not None:
            main_read.precs.append(peak_read.end.prec)
    return window_of(text, main_read, peak=peak)

