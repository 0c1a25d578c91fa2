"""Channels against real local servers: SMTP (aiosmtpd), a webhook (http.server) that fails
before it succeeds, ``notify-send`` (a real executable on PATH); a dead channel never blocks
the others."""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from datetime import date, datetime
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from remind_support import event, http_server, write_feed

from scheduler.cli import main
from scheduler.dates import VN_TZ
from scheduler.remind.channels import Dispatcher, Smtp, Webhook
from scheduler.remind.plan import Clock, Reminder
from scheduler.remind.store import open_store


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYNIEM_STORE", f"sqlite:///{tmp_path}/remind.sqlite")


@pytest.fixture
def smtp() -> Iterator[tuple[str, list[Any]]]:
    from aiosmtpd.controller import Controller

    received: list[Any] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd checks its own port once started)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", received
    finally:
        controller.stop()


def test_email_webhook_and_desktop_from_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              smtp: tuple[str, list[Any]]) -> None:
    smtp_url, mails = smtp
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "notify.log"
    fake = bin_dir / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> {calls}\necho >> {calls}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    posts: list[tuple[str, dict[str, Any]]] = []

    def hook(request: BaseHTTPRequestHandler) -> None:
        body = request.rfile.read(int(request.headers["Content-Length"]))
        posts.append((request.headers["Idempotency-Key"], json.loads(body)))
        request.send_response(500 if len(posts) <= 2 else 200)  # fails twice, then accepts
        request.end_headers()

    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 10), "Việc A")])
    with http_server(hook) as base:
        result = CliRunner().invoke(main, [
            "remind", "--feed", url, "--once", "--now", "10/05/2024", "--smtp",
            f"{smtp_url}?from=nhac@kyniem.vn", "--mail-to", "vanphong@example.vn",
            "--webhook", f"{base}/hook", "--retry", "0.05", "--json"])
    assert result.exit_code == 0, result.output
    [mail] = mails
    message = message_from_bytes(mail.content, policy=policy.default)
    assert mail.rcpt_tos == ["vanphong@example.vn"] and mail.mail_from == "nhac@kyniem.vn"
    assert "Việc A" in str(message["Subject"]) and message["Message-ID"].endswith("@kyniem>")
    assert len(posts) == 3 and len({key for key, _ in posts}) == 1
    assert posts[-1][1]["title"] == "Việc A" and posts[-1][1]["event"] == "reminder"
    assert "--urgency=critical" in calls.read_text() and "Việc A" in calls.read_text()
    # JSON Lines, the summary last (regression: it was pretty-printed, so neither JSON nor
    # JSON Lines)
    *reminders, summary = [json.loads(line) for line in result.stdout.splitlines()]
    assert "webhook: chưa gửi được" in result.stderr  # it failed twice, then went through
    assert summary["event"] == "summary" and {r["event"] for r in reminders} == {"reminder"}
    assert summary["channels"] == {"desktop": {"sent": 1}, "email": {"sent": 1},
                                   "webhook": {"sent": 1}}
    [webhook_row] = [r for r in open_store().outbox() if r["channel"] == "webhook"]
    assert webhook_row["attempts"] == 3


def test_a_dead_channel_never_blocks_the_others(tmp_path: Path, smtp: tuple[str, list[Any]],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    smtp_url, mails = smtp
    store = open_store()
    reminder = Reminder(job_id="a#0d", uid="a", kind="deadline", title="Việc A",
                        anchor=date(2024, 5, 10), days=0,
                        fire_at=datetime(2024, 5, 10, 8, tzinfo=VN_TZ))
    dead = Webhook("http://127.0.0.1:9/nothing-listens-here", timeout=2)
    dispatcher = Dispatcher(store, [dead, Smtp.from_url(smtp_url, ["a@example.vn"])], Clock(),
                            base=0.2, max_attempts=3)
    assert store.claim(reminder, datetime.now(VN_TZ), False, dispatcher.names)
    dispatcher.start()
    started = time.monotonic()
    try:
        while not mails and time.monotonic() - started < 10:
            time.sleep(0.01)
        assert mails, "e-mail waited for the dead webhook"
        assert time.monotonic() - started < 2
        assert dispatcher.drain(10)
    finally:
        dispatcher.stop()
    rows = {r["channel"]: r for r in store.outbox()}
    assert rows["email"]["state"] == "sent"
    assert rows["webhook"]["state"] == "failed" and rows["webhook"]["attempts"] == 3
    assert "Connection refused" in rows["webhook"]["error"] or "URLError" in rows["webhook"][
        "error"]
    # said on stderr: its first failure, then the reminder given up (regression: silent)
    said = [line for line in capsys.readouterr().err.splitlines() if "webhook:" in line]
    assert len(said) == 2 and "chưa gửi được" in said[0] and "thôi gửi" in said[1]
    assert not [line for line in capsys.readouterr().err.splitlines() if "email:" in line]


def test_a_long_vietnamese_subject_keeps_every_space(tmp_path: Path,
                                                     smtp: tuple[str, list[Any]]) -> None:
    """Regression (tried with a real SMTP sink): "…Văn hóa và Thông tin quận…" arrived as
    "…Văn hóa vàThông tin…": Python folded the subject with the space outside two encoded
    words, where RFC 2047 §6.2 drops it."""
    from email.header import decode_header, make_header

    smtp_url, mails = smtp
    store = open_store()
    text = ("Báo cáo kết quả về UBND quận (qua phòng Văn hóa và Thông tin quận) về tình "
            "hình triển khai để tổng hợp, báo cáo theo quy định")
    titles = [text[:n].strip() for n in range(40, len(text) + 1, 4)]  # folds at each length
    clock = Clock.fixed(datetime(2024, 4, 19, 8, 0, 1, tzinfo=VN_TZ))  # "hôm nay", as found
    dispatcher = Dispatcher(store, [Smtp.from_url(smtp_url, ["a@example.vn"])], clock)
    for n, title in enumerate(titles):
        reminder = Reminder(job_id=f"b{n}#0d", uid=f"b{n}", kind="report", title=title,
                            anchor=date(2024, 4, 19), days=0,
                            fire_at=datetime(2024, 4, 19, 8, tzinfo=VN_TZ))
        assert store.claim(reminder, datetime.now(VN_TZ), False, dispatcher.names)
    dispatcher.start()
    try:
        assert dispatcher.drain(20)
    finally:
        dispatcher.stop()
    assert len(mails) == len(titles)
    for mail in mails:
        modern = str(message_from_bytes(mail.content, policy=policy.default)["Subject"])
        legacy = str(make_header(decode_header(message_from_bytes(mail.content)["Subject"])))
        assert modern == legacy and any(title in modern for title in titles), modern
        assert "vàThông" not in modern, mail.content[:600]
