"""Messages of registry files and local registries (scheduler/registry, data/local)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the lunar date in a title: "95 năm … (10/3 âm lịch; 07/04/1930 - 07/04/2025)"
    "registry_lunar_date": ("{day}/{month} âm lịch", "lunar {day}/{month}"),
    "registry_not_lunar": ("{value} không phải ngày âm lịch (ghi dd/mm hoặc dd/mm/yyyy)",
                           "{value} is not a lunar date (write dd/mm or dd/mm/yyyy)"),
    "registry_lunar_range": ("{value}: tháng âm lịch có các ngày 1–30 và năm có các tháng 1–12",
                             "{value}: a lunar month has days 1–30 and the year months 1–12"),
    "registry_expected": ("danh mục ('anniversaries:')", "a registry ('anniversaries:')"),
}
