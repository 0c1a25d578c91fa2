"""Messages of the static site's pages (scheduler/site: the index, year and plan pages, the SVG
timelines) and of ``kyniem build``/``kyniem feed``'s report (scheduler/outputs/feeds.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- scheduler/site/html.py ------------------------------------------------------------------
    "site_title": ("Lịch kỷ niệm", "Commemoration calendars"),
    "site_intro": ("Đăng ký một lịch một lần; lịch của bạn tự cập nhật khi kế hoạch thay đổi "
              "(Google: 12–24 giờ, Outlook: vài giờ).",
              "Subscribe once; your calendar updates itself when plans change "
              "(Google: every 12–24 h, Outlook: every few hours)."),
    "site_no_base": ("Trang này được tạo không có --base-url nên chưa có liên kết đăng ký; "
                "tải tệp .ics hoặc tạo lại với --base-url.",
                "Built without --base-url: no subscribe links; download the .ics or rebuild "
                "with --base-url."),
    "site_jump": ("Đi tới", "Go to"),
    "site_units": ("Theo đơn vị", "By unit"),
    "site_plans": ("Theo kế hoạch", "By plan"),
    "site_anniversaries": ("Theo ngày kỷ niệm", "By anniversary"),
    "site_more": ("Tất cả, các năm kỷ niệm", "Everything, milestones"),
    "site_years": ("Theo năm", "By year"),
    "site_nowhere": ("Chưa rõ địa bàn", "Locality not known"),
    "site_events": ("{n} sự kiện", "{n} events"),
    "site_find": ("Tìm lịch (đơn vị, kế hoạch, ngày kỷ niệm; gõ không dấu cũng được)",
             "Find a calendar (unit, plan, anniversary; accents optional)"),
    "site_find_hint": ("vd: tuyen giao", "e.g. tuyen giao"),
    "site_found_some": ("{n} lịch phù hợp", "{n} calendars match"),
    "site_found_none": ("Không có lịch nào phù hợp.", "No calendar matches."),
    "site_copy": ("Sao chép", "Copy"),
    "site_copied": ("Đã chép", "Copied"),
    "site_selected": ("Đã chọn, nhấn Ctrl+C", "Selected: press Ctrl+C"),
    "site_copy_label": ("Sao chép địa chỉ: {label}", "Copy the address: {label}"),
    "site_help": ("Cách đăng ký", "How to subscribe"),
    "site_help_google": ("<b>Google</b> (trên máy tính): Thêm lịch → Từ URL, dán địa chỉ lịch; "
                    "hoặc bấm nút Google.",
                    "<b>Google</b> (on a computer): Other calendars + → From URL, paste the "
                    "address; or press the Google button."),
    "site_help_outlook": ("<b>Outlook</b>: Thêm lịch → Đăng ký từ web, dán địa chỉ lịch; hoặc bấm "
                     "nút Outlook.",
                     "<b>Outlook</b>: Add calendar → Subscribe from web, paste the address; "
                     "or press an Outlook button."),
    "site_help_phone": ("<b>iPhone</b>: bấm nút iPhone, Mac → Đăng ký. <b>Android</b>: thêm bằng "
                   "Google trên máy tính, rồi bật đồng bộ lịch đó trong ứng dụng Google Lịch.",
                   "<b>iPhone</b>: press iPhone, Mac → Subscribe. <b>Android</b>: add it with "
                   "Google on a computer, then turn on its sync in the Google Calendar app."),
    "site_google": ("Google", "Google"),
    "site_outlook": ("Outlook.com", "Outlook.com"),
    "site_outlook_work": ("Outlook (cơ quan)", "Outlook (work)"),
    "site_apple": ("iPhone, Mac",
                                                                       "iPhone, Mac"),
    "site_ics": ("Tải .ics", "Download .ics"),
    "site_cal": ("Lịch {name}", "Calendar: {name}"),
    "site_cal_anniversary": ("Lịch kỷ niệm {name}", "Anniversary calendar: {name}"),
    "site_cal_days": ("Lịch hạn và ngày chính: {name}", "Deadlines and key days: {name}"),
    "site_second": ("Chỉ hạn chót và ngày chính", "Deadlines and key days only"),
    "site_next": ("Ngày tới: {day}", "Next: {day}"),
    "site_in_days": ("còn {n} ngày", "in {n} days"),
    "site_is_today": ("hôm nay", "today"),
    "site_no_next": ("Không còn ngày nào trong khoảng lịch", "No day left in the calendar's years"),
    "site_in_plans": ("Có việc trong:", "Has work in:"),
    "site_plan_page": ("Trang kế hoạch", "Plan page"),
    "site_plan_of": ("Kế hoạch của {issuer}", "Plan of {issuer}"),
    "site_back": ("← Danh sách lịch", "← All calendars"),
    "site_date": ("Ngày", "Date"),
    "site_what": ("Nội dung", "What"),
    "site_who": ("Đơn vị", "Units"),
    # -- scheduler/site/year.py ------------------------------------------------------------------
    "site_year_strip": ("Năm {year} theo tháng", "{year} by month"),
    "site_year_strip_desc": ("{days} ngày kỷ niệm và {plans} kế hoạch từ tháng 1 đến tháng "
                             "12; các bảng dưới liệt kê đủ.",
                   "{days} anniversary days and {plans} plans from January to December; the "
                   "tables below list them all."),
    "site_year_days": ("Ngày kỷ niệm năm {year}", "Anniversary days of {year}"),
    "site_year_days_caption": ("Theo ngày; in đậm: năm kỷ niệm tròn",
                     "By date; in bold: milestone anniversaries"),
    "site_year_plans": ("Kế hoạch trong năm {year}", "Plans at work in {year}"),
    "site_year_plans_caption": ("Theo ngày bắt đầu; việc của từng kế hoạch ở trang của kế hoạch",
                      "By their first day; each plan's tasks are on its page"),
    "site_year_plan": ("Kế hoạch", "Plan"),
    "site_year_time": ("Thời gian", "Time"),
    "site_year_no_plans": ("Không có kế hoạch nào trong năm này.", "No plan is at work this year."),
    # -- scheduler/site/svg.py -------------------------------------------------------------------
    "site_svg_window": ("Thời gian thực hiện", "Activity window"),
    "site_svg_peak": ("Cao điểm", "Peak"),
    "site_svg_due": ("Hạn, báo cáo", "Deadline, report"),
    "site_svg_day": ("Ngày kỷ niệm", "Anniversary day"),
    "site_svg_milestone": ("Năm kỷ niệm tròn", "Milestone anniversary"),
    "site_svg_today": ("Hôm nay", "Today"),
    "site_svg_others": ("… và {n} việc khác", "… and {n} more"),
    # -- scheduler/site/plan.py ------------------------------------------------------------------
    "site_plan_number": ("Số {number}", "No. {number}"),
    "site_plan_issued": ("ngày {day}", "of {day}"),
    "site_plan_implements": ("Thực hiện", "Implements"),
    "site_plan_basis": ("Căn cứ", "Based on"),
    "site_plan_scope": ("Phạm vi: {scope}", "Scope: {scope}"),
    "site_plan_period": ("Thời gian: {span}", "Period: {span}"),
    "site_plan_days": ("Ngày kỷ niệm", "Anniversary day"),
    "site_plan_timeline": ("Dòng thời gian", "Timeline"),
    "site_plan_timeline_desc": ("Từ {lo} đến {hi}: {n} việc; bảng phân công dưới đây liệt kê đủ.",
                      "From {lo} to {hi}: {n} tasks; the assignment table below lists them."),
    "site_plan_subscribe": ("Lịch của kế hoạch", "The plan's calendar"),
    "site_plan_assign": ("Phân công", "Assignments"),
    "site_plan_when": ("Thời gian", "When"),
    "site_plan_task": ("Việc", "Task"),
    "site_plan_roles": ("Đơn vị, vai trò", "Units and roles"),
    "site_plan_general": ("Chung cho cả kế hoạch", "The whole plan"),
    "site_plan_recurring": ("định kỳ, từ {first} đến {last}", "recurring, {first} to {last}"),
    "site_plan_unit_feeds": ("Lịch của các đơn vị", "The units' calendars"),
    "site_plan_in_plan": ("{n} việc trong kế hoạch này", "{n} tasks in this plan"),
    # -- scheduler/outputs/feeds.py --------------------------------------------------------------
    "build_wrote_feed": ("Đã ghi {path}: {n} sự kiện ({size} byte).",
                   "Wrote {path}: {n} events ({size} bytes)."),
    "build_built": ("Đã tạo trang lịch {out}: {feeds} lịch, {events} sự kiện; ghi {written} tệp, "
              "giữ nguyên {unchanged}, xoá {removed}.",
              "Built {out}: {feeds} feeds, {events} events; {written} files written, "
              "{unchanged} unchanged, {removed} removed."),
    "build_big": ("Cảnh báo: {path} lớn {size} KB; Google có thể bỏ sự kiện của lịch trên ~1 MB — "
            "đăng ký lịch theo đơn vị hoặc kế hoạch.",
            "Warning: {path} is {size} KB; Google may drop events of feeds over ~1 MB — "
            "subscribe per unit or plan instead."),
    "build_kept": ("Thư mục cũ không phải của kyniem được giữ nguyên ở {path}.",
             "The folder that was not kyniem's is kept, whole, at {path}."),
    "build_open": ("Mở {out}/index.html, hoặc phục vụ thư mục bằng bất kỳ máy chủ web nào.",
             "Open {out}/index.html, or serve the folder with any web server."),
}
