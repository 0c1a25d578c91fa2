"""The import report (scheduler/outputs/imported.py): plain text within 80 columns in both
languages, the English one free of Vietnamese wording (the document's own names aside), the
same lines through rich, JSON for one or several documents, and the unread and warnings
sections shown exactly when there is something in them."""

from __future__ import annotations

import json
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from rich.cells import cell_len

from scheduler.commands import Settings
from scheduler.imports.convert import Imported, convert, import_document
from scheduler.imports.documents import Paragraph
from scheduler.outputs.imported import ImportView
from scheduler.sanitize import console
from scheduler.wording import MESSAGES, ROLE_WORDS, say

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "imports" / "an-khanh.txt"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REGISTRY = Settings().registry()


def _small(*edits: tuple[str, str], source: str = "an-khanh.txt") -> Imported:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    paras = tuple(Paragraph(line.strip(), n) for n, line in enumerate(text.splitlines(), 1)
                  if line.strip())
    return convert(paras, source, REGISTRY.anniversaries)


BLANK_NUMBER = ("Số: 45/KH-UBND", "Số: /KH-UBND")
BLANK_DATE = ("ngày 02 tháng 3 năm 2025", "ngày  tháng  năm 2025")
BAD_TIME = ("(tuần cuối tháng 4/2025)", "(từ ngày 31/02/2025)")
UNSURE = ("- Tham mưu tổ chức Lễ kỷ niệm.", "- Tham mưu chủ đề công tác năm 2025 “Kỷ cương”.")


def plain(found: Imported, lang: str, target: str = "plans/an-khanh.yaml") -> str:
    return ImportView([(found, target)], lang).plain()


def flat(text: str) -> str:
    """The report with its wrapped lines joined again (textwrap breaks at single spaces)."""
    return re.sub(r"\s*\n\s*", " ", text)


# -- plain text ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", [SMALL, *SEEDS], ids=lambda p: p.name)
def test_every_line_fits_80_columns(path: Path, lang: str) -> None:
    found = import_document(path, REGISTRY.anniversaries)
    lines = plain(found, lang).splitlines()
    assert len(lines) > 10
    assert [line for line in lines if cell_len(line) > 80] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_long_names_and_warnings_wrap_within_80_columns(lang: str) -> None:
    found = _small(BLANK_NUMBER, BLANK_DATE, BAD_TIME, UNSURE,
                   source="/tmp/" + "rat-dai-" * 15 + "ke-hoach.txt")
    text = plain(found, lang, target="plans/" + "x" * 120 + ".yaml")
    assert [line for line in text.splitlines() if cell_len(line) > 80] == []
    assert "x" * 60 in text.replace("\n", "")  # the long target is broken, not dropped


def test_vietnamese_report() -> None:
    text = flat(plain(_small(), "vi"))
    folder = os.path.abspath("plans")
    assert text.startswith("Đã nhập an-khanh.txt → plans/an-khanh.yaml Dùng kế hoạch này: "
                           "kyniem agenda --plans plans/an-khanh.yaml; để mọi lệnh đọc thư mục "
                           f"của nó: kyniem config plans {folder}")
    text = text[text.index(" Kỷ niệm: "):].replace(" Kỷ niệm: ", "Đã nhập an-khanh.txt → "
                                                   "plans/an-khanh.yaml Kỷ niệm: ", 1)
    assert text.startswith("Đã nhập an-khanh.txt → plans/an-khanh.yaml Kỷ niệm: 50 năm Ngày "
                           "giải phóng hoàn toàn miền Nam, thống nhất đất nước (30/04/1975 – "
                           "30/04/2025) [giai-phong-mien-nam] Gắn với: 80 năm Ngày Cách mạng "
                           "tháng Tám thành công (19/08/1945 – 19/08/2025) [cach-mang-thang-tam]")
    assert ("Cơ quan ban hành: UBND phường · Số: 45/KH-UBND · Ngày ban hành: 02/03/2025"
            in text)
    assert ("Văn bản dẫn: căn cứ Hướng dẫn 12-HD/BTGTW ngày 10/01/2025 — Ban Tuyên giáo Trung "
            "ương") in text
    assert "Văn bản dẫn: thực hiện Kế hoạch 300-KH/TU ngày 20/02/2025" in text
    assert "Thời gian đợt: Các hoạt động diễn ra từ tháng 3 đến tháng 5/2025" in text
    assert ("Các phần: I. MỤC ĐÍCH, YÊU CẦU (mục đích) · II. NỘI DUNG (nội dung) · III. TỔ "
            "CHỨC THỰC HIỆN (phân công)") in text
    assert ("Hoạt động: 8 (4 có thời gian, 4 không ghi thời gian, 2 trùng với phần nội dung), "
            "6 đơn vị") in text
    assert "dòng 11 · 24/04/2025–30/04/2025 Treo cờ, băng rôn" in text
    assert "dòng 15 · không ghi thời gian Tổ chức Hội thi" in text
    assert ("dòng 20 · không ghi thời gian · Ủy ban MTTQ (đề nghị), Các tổ chức chính trị - "
            "xã hội phường (đề nghị)") in text
    assert "Phòng Văn hóa - Xã hội (chủ trì), Văn phòng HĐND và UBND phường (phối hợp)" in text


def test_english_report() -> None:
    text = flat(plain(_small(), "en"))
    assert text.startswith("Imported an-khanh.txt → plans/an-khanh.yaml To use this plan: "
                           "kyniem agenda --plans plans/an-khanh.yaml; for every command to "
                           f"read its folder: kyniem config plans {os.path.abspath('plans')}")
    text = text[text.index(" Anniversary: "):].replace(
        " Anniversary: ", "Imported an-khanh.txt → plans/an-khanh.yaml Anniversary: ", 1)
    assert text.startswith("Imported an-khanh.txt → plans/an-khanh.yaml Anniversary: Ngày "
                           "giải phóng hoàn toàn miền Nam, thống nhất đất nước, 50 years "
                           "(30/04/1975 – 30/04/2025) [giai-phong-mien-nam] Combined with: "
                           "Ngày Cách mạng tháng Tám thành công, 80 years")
    assert "Issued by: UBND phường · Number: 45/KH-UBND · Issue date: 02/03/2025" in text
    assert "References: basis Hướng dẫn 12-HD/BTGTW of 10/01/2025 — Ban Tuyên giáo" in text
    assert "References: implements Kế hoạch 300-KH/TU of 20/02/2025" in text
    assert ("Sections: I. MỤC ĐÍCH, YÊU CẦU (purposes) · II. NỘI DUNG (content) · III. TỔ "
            "CHỨC THỰC HIỆN (assignment)") in text
    assert ("Activities: 8 (4 with a time, 4 without, 2 restating the content section), "
            "6 units") in text
    assert "line 15 · no time given Tổ chức Hội thi" in text
    assert "Ủy ban MTTQ (requested), Các tổ chức chính trị - xã hội phường (requested)" in text
    assert "Văn phòng HĐND và UBND phường (advises)" in text


def _from_document(found: Imported, target: str) -> list[str]:
    """Every text the report quotes from the document: names, numbers, sentences, paths."""
    r = found.report
    out = [target, r["source"], r["issuer"], r["number"] or "", r["period"] or ""]
    for c in (r["anniversary"], *r["related"]):
        out += [c["name"], c["id"] or ""]
    for ref in r["references"]:
        out += [ref["type"], ref["number"], ref["issuer"] or ""]
    out += [s["title"] for s in r["sections"]]
    for row in r["activities"]:
        out += [row["text"], row["text"][:69], row["when"] or "", *row["roles"]]
    out += [u["text"] for u in r["unread"]]
    return sorted({q for q in out if q.strip()}, key=len, reverse=True)


def _messages(found: Imported, lang: str) -> list[str]:
    """The warnings and unread reasons as worded (their own quotes may hold Vietnamese)."""
    return [say(k, **v).render(lang) for k, v in found.warnings] + [
        say(u.why).render(lang) for u in found.unread]


def _wording_left(found: Imported, lang: str) -> str:
    """The report without what it quotes: what is left is the report's own wording."""
    text = flat(plain(found, lang, target="plans/out.yaml"))
    for quoted in [*_messages(found, lang), *_from_document(found, "plans/out.yaml")]:
        text = re.sub(rf"(?<!\w){re.escape(quoted)}(?!\w)", " ", text)
    return text


CASES = {"clean": (), "unread and warnings": (BLANK_NUMBER, BLANK_DATE, BAD_TIME, UNSURE)}


@pytest.mark.parametrize("edits", CASES.values(), ids=list(CASES))
def test_no_vietnamese_in_the_english_report_but_the_documents_own(
        edits: tuple[tuple[str, str], ...]) -> None:
    found = _small(*edits)
    left = _wording_left(found, "en")
    assert "Imported" in left and "Activities" in left  # the wording itself is still there
    assert [c for c in left if c.isalpha() and not c.isascii()] == []
    vietnamese = {w for k, (vi, _) in MESSAGES.items() if k.startswith("import_view_")
                  for w in re.findall(r"\w+", re.sub(r"\{\w+\}", "", vi))} | {
        w for vi, _ in ROLE_WORDS.values() for w in vi.split()}
    assert {w for w in re.findall(r"\w+", left) if w in vietnamese} == set()


@pytest.mark.parametrize("edits", CASES.values(), ids=list(CASES))
def test_no_english_in_the_vietnamese_report(edits: tuple[tuple[str, str], ...]) -> None:
    found = _small(*edits)
    left = _wording_left(found, "vi")
    assert "Đã nhập" in left
    english = {"Imported", "Anniversary", "Combined", "Issued", "Number", "References",
               "Sections", "Activities", "line", "lead", "partner", "requested", "advises",
               "purposes", "content", "assignment", "basis", "implements", "units", "none",
               "Warnings", "read", "time"}
    assert set(re.findall(r"\w+", left)) & english == set()


# -- unread and warnings ---------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "all_read", "unread", "warnings"), [
    ("vi", "Đã đọc hết các câu có vẻ là việc, đơn vị hay thời gian.", "Chưa đọc được",
     "Cảnh báo"),
    ("en", "Every sentence that looked like a task, a unit or a time was read.", "Not read",
     "Warnings"),
])
def test_a_clean_import_says_so_and_lists_nothing(lang: str, all_read: str, unread: str,
                                                  warnings: str) -> None:
    text = plain(_small(), lang)
    assert flat(text).endswith(all_read)
    assert unread not in text and warnings not in text


def test_unread_sentences_are_listed_with_their_line() -> None:
    found = _small(BAD_TIME)
    assert [(u.line, u.why) for u in found.unread] == [(11, "import_unread_time")]
    en, vi = plain(found, "en"), plain(found, "vi")
    assert flat(en).endswith("Not read (1) — fix these in the plan file: line 11: looks like a "
                             "time but cannot be read: từ ngày 31/02/2025")
    assert flat(vi).endswith("Chưa đọc được (1) — sửa trong tệp kế hoạch: dòng 11: có vẻ là "
                             "thời gian nhưng không đọc được: từ ngày 31/02/2025")
    assert "Every sentence" not in en and "Warnings" not in en
    assert "Đã đọc hết" not in vi and "Cảnh báo" not in vi


def test_warnings_are_listed_in_the_reports_language() -> None:
    found = _small(BLANK_NUMBER, BLANK_DATE)
    assert [k for k, _ in found.warnings] == ["import_blank_number", "import_blank_date"]
    number, blank = (say(k, **v) for k, v in found.warnings)
    en = flat(plain(found, "en"))
    assert en.endswith("Every sentence that looked like a task, a unit or a time was read. "
                       f"Warnings (2): {number.render('en')} {blank.render('en')}")
    assert "/KH-UBND" in number.render("en") and "2025" in blank.render("en")
    assert "Number: (none) · Issue date: (none)" in en
    vi = flat(plain(found, "vi"))
    assert vi.endswith(f"Cảnh báo (2): {number.render('vi')} {blank.render('vi')}")
    assert "Số: (không ghi) · Ngày ban hành: (không ghi)" in vi


def test_unread_and_warnings_together_in_that_order() -> None:
    found = _small(BLANK_NUMBER, BAD_TIME, UNSURE)
    assert [(u.line, u.why) for u in found.unread] == [(11, "import_unread_time"),
                                                      (22, "import_time_unsure")]
    text = plain(found, "en")
    heads = [line for line in text.splitlines() if line.startswith(("Not read", "Warnings"))]
    assert heads == ["Not read (2) — fix these in the plan file:", "Warnings (1):"]
    unsure = say("import_time_unsure").render("en")
    assert f"line 22: {unsure}: năm 2025 Warnings (1):" in flat(text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_ordinal_mismatch_is_reported(lang: str) -> None:
    found = _small(("50 năm Ngày giải phóng", "49 năm Ngày giải phóng"))
    [(key, values)] = found.warnings
    assert key == "import_ordinal_mismatch"
    message = say(key, **values).render(lang)
    assert re.findall(r"\d+", message) == ["49", "1975", "2025", "50"]
    assert flat(plain(found, lang)).endswith(message)


# -- rich --------------------------------------------------------------------------------------

def test_rich_prints_the_same_lines() -> None:
    view = ImportView([(_small(BAD_TIME), "a.yaml"), (_small(), "b.yaml")], "en")
    sink = StringIO()
    console(file=sink, width=80).print(view)
    out = sink.getvalue()
    assert out == view.plain() + "\n\n"
    assert [cell_len(line) <= 80 for line in out.splitlines()] == [True] * len(
        out.splitlines())


def test_rich_makes_each_documents_first_line_bold() -> None:
    view = ImportView([(_small(), "a.yaml"), (_small(), "b.yaml")], "vi")
    sink = StringIO()
    console(file=sink, width=80, force_terminal=True, color_system="standard").print(view)
    out = sink.getvalue()
    assert out.count("\x1b[1mĐã nhập an-khanh.txt → ") == 2
    assert "\x1b[1mKỷ niệm" not in out and "Kỷ niệm:" in out


# -- JSON and several documents --------------------------------------------------------------

def test_json_of_one_document_is_one_object() -> None:
    found = _small()
    value = ImportView([(found, "plans/a.yaml")], "en").as_json()
    assert isinstance(value, dict)
    assert value == {**found.report, "output": "plans/a.yaml"}
    assert json.loads(json.dumps(value, ensure_ascii=False)) == value
    assert value["anniversary"]["id"] == "giai-phong-mien-nam" and value["unread"] == []


def test_json_of_several_documents_is_a_list_in_order() -> None:
    first, second = _small(), _small(BAD_TIME, source="b.txt")
    value = ImportView([(first, "a.yaml"), (second, "b.yaml")], "vi").as_json()
    assert isinstance(value, list)
    assert [(r["source"], r["output"], len(r["unread"])) for r in value] == [
        ("an-khanh.txt", "a.yaml", 0), ("b.txt", "b.yaml", 1)]
    assert json.loads(json.dumps(value)) == value


def test_several_documents_in_plain_text_one_block_each() -> None:
    view = ImportView([(_small(), "a.yaml"), (_small(BAD_TIME, source="b.txt"), "b.yaml")],
                      "en")
    blocks = view.plain().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["Imported an-khanh.txt → a.yaml",
                                                   "Imported b.txt → b.yaml"]
    assert "Not read" not in blocks[0] and "Not read (1)" in blocks[1]
