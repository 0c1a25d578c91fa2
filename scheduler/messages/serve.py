"""Messages of ``kyniem serve`` (scheduler/serve: the HTTP server, watch mode)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # help of the command (scheduler/clilang.py looks them up as cli_cmd_… / cli_opt_…)
    "cli_cmd_serve": (
        "Phục vụ trang lịch đã tạo (kyniem build) qua HTTP cho mạng nội bộ của cơ quan; "
        "--watch tự kiểm tra và tạo lại trang khi tệp danh mục, kế hoạch hoặc đơn vị thay "
        "đổi.\n\nTHƯ_MỤC mặc định là site. Trang công khai của tỉnh, thành nên đặt sau nginx "
        "hoặc một dịch vụ lưu trữ tĩnh.",
        "Serve the built site (kyniem build) over HTTP on an office network; --watch checks "
        "and builds it again when a registry, plan or unit file changes.\n\nDIR defaults to "
        "site. A province's public site belongs behind nginx or any static host."),
    "cli_opt_serve_host": ("Địa chỉ máy chủ lắng nghe (0.0.0.0: mọi máy trong mạng).",
                           "The address to listen on (0.0.0.0: every machine on the "
                           "network)."),
    "cli_opt_serve_port": ("Cổng lắng nghe (0: hệ điều hành tự chọn một cổng trống).",
                           "The port to listen on (0: the system picks a free one)."),
    "cli_opt_serve_watch": ("Tạo trang nếu chưa có, rồi tạo lại mỗi khi tệp danh mục, kế hoạch "
                            "hoặc đơn vị thay đổi; thay đổi có lỗi bị từ chối và hiện trên "
                            "trang chủ.",
                            "Build the site if there is none, then again whenever a registry, "
                            "plan or unit file changes; a change with problems is refused and "
                            "shown on the index page."),
    "cli_opt_serve_base_url": ("Với --watch: địa chỉ công bố của trang (https://…), truyền cho "
                               "kyniem build.",
                               "With --watch: the site's public address (https://…), given to "
                               "kyniem build."),
    "cli_opt_serve_years": ("Với --watch: số năm lịch, truyền cho kyniem build.",
                            "With --watch: the years of feeds, given to kyniem build."),
    "cli_opt_serve_state": ("Với --watch: thư mục trạng thái của trang, truyền cho "
                            "kyniem build.",
                            "With --watch: the site's state folder, given to kyniem build."),
    "serve_started": ("Đang phục vụ trang lịch {site} tại {url} (nhấn Ctrl+C để dừng).",
                      "Serving the calendar site {site} at {url} (press Ctrl+C to stop)."),
    "serve_watching": ("Đang theo dõi {count} tệp danh mục, kế hoạch và đơn vị; khi một tệp "
                       "thay đổi, trang sẽ được kiểm tra và tạo lại.",
                       "Watching {count} registry, plan and unit files; when one changes, "
                       "the site is checked and built again."),
    "serve_stopped": ("Đã dừng máy chủ.", "The server has stopped."),
    "serve_no_site": ("chưa có trang lịch nào được tạo ở đây; chạy kyniem build --out {dir} "
                      "trước, hoặc dùng kyniem serve --watch để tự tạo và cập nhật trang",
                      "no calendar site has been built here; run kyniem build --out {dir} "
                      "first, or use kyniem serve --watch to build and update it"),
    "serve_port_busy": ("không mở được cổng {host}:{port} ({why}); chọn cổng khác bằng --port",
                        "cannot listen on {host}:{port} ({why}); choose another with --port"),
    "serve_port_denied": ("không được phép mở cổng {port} ({why}): các cổng dưới 1024 cần "
                          "quyền quản trị; chọn cổng khác bằng --port, ví dụ 8080",
                          "not allowed to listen on port {port} ({why}): ports below 1024 "
                          "need administrator rights; choose another with --port, e.g. 8080"),
    "serve_host_unknown": ("không tìm thấy địa chỉ {host} ({why}); dùng --host 127.0.0.1 "
                           "(chỉ máy này) hoặc --host 0.0.0.0 (cả mạng nội bộ)",
                           "no such address as {host} ({why}); use --host 127.0.0.1 (this "
                           "machine only) or --host 0.0.0.0 (the whole local network)"),
    "serve_host_not_here": ("địa chỉ {host} không thuộc máy này ({why}); dùng --host "
                            "127.0.0.1 (chỉ máy này) hoặc --host 0.0.0.0 (cả mạng nội bộ)",
                            "{host} is not an address of this machine ({why}); use --host "
                            "127.0.0.1 (this machine only) or --host 0.0.0.0 (the whole "
                            "local network)"),
    "serve_building": ("Đang kiểm tra và tạo lại trang ({why})…",
                       "Checking and building the site again ({why})…"),
    "serve_why_start": ("khởi động", "start-up"),
    "serve_why_changed": ("đã thay đổi: {files}", "changed: {files}"),
    "serve_built": ("Đã tạo lại trang; các yêu cầu mới nhận bản mới.",
                    "The site was built again; new requests get the new version."),
    "serve_refused": ("Thay đổi bị từ chối, trang vẫn phục vụ bản tốt gần nhất. Lỗi:",
                      "The change was refused; the site keeps serving the last good version. "
                      "Problems:"),
    "serve_banner_title": ("Thay đổi gần nhất trong tệp kế hoạch, danh mục hoặc đơn vị bị từ "
                           "chối; trang này vẫn là bản tốt gần nhất. Sửa các lỗi sau rồi lưu "
                           "lại tệp:",
                           "The latest change to a plan, registry or unit file was refused; "
                           "this page is still the last good version. Fix these problems and "
                           "save the file again:"),
    "serve_build_failed": ("lệnh {command} kết thúc với mã {code}",
                           "{command} ended with exit code {code}"),
    "serve_not_built_yet": ("Trang lịch chưa được tạo xong. Thử lại sau ít giây.",
                            "The calendar site is not built yet. Try again in a few "
                            "seconds."),
    "serve_not_found": ("Không tìm thấy trang hoặc tệp này.", "No such page or file."),
    "serve_method": ("Máy chủ chỉ nhận yêu cầu GET và HEAD.",
                     "This server answers only GET and HEAD requests."),
    "serve_refused_withheld": (
        "Một thay đổi trong tệp kế hoạch hoặc danh mục bị từ chối vì có lỗi; trang vẫn là bản "
        "tốt gần nhất. Chi tiết (tệp, dòng, trường) ở nhật ký máy chủ và trên trang lịch nội "
        "bộ, không hiện ở đây vì trang có kế hoạch nội bộ.",
        "A change to a plan or directory file was refused for its errors; the site is still "
        "the last good one. The details (file, line, field) are in the server's log and on "
        "the internal calendars page, not here, since the site has internal plans."),
}
