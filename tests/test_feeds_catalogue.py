"""Feed names (feeds/catalogue.py): a plan's calendar is named after its subject and its
issuer, short enough for a phone's calendar list; `kyniem feed` and the site agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds.catalogue import PLAN_NAME_LIMIT, feed_name, plan_subject


@pytest.mark.parametrize(("title", "subject"), [
    ("Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)",
     "kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"),
    ("Kế hoạch thực hiện Kế hoạch số 88/KH-UBND ngày 23/3/2024 của UBND thành phố Hà Nội về tổ "
     "chức các hoạt động kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954-10/10/2024)",
     "kỷ niệm 70 năm Ngày Giải phóng Thủ đô"),
    ("KẾ HOẠCH Tổ chức các hoạt động KỶ NIỆM 95 năm Ngày thành lập Đảng",
     "kỷ niệm 95 năm Ngày thành lập Đảng"),
    ("Kế hoạch công tác tuyên truyền năm 2025", "công tác tuyên truyền năm 2025")])
def test_a_plans_subject_is_its_title_from_ky_niem_on(title: str, subject: str) -> None:
    assert plan_subject(title) == subject


def test_a_long_subject_is_cut_between_words_never_inside_a_quotation() -> None:
    title = ("Kế hoạch kỷ niệm 80 năm Ngày Cách mạng Tháng Tám thành công và Quốc khánh “Độc "
             "lập - Tự do - Hạnh phúc” của nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    found = plan_subject(title)
    assert len(found) <= PLAN_NAME_LIMIT + 1 and found.endswith("…")
    assert found.count("“") == found.count("”") and not found.endswith(" …")
    assert title.startswith("Kế hoạch " + found[:-1].rstrip())


def test_plan_calendar_names_carry_the_issuer_in_both_languages() -> None:
    title = "Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)"
    assert feed_name("plan", title, "vi", "Đảng ủy phường") == (
        "Kế hoạch: kỷ niệm 70 năm Chiến thắng Điện Biên Phủ — Đảng ủy phường")
    assert feed_name("plan", title, "en", "Đảng ủy phường").startswith("Plan: kỷ niệm 70 năm")
    assert feed_name("days", title, "vi", "Đảng ủy phường", plan=True) == (
        "Hạn và ngày chính: kỷ niệm 70 năm Chiến thắng Điện Biên Phủ — Đảng ủy phường")
    # a unit's key-days feed is not a plan's: its name stays as written
    assert feed_name("days", "Ban Tuyên giáo", "vi", "Quận Thanh Xuân") == (
        "Hạn và ngày chính: Ban Tuyên giáo — Quận Thanh Xuân")


def test_the_site_and_kyniem_feed_name_a_plan_alike(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KYNIEM_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--out", "site", "--now", "01/06/2024"])
    assert built.exit_code == 0, built.output
    listed = {f["path"]: f["name"] for f in json.loads(Path("site/feeds.json").read_text())}
    name = listed["plans/thanh-xuan-giai-phong-thu-do-70-2024.ics"]
    assert name == "Kế hoạch: kỷ niệm 70 năm Ngày Giải phóng Thủ đô — UBND quận Thanh Xuân"
    one = runner.invoke(main, ["feed", "--plan", "thanh-xuan-giai-phong-thu-do-70-2024",
                               "--now", "01/06/2024"])
    assert one.exit_code == 0
    assert f"X-WR-CALNAME:{name}" in one.output.replace("\r\n", "\n").replace("\n ", "")
    assert all(len(n) <= 120 for p, n in listed.items() if p.startswith(("plans/", "days/p")))
