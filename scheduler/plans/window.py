"""An activity's time window, as read from a plan's time phrase (see :mod:`.phrases`).

A :class:`Window` is a closed range of days ``start`` … ``end`` (both inclusive) with a note of
how precise the text was (:class:`Precision`) and where each bound came from (:class:`Closure`):
the text itself, or the plan's context (anniversary day, issue date, campaign end, the plan's
own campaign or peak period for "trong thời gian cao điểm"), or an assumption documented in
:mod:`.phrases`. Recurring items carry an RFC 5545 ``RRULE`` value (RFC 5545 §3.3.10) whose
first occurrence is ``start``; an undated window ("theo chỉ đạo của Thành phố") has no days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    """How coarse the text's bounds were, finest first."""

    DAY = "day"  # "ngày 15/12/2022"
    MONTH_PART = "month-part"  # "cuối tháng 8/2022": đầu 1–10, giữa 11–20, cuối 21–last
    MONTH = "month"  # "trong tháng 12/2022", "hết tháng 5/2024"
    QUARTER = "quarter"  # "Quý II năm 2024"
    YEAR = "year"  # "trong năm 2024", "giai đoạn 2022 - 2025"
    RELATIVE = "relative"  # "trong thời gian cao điểm": the plan's campaign or peak, no time
    UNDATED = "undated"  # "theo chỉ đạo của Thành phố"

    @property
    def rank(self) -> int:
        """Order from finest (0) to coarsest; UNDATED is coarsest of all."""
        return _RANK[self]


_RANK = {p: i for i, p in enumerate(Precision)}


class Closure(StrEnum):
    """Where a window's bound came from."""

    TEXT = "text"  # written in the phrase
    ANNIVERSARY = "anniversary"  # the commemoration day the plan targets
    CAMPAIGN_END = "campaign-end"  # the end of the whole campaign, as the plan states it
    ISSUED = "issued"  # the plan's issue date ("từ nay": from now)
    ASSUMED = "assumed"  # a documented default (see the rules in plans/phrases/)
    PLAN = "plan"  # the plan's campaign or peak period ("trong dịp kỷ niệm")


@dataclass(frozen=True)
class PhraseContext:
    """What a plan tells the phrase reader besides the phrase itself."""

    anniversary: date | None = None  # the commemoration day the plan targets (e.g. 18/12/2022)
    issued: date | None = None  # the plan's issue date ("từ nay" = from this date)
    campaign_end: date | None = None  # end of the whole campaign, if the plan states one
    year: int | None = None  # default year (else anniversary.year, else issued.year)
    campaign: Window | None = None  # the plan's whole campaign period ("diễn ra trong năm 2024")
    peak: Window | None = None  # the plan's peak ("cao điểm từ đầu tháng 3 đến hết tháng 5")

    @property
    def default_year(self) -> int | None:
        """The year for phrases that give none: ``year``, else the anniversary's, else issued."""
        if self.year is not None:
            return self.year
        if self.anniversary is not None:
            return self.anniversary.year
        return None if self.issued is None else self.issued.year


@dataclass(frozen=True)
class Window:
    """Days ``start`` … ``end`` (inclusive) read from ``phrase``; both None when undated.

    ``rrule`` is an RFC 5545 §3.3.10 RRULE value (with ``UNTIL`` = ``end``) for recurring
    items, whose first occurrence is ``start``; ``peak`` is the "cao điểm" window inside.
    """

    phrase: str
    start: date | None
    end: date | None
    precision: Precision
    start_from: Closure
    end_from: Closure
    rrule: str | None = None
    peak: Window | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a window has both a start and an end, or neither (undated)")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    @property
    def undated(self) -> bool:
        """True for "theo chỉ đạo của Thành phố" and the like: no days yet."""
        return self.start is None

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict: ISO dates (or null), enum values, the peak nested (or null)."""
        return {
            "phrase": self.phrase,
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "precision": self.precision.value,
            "rrule": self.rrule,
            "start_from": self.start_from.value,
            "end_from": self.end_from.value,
            "peak": None if self.peak is None else self.peak.as_json(),
        }
