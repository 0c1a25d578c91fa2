"""A synthetic national-scale data set: plans of every province and district for the
registry's anniversaries, about 100,000 dated items in all (issue 4's benchmark).

    python bench/national.py OUT_DIR [--plans 1000] [--activities 100] [--seed 1]

Plans use the time phrases real plans use (DOMAIN.md), real registry ids, and a pool of
units named like real ones, so every stage (phrase reader, working-day shifts, RRULEs,
per-unit feeds) does the work it does on real data.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

ANNIVERSARIES = ["chien-thang-dien-bien-phu", "giai-phong-mien-nam", "cach-mang-thang-tam",
                 "quoc-khanh", "thanh-lap-dang", "ngay-sinh-ho-chi-minh",
                 "giai-phong-thu-do", "thanh-lap-quan-doi-nhan-dan", "ngay-thuong-binh-liet-si",
                 "doan-thanh-nien"]
PROVINCES = [f"tỉnh {n}" for n in (
    "Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái",
    "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc",
    "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
    "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
    "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước",
    "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang",
    "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang",
    "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Tuyên Quang", "Bắc Kạn")]
DEPARTMENTS = ["Ban Tuyên giáo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ",
               "Bộ Chỉ huy Quân sự", "Công an", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ",
               "Hội Cựu chiến binh", "Ủy ban Mặt trận Tổ quốc", "Sở Giáo dục và Đào tạo",
               "Sở Lao động - Thương binh và Xã hội", "Đài Phát thanh và Truyền hình",
               "Báo", "Liên đoàn Lao động", "Sở Thông tin và Truyền thông"]
KINDS = ["campaign", "event", "meeting", "visit", "deadline", "report", "peak"]


def phrase(rng: random.Random, year: int) -> str:
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    forms = [
        f"từ ngày {d}/{m}/{year} đến ngày {min(d + rng.randint(1, 9), 28)}/{m}/{year}",
        f"trong tháng {m}/{year}",
        f"trước ngày {d}/{m}/{year}",
        f"Quý {rng.choice(['I', 'II', 'III', 'IV'])} năm {year}",
        f"cuối tháng {m}/{year}",
        f"ngày {d}/{m}/{year}",
        f"từ tháng {m}/{year} đến tháng 12/{year}",
        "định kỳ hàng tháng (trước ngày 20)",
        f"from {d} March {year} to {d} April {year}",
    ]
    return rng.choice(forms)


def plan(rng: random.Random, index: int, activities: int) -> dict[str, object]:
    province = PROVINCES[index % len(PROVINCES)]
    anniversary = ANNIVERSARIES[index % len(ANNIVERSARIES)]
    year = 2026 + index % 10
    units = [f"{dep} {province}" for dep in DEPARTMENTS]
    acts = []
    for n in range(activities):
        kind = rng.choice(KINDS)
        when = phrase(rng, year)
        if kind == "report" and rng.random() < 0.2:
            when = "định kỳ hàng tháng (trước ngày 20)"
        elif "hàng tháng" in when:
            kind = "report"
        acts.append({"id": f"a{n:03d}", "title": f"Hoạt động {n} kỷ niệm ({province})",
                     "when": when, "kind": kind, "lead": rng.choice(units),
                     "partners": rng.sample(units, 2)})
    return {"id": f"plan-{index:04d}", "title": f"Kế hoạch {index} ({province})",
            "anniversary": anniversary, "year": year, "issuer": f"Tỉnh ủy {province}",
            # each office issues on its own day, so no two plans share a reading context
            "issued": f"{rng.randint(1, 28):02d}/{rng.randint(1, 3):02d}/{year}",
            "campaign_end": f"31/12/{year}",
            "reminders": [30, 7, 1], "activities": acts}


def generate(out: Path, plans: int = 1000, activities: int = 100, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(plans):
        path = out / f"plan-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(plan(rng, i, activities), allow_unicode=True,
                                       sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.plans, args.activities, args.seed)
    print(f"{len(paths)} plans × {args.activities} activities in {args.out}")


if __name__ == "__main__":
    main()
