"""Messages of the command line: help of every command and option, click's own words (usage,
errors), config and find (scheduler/cli.py, clilang.py, config.py, finding.py).

Keys: ``cli_cmd_<path>`` a command's help (path joined by ``_``: ``plan_new``);
``cli_opt_<path>_<option>`` an option of one command, else ``cli_opt_<option>`` the option
wherever it appears (``<option>`` is its long name without dashes, ``-`` as ``_``);
``cli_metavar_<WORD>`` a placeholder word; ``click_…`` click's own messages, whose English is
click's text exactly (clilang.py finds them by it).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- commands ---------------------------------------------------------------------------
    "cli_cmd_main": (
        "kyniem — lịch và hạn chót cho các hoạt động kỷ niệm: danh mục ngày kỷ niệm, kế hoạch, "
        "lịch đăng ký (iCalendar), nhắc việc và văn bản cho văn phòng.\n\n"
        "Ngôn ngữ: --lang vi|en, biến môi trường KYNIEM_LANG hoặc tệp cấu hình (kyniem config).",
        "kyniem — calendars and deadlines for commemoration activities: the anniversary "
        "registry, plans, subscribable calendars (iCalendar), reminders and office documents."
        "\n\nLanguage: --lang vi|en, the KYNIEM_LANG environment variable or the config file "
        "(kyniem config)."),
    "cli_cmd_upcoming": ("Các ngày kỷ niệm sắp tới, gần nhất trước, kèm số ngày còn lại.",
                         "What falls in the horizon, nearest first, with a countdown in days."),
    "cli_cmd_year": ("Các ngày kỷ niệm trong năm, kèm số năm, theo thứ tự ngày như danh mục "
                     "hướng dẫn hằng năm.",
                     "The year's anniversaries with ordinals, in date order, as the annual "
                     "guidance lists them."),
    "cli_cmd_show": ("Một ngày kỷ niệm: các mốc đã qua và sắp tới, loại năm của từng mốc, "
                     "nguồn. ID là mã hoặc một phần tên (không cần dấu).",
                     "One anniversary: past and next milestones, class of each, source. ID is "
                     "its id or part of its name (accents optional)."),
    "cli_cmd_find": ("Tìm ngày kỷ niệm, kế hoạch, hoạt động và đơn vị theo tên (không phân "
                     "biệt hoa thường, có dấu hay không dấu; hiểu chữ viết tắt như UBND, "
                     "CHQS), khớp nhất trước.",
                     "Find anniversaries, plans, activities and units by name (case and "
                     "accents ignored; abbreviations such as UBND, CHQS understood), best "
                     "matches first."),
    "cli_cmd_check": ("Kiểm tra danh mục và kế hoạch: mọi lỗi kèm tệp và dòng (mã thoát 2).",
                      "Validate registries and plans: every problem with file and line "
                      "(exit 2)."),
    "cli_cmd_import": ("Nhập kế hoạch từ văn bản (.docx, .pdf có lớp chữ, .txt, .md) thành "
                       "tệp kế hoạch.",
                       "Import plans from documents (.docx, .pdf with a text layer, .txt, .md) "
                       "into plan files."),
    "cli_cmd_when": ("Cách đọc một cụm từ thời gian trong kế hoạch: ngày đầu, ngày cuối, độ "
                     "chính xác, lặp lại.",
                     "How a plan's time phrase is read: first and last day, precision, "
                     "recurrence."),
    "cli_cmd_agenda": ("Việc đến hạn, bắt đầu và đang diễn ra, hạn gần nhất trước; ngày được "
                       "dời sang ngày làm việc có đánh dấu.",
                       "What is due, starting and running, nearest deadline first, shifts "
                       "marked."),
    "cli_cmd_timeline": ("Biểu đồ tiến độ (kiểu Gantt) của một kế hoạch hoặc một năm: thời gian "
                         "thực hiện, cao điểm, hạn chót.",
                         "A Gantt-like chart of a plan's (or a year's) windows, peaks and "
                         "deadlines."),
    "cli_cmd_units": ("Các đơn vị và việc của từng đơn vị trong các kế hoạch (chủ trì, phối "
                      "hợp).",
                      "Every unit and its activities across plans (lead and partner)."),
    "cli_cmd_diff": ("Kế hoạch MỚI thay đổi gì so với kế hoạch CŨ, theo từng đơn vị: việc mới, "
                     "việc bỏ, đổi thời gian, đổi vai trò.\n\nCŨ và MỚI là tệp kế hoạch "
                     "(.yaml) hoặc văn bản (.txt, .md, .docx, .pdf).",
                     "What plan NEW changed in OLD, per unit: new tasks, tasks taken off, "
                     "retimed, roles.\n\nOLD and NEW are plan files (.yaml) or documents "
                     "(.txt, .md, .docx, .pdf)."),
    "cli_cmd_plan": ("Tệp kế hoạch: tạo mới từ mẫu, xuất phụ lục phân công.",
                     "Plan files: new from a template, export the assignment appendix."),
    "cli_cmd_plan_new": ("Viết một kế hoạch có ngày tháng cho NGÀY_KỶ_NIỆM trong NĂM từ một "
                         "mẫu, để chỉnh sửa.",
                         "Write a dated plan for ANNIVERSARY in YEAR from a template, to edit."),
    "cli_cmd_plan_export": ("Xuất phụ lục phân công của một kế hoạch (STT, Nội dung, Thời gian, "
                            "Chủ trì, Phối hợp) ra Word, Excel hoặc CSV.",
                            "Export a plan's assignment appendix (No., Task, Time, Lead, "
                            "Partners) to Word, Excel or CSV."),
    "cli_cmd_feed": ("Một lịch iCalendar (RFC 5545) gồm ngày kỷ niệm, thời gian thực hiện, cao "
                     "điểm và hạn chót.",
                     "An iCalendar feed (RFC 5545) of anniversaries, windows, peaks and "
                     "deadlines."),
    "cli_cmd_build": ("Trang tĩnh: mọi lịch, trang chủ có đường đăng ký, một trang cho mỗi kế "
                      "hoạch và mỗi năm.",
                      "A static site: every feed, index.html with subscribe links, a page per "
                      "plan and year."),
    "cli_cmd_remind": ("Nhắc việc trên terminal (và màn hình, thư điện tử, webhook) theo các "
                       "mốc nhắc của kế hoạch: mỗi lời nhắc một lần, kể cả khi khởi động lại; "
                       "lời nhắc bị lỡ được gửi muộn.",
                       "Reminders in the terminal (and desktop, e-mail, webhook) at the plan's "
                       "lead times: shown once, even across restarts; missed ones delivered "
                       "late."),
    "cli_cmd_config": ("Tệp cấu hình: xem mọi khóa và nguồn của giá trị; KHÓA để xem một khóa; "
                       "KHÓA GIÁ_TRỊ để ghi; --unset KHÓA để xóa.\n\nThứ tự ưu tiên: tùy chọn "
                       "dòng lệnh > biến môi trường > tệp cấu hình > mặc định.",
                       "The config file: every key and where its value comes from; KEY shows "
                       "one; KEY VALUE sets it; --unset KEY removes it.\n\nPrecedence: "
                       "command-line option > environment variable > config file > default."),
    # -- options shared by every command (cli.common) ----------------------------------------
    "cli_opt_registry": ("Tệp danh mục ngày kỷ niệm thêm vào (lặp lại được); cũng "
                         "$KYNIEM_REGISTRY và khóa cấu hình registries.",
                         "Extra registry file (repeatable); also $KYNIEM_REGISTRY and the "
                         "config key registries."),
    "cli_opt_json": ("Xuất JSON cho chương trình khác.", "JSON for scripts."),
    "cli_opt_lang": ("Ngôn ngữ hiển thị (vi: tiếng Việt, en: tiếng Anh); cũng $KYNIEM_LANG và "
                     "khóa cấu hình lang.",
                     "Language of the output; also $KYNIEM_LANG and the config key lang."),
    "cli_opt_now": ("Cố định ngày «hôm nay» (dd/mm/yyyy), dùng cho kịch bản.",
                    "Fix 'today' (dd/mm/yyyy), for scripts."),
    "cli_opt_leap_day": ("Ngày gốc 29/02 rơi vào ngày nào trong năm không nhuận.",
                         "Where a 29/02 origin falls in a common year."),
    "cli_opt_units": ("Tệp danh mục đơn vị thêm vào (lặp lại được); cũng $KYNIEM_UNITS.",
                      "Extra unit directory file (repeatable); also $KYNIEM_UNITS."),
    "cli_opt_plans": ("Tệp hoặc thư mục kế hoạch (lặp lại được); cũng $KYNIEM_PLANS và khóa "
                      "cấu hình plans. Mặc định: các kế hoạch mẫu đi kèm.",
                      "Plan file or folder (repeatable); also $KYNIEM_PLANS and the config "
                      "key plans. Default: the bundled example plans."),
    "cli_opt_help": ("Xem hướng dẫn này rồi thoát.", "Show this message and exit."),
    "cli_opt_version": ("Xem phiên bản rồi thoát.", "Show the version and exit."),
    # -- options of one or a few commands ----------------------------------------------------
    "cli_opt_from": ("Từ ngày (mặc định: hôm nay).", "Start (default: today)."),
    "cli_opt_to": ("Đến ngày (mặc định: một năm sau).", "End (default: one year on)."),
    "cli_opt_agenda_to": ("Đến ngày (mặc định: theo --week).", "End (default: --week)."),
    "cli_opt_upcoming_years": ("Khoảng thời gian tính bằng năm, thay cho --to.",
                               "Horizon in years instead of --to."),
    "cli_opt_years": ("Khoảng thời gian: từ năm nay đến năm nay + N (10).",
                      "Horizon: this year to +N (10)."),
    "cli_opt_class": ("Chỉ các loại năm này: tron,le5,khac (Nghị định 145/2013, Điều 3).",
                      "Only these classes: tron,le5,khac (Decree 145/2013, Art. 3)."),
    "cli_opt_scope": ("Chỉ các phạm vi này, ví dụ national,'Hà Nội'.",
                      "Only these scopes, e.g. national,'Hà Nội'."),
    "cli_opt_locality": ("Địa phương: hiện ngày kỷ niệm toàn quốc và của địa phương này (tỉnh, "
                         "thành phố); cũng $KYNIEM_LOCALITY và khóa cấu hình locality.",
                         "Locality: show the national anniversaries and this locality's "
                         "(province, city); also $KYNIEM_LOCALITY and the config key locality."),
    "cli_opt_milestones": ("Chỉ các năm tổ chức lễ kỷ niệm (mốc).",
                           "Only milestone (ceremony) years."),
    "cli_opt_feed_milestones": ("Chỉ các năm tổ chức lễ trong khoảng thời gian.",
                                "Only milestone years over the horizon."),
    "cli_opt_remind_milestones": ("Nhắc cả các năm tổ chức lễ trong danh mục (không chỉ kế "
                                  "hoạch).",
                                  "Also remind registry milestone years (not only plans)."),
    "cli_opt_format": ("Ghi ra văn bản cho văn phòng: docx (Word), xlsx (Excel) hoặc csv.",
                       "Write an office document: docx (Word), xlsx (Excel) or csv."),
    "cli_opt_output": ("Tệp ghi ra.", "The file to write."),
    "cli_opt_force": ("Ghi đè tệp đã có.", "Replace an existing file."),
    "cli_opt_past": ("Số mốc đã qua.", "How many past milestones."),
    "cli_opt_next": ("Số mốc sắp tới.", "How many next milestones."),
    "cli_opt_import_output": ("Tệp kế hoạch ghi ra (một văn bản).",
                              "The plan file to write (one document)."),
    "cli_opt_out_dir": ("Thư mục ghi các kế hoạch (mặc định: thư mục hiện tại).",
                        "Folder for the plans (default: the current folder)."),
    "cli_opt_import_force": ("Ghi đè tệp kế hoạch đã có.", "Replace existing plan files."),
    "cli_opt_import_anniversary": ("Ngày kỷ niệm (mã hoặc một phần tên) khi tiêu đề không ghi "
                                   "rõ.",
                                   "The anniversary (id or part of its name) when the title "
                                   "does not say."),
    "cli_opt_import_year": ("Năm kỷ niệm khi tiêu đề không ghi.",
                            "The year of the anniversary when the title does not say."),
    "cli_opt_when_anniversary": ("Ngày kỷ niệm của kế hoạch.", "The anniversary day of the plan."),
    "cli_opt_issued": ("Ngày ban hành kế hoạch (cho «từ nay»).",
                       "The plan's issue date ('từ nay')."),
    "cli_opt_campaign_end": ("Ngày kết thúc cả đợt hoạt động.", "End of the whole campaign."),
    "cli_opt_when_year": ("Năm cho cụm từ không ghi năm.", "Year for phrases without one."),
    "cli_opt_unit": ("Chỉ việc mà đơn vị này có vai trò (mã hoặc một phần tên; không cần dấu); "
                     "cũng khóa cấu hình unit.",
                     "Only what this unit has a role in (id or part of its name; accents "
                     "optional); also the config key unit."),
    "cli_opt_timeline_unit": ("Chỉ việc mà đơn vị này có vai trò (mã hoặc một phần tên).",
                              "Only what this unit has a role in (id or part of its name)."),
    "cli_opt_units_unit": ("Chỉ các đơn vị có tên chứa chữ này.",
                           "Only units whose name contains this."),
    "cli_opt_diff_unit": ("Chỉ các đơn vị có tên chứa chữ này (không phân biệt dấu, hoa "
                          "thường).",
                          "Only units whose name contains this (accents and case ignored)."),
    "cli_opt_week": ("Bảy ngày (mặc định).", "Seven days (default)."),
    "cli_opt_month": ("31 ngày.", "31 days."),
    "cli_opt_width": ("Độ rộng tối đa của biểu đồ (mặc định: độ rộng của terminal; 80 khi "
                      "ghi ra ống dẫn, pipe, và không bao giờ rộng hơn).",
                      "The chart's greatest width (default: the terminal's; 80 when piped, "
                      "and never wider)."),
    "cli_opt_template": ("Mẫu kế hoạch (mặc định: mẫu đi kèm).",
                         "A plan template (default: the bundled one)."),
    "cli_opt_plan_new_output": ("Nơi ghi (mặc định: MÃ-NĂM.yaml).",
                                "Where to write (default: ID-YEAR.yaml)."),
    "cli_opt_feed_unit": ("Chỉ việc của đơn vị này (mọi vai trò; mã hoặc một phần tên).",
                          "Only this unit's tasks (any role; id or part of its name)."),
    "cli_opt_anniversary": ("Chỉ ngày kỷ niệm này (mã hoặc một phần tên).",
                            "Only this anniversary (id or part of its name)."),
    "cli_opt_plan": ("Chỉ kế hoạch này (mã hoặc một phần tên).",
                     "Only this plan (id or part of its name)."),
    "cli_opt_key_days": ("Lịch thứ hai của đơn vị hoặc kế hoạch: chỉ hạn và ngày chính (đợt dài "
                         "thành ngày bắt đầu và ngày kết thúc).",
                         "The unit's or plan's second calendar: deadlines and key days only "
                         "(long windows as a start and an end day)."),
    "cli_opt_feed_output": ("Ghi vào TỆP (mặc định: ra màn hình).",
                            "Write to FILE (default: stdout)."),
    "cli_opt_feed_state": ("Sổ SEQUENCE/LAST-MODIFIED giữa các lần chạy (mặc định: không có, "
                           "tất cả là 0).",
                           "Ledger of SEQUENCE/LAST-MODIFIED across runs (default: none, "
                           "all 0)."),
    "cli_opt_feed_base_url": ("Địa chỉ công bố của chính lịch này (SOURCE, URL); cũng khóa "
                              "cấu hình base_url.",
                              "The feed's own address, where it is published (SOURCE, URL); "
                              "also the config key base_url."),
    "cli_opt_out": ("Thư mục trang (được tạo).", "The site folder (created)."),
    "cli_opt_base_url": ("Địa chỉ phục vụ THƯ_MỤC (https://…): cần cho đường đăng ký; cũng "
                         "khóa cấu hình base_url.",
                         "Where DIR is served (https://…): needed for subscribe links; also "
                         "the config key base_url."),
    "cli_opt_build_force": ("Thay một thư mục không phải trang kyniem (thư mục cũ được giữ bên "
                            "cạnh, đổi tên).",
                            "Replace a folder that is not a kyniem site (it is kept beside, "
                            "renamed)."),
    "cli_opt_state": ("Nơi giữ sổ và bộ nhớ đệm của trang (mặc định: thư mục trạng thái của "
                      "người dùng, mỗi trang một thư mục).",
                      "Where the site's ledger and cache live (default: the user state "
                      "folder, one per site)."),
    "cli_opt_once": ("Gửi những lời nhắc đến hạn hoặc bị lỡ rồi thoát (cho cron).",
                     "Deliver what is due or was missed, then exit (for cron)."),
    "cli_opt_list": ("Xem các lời nhắc đã lên lịch.", "Show what is scheduled."),
    "cli_opt_remind_unit": ("Chỉ việc mà đơn vị này chủ trì hoặc phối hợp; cũng khóa cấu hình "
                            "unit.",
                            "Only what this unit leads or partners; also the config key unit."),
    "cli_opt_feed": ("Lấy việc từ một lịch iCalendar đã công bố thay cho kế hoạch trên máy.",
                     "Take items from a published iCalendar feed instead of local plans."),
    "cli_opt_store": ("Địa chỉ SQLAlchemy của kho lời nhắc (sqlite:///…, postgresql://…); cũng "
                      "$KYNIEM_STORE và khóa cấu hình remind_store. Mặc định: SQLite trong thư "
                      "mục dữ liệu của người dùng.",
                      "SQLAlchemy URL of the reminder store (sqlite:///…, postgresql://…); "
                      "also $KYNIEM_STORE and the config key remind_store. Default: SQLite in "
                      "the user data folder."),
    "cli_opt_at": ("Giờ địa phương (Asia/Ho_Chi_Minh) nhắc trong ngày; cũng khóa cấu hình "
                   "remind_hour.",
                   "Local time (Asia/Ho_Chi_Minh) reminders fire on their day; also the config "
                   "key remind_hour."),
    "cli_opt_clock": ("Cố định đồng hồ tại thời điểm này (rồi chạy tiếp); --now NGÀY nghĩa là "
                      "NGÀY lúc --at.",
                      "Fix the clock to this moment (time then runs on); --now DATE means DATE "
                      "at --at."),
    "cli_opt_grace": ("Số ngày một lời nhắc bị lỡ vẫn được gửi (ghi là muộn).",
                      "Days a missed reminder is still delivered (marked late)."),
    "cli_opt_desktop": ("Thông báo trên màn hình (mặc định: khi có notify-send).",
                        "Desktop notifications (default: where notify-send exists)."),
    "cli_opt_smtp": ("Gửi thư qua smtp://[người_dùng:mật_khẩu@]máy[:cổng][?from=ĐỊA_CHỈ&"
                     "starttls=1].",
                     "E-mail through smtp://[user:pass@]host[:port][?from=ADDR&starttls=1]."),
    "cli_opt_mail_to": ("Người nhận thư.", "E-mail recipient."),
    "cli_opt_webhook": ("Gửi mỗi lời nhắc dạng JSON (POST) tới địa chỉ này.",
                        "POST each reminder as JSON to this URL."),
    "cli_opt_retry": ("Thời gian chờ lần thử lại đầu tiên khi một kênh lỗi (giây; mỗi lần gấp "
                      "đôi).",
                      "First retry delay of a failing channel (seconds; doubles each time)."),
    "cli_opt_refresh": ("Chế độ chạy nền: đọc lại kế hoạch hoặc lịch sau mỗi N giây.",
                        "Daemon: re-read the plans or feed every N seconds."),
    "cli_opt_config_path": ("Chỉ in đường dẫn tệp cấu hình.", "Print the config file's path only."),
    "cli_opt_unset": ("Xóa khóa này khỏi tệp cấu hình.", "Remove this key from the config file."),
    "cli_opt_kind": ("Chỉ loại này: anniversary, plan, activity, unit.",
                     "Only this kind: anniversary, plan, activity, unit."),
    "cli_opt_limit": ("Số kết quả tối đa.", "At most this many results."),
    # -- placeholders -----------------------------------------------------------------------
    "cli_metavar_OPTIONS": ("TÙY_CHỌN", "OPTIONS"),
    "cli_metavar_COMMAND": ("LỆNH", "COMMAND"),
    "cli_metavar_ARGS": ("THAM_SỐ", "ARGS"),
    "cli_metavar_FILE": ("TỆP", "FILE"),
    "cli_metavar_DIR": ("THƯ_MỤC", "DIR"),
    "cli_metavar_PATH": ("ĐƯỜNG_DẪN", "PATH"),
    "cli_metavar_ID": ("MÃ", "ID"),
    "cli_metavar_LIST": ("DANH_SÁCH", "LIST"),
    "cli_metavar_ADDR": ("ĐỊA_CHỈ", "ADDR"),
    "cli_metavar_PLAN": ("KẾ_HOẠCH", "PLAN"),
    "cli_metavar_YEAR": ("NĂM", "YEAR"),
    "cli_metavar_ANNIVERSARY": ("NGÀY_KỶ_NIỆM", "ANNIVERSARY"),
    "cli_metavar_PHRASE": ("CỤM_TỪ", "PHRASE"),
    "cli_metavar_OLD": ("CŨ", "OLD"),
    "cli_metavar_NEW": ("MỚI", "NEW"),
    "cli_metavar_TEXT": ("CHỮ", "TEXT"),
    "cli_metavar_KEY": ("KHÓA", "KEY"),
    "cli_metavar_VALUE": ("GIÁ_TRỊ", "VALUE"),
    "cli_metavar_DATE": ("NGÀY", "DATE"),
    "cli_metavar_TIME": ("GIỜ", "TIME"),
    "cli_metavar_MOMENT": ("THỜI_ĐIỂM", "MOMENT"),
    "cli_metavar_DATETIME": ("THỜI_ĐIỂM", "DATETIME"),
    "cli_metavar_NUMBER": ("SỐ", "NUMBER"),
    "cli_metavar_UNIT": ("ĐƠN_VỊ", "UNIT"),
    "cli_metavar_LOCALITY": ("ĐỊA_PHƯƠNG", "LOCALITY"),
    "cli_metavar_URL": ("ĐỊA_CHỈ", "URL"),
    # a problem's field that is no argument of the help (registry.errors.Problem)
    "field_LOCKED": ("khóa", "lock"),
    "field_ledger": ("sổ lịch", "ledger"),
    "field_parts": ("phần đã lưu", "stored parts"),
    "field_feed": ("lịch", "feed"),
    # -- click's own words (English = click's message exactly) ------------------------------
    "click_usage": ("Cách dùng:", "Usage:"),
    "click_options": ("Tùy chọn", "Options"),
    "click_commands": ("Lệnh", "Commands"),
    "click_positional": ("Tham số", "Positional arguments"),
    "click_help_option": ("Xem hướng dẫn này rồi thoát.", "Show this message and exit."),
    "click_version_option": ("Xem phiên bản rồi thoát.", "Show the version and exit."),
    "cli_version": ("kyniem, phiên bản {version}", "kyniem, version {version}"),
    "click_error": ("Lỗi: {message}", "Error: {message}"),
    "click_try_help": ("Xem '{command} {option}' để biết cách dùng.",
                       "Try '{command} {option}' for help."),
    "click_invalid_value": ("Giá trị không hợp lệ: {message}", "Invalid value: {message}"),
    "click_invalid_value_for": ("Giá trị không hợp lệ cho {param_hint}: {message}",
                                "Invalid value for {param_hint}: {message}"),
    "click_missing_argument": ("Thiếu tham số", "Missing argument"),
    "click_missing_option": ("Thiếu tùy chọn", "Missing option"),
    "click_missing_parameter": ("Thiếu tham số", "Missing parameter"),
    "click_missing_param_type": ("Thiếu {param_type}", "Missing {param_type}"),
    "click_missing_parameter_named": ("Thiếu tham số: {param_name}",
                                      "Missing parameter: {param_name}"),
    "click_no_such_option": ("Không có tùy chọn {name!r}.", "No such option {name!r}."),
    "click_no_such_command": ("Không có lệnh {name!r}.", "No such command {name!r}."),
    "click_missing_command": ("Thiếu lệnh.", "Missing command."),
    "click_did_you_mean": ("Có phải ý bạn là {possibility}?", "Did you mean {possibility}?"),
    "click_did_you_mean_many": ("(Có phải ý bạn là một trong: {possibilities}?)",
                                "(Did you mean one of: {possibilities}?)"),
    "click_extra_argument": ("Thừa tham số ({args})", "Got unexpected extra argument ({args})"),
    "click_extra_arguments": ("Thừa các tham số ({args})",
                              "Got unexpected extra arguments ({args})"),
    "click_requires_argument": ("Tùy chọn {name!r} cần một giá trị.",
                                "Option {name!r} requires an argument."),
    "click_requires_arguments": ("Tùy chọn {name!r} cần {nargs} giá trị.",
                                 "Option {name!r} requires {nargs} arguments."),
    "click_takes_no_value": ("Tùy chọn {name!r} không nhận giá trị.",
                             "Option {name!r} does not take a value."),
    "click_not_choice": ("{value!r} không phải {choice}.", "{value!r} is not {choice}."),
    "click_not_choices": ("{value!r} không phải một trong {choices}.",
                          "{value!r} is not one of {choices}."),
    "click_not_number": ("{value!r} không phải là số hợp lệ.",  # click's type name is English
                         "{value!r} is not a valid {number_type}."),
    "click_integer": ("số nguyên", "integer"),
    "click_float": ("số thực", "float"),
    "click_not_in_range": ("{value} không nằm trong khoảng {range}.",
                           "{value} is not in the range {range}."),
    "click_not_boolean": ("{value!r} không phải giá trị đúng/sai hợp lệ. Nhận: {states}",
                          "{value!r} is not a valid boolean. Recognized values: {states}"),
    "click_default": ("mặc định: {default}", "default: {default}"),
    "click_env_var": ("biến môi trường: {var}", "env var: {var}"),
    "click_required": ("bắt buộc", "required"),
    "click_aborted": ("Đã dừng!", "Aborted!"),
    "click_file_missing": ("{name} {filename!r} không tồn tại.",
                           "{name} {filename!r} does not exist."),
    "click_could_not_open": ("Không mở được tệp {filename!r}: {message}",
                             "Could not open file {filename!r}: {message}"),
    # -- the CLI's own usage errors ------------------------------------------------------------
    "cli_to_or_years": ("hãy ghi --to hoặc --years, không ghi cả hai",
                        "give --to or --years, not both"),
    "cli_ends_before_from": ("kết thúc trước --from", "ends before --from"),
    "cli_once_or_list": ("hãy ghi --once hoặc --list, không ghi cả hai",
                         "give --once or --list, not both"),
    "cli_class_list": ("{value}: hãy ghi danh sách cách nhau bởi dấu phẩy, gồm {allowed}",
                       "{value}: use a comma list of {allowed}"),
    "cli_format_needs_output": ("--output và --force chỉ dùng với --format",
                                "--output and --force need --format"),
    "plan_new_no_occurrence": ("{id} không có ngày kỷ niệm trong năm {year}",
                               "{id} has no anniversary in {year}"),
    "cli_written": ("Đã ghi {path}", "Wrote {path}"),
    # operating-system errors on a path the user gave (errno names, POSIX)
    "os_ENOENT": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "os_EACCES": ("không có quyền truy cập", "permission denied"),
    "os_EPERM": ("thao tác không được phép", "operation not permitted"),
    "os_EISDIR": ("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
    "os_ENOTDIR": ("một phần của đường dẫn không phải thư mục",
                   "a part of the path is not a folder"),
    "os_EEXIST": ("tệp đã có", "the file exists"),
    "os_ENOSPC": ("hết chỗ trên ổ đĩa", "no space left on the disk"),
    "os_EROFS": ("ổ đĩa chỉ đọc", "the disk is read-only"),
    "os_ENAMETOOLONG": ("tên tệp quá dài", "the file name is too long"),
    "os_ELOOP": ("vòng lặp liên kết mềm", "a loop of symbolic links"),
}

MESSAGES.update({
    # -- the config file (scheduler/config.py) ------------------------------------------------
    "config_want_text": ("cần một chuỗi chữ không rỗng, trong dấu nháy kép",
                         "needs a non-empty string, in double quotes"),
    "config_want_lang": ('chỉ nhận "vi" hoặc "en"', 'takes only "vi" or "en"'),
    "config_want_paths": ('cần một đường dẫn hoặc danh sách đường dẫn, ví dụ ["ke-hoach"]',
                          'needs a path or a list of paths, e.g. ["plans"]'),
    "config_want_hour": ('cần giờ dạng "HH:MM", ví dụ "08:00"',
                         'needs a time as "HH:MM", e.g. "08:00"'),
    "config_not_utf8": ("tệp cấu hình không phải văn bản UTF-8",
                        "the config file is not UTF-8 text"),
    "config_bad_toml": ("không đúng cú pháp TOML ở cột {column}: kiểm tra dấu =, dấu nháy và "
                        "dấu ngoặc (ví dụ: lang = \"vi\")",
                        "not valid TOML at column {column}: check the =, quotes and brackets "
                        "(for example: lang = \"vi\")"),
    "config_unknown_key": ("khóa không có trong cấu hình kyniem (các khóa: {known})",
                           "not a kyniem config key (keys: {known})"),
    "config_heading": ("Cấu hình: {path}", "Config: {path}"),
    "config_source_flag": ("dòng lệnh", "command line"),
    "config_source_env": ("biến môi trường {var}", "environment {var}"),
    "config_source_file": ("tệp cấu hình", "config file"),
    "config_source_default": ("mặc định", "default"),
    "config_unset_value": ("(chưa đặt)", "(not set)"),
    "config_key": ("Khóa", "Key"),
    "config_value": ("Giá trị", "Value"),
    "config_source": ("Nguồn", "Source"),
    "config_set": ("Đã ghi {name} = {value} vào {path}", "Set {name} = {value} in {path}"),
    "config_removed": ("Đã xóa {name} khỏi {path}", "Removed {name} from {path}"),
    "config_not_there": ("{path} không đặt {name}: không có gì để xóa",
                         "{path} does not set {name}: nothing to remove"),
    "config_value_with_unset": ("--unset không đi cùng GIÁ_TRỊ", "--unset takes no VALUE"),
})

MESSAGES.update({
    # -- finding by name (scheduler/finding.py) -----------------------------------------------
    "find_lunar": ("âm lịch", "lunar"),
    "find_kind_anniversary": ("Ngày kỷ niệm", "Anniversary"),
    "find_kind_plan": ("Kế hoạch", "Plan"),
    "find_kind_activity": ("Hoạt động", "Activity"),
    "find_kind_unit": ("Đơn vị", "Unit"),
    "find_what_anniversary": ("ngày kỷ niệm", "anniversary"),
    "find_what_plan": ("kế hoạch", "plan"),
    "find_heading": ("Kết quả tìm «{text}»", "Found for {text!r}"),
    "find_suggestions": ("Không có kết quả khớp «{text}»; gần giống:",
                         "Nothing matches {text!r}; close:"),
    "find_nothing": ("Không tìm thấy «{text}».", "Nothing found for {text!r}."),
    "find_ambiguous": ("«{text}» khớp nhiều kết quả; hãy ghi mã hoặc thêm chữ: {known}",
                       "{text!r} matches several: give the id or more words: {known}"),
    "find_none": ("không có {what} nào khớp «{text}»; xem danh sách: kyniem find",
                  "no {what} matches {text!r}; see: kyniem find"),
    "find_none_close": ("không có {what} nào khớp «{text}»; có phải: {known}?",
                        "no {what} matches {text!r}; did you mean: {known}?"),
})

MESSAGES.update({
    # -- feeds, the site and reminders (publish.py, feeds/site.py, remind/) ----------------------
    "horizon_past_lunar": ("khoảng thời gian sẽ kết thúc năm {last}; lịch âm chỉ tính được đến "
                           "năm {limit}",
                           "the horizon would end in {last}; lunar dates are known to {limit}"),
    "option_empty": ("đang để trống", "is empty"),
    "feed_one_choice": ("chỉ ghi một trong --unit, --anniversary, --plan, --milestones",
                        "give one of --unit, --anniversary, --plan, --milestones"),
    "feed_unknown_key": ("không có {group} {name} (có: {known})",
                         "no {group} {name} (known: {known})"),
    "plan_id_used": ("mã kế hoạch {id} đã dùng ở {other}", "{id} is already used by {other}"),
    "remind_locked": ("một tiến trình kyniem remind{holder} khác đang gửi lời nhắc từ {store}; "
                      "hãy dừng nó trước (hoặc dùng --store khác)",
                      "another kyniem remind{holder} is already delivering reminders from "
                      "{store}; stop it first (or use another --store)"),
    "remind_store_error": ("kho lời nhắc {store}: {why}", "reminder store {store}: {why}"),
    "diff_no_such_unit": ("không đơn vị nào có tên {unit} được giao việc trong hai kế hoạch",
                          "no unit named {unit} has a task in either plan"),
    "scope_unknown": ("không có ngày kỷ niệm nào thuộc phạm vi {scope}; các phạm vi có: {known}",
                      "no anniversary has the scope {scope}; the scopes there are: {known}"),
    "remind_smtp_url": ("{url} không có dạng smtp://máy[:cổng]", "{url} is not smtp://host[:port]"),
    "remind_smtp_port": ("{url} có cổng không hợp lệ", "{url} has a bad port"),
    "remind_mail_to_missing": ("hãy ghi ít nhất một địa chỉ nhận thư với --mail-to",
                               "give at least one address with --mail-to"),
    "remind_webhook_url": ("{url} không phải địa chỉ http(s)", "{url} is not an http(s) URL"),
    "remind_time_of_day": ("{value} không phải giờ trong ngày (ghi GG:PP, ví dụ 08:00)",
                           "{value} is not a time of day (write HH:MM, e.g. 08:00)"),
    "remind_moment": ("{value} không phải thời điểm (ghi 2024-04-12T08:00 hoặc 12/04/2024 "
                      "08:00)",
                      "{value} is not a moment (write 2024-04-12T08:00 or 12/04/2024 08:00)"),
    "remind_channel_failing": ("{channel}: chưa gửi được ({error}); lời nhắc được giữ lại và "
                               "gửi lại sau (cả ở lần chạy sau)",
                               "{channel}: not sent ({error}); the reminder is kept and sent "
                               "again later (by a later run too)"),
    "remind_channel_gave_up": ("{channel}: thôi gửi một lời nhắc sau nhiều lần lỗi ({error})",
                               "{channel}: a reminder given up after repeated failures "
                               "({error})"),
    "remind_feed_unreachable": ("không tải được ({why})", "cannot fetch it ({why})"),
    "remind_feed_at": ("{url}: {why}", "{url}: {why}"),
    "remind_feed_stale_copy": ("{url}: {why}; dùng bản đã tải lần trước",
                               "{url}: {why}; using the copy fetched before"),
    "locality_unknown": ("không biết địa phương {name}; ghi tên tỉnh, thành phố (kể cả tên "
                         "trước khi sáp nhập năm 2025), ví dụ: {close}",
                         "unknown locality {name}; give a province or city (its name before "
                         "the 2025 merger works too), e.g. {close}"),
    "path_no_folder": ("không có thư mục {folder}", "no folder {folder}"),
    "path_is_folder": ("đây là một thư mục; hãy ghi tên tệp", "is a folder; give a file name"),
    "feed_not_ours": ("tệp đã có và không phải lịch do kyniem tạo; không ghi đè",
                      "exists and is not a kyniem feed; not replaced"),
    "store_not_url": ("không phải địa chỉ cơ sở dữ liệu ({why})", "not a database URL ({why})"),
    "store_scheme": ("hãy dùng địa chỉ sqlite:/// hoặc postgresql://",
                     "use a sqlite:/// or postgresql:// URL"),
    "store_no_folder": ("không tạo được thư mục chứa kho ({why})",
                        "cannot create its folder ({why})"),
    "store_cannot_open": ("không mở được kho ({why})", "cannot open it ({why})"),
})

MESSAGES.update({
    # -- dates on the command line (scheduler/dates.py) ---------------------------------------
    "date_not_a_date": ("{text} không phải ngày tháng (ghi dd/mm/yyyy, ví dụ 07/05/1954)",
                        "{text} is not a date (write dd/mm/yyyy, e.g. 07/05/1954)"),
    "date_bad_month": ("{text} không phải ngày có thật: tháng phải từ 1 đến 12, không phải "
                       "{month}",
                       "{text} is not a valid date: the month must be 1 to 12, not {month}"),
    "date_bad_day": ("{text} không phải ngày có thật: tháng {month}/{year} không có ngày {day}",
                     "{text} is not a valid date: {month}/{year} has no day {day}"),
})
