"""Messages a user reads, in Vietnamese (the default) and English, from one table.

A :class:`Message` keeps its key and values and is worded only when shown, in the language
of the command (``--lang``); ``str()`` gives the Vietnamese. Started with the messages of the
hardening work (issue 9); the older word tables move here with the message catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

#: key → (Vietnamese, English); ``{name}`` placeholders are filled by :func:`say`.
MESSAGES: dict[str, tuple[str, str]] = {
    # -- dates and ranges (scheduler/dates.py) ------------------------------------------------
    "date_out_of_range": ("{text}: năm {year} nằm ngoài khoảng {first}–{last} kyniem hỗ trợ",
                          "{text}: the year {year} is outside the {first}–{last} kyniem "
                          "supports"),
    "horizon_out_of_range": ("khoảng thời gian tính ra vượt quá năm {first}–{last} "
                             "(từ {start}, {days:+d} ngày)",
                             "the span it needs leaves the years {first}–{last} "
                             "(from {start}, {days:+d} days)"),
    # -- caches and state (scheduler/state.py) -----------------------------------------------
    "cache_rebuilt": ("bộ nhớ đệm {file} không dùng được ({why}); đã tạo lại",
                      "the cache {file} was unusable ({why}); made again"),
    # -- addresses (scheduler/urls.py) ------------------------------------------------------
    "url_characters": ("{url}: địa chỉ không được chứa khoảng trắng, ký tự điều khiển, "
                       "dấu nháy hay dấu < >",
                       "{url}: an address must not hold spaces, control characters, "
                       "quotes or < >"),
    "url_site_base": ("{url}: địa chỉ gốc của trang lịch không có «?…», «#…» hay tên tệp "
                      "(như index.html); ví dụ https://lich.example.vn/kyniem/",
                      "{url}: a site's base address has no '?…', '#…' or file name (such as "
                      "index.html); e.g. https://lich.example.vn/kyniem/"),
    "url_not_http": ("{url}: hãy ghi một địa chỉ http:// hoặc https:// đầy đủ, "
                     "ví dụ https://lich.example.vn/",
                     "{url}: give a whole http:// or https:// address, "
                     "e.g. https://lich.example.vn/"),
    "argument_not_utf8": ("không phải văn bản UTF-8 (có byte không đọc được); gõ lại hoặc "
                          "đổi bảng mã của terminal sang UTF-8",
                          "is not UTF-8 text (it holds a byte that cannot be read); type it "
                          "again or set the terminal to UTF-8"),
    # -- text in user files (scheduler/yamlread.py) ------------------------------------------
    "control_character": ("chứa ký tự điều khiển U+{code:04X} ở vị trí {at}; xoá ký tự đó "
                          "(chỉ được dùng tab và xuống dòng)",
                          "holds the control character U+{code:04X} at position {at}; "
                          "delete it (only tab and newline are allowed)"),
    "not_whole_number": ("{value} không phải số nguyên từ {low} đến {high} (chữ số 0–9)",
                         "{value} is not a whole number from {low} to {high} "
                         "(digits 0–9)"),
    "lunar_year_range": ("{value}: lịch âm chỉ tính được các năm {first}–{last}",
                         "{value}: lunar dates are known only for {first}–{last}"),
    "date_range": ("{value}: ngày phải nằm trong các năm {first}–{last}",
                   "{value}: the date must fall in the years {first}–{last}"),
    # -- the site and its state (scheduler/feeds) --------------------------------------------
    "ledger_damaged": ("không đọc được ({why}); chuyển tệp đi chỗ khác để bắt đầu lại "
                       "(SEQUENCE của mọi sự kiện sẽ tính lại từ 0)",
                       "unreadable ({why}); move it away to start afresh (every event's "
                       "SEQUENCE restarts at 0)"),
    "state_damaged": ("sổ SEQUENCE bị hỏng ({why}); chuyển thư mục trạng thái đi chỗ khác "
                      "rồi chạy lại: kyniem sẽ lấy SEQUENCE từ các lịch đã xuất bản",
                      "the SEQUENCE ledger is damaged ({why}); move the state folder away "
                      "and build again: kyniem takes SEQUENCE from the published feeds"),
    "state_unusable": ("không dùng được cơ sở dữ liệu trạng thái ({why}); kiểm tra quyền "
                       "ghi, hoặc chuyển thư mục đi chỗ khác rồi chạy lại",
                       "the state database cannot be used ({why}); check that it is "
                       "writable, or move the folder away and build again"),
    "state_schema": ("trạng thái được ghi bởi phiên bản kyniem khác (lược đồ {found}, "
                     "phiên bản này dùng {known}); dùng --state khác",
                     "the state was written by another kyniem (schema {found}, this one "
                     "uses {known}); give another --state"),
    "state_of_other_site": ("thư mục trạng thái này thuộc về trang {site}; dùng --state "
                            "khác cho trang này",
                            "this state folder belongs to the site {site}; give this site "
                            "its own --state"),
    "state_not_folder": ("là một tệp; --state cần một thư mục",
                         "is a file; --state needs a folder"),
    "state_moved_aside": ("{path} không phải cơ sở dữ liệu dùng được; đã chuyển sang {aside} "
                          "và bắt đầu trạng thái mới (SEQUENCE tiếp nối các lịch đã xuất bản)",
                          "{path} is not a usable database; moved to {aside}, starting a new "
                          "state (SEQUENCE goes on from the published feeds)"),
    "layout_ignored": ("cách ghép {path} ghi trong trạng thái không hợp lệ ({why}); tệp được "
                       "ghi lại toàn bộ",
                       "the recorded layout of {path} is invalid ({why}); the file is written "
                       "whole"),
    "part_dropped": ("phần lưu sẵn {name} bị hỏng ({why}); đã bỏ nó khỏi trạng thái, hãy chạy "
                     "lại kyniem build (phần này sẽ được tạo lại từ kế hoạch)",
                     "the cached part {name} is damaged ({why}); it was dropped from the "
                     "state: run kyniem build again (it is made again from its plan)"),
    "part_rebuilt": ("phần lưu sẵn {name} không hợp lệ ({why}); đã tạo lại",
                     "the cached part {name} was invalid ({why}); made again"),
    "build_running": ("một lần kyniem build khác đang chạy cho trang này (khoá trong "
                      "{state}); đợi nó xong",
                      "another kyniem build of this site is running (lock in {state}); "
                      "wait for it to finish"),
    "site_name": ("hãy ghi tên một thư mục, ví dụ --out site",
                  "give a folder name, e.g. --out site"),
    "site_no_parent": ("không có thư mục {parent!r}", "no folder {parent!r}"),
    "site_is_file": ("là một tệp, không phải thư mục", "is a file, not a folder"),
    "site_not_ours": ("không trống và không phải trang do kyniem tạo; chọn thư mục mới, hoặc "
                      "thêm --force để thay nó (nội dung cũ được giữ ở thư mục bên cạnh)",
                      "is not empty and not a kyniem site; give a new folder, or --force to "
                      "replace it (what is there is kept in a folder beside it)"),
    "releases_in_the_way": ("thư mục này không phải của kyniem nhưng chiếm chỗ của các bản "
                            "phát hành; đổi tên nó hoặc chọn --out khác",
                            "is not kyniem's but stands where the releases go; rename it "
                            "or give another --out"),
    "not_regular_file": ("không phải tệp thường (thư mục, liên kết hay thiết bị); kyniem "
                         "không ghi đè lên nó",
                         "is not a regular file (a folder, link or device); kyniem does not "
                         "replace it"),
    "years_out_of_range": ("khoảng thời gian kết thúc vào năm {year}, ngoài khoảng "
                           "{first}–{last} kyniem hỗ trợ",
                           "the horizon would end in {year}, outside the {first}–{last} "
                           "kyniem supports"),
    # -- imports (scheduler/imports/convert.py, scheduler/importing.py) ----------------------
    "import_no_anniversary": (
        "không thấy ngày kỷ niệm trong tiêu đề ({title}); tiêu đề thường ghi \"kỷ niệm N năm "
        "… (ngày gốc - ngày kỷ niệm)\". Hãy chỉ rõ bằng --anniversary ID --year NĂM (một ngày "
        "kỷ niệm của địa phương: thêm vào tệp danh mục của mình, xem README \"Your own "
        "registries\", rồi dùng --registry TỆP)",
        "no anniversary found in the title ({title}); titles usually say \"kỷ niệm N năm … "
        "(origin - anniversary)\". Give it with --anniversary ID --year YEAR (a local "
        "anniversary: add it to a registry file of your own, see README \"Your own "
        "registries\", and give --registry FILE)"),
    "import_no_tasks": (
        "không thấy việc nào trong văn bản (các phần đã thấy: {sections}); kiểm tra các đề mục "
        "\"II. NỘI DUNG\", \"III. TỔ CHỨC THỰC HIỆN\" hoặc lưu lại dạng .docx",
        "no task found in the document (sections seen: {sections}); check the headings "
        "\"II. NỘI DUNG\", \"III. TỔ CHỨC THỰC HIỆN\", or save it as .docx"),
    "import_no_year": ("không biết năm kỷ niệm: hãy thêm --year NĂM",
                       "the anniversary year is unknown: add --year YEAR"),
    "import_unknown_anniversary": ("không có ngày kỷ niệm {id} trong danh mục",
                                   "no anniversary {id} in the registry"),
    "import_ordinal_mismatch": (
        "tiêu đề ghi {ordinal} năm nhưng từ {origin} đến {year} là {actual} năm",
        "the title says {ordinal} years but {origin} to {year} is {actual} years"),
    "import_blank_number": ("số văn bản để trống ({number}): kế hoạch được ghi không có số",
                            "the document number is blank ({number}): the plan has no number"),
    "import_no_date": ("văn bản không ghi ngày ban hành: \"từ nay\" tính từ ngày của văn bản "
                       "cấp trên",
                       "the document states no issue date: \"từ nay\" counts from the "
                       "parent document's date"),
    "import_blank_date": ("dòng {line}: ngày ban hành để trống (\"ngày … tháng … năm {year}\"); "
                          "điền vào 'issued:' khi có",
                          "line {line}: the issue date is blank (\"ngày … tháng … năm {year}\"); "
                          "fill in 'issued:' once known"),
    "import_bad_date": ("dòng {line}: ngày ban hành {text} không phải ngày có thật",
                        "line {line}: the issue date {text} is not a real date"),
    "import_period_unread": ("dòng {line}: không đọc được thời gian của đợt kỷ niệm ({reason})",
                             "line {line}: the campaign period cannot be read ({reason})"),
    "import_issued_before_parent": (
        "ngày ban hành {issued} sớm hơn văn bản cấp trên ({parent}): có thể ghi nhầm năm",
        "the issue date {issued} is before the parent document ({parent}): the year may be "
        "misprinted"),
    "import_window_before_plan": (
        "dòng {line}: \"{when}\" đã kết thúc trước khi kế hoạch có thể ra đời ({floor}): "
        "kiểm tra lại năm",
        "line {line}: \"{when}\" ends before the plan could exist ({floor}): check the year"),
    "import_attached_table": (
        "dòng {line}: nội dung hoạt động nằm ở biểu kèm theo, không có trong tệp này; nhập "
        "cả biểu (bảng Word) để có đủ hoạt động",
        "line {line}: the activities are in an attached table that is not in this file; "
        "import the table too (a Word table) to get them all"),
    "import_no_issuer": ("không thấy cơ quan ban hành; sửa 'issuer:' trong tệp kế hoạch",
                         "no issuing body found; correct 'issuer:' in the plan file"),
    "import_unread_time": ("có vẻ là thời gian nhưng không đọc được",
                           "looks like a time but cannot be read"),
    "import_time_unsure": (
        "câu có nhắc thời gian nhưng không nói đó là thời gian thực hiện việc (không có "
        "\"trong\", \"từ\", \"đến\"…), nên chưa lấy; nếu đúng, ghi vào dòng when: của việc này",
        "the sentence names a time but does not say it is when the task runs (no \"trong\", "
        "\"từ\", \"đến\"…), so it was not taken; if it is, write it in the task's when: "
        "line"),
    "import_unread_text": ("có vẻ là việc, đơn vị hay thời gian nhưng nằm ngoài các phần của "
                           "kế hoạch (hoặc ở bảng không có dòng tiêu đề)",
                           "looks like a task, a unit or a time but stands outside the plan's "
                           "sections (or in a table without a heading row)"),
    "import_unread_unit": ("đề mục trong phần tổ chức thực hiện nhưng không phải tên một đơn "
                           "vị; ghi đơn vị vào lead: của các việc bên dưới",
                           "a heading of the assignment section that names no unit; write the "
                           "unit in the lead: of the tasks below it"),
    "import_exists": ("đã có tệp này; thêm --force để ghi đè (tệp cũ không bị đổi)",
                      "already exists; add --force to replace it (the old file is unchanged)"),
    "import_one_output": ("-o chỉ dùng với một tệp; với nhiều tệp hãy dùng --out-dir THƯ_MỤC",
                          "-o takes one file; for several files use --out-dir DIR"),
    "import_onto_source": ("đây là văn bản đang nhập; hãy ghi kế hoạch ra tệp khác (kể cả "
                           "với --force, văn bản gốc không bị ghi đè)",
                           "this is the document being imported; write the plan to another "
                           "file (even with --force, the original is never overwritten)"),
    "import_target_folder": ("đây là một thư mục; ghi tên tệp, hoặc dùng --out-dir",
                             "this is a folder; give a file name, or use --out-dir"),
    "import_same_target": ("{first} và {second} sẽ ghi vào cùng một tệp; đổi tên một tệp",
                           "{first} and {second} would be written to the same file; rename "
                           "one"),
    "import_invalid_plan": (
        "kế hoạch nhập được không qua kiểm tra ({problem}); đây là lỗi của kyniem, xin báo lại "
        "kèm tệp gốc",
        "the imported plan fails the check ({problem}); this is a kyniem bug, please report "
        "it with the document"),
    # -- the import report (scheduler/outputs/imported.py) ----------------------------------
    "import_view_imported": ("Đã nhập {source} → {target}", "Imported {source} → {target}"),
    "import_view_anniversary": ("Kỷ niệm", "Anniversary"),
    "import_view_related": ("Gắn với", "Combined with"),
    "import_view_issuer": ("Cơ quan ban hành", "Issued by"),
    "import_view_number": ("Số", "Number"),
    "import_view_issued": ("Ngày ban hành", "Issue date"),
    "import_view_none": ("(không ghi)", "(none)"),
    "import_view_basis": ("căn cứ", "basis"),
    "import_view_implements": ("thực hiện", "implements"),
    "import_view_references": ("Văn bản dẫn", "References"),
    "import_view_period": ("Thời gian đợt", "Campaign period"),
    "import_view_sections": ("Các phần", "Sections"),
    "import_view_activities": (
        "Hoạt động: {n} ({timed} có thời gian, {untimed} không ghi thời gian, {related} trùng "
        "với phần nội dung), {units} đơn vị",
        "Activities: {n} ({timed} with a time, {untimed} without, {related} restating the "
        "content section), {units} units"),
    "import_view_no_time": ("không ghi thời gian", "no time given"),
    "import_view_unread": ("Chưa đọc được ({n}) — sửa trong tệp kế hoạch:",
                           "Not read ({n}) — fix these in the plan file:"),
    "import_view_next": ("Dùng kế hoạch này: {one}; để mọi lệnh đọc thư mục của nó: {every}",
                         "To use this plan: {one}; for every command to read its folder: "
                         "{every}"),
    "import_view_all_read": ("Đã đọc hết các câu có vẻ là việc, đơn vị hay thời gian.",
                             "Every sentence that looked like a task, a unit or a time was "
                             "read."),
    "import_view_warnings": ("Cảnh báo ({n}):", "Warnings ({n}):"),
    "import_view_line": ("dòng", "line"),
    "import_view_purpose": ("mục đích", "purposes"),
    "import_view_content": ("nội dung", "content"),
    "import_view_assignment": ("phân công", "assignment"),
    "import_view_budget": ("kinh phí", "budget"),
    "import_view_reporting": ("báo cáo", "reporting"),
    "import_view_other": ("khác", "other"),
    "import_view_period_section": ("thời gian", "period"),
    "import_view_not_in_registry": ("ngoài danh mục", "not in the registry"),
    "import_view_dated": ("ngày", "of"),
    "import_view_cited": ("{n} năm {name}", "{name}, {n} years"),
    # -- plan differences (scheduler/plandiff.py) ---------------------------------------------
    "diff_heading": ("Thay đổi của kế hoạch {new} so với {old}",
                     "What plan {new} changed in {old}"),
    "diff_only_unit": ("Chỉ các đơn vị có tên chứa “{unit}”.",
                       "Only units whose name contains “{unit}”."),
    "diff_summary": ("Tóm tắt: {added} việc mới, {removed} việc bỏ, {retimed} việc đổi thời "
                     "gian, {reassigned} việc đổi đơn vị, {reworded} việc đổi tên; {plan} thay "
                     "đổi chung; {units} đơn vị có thay đổi.",
                     "Summary: {added} added, {removed} removed, {retimed} retimed, "
                     "{reassigned} reassigned, {reworded} reworded; changes to the plan: "
                     "{plan}; units with changes: {units}."),
    "diff_nothing": ("Không có thay đổi.", "No changes."),
    "diff_plan": ("Thay đổi chung của kế hoạch", "Changes to the plan itself"),
    "diff_anniversary": ("Ngày kỷ niệm", "Anniversary"),
    "diff_year": ("Năm kỷ niệm", "Anniversary year"),
    "diff_number": ("Số kế hoạch", "Number"),
    "diff_issued": ("Ngày ban hành", "Issued"),
    "diff_period": ("Thời gian chung", "Period"),
    "diff_campaign_end": ("Kết thúc đợt", "Campaign end"),
    "diff_not_given": ("(không ghi)", "(not given)"),
    "diff_reference_added": ("Thêm văn bản ({kind})", "Reference added ({kind})"),
    "diff_reference_removed": ("Bỏ văn bản ({kind})", "Reference removed ({kind})"),
    "diff_basis": ("căn cứ", "basis"),
    "diff_implements": ("thực hiện", "implements"),
    "diff_no_unit": ("(không ghi đơn vị)", "(no unit named)"),
    "diff_added": ("Việc mới", "New tasks"),
    "diff_removed": ("Việc không còn giao", "Tasks taken off"),
    "diff_retimed": ("Đổi thời gian", "Retimed"),
    "diff_roles": ("Đổi vai trò", "Role changed"),
    "diff_given_now": ("việc có sẵn, nay giao thêm", "an existing task, now given to it"),
    "diff_still_in_plan": ("việc vẫn còn trong kế hoạch", "the task stays in the plan"),
    "diff_was": ("trước", "was"),
    "diff_now": ("nay", "now"),
    "diff_untimed": ("không có thời gian riêng ({window})", "no time of its own ({window})"),
    "diff_undated": ("chưa có thời gian", "no date yet"),
    "diff_recurring": ("định kỳ", "recurring"),
    "diff_reworded": ("Việc đổi tên", "Reworded tasks"),
    # -- documents (scheduler/imports/documents.py) -------------------------------------------
    "document_missing": ("{path}: không có tệp này", "{path}: no such file"),
    "document_folder": ("{path}: đây là một thư mục; hãy chỉ ra một tệp kế hoạch",
                        "{path}: is a folder; name a plan file"),
    "document_kind": ("{path}: không đọc được loại tệp {suffix}; kyniem đọc các tệp {known}",
                      "{path}: cannot read {suffix} files; kyniem reads {known}"),
    "document_unreadable": ("{path}: không mở được tệp ({why})",
                            "{path}: cannot open the file ({why})"),
    "document_too_large": ("{path}: tệp nặng {size} MB, quá giới hạn {limit} MB; không kế "
                           "hoạch nào lớn như vậy, hãy kiểm tra lại tệp",
                           "{path}: the file is {size} MB, over the {limit} MB limit; no plan "
                           "is that large, check the file"),
    "document_empty": ("{path}: tệp rỗng (0 byte)", "{path}: the file is empty (0 bytes)"),
    "document_no_text": ("{path}: tệp không có chữ nào", "{path}: the file holds no text"),
    "document_word97": ("{path}: tệp Word 97–2003 (.doc): hãy mở bằng Word và lưu lại dạng "
                        ".docx (File → Save As → Word Document), rồi nhập tệp .docx",
                        "{path}: Word 97–2003 format: open it in Word and save as .docx "
                        "(File → Save As → Word Document), then import the .docx"),
    "document_docx_locked": ("{path}: tệp Word có mật khẩu, hoặc tệp Word 97–2003 bị đổi tên "
                             "thành .docx: hãy gỡ mật khẩu, hoặc mở bằng Word và lưu lại dạng "
                             ".docx",
                             "{path}: a password-protected Word file, or a Word 97–2003 file "
                             "renamed .docx: remove the password, or open it in Word and save "
                             "as .docx"),
    "document_docx_damaged": ("{path}: không phải tệp Word (.docx) đọc được: tệp bị hỏng hoặc "
                              "là loại tệp khác; hãy mở bằng Word và lưu lại dạng .docx",
                              "{path}: not a readable Word document (.docx): the file is "
                              "damaged or of another kind; open it in Word and save as .docx"),
    "document_docx_huge": ("{path}: tệp Word giải nén ra hơn {limit} MB; không đọc",
                           "{path}: the Word file unpacks to more than {limit} MB; not read"),
    "document_pdf_locked": ("{path}: tệp PDF có mật khẩu: hãy gỡ mật khẩu, hoặc mở tệp và in "
                            "ra một PDF mới (In → Lưu dạng PDF), rồi nhập tệp mới",
                            "{path}: the PDF is password-protected: remove the password, or "
                            "open it and print it to a new PDF (Print → Save as PDF), then "
                            "import the new file"),
    "document_pdf_damaged": ("{path}: tệp PDF bị hỏng, không đọc được; hãy mở tệp và in ra một "
                             "PDF mới, hoặc dùng tệp Word gốc",
                             "{path}: the PDF is damaged and cannot be read; open it and print "
                             "it to a new PDF, or use the original Word file"),
    "document_pdf_scanned": ("{path}: PDF không có lớp chữ (bản scan): hãy nhận dạng chữ (OCR) "
                             "trước, ví dụ `ocrmypdf -l vie in.pdf out.pdf`, rồi nhập tệp kết "
                             "quả",
                             "{path}: the PDF has no text layer (scanned): run OCR first, e.g. "
                             "`ocrmypdf -l vie in.pdf out.pdf`, then import the result"),
    "document_not_utf8": ("{path}: không phải văn bản UTF-8 (byte không đọc được ở vị trí "
                          "{offset}); hãy lưu lại tệp với bảng mã UTF-8",
                          "{path}: not UTF-8 text (an unreadable byte at offset {offset}); "
                          "save the file again as UTF-8"),
    "document_not_utf16": ("{path}: văn bản UTF-16 bị hỏng (ở vị trí byte {offset}); hãy lưu "
                           "lại tệp với bảng mã UTF-8",
                           "{path}: broken UTF-16 text (at byte offset {offset}); save the "
                           "file again as UTF-8"),
    "document_zero_byte": ("{path}: có byte 0 ở vị trí {offset}: không phải tệp văn bản, hoặc "
                           "là UTF-16 không có BOM; hãy lưu lại tệp với bảng mã UTF-8",
                           "{path}: holds a zero byte at offset {offset}: not a text file, or "
                           "UTF-16 without a byte-order mark; save it again as UTF-8"),
    # -- reminders (scheduler/remind) ---------------------------------------------------------
    "remind_store_corrupt": (
        "kho lời nhắc {path} bị hỏng (SQLite: {reason}). Hãy chuyển tệp này (cùng {path}-wal "
        "và {path}-shm nếu có) sang chỗ khác rồi chạy lại: kyniem tạo kho mới và lên lịch lại "
        "từ kế hoạch. Chỉ mất bản ghi các lời nhắc đã gửi, nên lời nhắc nào còn trong hạn "
        "--grace có thể hiện lại một lần.",
        "the reminder store {path} is damaged (SQLite: {reason}). Move it away (with "
        "{path}-wal and {path}-shm if present) and run again: kyniem starts a new store and "
        "schedules again from the plans. What is lost is the record of reminders already "
        "delivered, so those still within --grace may be shown once more."),
    "remind_store_not_writable_own": (
        "không ghi được vào {file} (quyền {mode}): tệp là của bạn ({user}) nhưng chỉ cho đọc; "
        "chạy 'chmod u+w {file}' rồi thử lại",
        "cannot write {file} (mode {mode}): it is yours ({user}) but read-only; run "
        "'chmod u+w {file}' and try again"),
    "remind_store_not_writable_root": (
        "không ghi được vào {file}: tệp thuộc về root (quyền {mode}) còn kyniem remind chạy "
        "với người dùng {user}; nhờ root chạy 'chown {user} {file}' (hoặc cho nhóm của tệp "
        "quyền ghi)",
        "cannot write {file}: it belongs to root (mode {mode}) and kyniem remind runs as "
        "{user}; ask root to run 'chown {user} {file}' (or to give the file's group write "
        "access)"),
    "remind_store_not_writable_other": (
        "không ghi được vào {file}: tệp thuộc về {owner} (quyền {mode}) còn kyniem remind chạy "
        "với người dùng {user}; {owner} (hoặc root) sửa được bằng 'chown {user} {file}' hay "
        "cho nhóm quyền ghi, hoặc chạy kyniem remind bằng người dùng {owner}",
        "cannot write {file}: it belongs to {owner} (mode {mode}) and kyniem remind runs as "
        "{user}; {owner} (or root) can fix it with 'chown {user} {file}' or by giving the "
        "group write access, or run kyniem remind as {owner}"),
    "remind_store_folder_not_writable_own": (
        "không ghi được vào thư mục {folder} (quyền {mode}) của bạn ({user}): SQLite tạo "
        "{name}-wal và {name}-shm bên cạnh kho, kyniem tạo tệp khóa và nhật ký ở đó; chạy "
        "'chmod u+w {folder}', hoặc dùng --store ở một thư mục ghi được",
        "cannot write in the folder {folder} (mode {mode}), yours as {user}: SQLite creates "
        "{name}-wal and {name}-shm beside the store, and kyniem its lock and journal; run "
        "'chmod u+w {folder}', or use --store in a writable folder"),
    "remind_store_folder_not_writable_root": (
        "không ghi được vào thư mục {folder}: thư mục thuộc về root (quyền {mode}) còn kyniem "
        "remind chạy với người dùng {user}; SQLite tạo {name}-wal và {name}-shm bên cạnh kho, "
        "kyniem tạo tệp khóa và nhật ký ở đó. Nhờ root chạy 'chown {user} {folder}', hoặc "
        "dùng --store ở một thư mục ghi được",
        "cannot write in the folder {folder}: it belongs to root (mode {mode}) and kyniem "
        "remind runs as {user}; SQLite creates {name}-wal and {name}-shm beside the store, "
        "and kyniem its lock and journal. Ask root to run 'chown {user} {folder}', or use "
        "--store in a writable folder"),
    "remind_store_folder_not_writable_other": (
        "không ghi được vào thư mục {folder}: thư mục thuộc về {owner} (quyền {mode}) còn "
        "kyniem remind chạy với người dùng {user}; SQLite tạo {name}-wal và {name}-shm bên "
        "cạnh kho, kyniem tạo tệp khóa và nhật ký ở đó. {owner} (hoặc root) cấp quyền ghi "
        "bằng 'chown {user} {folder}' hay cho nhóm quyền ghi, hoặc dùng --store ở một thư "
        "mục ghi được",
        "cannot write in the folder {folder}: it belongs to {owner} (mode {mode}) and kyniem "
        "remind runs as {user}; SQLite creates {name}-wal and {name}-shm beside the store, "
        "and kyniem its lock and journal. {owner} (or root) can give write access with "
        "'chown {user} {folder}' or to the group, or use --store in a writable folder"),
    "remind_store_read_only_fs": (
        "{file} nằm trên hệ thống tệp chỉ đọc; dùng --store trỏ tới một nơi ghi được",
        "{file} is on a read-only file system; use --store somewhere writable"),
    "remind_store_read_only": (
        "kho lời nhắc {store} không ghi được (SQLite: {reason}); người dùng {user} cần quyền "
        "ghi {path}, {path}-wal, {path}-shm và thư mục chứa chúng",
        "the reminder store {store} is not writable (SQLite: {reason}); {user} needs write "
        "access to {path}, {path}-wal, {path}-shm and their folder"),
    "remind_store_full": (
        "ổ đĩa chứa kho lời nhắc {store} đã đầy ({reason}); giải phóng chỗ trống rồi chạy lại",
        "the disk holding the reminder store {store} is full ({reason}); free some space and "
        "run again"),
    "remind_store_busy": (
        "kho lời nhắc {store} bị một tiến trình khác khóa quá lâu ({reason}); thử lại sau",
        "the reminder store {store} stayed locked by another process ({reason}); try again "
        "later"),
    "remind_store_failed": ("kho lời nhắc {store} gặp lỗi: {reason}",
                            "the reminder store {store} failed: {reason}"),
    "remind_store_hard_links": (
        "{path} có {links} tên (liên kết cứng): SQLite giữ tệp -wal riêng cho mỗi tên nên hai "
        "tiến trình dùng hai tên sẽ làm hỏng kho, và khóa một tiến trình của kyniem không "
        "nhận ra đó là một kho. Hãy chỉ giữ một tên (xóa các tên kia, hoặc thay bằng liên kết "
        "mềm)",
        "{path} has {links} names (hard links): SQLite keeps a separate -wal file per name, so "
        "two processes using two names would damage the store, and kyniem's one-process lock "
        "cannot tell it is one store. Keep one name (remove the others, or make them "
        "symlinks)"),
    "remind_store_uri": (
        "{store}: hãy ghi đường dẫn tệp (sqlite:////thư/mục/remind.sqlite), không dùng URI "
        "file: của SQLite",
        "{store}: give a file path (sqlite:////folder/remind.sqlite), not an SQLite file: "
        "URI"),
    "remind_lock_unusable": (
        "không dùng được tệp khóa {file} ({reason}); xóa nó rồi chạy lại",
        "cannot use the lock file {file} ({reason}); remove it and run again"),
    "remind_feed_scheme": (
        "{url}: chỉ nhận địa chỉ http:// hoặc https:// (không đọc tệp hay ftp)",
        "{url}: only http:// and https:// URLs are taken (no files, no ftp)"),
    "remind_feed_redirect": (
        "{url}: máy chủ chuyển hướng sang một địa chỉ không phải http(s); không đi theo",
        "{url}: the server redirects to an address that is not http(s); not followed"),
    "remind_feed_unreadable_at": (
        "{url}: không phải nguồn iCalendar đọc được (lỗi ở dòng {line})",
        "{url}: not a readable iCalendar feed (error at line {line})"),
    "remind_feed_unreadable": ("{url}: không phải nguồn iCalendar đọc được",
                               "{url}: not a readable iCalendar feed"),
    "remind_feed_too_large": ("{url}: nguồn lớn hơn {limit} MB; không đọc",
                              "{url}: the feed is larger than {limit} MB; not read"),
    "remind_job_dropped": (
        "kyniem remind: đã bỏ qua và xóa một việc trong kho không do kyniem tạo (mã {id})",
        "kyniem remind: ignored and removed a stored job kyniem did not make (id {id})"),
    # -- unit identities (scheduler/units, issue 11) ------------------------------------------
    "unit_ambiguous": ("«{unit}» khớp với nhiều đơn vị; ghi mã của một đơn vị: {known}",
                       "{unit!r} matches several units; give one unit's id: {known}"),
    "unit_unknown": ("không có đơn vị «{unit}» (có: {known})",
                     "no unit {unit!r} (known: {known})"),
    "key_days_needs": ("chỉ dùng với --plan hoặc --unit", "only with --plan or --unit"),
    "unit_near_duplicate": (
        "«{a}» và «{b}» ({place}) có vẻ là một đơn vị nhưng chưa được gộp; nếu đúng, thêm "
        "vào tệp danh mục đơn vị (--units): {fix}",
        "{a!r} and {b!r} ({place}) look like one body but were not merged; if they are, add "
        "to a unit directory file (--units): {fix}"),
    "unit_spelling_taken": (
        "«{spelling}» của đơn vị {unit} đã là tên của đơn vị {other} ({where}): từ nay "
        "«{spelling}» trong kế hoạch là đơn vị {unit}; nếu không muốn vậy, bỏ tên này khỏi "
        "name/aliases",
        "{spelling!r} of unit {unit} is already a name of unit {other} ({where}): plans' "
        "{spelling!r} now means {unit}; if that is not meant, take it out of name/aliases"),
}


#: A unit's role in an activity (DOMAIN.md "Roles"), by ``plans.model.Role`` value.
ROLE_WORDS: dict[str, tuple[str, str]] = {
    "lead": ("chủ trì", "lead"),
    "partner": ("phối hợp", "partner"),
    "directs": ("chỉ đạo", "directs"),
    "advises": ("tham mưu", "advises"),
    "requested": ("đề nghị", "requested"),
    "guides": ("hướng dẫn", "guides"),
}


def role_word(role: str, lang: str) -> str:
    return ROLE_WORDS[role][1 if lang == "en" else 0]


# -- feed text (issue 11) ------------------------------------------------------------------
# What a calendar entry and a calendar say to the people who subscribe (scheduler/feeds):
# the words of DESCRIPTION, CATEGORIES, the key-day markers and X-WR-CALDESC (RFC 5545
# §3.8.1.5, §3.8.1.2; RFC 7986 §5.2), and the build's warnings about them.

#: key → (Vietnamese, English); filled by :func:`feed_text`.
FEED_TEXT: dict[str, tuple[str, str]] = {
    "units": ("{role}: {units}", "{role}: {units}"),
    "dates": ("Thời gian: {start} – {end}", "Dates: {start} – {end}"),
    "plan": ("Kế hoạch: {title}", "Plan: {title}"),
    "plan_number": ("số {number}", "No. {number}"),
    "plan_issued": ("ngày {day}", "of {day}"),
    "plan_issuer": ("của {issuer}", "issued by {issuer}"),
    "key_start": ("Bắt đầu: {summary}", "Starts: {summary}"),
    "key_end": ("Kết thúc: {summary}", "Ends: {summary}"),
    "key_peak_start": ("Bắt đầu cao điểm: {summary}", "Peak starts: {summary}"),
    "key_peak_end": ("Kết thúc cao điểm: {summary}", "Peak ends: {summary}"),
    "key_window": ("Cả đợt: {start} – {end}", "The whole window: {start} – {end}"),
    "crowded": ("Cảnh báo: {path} có {n} sự kiện; Google và Outlook xử lý chậm hoặc bỏ bớt "
                "sự kiện của lịch trên {limit} sự kiện — đăng ký lịch theo đơn vị, kế hoạch "
                "hoặc lịch hạn chót.",
                "Warning: {path} holds {n} events; Google and Outlook slow down or drop "
                "events of feeds over {limit} events — subscribe per unit, plan, or to a "
                "deadlines feed instead."),
}

#: CATEGORIES (RFC 5545 §3.8.1.2) per item kind (``items.ItemKind`` value).
CATEGORY_WORDS: dict[str, tuple[str, str]] = {
    "anniversary": ("Ngày kỷ niệm", "Anniversary"),
    "campaign": ("Đợt hoạt động", "Campaign"),
    "peak": ("Cao điểm", "Peak"),
    "event": ("Sự kiện", "Event"),
    "meeting": ("Họp", "Meeting"),
    "visit": ("Thăm hỏi", "Visit"),
    "deadline": ("Hạn chót", "Deadline"),
    "report": ("Báo cáo", "Report"),
}

#: What each calendar holds, in one sentence (X-WR-CALDESC), per feed group. ``{name}`` is
#: the plan's title, the anniversary's or the unit's name; ``{paren}`` and ``{at}`` say the
#: locality when there is one.
CALENDAR_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "all": ("Mọi hoạt động, cao điểm, hạn chót và ngày kỷ niệm của các kế hoạch kỷ niệm đã "
            "công bố{at}.",
            "Every activity, peak, deadline and anniversary day of the published "
            "commemoration plans{at}."),
    "private_all": ("Mọi hoạt động, cao điểm và hạn chót của các kế hoạch lưu hành nội bộ"
                    "{at}, cùng ngày kỷ niệm mà các kế hoạch hướng tới. Địa chỉ lịch này là "
                    "địa chỉ bí mật: chỉ gửi cho người được giao.",
                    "Every activity, peak and deadline of the internal plans{at}, with the "
                    "anniversary days they mark. This calendar's address is secret: give it "
                    "only to the people concerned."),
    "milestones": ("Các ngày kỷ niệm rơi vào năm tổ chức lễ (năm tròn, năm lẻ 5 theo Nghị "
                   "định 145/2013/NĐ-CP){at}.",
                   "Anniversary days in the years they are marked with a ceremony (round "
                   "years and years ending in 5, Decree 145/2013/NĐ-CP){at}."),
    "plan": ("Các hoạt động, cao điểm và hạn chót của kế hoạch “{name}”{paren}, cùng ngày "
             "kỷ niệm mà kế hoạch hướng tới.",
             "The activities, peaks and deadlines of the plan “{name}”{paren}, with the "
             "anniversary days it marks."),
    "anniversary": ("Các ngày kỷ niệm {name}{paren} và hoạt động của những kế hoạch kỷ niệm "
                    "sự kiện này.",
                    "The days of {name}{paren} and the activities of the plans that "
                    "commemorate it."),
    "unit": ("Các việc của {name}{paren} trong các kế hoạch kỷ niệm (chủ trì, phối hợp hoặc "
             "vai trò khác), cùng ngày kỷ niệm của các việc đó.",
             "The tasks of {name}{paren} in commemoration plans (as lead, partner or in "
             "another role), with the anniversary days they belong to."),
    "deadlines": ("Lịch gọn cho điện thoại: các hạn chót, hạn báo cáo và ngày bắt đầu, kết "
                  "thúc từng đợt hoạt động của {name}{paren}.",
                  "A short calendar for phones: the deadlines, report days and the first and "
                  "last day of each activity of {name}{paren}."),
}

#: Messages of the plan files about feed text (checked by ``kyniem check``).
MESSAGES.update({
    "short_too_long": ("dài {n} ký tự; tên ngắn (short) chỉ được tối đa {limit} ký tự để "
                       "hiện vừa trên điện thoại",
                       "is {n} characters long; a short title (short) has at most {limit} "
                       "so that it fits on a phone"),
})


def feed_text(key: str, lang: str, **values: object) -> str:
    return FEED_TEXT[key][1 if lang == "en" else 0].format(**values)


def category_word(kind: str, lang: str) -> str:
    return CATEGORY_WORDS[kind][1 if lang == "en" else 0]


#: Other names of the feed groups (the catalogue's "days" feeds are the deadlines feeds).
GROUP_ALIASES = {"days": "deadlines"}


def calendar_description(group: str, name: str, lang: str, locality: str = "") -> str:
    """One sentence on what the calendar of ``group`` (all | milestones | plan | anniversary
    | unit | deadlines, alias days) holds, for X-WR-CALDESC and DESCRIPTION (RFC 7986 §5.2)."""
    en = lang == "en"
    at = (f" in {locality}" if en else f" tại {locality}") if locality else ""
    paren = f" ({locality})" if locality else ""
    text = CALENDAR_DESCRIPTIONS[GROUP_ALIASES.get(group, group)][1 if en else 0]
    return text.format(name=name, at=at, paren=paren)


def _merge_sections() -> None:
    """The area sections (:mod:`scheduler.messages`) join the one catalogue; a key two
    sections define is a bug, caught at import."""
    from importlib import import_module

    from .messages import SECTIONS

    # the tables of this module join too, under a prefix: one catalogue for every check
    own = (("role_", ROLE_WORDS), ("feedtext_", FEED_TEXT), ("category_", CATEGORY_WORDS),
           ("caldesc_", CALENDAR_DESCRIPTIONS))
    parts = [import_module(f".messages.{name}", __package__).MESSAGES for name in SECTIONS]
    parts += [{prefix + k: v for k, v in table.items()} for prefix, table in own]
    for part in parts:
        if clash := MESSAGES.keys() & part.keys():
            raise KeyError(f"messages defined twice: {sorted(clash)}")
        MESSAGES.update(part)


_merge_sections()

#: The language of ``str(message)``: the command's ``--lang``, set once by the CLI (notes on
#: stderr are written deep inside, where no settings reach).
_current = ["vi"]


def use(lang: str) -> None:
    _current[0] = lang


def current_language() -> str:
    return _current[0]


@dataclass(frozen=True)
class Message:
    """A message worded when shown: ``render("en")``; ``str()`` in the command's language."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        vi, en = MESSAGES[self.key]
        values = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.values}
        return (en if lang == "en" else vi).format(**values)

    def __str__(self) -> str:
        return self.render(_current[0])


def worded(key: str, lang: str, **values: object) -> str:
    """The catalogue's words for ``key`` in ``lang``, filled with ``values``; given none, the
    text as it stands (a template a page's script fills: "{n} kết quả")."""
    words = MESSAGES[key][1 if lang == "en" else 0]
    return words.format(**values) if values else words


def field_word(field: str, lang: str) -> str:
    """A problem's field in ``lang``: an argument's placeholder as the help writes it
    ("PLAN|YEAR" is "KẾ_HOẠCH|NĂM", ``cli_metavar_…``), a word of kyniem's own (``field_…``);
    options ("--state") and the fields of the user's files ("units[0].id") as written."""
    pieces = field.split("|")
    if field and all(f"cli_metavar_{p}" in MESSAGES for p in pieces):
        return "|".join(worded(f"cli_metavar_{p}", lang) for p in pieces)
    if f"field_{field}" in MESSAGES:
        return worded(f"field_{field}", lang)
    return field


def quote(text: str, limit: int = 60) -> str:
    """A user's value inside a message: quoted, and cut short (a 4,300-digit "year" would
    otherwise fill the screen)."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def say(key: str, **values: object) -> Message:
    """The message ``key`` with its values (the key must be in :data:`MESSAGES`)."""
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r} in scheduler.wording.MESSAGES")
    return Message(key, tuple(values.items()))
