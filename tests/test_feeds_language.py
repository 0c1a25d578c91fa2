"""No English in Vietnamese feeds (issue 11): every text a subscriber reads in a feed of the
bundled plans and registry — SUMMARY, DESCRIPTION, CATEGORIES, LOCATION, the calendar's name
and description (NAME, X-WR-CALNAME, X-WR-CALDESC) and the X- properties that carry names —
holds no common English word, unless it is a name or a loanword Vietnamese writes as is.

The check can fail: the English build of the same feeds is full of such words.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from scheduler.commands import Settings
from scheduler.feeds.events import PREFIX, key_days
from scheduler.feeds.ledger import Ledger
from scheduler.feeds.writer import CalendarMeta, EventBytes, calendar_bytes
from scheduler.publish import all_feeds
from scheduler.wording import (
    CALENDAR_DESCRIPTIONS,
    CATEGORY_WORDS,
    FEED_TEXT,
    MESSAGES,
    ROLE_WORDS,
    calendar_description,
)

NOW = date(2024, 6, 1)
YEARS = (2024, 2034)
BASE_URL = "https://lich.example.vn/kyniem"

#: Properties meant for people (RFC 5545 §3.8.1, RFC 7986 §5); X- properties are too, except
#: these, which programs read (ids, kinds, day counts, the time zone's name).
READ_BY_PEOPLE = frozenset({"SUMMARY", "DESCRIPTION", "CATEGORIES", "LOCATION", "COMMENT",
                            "NAME", "X-WR-CALNAME", "X-WR-CALDESC"})
FOR_PROGRAMS = frozenset({"X-WR-TIMEZONE", "X-PUBLISHED-TTL", "X-KYNIEM-KIND", "X-KYNIEM-PLAN",
                          "X-KYNIEM-REMINDERS"})

#: About 300 of the most common English words (function words, and the nouns, verbs and
#: adjectives of everyday and office English).
_COMMON = """
a about above after again against all also always am among an and another any are around as
at away back be because been before being below between both but by came can cannot come
could day days did do does doing done down during each early end even ever every few first
for from full further get gets give given go goes going good got great had has have having he
her here hers him his how however if in into is it its itself just keep kept know last
later least less let like little long made make many may me might more most much must my
never new next no nor not now of off often old on once one only or other our out over own
part per put rather really right said same see seen set shall she should show shown since so
some still such take than that the their them then there these they thing things this those
though through thus time times to today together too took under until up upon us use used
very was way we well went were what when where whether which while who whom whose why will
with within without would yes yet you your
activity activities address after anniversary around ask asked begin begins build building
calendar campaign ceremony change changed check city class committee country date deadline
deadlines decree description details document due event events every feed feeds file find
following general group held hold holds home include including issued issue kind lead
leader leads local meeting meetings milestone milestones month monthly months name names
national number office officer order organisation organization other peak people phone place
plan plans please point policy province public read reason recurring remind reminder report
reports required requested result role round school send sent short since source start starts
state still subscribe summary task tasks team text title town unit units update visit visits
ward week weekly working year years
"""
COMMON_ENGLISH = frozenset(_COMMON.split())

#: Vietnamese syllables written without marks that are English words too: "An ninh", "Long
#: An", "Ban Tuyên giáo", "thông tin", "do … chủ trì" (by), "sang" (to), "chi bộ", "in ấn".
VIETNAMESE = frozenset({"an", "long", "ban", "tin", "do", "sang", "chi", "in", "la", "me",
                        "can", "con", "hang"})
#: Names and loanwords the bundled data writes in ASCII (places, press, products, as the
#: sources write them), and the RFC 5545 keywords a value may hold.
NAMES = frozenset({"paris", "geneva", "asean", "vietnam", "internet", "video", "clip", "zalo",
                   "covid", "infographic", "infographics", "fanpage", "vevent", "valarm"})
ALLOWED = VIETNAMESE | NAMES


def _words(text: str) -> list[str]:
    """The words of ``text`` that are all ASCII letters ("Điện" is no word "i" and "n")."""
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.isascii()]


def english_wording() -> frozenset[str]:
    """Every word of the English feed text (scheduler.i18n's feed words, scheduler.wording's
    feed text section, the kind and role words the feeds use)."""
    texts = [en for key, (_, en) in MESSAGES.items()
             if key.startswith(("word_feed_", "class_", "item_kind_"))
             or key == "word_commemorate"]
    for table in (FEED_TEXT, CATEGORY_WORDS, CALENDAR_DESCRIPTIONS, ROLE_WORDS):
        texts += [en for _, en in table.values()]
    texts += [en for _, en in PREFIX.values()]
    return frozenset(w.casefold() for text in texts
                     for w in _words(re.sub(r"\{[^}]*\}", " ", text))
                     if not (len(w) > 1 and w.isupper()))  # "NĐ-CP": no English word


ENGLISH = COMMON_ENGLISH | english_wording()


def unescape(value: str) -> str:
    """A TEXT value as read (RFC 5545 §3.3.11)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def people_text(data: bytes) -> list[tuple[str, str]]:
    """(property, value) of every content line people read, unfolded and unescaped."""
    out = []
    for line in data.decode().replace("\r\n ", "").split("\r\n"):
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
        if name in READ_BY_PEOPLE or (name.startswith("X-") and name not in FOR_PROGRAMS):
            out.append((name, unescape(line.split(":", 1)[1])))
    return out


def build(lang: str) -> dict[str, bytes]:
    """Every feed of the bundled data, as published, plus each plan's and unit's "deadlines
    and key days" feed, each with its calendar description."""
    render = EventBytes(Ledger(datetime(2024, 6, 1, tzinfo=UTC)), lang, BASE_URL)
    feeds = all_feeds(Settings(lang=lang, now=NOW), YEARS)
    out = {f.path: calendar_bytes(CalendarMeta(f.name, calendar_description(
        f.group, f.name, lang, "Quận Thanh Xuân" if f.group == "unit" else "")),
        render(f.events)) for f in feeds}
    for f in feeds:  # the catalogue makes them too ("days/…"): these are key_days' own
        if f.group in ("plan", "unit"):
            out[f"deadlines/{f.path}"] = calendar_bytes(
                CalendarMeta(f.name, calendar_description("deadlines", f.name, lang)),
                render(key_days(f.events, lang)))
    return out


def english_in(feeds: dict[str, bytes]) -> Counter[tuple[str, str]]:
    """(word, property) → how often, for each English word people would read."""
    found: Counter[tuple[str, str]] = Counter()
    for data in feeds.values():
        for name, value in people_text(data):
            for word in _words(value):
                folded = word.casefold()
                if folded in ENGLISH and folded not in ALLOWED:
                    found[folded, name] += 1
    return found


@pytest.fixture(scope="module")
def vietnamese() -> dict[str, bytes]:
    return build("vi")


@pytest.fixture(scope="module")
def english() -> dict[str, bytes]:
    return build("en")


def test_the_word_lists() -> None:
    assert len(COMMON_ENGLISH) >= 300
    assert {"due", "lead", "partner", "plan", "starts", "ends", "peak", "written"} <= ENGLISH
    assert not NAMES & english_wording()  # the feed's own English words are never let pass
    assert ALLOWED & english_wording() <= {"an", "in"}  # … but "an", "in" are Vietnamese too


def test_vietnamese_feeds_hold_no_english(vietnamese: dict[str, bytes]) -> None:
    assert len(vietnamese) > 100
    read = {name for data in vietnamese.values() for name, _ in people_text(data)}
    # every kind of text people read was looked at
    assert {"SUMMARY", "DESCRIPTION", "CATEGORIES", "X-WR-CALNAME", "X-WR-CALDESC",
            "X-KYNIEM-LEAD"} <= read
    assert english_in(vietnamese) == Counter()


def test_the_check_finds_english_in_english_feeds(english: dict[str, bytes]) -> None:
    found = english_in(english)
    words = {word for word, _ in found}
    assert {"due", "plan", "time", "written", "lead", "starts", "ends"} <= words
    assert {name for _, name in found} >= {"SUMMARY", "DESCRIPTION", "CATEGORIES",
                                           "X-WR-CALNAME", "X-WR-CALDESC"}


def test_the_check_finds_one_english_word_in_a_vietnamese_feed(
        vietnamese: dict[str, bytes]) -> None:
    data = vietnamese["all.ics"].replace("SUMMARY:Hạn báo cáo: ".encode(),
                                         b"SUMMARY:Report due: ", 1)
    assert english_in({"all.ics": data}) == Counter({("report", "SUMMARY"): 1,
                                                     ("due", "SUMMARY"): 1})
