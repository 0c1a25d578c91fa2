"""Interface words in Vietnamese and English (``--lang vi|en``)."""

from __future__ import annotations

from functools import lru_cache

from .rules import MilestoneClass

LANGS = ("vi", "en")

WORDS: dict[str, tuple[str, str]] = {
    "date": ("Ngày", "Date"),
    "days": ("Còn", "In"),
    "ordinal": ("Lần", "No."),
    "class": ("Loại", "Class"),
    "name": ("Sự kiện", "Anniversary"),
    "origin": ("Ngày gốc", "Origin"),
    "kind": ("Loại sự kiện", "Kind"),
    "scope": ("Phạm vi", "Scope"),
    "policy": ("Quy định", "Policy"),
    "source": ("Nguồn", "Source"),
    "aliases": ("Tên khác", "Also"),
    "notes": ("Ghi chú", "Notes"),
    "milestone": ("Mốc lễ", "Milestone"),
    "past": ("Các mốc đã qua", "Past milestones"),
    "next": ("Các mốc sắp tới", "Next milestones"),
    "upcoming": ("Sắp tới từ {start} đến {end}", "Upcoming from {start} to {end}"),
    "year": ("Các ngày kỷ niệm năm {year}", "Anniversaries in {year}"),
    "none": ("Không có ngày kỷ niệm nào.", "No anniversaries."),
    "nothing": ("(không có)", "(none)"),
    "legend": (
        "* mốc kỷ niệm theo quy định áp dụng",
        "* a milestone (ceremony year) under its policy",
    ),
    "undated": ("chưa có thời gian", "no date yet"),
    "untimed": ("không ghi thời gian", "no time given"),
    "with": ("phối hợp:", "with:"),
    "agenda": ("Lịch việc từ {start} đến {end}", "Agenda from {start} to {end}"),
    "agenda_unit": ("Lịch việc của {unit} từ {start} đến {end}",
                    "Agenda of {unit} from {start} to {end}"),
    "due": ("Hạn chót", "Due"),
    "starting": ("Bắt đầu", "Starting"),
    "running": ("Đang diễn ra", "Running"),
    "anniversaries": ("Ngày kỷ niệm", "Anniversaries"),
    "undated_items": ("Chưa có thời gian", "Not dated yet"),
    "when": ("Thời gian", "When"),
    "what": ("Việc", "What"),
    "type": ("Loại", "Type"),
    "who": ("Đơn vị", "Units"),
    "plan": ("Kế hoạch", "Plan"),
    "units": ("Các đơn vị và nhiệm vụ", "Units and their tasks"),
    "check_warning": ("cảnh báo", "warning"),
    "unit_collective": ("tập thể, không có lịch riêng", "a collective, no feed of its own"),
    "unit_spellings": ("các cách viết", "also written"),
    "lead_role": ("chủ trì", "lead"),
    "partner_role": ("phối hợp", "partner"),
    "timeline": ("Tiến độ: {what}", "Timeline: {what}"),
    "timeline_legend": (
        "█ thời gian thực hiện  ▓ cao điểm  ◆ hạn chót  ★ ngày kỷ niệm",
        "█ window  ▓ peak  ◆ deadline  ★ anniversary day",
    ),
    "phrase": ("Cụm từ", "Phrase"),
    "start": ("Từ", "Start"),
    "end": ("Đến", "End"),
    "precision": ("Độ chính xác", "Precision"),
    "rrule": ("Lặp lại", "Repeats"),
    "peak": ("Cao điểm", "Peak"),
    "today": ("hôm nay", "today"),
    "in_days": ("{n} ngày", "{n} days"),
    "ago": ("{n} ngày trước", "{n} days ago"),
    "lunar": ("âm lịch", "lunar"),
    "check_ok": (
        "Hợp lệ: {anniversaries} ngày kỷ niệm, {policies} quy định, {plans} kế hoạch "
        "({activities} hoạt động) trong {files} tệp.",
        "Valid: {anniversaries} anniversaries, {policies} policies, {plans} plans "
        "({activities} activities) in {files} files.",
    ),
    "check_bad": ("{n} lỗi.", "{n} problems."),
    # feeds (scheduler/feeds)
    "commemorate": ("Kỷ niệm ", ""),
    "feed_class": ("Loại năm (NĐ 145/2013, Điều 3)", "Class (Decree 145/2013, Art. 3)"),
    "feed_milestone": ("năm tổ chức kỷ niệm", "a ceremony year"),
    "feed_source": ("Nguồn", "Source"),
    "feed_kind": ("Loại việc", "Kind"),
    "feed_phrase": ("Thời gian theo văn bản", "Time as written"),
    "feed_shifted": ("Dời sang ngày làm việc", "Moved to a working day"),
    "feed_recurring": ("Lặp lại định kỳ; kỳ rơi vào ngày nghỉ được dời sang ngày làm việc.",
                       "Recurring; an instance on a day off moves to a working day."),
    "feed_units": ("Đơn vị", "Units"),
    "feed_plan": ("Kế hoạch", "Plan"),
    "feed_all": ("Tất cả hoạt động kỷ niệm", "All commemoration activities"),
    # one name for good: a calendar renamed every year looks like a new one to its users
    "feed_milestones": ("Các năm kỷ niệm tròn", "Milestone anniversaries"),
    "feed_unit": ("Đơn vị: {name}", "Unit: {name}"),
    "feed_days": ("Hạn và ngày chính: {name}", "Deadlines and key days: {name}"),
    "feed_anniversary": ("Kỷ niệm: {name}", "Anniversary: {name}"),
    "feed_plan_name": ("Kế hoạch: {name}", "Plan: {name}"),
    "feed_alarm": ("Sắp đến hạn: {summary}", "Due soon: {summary}"),
    # addresses that never break (feeds/addresses.py)
    "feed_cancelled": ("Đã hủy: ", "Cancelled: "),
    "feed_moved_name": ("{name} (đã chuyển)", "{name} (moved)"),
    "feed_removed_name": ("{name} (đã ngừng)", "{name} (discontinued)"),
    "feed_moved_notice": ("Lịch này đã chuyển: đăng ký «{name}»",
                          "This calendar has moved: subscribe to {name!r}"),
    "feed_moved_text": ("Các việc của lịch này nay ở lịch «{name}». Hãy đăng ký lịch đó ({url}) "
                        "và bỏ đăng ký lịch này; lịch này sẽ ngừng sau 30 ngày.",
                        "The work of this calendar is now in {name!r}. Subscribe to it "
                        "({url}) and remove this one; this calendar stops in 30 days."),
    "feed_removed_notice": ("Lịch này đã ngừng", "This calendar has been discontinued"),
    "feed_removed_text": ("Đơn vị của lịch này không còn việc trong kế hoạch nào; lịch sẽ ngừng "
                          "sau 30 ngày. Các việc đã bỏ được ghi là đã hủy.",
                          "This calendar's unit has no work in any plan now; it stops in 30 "
                          "days. Its withdrawn events are marked cancelled."),
}

KIND_WORDS: dict[str, tuple[str, str]] = {
    "holiday": ("ngày lễ", "holiday"),
    "event": ("sự kiện", "event"),
    "founding": ("ngày thành lập", "founding"),
    "birth": ("ngày sinh", "birth"),
    "death": ("ngày mất", "death"),
    "tradition": ("ngày truyền thống", "tradition day"),
    "national": ("toàn quốc", "national"),
}

CLASS_WORDS: dict[MilestoneClass, tuple[str, str]] = {
    MilestoneClass.TRON: ("năm tròn", "round"),
    MilestoneClass.LE5: ("năm lẻ 5", "ends in 5"),
    MilestoneClass.KHAC: ("năm khác", "other"),
}

WEEKDAYS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
)


def _index(lang: str) -> int:
    return 1 if lang == "en" else 0


def word(key: str, lang: str, **values: object) -> str:
    return WORDS[key][_index(lang)].format(**values)


def kind_word(value: str, lang: str) -> str:
    """Kinds, and the scope "national"; other scopes (place names) pass through."""
    return KIND_WORDS[value][_index(lang)] if value in KIND_WORDS else value


def class_word(klass: MilestoneClass, lang: str) -> str:
    return CLASS_WORDS[klass][_index(lang)]


def weekday(index: int, lang: str) -> str:
    return WEEKDAYS[_index(lang)][index]


#: Letters of the Vietnamese alphabet that follow their base letter (a ă â, d đ, e ê,
#: o ô ơ, u ư): their combining marks, ranked; tone marks only break ties.
LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}  # breve, circumflex, horn


@lru_cache(maxsize=1 << 14)
def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese dictionary order: a < ă < â … d < đ, letter by letter; tones second.
    Cached: a site sorts the same unit names for every plan's page."""
    import unicodedata

    primary: list[str] = []
    for ch in unicodedata.normalize("NFD", text.casefold().replace("đ", "d\u0335")):
        if ch in LETTER_MARKS or ch == "\u0335":
            primary[-1] = primary[-1][0] + LETTER_MARKS.get(ch, "1")
        elif not unicodedata.combining(ch):
            primary.append(ch + "0")
    return "".join(primary), text.casefold()


def ordinal_en(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
