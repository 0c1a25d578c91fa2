"""Messages of private plans and ``kyniem token`` (secret addresses: scheduler/feeds/tokens.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- feeds' names (scheduler/feeds/catalogue.py) ---------------------------------------------
    "word_feed_private": ("{name} (nội bộ)", "{name} (internal)"),
    "word_feed_private_all": ("Tất cả hoạt động nội bộ", "All internal activities"),
    # -- the private index page (scheduler/site/private.py) --------------------------------------
    "site_private_title": ("Lịch nội bộ", "Internal calendars"),
    "site_private_intro": (
        "Các lịch dưới đây thuộc kế hoạch lưu hành nội bộ. Địa chỉ của trang này và của "
        "từng lịch là địa chỉ bí mật: chỉ gửi cho người được giao, không đăng công khai. "
        "Khi địa chỉ bị lộ, quản trị viên cấp địa chỉ mới và thu hồi địa chỉ cũ.",
        "The calendars below belong to internal plans. The addresses of this page and of "
        "each calendar are secret: give them only to the people concerned, never publish "
        "them. If an address leaks, the administrator issues a new one and revokes the old."),
    "site_private_feeds": ("Lịch của kế hoạch và đơn vị", "Plans' and units' calendars"),
    # -- kyniem token (scheduler/access.py, scheduler/outputs/tokens.py) -------------------------
    "token_no_site": ("Chưa có trang nào được tạo ở {out} (hoặc trang chưa có lịch nội bộ): "
                      "chạy kyniem build --out {out} trước.",
                      "No site has been built at {out} (or it has no internal calendar): run "
                      "kyniem build --out {out} first."),
    "token_unknown_feed": ("{feed}: không phải lịch nội bộ của trang này. Các lịch nội bộ: "
                           "{known}",
                           "{feed}: not an internal calendar of this site. Internal "
                           "calendars: {known}"),
    "token_unknown": ("Không có địa chỉ bí mật này trong trang (dán cả địa chỉ hoặc mã của nó "
                      "như kyniem token list in ra).",
                      "No such secret address in this site (paste the whole address or its "
                      "token as kyniem token list prints it)."),
    "token_already_revoked": ("Địa chỉ này đã bị thu hồi (lịch {feed}).",
                              "This address is already revoked (calendar {feed})."),
    "token_none": ("Trang chưa có lịch nội bộ nào (đặt private: true trong một kế hoạch).",
                   "The site has no internal calendar yet (set private: true in a plan)."),
    "token_index": ("trang lịch nội bộ", "internal calendars page"),
    "token_live_line": ("{feed} · cấp ngày {day}", "{feed} · issued {day}"),
    "token_revoked_line": ("{feed} · {hint} · đã thu hồi ngày {day}",
                           "{feed} · {hint} · revoked {day}"),
    "token_done_new": ("Đã cấp địa chỉ bí mật mới cho {feed}:",
                       "New secret address issued for {feed}:"),
    "token_done_revoked": ("Đã thu hồi một địa chỉ của {feed}.",
                           "One address of {feed} revoked."),
    "token_done_revoked_last": ("Đã thu hồi địa chỉ cuối cùng của {feed}.",
                                "The last address of {feed} revoked."),
    "token_rebuild": ("Địa chỉ có hiệu lực sau lần chạy kyniem build tới (kyniem serve --watch "
                      "tự tạo lại trang).",
                      "The address works after the next kyniem build (kyniem serve --watch "
                      "rebuilds by itself)."),
    "token_no_base": ("Thêm --base-url (hoặc khóa cấu hình base_url) để in địa chỉ đầy đủ.",
                      "Add --base-url (or the config key base_url) for whole addresses."),
    "token_after_revoked": ("Địa chỉ ngừng trả lời sau lần chạy kyniem build tới.",
                            "The address stops answering after the next kyniem build."),
    "token_after_revoked_last": ("Địa chỉ ngừng trả lời sau lần chạy kyniem build tới; lần đó "
                                 "lịch được cấp một địa chỉ mới (xem kyniem token list).",
                                 "The address stops answering after the next kyniem build, "
                                 "which issues the calendar a new one (see kyniem token "
                                 "list)."),
    # -- help (scheduler/cli.py; keys as scheduler/clilang.py looks them up) ---------------------
    "cli_cmd_token": ("Địa chỉ bí mật của các lịch nội bộ (kế hoạch có private: true): xem, "
                      "cấp thêm, thu hồi.",
                      "Secret addresses of internal calendars (plans with private: true): "
                      "list, issue, revoke."),
    "cli_cmd_token_list": ("Mọi địa chỉ bí mật của trang, còn hiệu lực và đã thu hồi.",
                           "Every secret address of the site, live and revoked."),
    "cli_cmd_token_new": ("Cấp thêm một địa chỉ bí mật cho LỊCH (mã lịch như kyniem token list "
                          "in, hoặc index cho trang lịch nội bộ); gửi địa chỉ mới rồi thu hồi "
                          "địa chỉ cũ.",
                          "Issue another secret address for FEED (its key as kyniem token list "
                          "prints it, or index for the internal calendars page); hand out the "
                          "new one, then revoke the old."),
    "cli_cmd_token_revoke": ("Thu hồi một địa chỉ bí mật (dán cả địa chỉ hoặc mã); địa chỉ "
                             "ngừng trả lời sau lần tạo trang tới.",
                             "Revoke a secret address (paste the address or its token); it "
                             "stops answering after the next build."),
    "cli_opt_token_list_out": ("Thư mục trang (như kyniem build --out).",
                               "The site folder (as kyniem build --out)."),
    "cli_opt_token_new_out": ("Thư mục trang (như kyniem build --out).",
                              "The site folder (as kyniem build --out)."),
    "cli_opt_token_revoke_out": ("Thư mục trang (như kyniem build --out).",
                                 "The site folder (as kyniem build --out)."),
    "cli_metavar_FEED": ("LỊCH", "FEED"),
    "cli_metavar_TOKEN": ("MÃ_BÍ_MẬT", "TOKEN"),
    # -- kyniem import (scheduler/imports/convert.py) --------------------------------------------
    "import_private": ("Dòng {line}: văn bản ghi “{text}”: kế hoạch được đánh dấu private: "
                       "true — lịch của nó chỉ có ở địa chỉ bí mật (kyniem token list).",
                       "Line {line}: the document says “{text}”: the plan is marked private: "
                       "true — its calendars only at secret addresses (kyniem token list)."),
    # -- kyniem build's report (scheduler/outputs/feeds.py) ---------------------------------------
    "build_private": ("{n} lịch nội bộ chỉ có ở địa chỉ bí mật: kyniem token list --out {out}",
                      "{n} internal calendars, at secret addresses only: kyniem token list "
                      "--out {out}"),
    "token_unpublished": ("lịch này không còn trong lần tạo trang gần nhất (kế hoạch đã công "
                          "khai hoặc đã bỏ): địa chỉ không trả lời; thu hồi nếu không cần nữa",
                          "this calendar was not in the last build (the plan was made public "
                          "or removed): the address does not answer; revoke it if no longer "
                          "needed"),
}
