"""The ``kyniem remind`` click command. Its imports stay light (click, typing): APScheduler,
SQLAlchemy and the rest load only when the command runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time
from typing import Any

import click

from ..wording import quote, say


class TimeParam(click.ParamType):  # type: ignore[type-arg]
    """A local time of day, ``HH:MM`` (or ``HH:MM:SS``)."""

    name = "HH:MM"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> time:
        if isinstance(value, time):
            return value
        try:
            parts = [int(p) for p in str(value).strip().split(":")]
            if len(parts) not in (2, 3):
                raise ValueError
            return time(parts[0], parts[1], parts[2] if len(parts) == 3 else 0)
        except (ValueError, TypeError):
            self.fail(str(say("remind_time_of_day", value=quote(str(value)))), param, ctx)


class MomentParam(click.ParamType):  # type: ignore[type-arg]
    """A moment, ``2024-04-12T07:59:50`` or ``12/04/2024 07:59``; Asia/Ho_Chi_Minh unless an
    offset is given. Its local day must lie in :data:`scheduler.dates.YEARS`, like any date
    kyniem reads (``parse_date`` refuses the others already)."""

    name = "DATETIME"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> datetime:
        from ..dates import VN_TZ, DateFormatError, parse_date

        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            day, _, clock = text.partition(" ")
            try:
                moment = datetime.combine(parse_date(day), TimeParam().convert(
                    clock or "00:00", param, ctx))
            except DateFormatError:
                written = re.search(r"[0-9]{4,}", day)  # 31/12/9999: say it is the year
                if written:
                    self._in_years(text, int(written.group()), param, ctx)
                self.fail(str(say("remind_moment", value=quote(str(value)))), param, ctx)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)
        self._in_years(text, _local_year(moment), param, ctx)
        return moment

    def _in_years(self, text: str, year: int, param: click.Parameter | None,
                  ctx: click.Context | None) -> None:
        """Fail unless ``year`` lies in the supported years."""
        from ..dates import YEARS
        from ..wording import say

        if year not in YEARS:
            self.fail(str(say("date_out_of_range", text=text, year=year, first=YEARS.start,
                              last=YEARS.stop - 1)), param, ctx)


def _local_year(moment: datetime) -> int:
    """The year of ``moment`` in Asia/Ho_Chi_Minh (0 or 10000 past the datetime range)."""
    from ..dates import VN_TZ

    try:
        return moment.astimezone(VN_TZ).year
    except OverflowError:  # 0001-01-01T00:00+14:00 is still year 0 in Ha Noi
        return 0 if moment.year == 1 else moment.year + 1


def register(group: click.Group,
             common: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Add ``kyniem remind`` to the CLI group, with the shared options of ``common``."""

    @group.command("remind")
    @click.option("--once", is_flag=True)
    @click.option("--list", "listing", is_flag=True)
    @click.option("--unit", metavar="UNIT")
    @click.option("--feed", metavar="URL")
    @click.option("--store", metavar="URL", envvar="KYNIEM_STORE")
    @click.option("--at", type=TimeParam(), default="08:00", show_default=True)
    @click.option("--clock", type=MomentParam())
    @click.option("--grace", type=click.IntRange(0, 365), default=7, show_default=True)
    @click.option("--desktop/--no-desktop", default=None)
    @click.option("--smtp", metavar="URL")
    @click.option("--mail-to", multiple=True, metavar="ADDR")
    @click.option("--webhook", metavar="URL")
    @click.option("--retry", type=click.FloatRange(0.01, 3600), default=5.0,
                  show_default=True)
    @click.option("--refresh", type=click.FloatRange(1, 86400), default=600.0,
                  show_default=True)
    @click.option("--milestones/--no-milestones", default=True, show_default=True)
    @common
    def remind(settings: Any, once: bool, listing: bool, unit: str | None, feed: str | None,
               store: str | None, at: time, clock: datetime | None, grace: int,
               desktop: bool | None, smtp: str | None, mail_to: tuple[str, ...],
               webhook: str | None, retry: float, refresh: float, milestones: bool) -> Any:
        """Reminders in the terminal (and desktop, e-mail, webhook) at the plan's lead times:
        shown once, even across restarts; missed ones delivered late."""
        from datetime import timedelta

        from ..dates import VN_TZ
        from . import service
        from .plan import Clock

        if once and listing:
            raise click.UsageError(str(say("cli_once_or_list")))
        if clock is not None:
            fixed = Clock.fixed(clock)
        elif settings.now is not None:
            fixed = Clock.fixed(datetime.combine(settings.now, at, VN_TZ))
        else:
            fixed = Clock()
        as_json = bool(click.get_current_context().params.get("as_json"))
        options = service.Options(store=store, unit=unit, feed=feed, at=at, clock=fixed,
                                  grace=timedelta(days=grace), as_json=as_json,
                                  desktop=desktop, smtp=smtp, mail_to=mail_to, webhook=webhook,
                                  retry=retry, refresh=refresh, milestones=milestones)
        if listing:
            return service.listing(settings, options)
        if once:
            return service.once(settings, options)
        return service.daemon(settings, options)
