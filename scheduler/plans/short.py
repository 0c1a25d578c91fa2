"""Short titles: what a phone shows of an activity (a calendar entry's SUMMARY, issue 11).

Plan prose names the task after its units and their roles ("Đoàn TNCS Hồ Chí Minh phường chủ
trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện phát động phong trào …", DOMAIN.md
"Roles"); the units are in the entry already (its description and its unit feeds), so the
short title starts at the task: "Phát động phong trào …". An activity's own ``short`` (plan
files, docs/plan-format.md) wins; otherwise :func:`derive_short`:

1. drop a leading boilerplate opener ("Căn cứ chức năng, nhiệm vụ được giao,");
2. drop the leading units (the activity's own names, or any text before a "chủ trì" that holds
   no task verb), then the role words "chủ trì" and "phối hợp (với) …" up to the task's verb;
3. drop a verb that only says "carry out" before another verb ("thực hiện phát động");
4. capitalise the first letter;
5. cut to :data:`LIMIT` characters with "…": first without asides in parentheses, then at the
   end of a clause (";", ".", ":") when one ends late enough, else after a comma, else between
   words — never leaving a quotation open, a dangling "và", "của", "các", nor (if it can) half
   a name ("Chiến thắng Điện Biên…") or a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .model import Activity

LIMIT = 80  # characters; a phone's list shows about 40, its detail view about 80

#: Openers that say nothing about the task, dropped from the head of a title.
OPENERS = ("căn cứ chức năng, nhiệm vụ được giao,", "căn cứ chức năng, nhiệm vụ,",
           "căn cứ chức năng, nhiệm vụ", "đồng thời,", "đặc biệt,", "là đơn vị thường trực,")

#: The role words that may follow the units at the head of a title (DOMAIN.md "Roles").
LEAD_WORDS = ("chủ trì",)
PARTNER_WORDS = ("phối hợp với", "phối hợp cùng", "phối hợp")

#: Verbs a task starts with, as plans write them (the seed plans, data/plans): they end a
#: "phối hợp với …" list of units.
TASK_VERBS = (
    "tổ chức", "thực hiện", "triển khai", "tham mưu", "phát động", "tuyên truyền",
    "đẩy mạnh", "tăng cường", "hướng dẫn", "xây dựng", "theo dõi", "đôn đốc", "kiểm tra",
    "vận động", "chỉ đạo", "đề xuất", "tu bổ", "hưởng ứng", "tham gia", "thông tin",
    "chuẩn bị", "báo cáo", "tổng hợp", "giới thiệu", "phản ánh", "biểu dương", "khen thưởng",
    "thăm hỏi", "gặp mặt", "rà soát", "quản lý", "bảo đảm", "đảm bảo", "phát huy", "nắm chắc",
    "quan tâm", "chủ động", "giám sát", "treo", "trang trí", "sửa chữa", "cung cấp", "mở",
    "duy trì", "phấn đấu", "hoàn thành", "ra quân", "giữ gìn", "phục vụ", "bố trí", "giao",
)

#: Words that only say "carry out" when a task verb follows ("thực hiện phát động",
#: "chịu trách nhiệm tổ chức").
FILLERS = ("thực hiện", "triển khai", "chịu trách nhiệm")

#: Words before a verb-looking word that make it a noun ("các tổ chức chính trị - xã hội").
NOUN_MARKERS = frozenset({"các", "những", "mọi", "từng", "của", "và"})

#: Words a cut never ends on: they announce what was cut off.
DANGLING = frozenset({
    "và", "của", "các", "những", "với", "về", "trong", "cho", "tại", "để", "theo", "là", "do",
    "có", "được", "từ", "đến", "bằng", "như", "hoặc", "cùng", "nhằm", "trên", "ở", "nhất",
    "đối", "gắn", "hướng", "tới", "vào", "khi", "mà", "thì", "đã", "sẽ", "đang", "một", "số",
    "thuộc", "qua", "giữa", "sau", "trước",
})

#: Where a clause ends (cut after it), strongest first; and where one opens (cut before).
STRONG = ("; ", ". ", ": ")
WEAK = (", ",)  # not " - ": plans pair words with it ("văn hóa - văn nghệ")
MIN_STRONG, MIN_WEAK = 30, 55  # a shorter first clause says too little: cut later
SCAN = 160  # how far a "phối hợp với …" list of units may run before its verb

_PAIRS = (("“", "”"), ("(", ")"), ("[", "]"))
_WORD = re.compile(r"\S+")
_VERBS = "|".join(map(re.escape, sorted(TASK_VERBS, key=len, reverse=True)))
_VERB = re.compile(rf"(?:{_VERBS})(?!\w)")
_ANY_CASE_VERB = re.compile(rf"(?:{_VERBS})(?!\w)", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")


def short_title(activity: Activity, limit: int = LIMIT) -> str:
    """The activity's ``short`` as written, else one of at most ``limit`` characters derived
    from its title and units."""
    return activity.short or derive_short(activity.title, activity.units, limit)


def derive_short(title: str, units: Iterable[str] = (), limit: int = LIMIT) -> str:
    """A title of at most ``limit`` characters that starts at the task (module docstring)."""
    return _derive(" ".join(title.split()), tuple(units), limit)


@lru_cache(maxsize=4096)
def _derive(title: str, units: tuple[str, ...], limit: int) -> str:
    text = _drop_openers(title.rstrip(" .;,"))
    text = _drop_role_clause(text, units) or text
    text = _drop_openers(text)
    text = _drop_fillers(text)
    return _cut(_capitalise(text), limit) or _cut(_capitalise(title), limit)


def _drop_openers(text: str) -> str:
    low = text.casefold()
    for opener in OPENERS:
        if low.startswith(opener):
            return text[len(opener):].lstrip(" ,")
    return text


def _drop_role_clause(text: str, units: tuple[str, ...]) -> str | None:
    """The title after its leading units and role words, or None if it has none."""
    rest = _skip_units(text, units)
    named = rest != text
    lead = _starts(rest, LEAD_WORDS)
    if lead is None and not named:
        found = _before_lead(text)
        lead = None if found is None else _starts(found, LEAD_WORDS)
        rest = found if found is not None and lead is not None else text
    if lead is not None:
        rest = rest[len(lead):].lstrip(" ,")
        named = True
    partner = _starts(rest, PARTNER_WORDS)
    if partner is not None:
        after = _skip_units(rest[len(partner):].lstrip(" ,"), units)
        verb = _first_verb(after)
        if verb is not None:
            return after[verb:]
        return rest if named else None
    if not named:
        return None
    return rest if lead is not None or _verb_at(rest, 0, fold=True) else None


def _skip_units(text: str, units: tuple[str, ...]) -> str:
    """``text`` without the unit names (of ``units``) it starts with, and their separators."""
    names = _folded(units)
    rest = text
    while names:
        low = rest.casefold()
        name = next((n for n in names if low.startswith(n) and _boundary(rest, len(n))), None)
        if name is None:
            return rest
        rest = rest[len(name):]
        stripped = rest.lstrip(" ,")
        if stripped.casefold().startswith("và "):
            stripped = stripped[3:]
        rest = stripped
    return rest


@lru_cache(maxsize=1024)
def _folded(units: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({u.casefold() for u in units if u.strip()}, key=len, reverse=True))


def _before_lead(text: str) -> str | None:
    """The text from its first "chủ trì" when what stands before it is a unit's name (no task
    verb, no clause end, not too long); None otherwise."""
    found = re.search(r"(^|[\s,])chủ trì\b", text, re.IGNORECASE)
    if found is None or found.start() > SCAN:
        return None
    head = text[:found.start()]
    if any(mark in head for mark in (";", ". ", ":")) or _first_verb(head) is not None:
        return None
    return text[found.start():].lstrip(" ,")


def _starts(text: str, words: tuple[str, ...]) -> str | None:
    low = text.casefold()
    return next((w for w in words if low.startswith(w) and _boundary(text, len(w))), None)


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or not text[at].isalnum()


def _verb_at(text: str, at: int, fold: bool = False) -> bool:
    """A task verb starts at ``at``: lowercase, as plans write verbs inside a sentence (any
    case with ``fold``, at the head of a title)."""
    return (_ANY_CASE_VERB if fold else _VERB).match(text, at) is not None


def _first_verb(text: str) -> int | None:
    """Where the first task verb of ``text`` stands (not a noun: "các tổ chức"), within
    :data:`SCAN` characters and the first clause; None if there is none."""
    previous = ""
    for word in _WORD.finditer(text):
        if word.start() > SCAN or previous.endswith((";", ".", ":")):
            return None
        if previous.casefold() not in NOUN_MARKERS and _verb_at(text, word.start()):
            return word.start()
        previous = word.group()
    return None


def _drop_fillers(text: str) -> str:
    while True:
        filler = _starts(text, FILLERS)
        rest = text[len(filler):].lstrip() if filler else ""
        if not filler or not _verb_at(rest, 0, fold=True):
            return text
        text = rest


def _capitalise(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text


def _cut(text: str, limit: int) -> str:
    """``text`` itself when it fits, else its best prefix (module docstring) and "…"."""
    if len(text) <= limit:
        return text
    aside = _ASIDE.sub("", text)  # "(10/10/1954-10/10/2024)", "(nếu có)": asides go first
    if aside != text and aside.strip():
        return _cut(aside, limit)
    budget = limit - 1
    for marks, least in ((STRONG, MIN_STRONG), (WEAK, MIN_WEAK)):
        ends = [i for mark in marks for i in _find_all(text, mark) if least <= i <= budget]
        for end in sorted(ends, reverse=True):
            head = _tidy(text[:end])
            if len(head) >= least and _balanced(head):
                return head + "…"
    spaces = sorted((i for i in _find_all(text, " ") if i <= budget), reverse=True)
    for careful in (True, False):
        for end in spaces:
            head = _tidy(text[:end])
            if len(head) >= MIN_STRONG and _balanced(head) and \
                    not (careful and _splits_name(head, text[end + 1:])):
                return head + "…"
    return _tidy(text[:budget]) + "…"


def _splits_name(head: str, tail: str) -> bool:
    """Whether cutting between ``head`` and ``tail`` may split a name (names are capitalised
    inside a sentence: "Chiến thắng | Điện Biên Phủ", "70 năm Chiến | thắng") or leave a bare
    number ("70 | năm")."""
    last = _letters(head.rsplit(" ", 1)[-1])[:1]
    return _letters(tail)[:1].isupper() or last.isupper() or last.isdigit()


def _letters(text: str) -> str:
    """``text`` from its first letter or digit ("“Hà Nội" → "Hà Nội")."""
    return next((text[i:] for i, ch in enumerate(text) if ch.isalnum()), "")


def _find_all(text: str, mark: str) -> list[int]:
    found, at = [], text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _tidy(head: str) -> str:
    """A cut's prefix without trailing punctuation or dangling words."""
    words = head.rstrip(" ,;:.-–").split(" ")
    while len(words) > 1 and words[-1].casefold().strip(",;:") in DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:.-–")


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS) and text.count('"') % 2 == 0
