"""Messages of plan files, time phrases, the unit directory and imports (scheduler/plans,
scheduler/yamlread.py, scheduler/units, scheduler/imports): key → (Vietnamese, English).

The Vietnamese follows the words of DOMAIN.md (kế hoạch, hoạt động, đợt, cao điểm, ngày ban
hành, đơn vị); field names (``when``, ``start``, ``format: 2``) stay as the plan file spells
them, since that is what the clerk edits.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- fields of any user YAML file (scheduler/yamlread.py) ---------------------------------
    "yaml_empty": ("không được để trống", "must not be empty"),
    "yaml_not_id": ("{value} không phải mã hợp lệ (chỉ gồm chữ thường không dấu, chữ số và "
                    "dấu '-')",
                    "{value} is not an id (lowercase letters, digits and '-')"),
    "yaml_not_one_of": ("{value} không thuộc các giá trị được phép: {allowed}",
                        "{value} is not one of: {allowed}"),
    "yaml_not_mapping": ("cần các cặp khóa và giá trị (khóa: giá trị)",
                         "expected a mapping (key: value)"),
    "yaml_key_not_word": ("tên khóa phải là một từ", "keys must be plain words"),
    "yaml_twice": ("được ghi hai lần", "appears twice"),
    "yaml_not_entries": ("cần một danh sách các mục (mỗi mục bắt đầu bằng '- ')",
                         "expected a list of entries ('- …')"),
    "yaml_unknown_field": ("không có trường này (các trường được dùng: {known})",
                           "unknown field (known: {known})"),
    "yaml_missing": ("là trường bắt buộc nhưng chưa ghi", "is required but missing"),
    "yaml_not_list": ("cần một danh sách, ví dụ [a, b]", "expected a list, e.g. [a, b]"),
    "yaml_not_scalar": ("chỉ được ghi một giá trị", "expected a single value"),
    "yaml_no_file": ("không có tệp này", "file not found"),
    "yaml_unreadable": ("không đọc được tệp ({why})", "cannot be read ({why})"),
    "yaml_not_utf8": ("không phải văn bản UTF-8 (byte 0x{byte}); hãy lưu lại tệp với bảng mã "
                      "UTF-8",
                      "not UTF-8 text (byte 0x{byte}); save the file again as UTF-8"),
    "yaml_invalid": ("không đúng cú pháp YAML ({why}); kiểm tra dấu hai chấm, thụt lề và dấu "
                     "nháy ở dòng này",
                     "not valid YAML: {why}"),
    "yaml_why_tab": ("có ký tự tab; YAML chỉ thụt lề bằng dấu cách",
                     "a tab character; YAML indents with spaces only"),
    "yaml_why_list": ("danh sách mở bằng '[' chưa đóng bằng ']' (hoặc thiếu dấu phẩy giữa các "
                      "mục)",
                      "a list opened with '[' is not closed with ']'"),
    "yaml_why_braces": ("mục mở bằng '{{' chưa đóng bằng '}}'",
                        "a mapping opened with '{{' is not closed with '}}'"),
    "yaml_why_colon": ("dấu hai chấm không đúng chỗ; một giá trị có dấu ':' phải đặt trong "
                       "dấu nháy",
                       "a colon where none may be; quote a value that holds ':'"),
    "yaml_why_indent": ("thụt lề không khớp với các dòng trên",
                        "the indentation does not match the lines above"),
    "yaml_why_quote": ("dấu nháy mở chưa được đóng", "a quote is opened and not closed"),
    "yaml_why_start": ("một giá trị bắt đầu bằng ký tự YAML dành riêng (@, `, %…); hãy đặt giá "
                       "trị trong dấu nháy",
                       "a value starts with a character YAML reserves; quote it"),
    "yaml_empty_file": ("tệp rỗng (cần {expected})", "is empty (expected {expected})"),
    # -- plan files (scheduler/plans/load.py, activities.py) ----------------------------------
    "plan_expected": ("một kế hoạch ('id:', 'title:', 'activities:')",
                      "a plan ('id:', 'title:', 'activities:')"),
    "plan_id_taken": ("mã {id} đã được dùng cho kế hoạch ở {other}",
                      "{id} is already used by {other}"),
    "plan_format_2_field": ("là trường của định dạng kế hoạch 2: thêm dòng 'format: 2'",
                            "is a field of plan format 2: add 'format: 2'"),
    "plan_unknown_anniversary": ("không có ngày kỷ niệm {id} trong danh mục",
                                 "no anniversary {id} in the registry"),
    "plan_no_year": ("hãy ghi năm kỷ niệm ('year:') hoặc số năm kỷ niệm ('ordinal:')",
                     "give the anniversary year (or its ordinal)"),
    "plan_no_origin": ("ngày kỷ niệm này không có năm gốc nên không tính được số năm",
                       "this anniversary has no origin year"),
    "plan_ordinal_mismatch": ("{ordinal} năm không khớp với năm {year} (năm {year} là kỷ niệm "
                              "{actual} năm)",
                              "{ordinal} does not match year {year} (that is the {actual}th)"),
    "plan_year_before_origin": ("năm {year} không sau năm gốc {origin}",
                                "{year} is not after the origin year {origin}"),
    "plan_not_flag": ("{value} không phải true hoặc false", "{value} is not true or false"),
    "plan_activity_twice": ("mã hoạt động {id} được dùng hai lần trong kế hoạch này",
                            "{id} is used twice in this plan"),
    "plan_relates_unknown": ("kế hoạch không có hoạt động nào mang mã này",
                             "no activity with this id in the plan"),
    "plan_relates_chain": ("{id} cũng là mục nhắc lại một hoạt động khác; hãy trỏ tới hoạt "
                           "động gốc",
                           "{id} itself restates another activity; point at that one"),
    "plan_when_and_start": ("chỉ ghi 'when' hoặc 'start', không ghi cả hai",
                            "give either 'when' or 'start', not both"),
    "plan_no_time": ("hãy ghi thời gian bằng cụm từ ('when') hoặc ngày bắt đầu ('start')",
                     "give a time phrase ('when') or a 'start' date"),
    "plan_end_before_start": ("sớm hơn ngày bắt đầu", "is before the start"),
    # -- templates and `plan new` (scheduler/plans/templates.py) ------------------------------
    "plan_template_expected": ("một mẫu kế hoạch ('title:', 'activities:')",
                               "a template ('title:', 'activities:')"),
    "plan_template_offset": ("{value} không phải khoảng cách ngày (ví dụ -7d, +10wd, "
                             "-1m:start, 0d)",
                             "{value} is not an offset (e.g. -7d, +10wd, -1m:start, 0d)"),
    "plan_template_placeholder": ("không điền được {what} (các chỗ điền được: {names})",
                                  "cannot fill in {what} (placeholders: {names})"),
    "plan_template_no_time": ("hãy ghi 'from' (và 'to') hoặc 'due'",
                              "give 'from' (and 'to') or 'due'"),
    "plan_template_backwards": ("kết thúc trước khi bắt đầu", "ends before it starts"),
    "plan_file_exists": ("đã có tệp này (thêm --force để ghi đè)",
                         "already exists (use --force to replace it)"),
    "plan_new_written": ("Đã tạo {path} ({n} hoạt động): hãy sửa rồi kiểm tra lại.",
                         "Wrote {path} ({n} activities): edit it, then check it."),
    # -- the unit directory (scheduler/units/directory.py) ------------------------------------
    "unit_dir_expected": ("một danh mục đơn vị ('units:')", "a unit directory ('units:')"),
    "unit_dir_not_flag": ("{value}: phải là true hoặc false", "{value}: true or false"),
    "unit_dir_id_taken": ("mã đơn vị {id} đã được dùng ở {where}",
                          "{id} is already used at {where}"),
    # -- time phrases (scheduler/plans/phrases) -----------------------------------------------
    "phrase_cannot_read": ("không đọc được {phrase}: {reason}", "cannot read {phrase}: {reason}"),
    "phrase_not_text": ("cụm từ không phải văn bản", "the phrase is not text"),
    "phrase_internal": ("lỗi nội bộ khi đọc ({error}); đây là lỗi của kyniem, xin báo lại",
                        "internal error while reading it ({error})"),
    "phrase_too_long": ("dài hơn {limit} ký tự, không phải cụm từ thời gian",
                        "it is longer than {limit} characters, not a time phrase"),
    "phrase_lunar": ("ở đây không đọc ngày âm lịch; hãy ghi ngày dương lịch",
                     "lunar-calendar dates (âm lịch) are not read here; give the solar date"),
    "phrase_named_year": ("{name} là ngày âm lịch: hãy ghi năm, ví dụ '{name} 2026' (không "
                          "đoán Tết năm nào)",
                          "{name} is a lunar-calendar day: write its year, e.g. '{name} 2026' "
                          "(which year's is not guessed)"),
    "phrase_named_stem": ("{name}: năm {year} là năm {stem}, không phải năm ghi trong cụm từ",
                          "{name}: {year} is the year {stem}, not the one the phrase names"),
    "phrase_named_date": ("{name} là ngày {day}, không phải {written}",
                          "{name} falls on {day}, not {written}"),
    "phrase_named_counted": ("ngày đếm theo âm lịch quanh {name} (như 'mùng 3 Tết', '28 Tết') "
                             "chưa đọc được; hãy ghi ngày dương lịch",
                             "days counted on the lunar calendar around {name} ('mùng 3 Tết', "
                             "'28 Tết') are not read; give the solar date"),
    "phrase_named_connector": ("{said}: không rõ là ngày nào (từ nối và ngày lễ cách nhau bởi "
                               "chữ khác); hãy ghi ngày",
                               "{said}: which day is not clear (words between the connector "
                               "and the holiday); give the date"),
    "phrase_named_lunar_range": ("không đổi được ngày âm lịch của năm {year} (chỉ các năm "
                                 "1900 đến 2100)",
                                 "the lunar day of {year} cannot be converted (years 1900 to "
                                 "2100 only)"),
    "phrase_duration_only": ("có số ngày nhưng không có ngày tháng",
                             "it gives a duration but no dates"),
    "phrase_duration_only_n": ("có thời hạn ({days} ngày) nhưng không có ngày tháng",
                               "it gives a duration ({days} days) but no dates"),
    "phrase_no_time": ("không thấy thời gian nào trong cụm từ",
                       "no time expression was found in it"),
    "phrase_peak_before_activity": ("cao điểm bắt đầu ({peak}) trước hoạt động ({start})",
                                    "the peak starts ({peak}) before the activity ({start})"),
    "phrase_short_year": ("hãy ghi năm đủ bốn chữ số", "write the year in full, with four digits"),
    "phrase_year_range": ("năm {year} nằm ngoài khoảng đọc được (các năm {first} đến {last})",
                          "year {year} is out of range (years are {first} to {last})"),
    "phrase_plan_peak_before_campaign": (
        "cao điểm của kế hoạch bắt đầu ({peak}) trước đợt hoạt động ({start})",
        "the plan's peak starts ({peak}) before its campaign ({start})"),
    "phrase_would_end_before_start": ("sẽ kết thúc ({end}) trước khi bắt đầu ({start})",
                                      "it would end ({end}) before it starts ({start})"),
    "phrase_duration_range": ("thời hạn {n} ngày (chỉ đọc thời hạn từ 1 đến {limit} ngày)",
                              "it gives a duration of {n} days (1 to {limit} are read)"),
    "phrase_days_do_not_fit": ("{n} ngày không nằm vừa trong khoảng từ {start} đến {end}",
                               "{n} days do not fit between {start} and {end}"),
    "phrase_no_campaign": ("dẫn chiếu thời gian đợt hoạt động của kế hoạch nhưng kế hoạch không "
                           "ghi thời gian đợt",
                           "it refers to the plan's campaign period, but the plan states no "
                           "campaign period"),
    "phrase_no_peak": ("dẫn chiếu thời gian cao điểm của kế hoạch nhưng kế hoạch không ghi "
                       "thời gian cao điểm",
                       "it refers to the plan's peak period, but the plan states no peak "
                       "period"),
    "phrase_campaign_undated": ("dẫn chiếu thời gian đợt hoạt động của kế hoạch nhưng thời gian "
                                "đó không có ngày cụ thể",
                                "it refers to the plan's campaign period, which is undated"),
    "phrase_peak_undated": ("dẫn chiếu thời gian cao điểm của kế hoạch nhưng thời gian đó không "
                            "có ngày cụ thể",
                            "it refers to the plan's peak period, which is undated"),
    "phrase_no_anniversary": ("dẫn chiếu ngày kỷ niệm nhưng kế hoạch không ghi ngày kỷ niệm",
                              "it refers to the anniversary, but the plan's anniversary day is "
                              "not given"),
    "phrase_no_campaign_end": ("dẫn chiếu ngày kết thúc đợt hoạt động nhưng kế hoạch không ghi "
                               "thời gian đợt",
                               "it refers to the end of the plan's campaign, but the plan "
                               "states no campaign period"),
    "phrase_campaign_after": ("đợt hoạt động của kế hoạch bắt đầu ({start}) sau ngày {end}: "
                              "không có ngày nào trước ngày kỷ niệm",
                              "the plan's campaign starts ({start}) after {end}: none of it "
                              "comes before the anniversary"),
    "phrase_no_issue_date": ("tính từ ngày ban hành kế hoạch ('từ nay', 'from now') nhưng kế "
                             "hoạch không ghi ngày ban hành",
                             "it counts from the plan's issue date ('từ nay', 'from now'), "
                             "which is not given"),
    "phrase_not_month": ("{value} không phải là tháng", "{value} is not a month"),
    "phrase_not_day": ("{value} không phải là ngày trong tháng", "{value} is not a day of a month"),
    "phrase_days_backwards": ("các ngày {first}-{last} bị ngược thứ tự",
                              "days {first}-{last} run backwards"),
    "phrase_invalid_date": ("{value} không phải ngày có thật", "{value} is not a valid date"),
    "phrase_day_does_not_fit": ("ngày {n} không ghép được với {ref}",
                                "day {n} does not fit next to {ref}"),
    "phrase_day_without_month": ("ngày {n} không ghi tháng", "day {n} is given without a month"),
    "phrase_around_needs_date": ("'trước, trong và sau' cần đúng một ngày",
                                 "'trước, trong và sau' (before, during and after) needs one "
                                 "date"),
    "phrase_ends_before_start": ("kết thúc ({end}) trước khi bắt đầu ({start})",
                                 "it ends ({end}) before it starts ({start})"),
    "phrase_no_days": ("thời hạn bằng 0 ngày", "it gives a duration of no days"),
    "phrase_too_many_days": ("thời hạn hơn {limit} ngày (mười năm), quá dài cho một hoạt động "
                             "của kế hoạch",
                             "it gives a duration of more than {limit} days (ten years), too "
                             "long for a plan's activity"),
    "phrase_days_mismatch": ("ghi {n} ngày nhưng từ {start} đến {end} là {length} ngày",
                             "it says {n} days but {start} to {end} is {length} days"),
    "phrase_start_outside": ("sẽ bắt đầu vào ngày {day}, ngoài các năm {first} đến {last}",
                             "it would start on {day}, outside the years {first} to {last}"),
    "phrase_end_outside": ("sẽ kết thúc vào ngày {day}, ngoài các năm {first} đến {last}",
                           "it would end on {day}, outside the years {first} to {last}"),
    "phrase_shift_after": ("{n} ngày sau {day} rơi ra ngoài các năm {first} đến {last}",
                           "{n} days fall after {day}, outside the years {first} to {last}"),
    "phrase_shift_before": ("{n} ngày trước {day} rơi ra ngoài các năm {first} đến {last}",
                            "{n} days fall before {day}, outside the years {first} to {last}"),
    "phrase_shift_one_after": ("ngày sau {day} rơi ra ngoài các năm {first} đến {last}",
                               "1 day falls after {day}, outside the years {first} to {last}"),
    "phrase_shift_one_before": ("ngày trước {day} rơi ra ngoài các năm {first} đến {last}",
                                "1 day falls before {day}, outside the years {first} to "
                                "{last}"),
    "phrase_week_years": ("tuần chỉ được đọc trong một tháng hoặc một năm, không trải qua nhiều "
                          "năm",
                          "a week is read in one month or one year, not in several years"),
    "phrase_week_of_month": ("không đọc tuần thứ {n} của tháng (tuần 1 đến 4 là các ngày 1-7, "
                             "8-14, 15-21, 22-28; hoặc ghi tuần cuối)",
                             "week {n} of a month is not read (weeks 1 to 4 are days 1-7, "
                             "8-14, 15-21, 22-28; or say the last week)"),
    "phrase_periodic_how_often": ("ghi định kỳ nhưng không nói bao lâu một lần",
                                  "it says periodic (định kỳ) but not how often"),
    "phrase_frequencies": ("ghi nhiều hơn một tần suất",
                           "it gives more than one frequency"),
    "phrase_recurring_no_year": ("việc định kỳ cần có năm nhưng kế hoạch không ghi năm",
                                 "a recurring item needs a year, and the plan gives none"),
    "phrase_recurring_outside": ("không có lần nào rơi vào khoảng từ {start} đến {end}",
                                 "it does not fall between {start} and {end}"),
    "phrase_yearly_no_day": ("ghi hằng năm nhưng không nói vào ngày nào (ví dụ 'ngày 18/12 hằng "
                             "năm')",
                             "it says yearly but not on which day (write e.g. 'ngày 18/12 "
                             "hằng năm')"),
    "phrase_rule_start": ("quy tắc lặp lại không bắt đầu ở ngày dự kiến",
                          "the recurrence rule does not start where expected"),
    "phrase_months_too_many": ("{n} tháng không nằm vừa trong một năm",
                               "{n} months do not fit in one year"),
    "phrase_month_first": ("không đọc ngày ghi tháng trước ngày: hãy ghi ngày trước "
                           "(15 December 2022)",
                           "month-first dates are not read: write the day first "
                           "(15 December 2022)"),
    "phrase_no_quarter": ("không có quý {quarter} (chỉ có quý I đến IV)",
                          "quarter {quarter} does not exist (quarters are I to IV)"),
    "phrase_time_unread": ("sau {said} có thời gian nhưng không đọc được ({shown})",
                           "it gives a time after {said} that cannot be read ({shown})"),
    "phrase_two_durations": ("ghi hai thời hạn", "it gives two durations"),
    "phrase_dangling_connector": ("sau từ nối không có thời gian",
                                  "a connecting word has no time after it"),
    "phrase_unrelated_times": ("ghi nhiều thời gian nhưng không nói chúng liên quan với nhau "
                               "thế nào",
                               "it gives several times without saying how they relate"),
    "phrase_no_year": ("không ghi năm và kế hoạch cũng không ghi năm",
                       "no year is given and the plan gives none"),
}
