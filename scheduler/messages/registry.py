"""Messages of registry files and local registries (scheduler/registry, data/local)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the lunar date in a title: "95 năm … (10/3 âm lịch; 07/04/1930 - 07/04/2025)"
    "registry_lunar_date": ("{day}/{month} âm lịch", "lunar {day}/{month}"),
    "registry_not_lunar": ("{value} không phải ngày âm lịch (ghi dd/mm hoặc dd/mm/yyyy)",
                           "{value} is not a lunar date (write dd/mm or dd/mm/yyyy)"),
    "registry_lunar_range": ("{value}: tháng âm lịch có các ngày 1–30 và năm có các tháng 1–12",
                             "{value}: a lunar month has days 1–30 and the year months 1–12"),
    "registry_no_year_class": ("không có năm gốc thì ghi class_by: year",
                               "without a year, set class_by: year"),
    "registry_leap_day_only": ("chỉ dùng cho ngày gốc 29/02", "only for a 29/02 origin"),
    "registry_unknown_policy": ("không có quy định này (có: {known})",
                                "unknown policy (known: {known})"),
    "registry_unknown_section": ("không có mục này trong danh mục (có: {known})",
                                 "unknown section (known: {known})"),
    "registry_missing_section": ("thiếu mục này (bắt buộc)", "is required but missing"),
    "registry_policy_twice": ("quy định {id} đã có ở {at}", "{id} is already defined at {at}"),
    "registry_id_twice": ("mã {id} đã dùng ở {at}", "{id} is already used at {at}"),
    "registry_expected": ("danh mục ('anniversaries:')", "a registry ('anniversaries:')"),
}
