"""Messages of office documents: Word, Excel and CSV (scheduler/exports)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the national motto block (Decree 30/2020/NĐ-CP, Appendix I, II.1) ---------------------
    "export_motto_nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                            "SOCIALIST REPUBLIC OF VIETNAM"),
    "export_motto_party": ("ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIET NAM"),
    "export_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    # -- column headings ------------------------------------------------------------------
    "export_col_number": ("STT", "No."),
    "export_col_date": ("Ngày", "Date"),
    "export_col_days": ("Còn (ngày)", "In (days)"),
    "export_col_class": ("Loại năm", "Year class"),
    "export_col_anniversary": ("Sự kiện", "Anniversary"),
    "export_col_section": ("Mục", "Section"),
    "export_col_when": ("Thời gian", "When"),
    "export_col_phrase": ("Thời gian (theo văn bản)", "When (as written)"),
    "export_col_from": ("Từ ngày", "From"),
    "export_col_to": ("Đến ngày", "To"),
    "export_col_kind": ("Loại việc", "Kind"),
    "export_col_task": ("Nội dung", "Task"),
    "export_col_units": ("Đơn vị", "Units"),
    "export_col_unit": ("Đơn vị", "Unit"),
    "export_col_role": ("Vai trò", "Role"),
    "export_col_plan": ("Kế hoạch", "Plan"),
    "export_col_lead": ("Chủ trì", "Lead"),
    "export_col_partner": ("Phối hợp", "Partners"),
    # -- the plan's appendix (Decree 30/2020/NĐ-CP, Appendix I, II.10: "Phụ lục") -----------
    "export_appendix": ("PHỤ LỤC", "APPENDIX"),
    "export_appendix_title": ("PHÂN CÔNG THỰC HIỆN", "ASSIGNMENT OF TASKS"),
    "export_appendix_sheet": ("Phân công thực hiện", "Assignment of tasks"),
    "export_attached": ("(Kèm theo {plan})", "(Attached to {plan})"),
    "export_plan_number": ("số {number}", "No. {number}"),
    "export_plan_issued": ("ngày {day}", "of {day}"),
    "export_plan_issuer": ("của {issuer}", "issued by {issuer}"),
    "export_section": ("Mục {section}", "Section {section}"),
    "export_section_report": ("Chế độ báo cáo", "Reporting"),
    # -- worksheet names (at most 31 characters) ----------------------------------------
    "export_sheet_anniversaries": ("Ngày kỷ niệm", "Anniversaries"),
    "export_sheet_agenda": ("Lịch việc", "Agenda"),
    "export_sheet_units": ("Đơn vị", "Units"),
    # -- what was written, and why not -----------------------------------------------------
    "export_written": ("Đã ghi {path}: {n} dòng", "Wrote {path}: {n} rows"),
    "export_written_stdout": ("Đã ghi ra màn hình: {n} dòng", "Wrote to standard output: {n} "
                              "rows"),
    "export_exists": ("đã có tệp này; thêm --force để ghi đè (tệp cũ không bị đổi)",
                      "already exists; add --force to replace it (the old file is unchanged)"),
    "export_suffix": ("tên tệp có đuôi {suffix} nhưng định dạng là {fmt}; đặt tên tệp đuôi "
                      ".{fmt} hoặc chọn --format khác",
                      "the file name ends in {suffix} but the format is {fmt}; name it "
                      "*.{fmt} or give another --format"),
    "export_stdout_binary": ("chỉ định dạng csv mới ghi ra màn hình được (-o -); với {fmt} "
                             "hãy ghi tên tệp, ví dụ -o {example}",
                             "only csv can go to standard output (-o -); for {fmt} name a "
                             "file, e.g. -o {example}"),
    "export_format": ("không có định dạng {fmt}; kyniem ghi được {known}",
                      "there is no format {fmt}; kyniem writes {known}"),
}
