"""The ``kyniem`` command: a thin click layer over :mod:`scheduler.commands`.

Shared options are defined once (:func:`common`); every command returns a view that
:func:`scheduler.outputs.emit` prints as rich (terminal), plain (pipe) or JSON. Problems in
user input end in a message naming file, line and field, and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import click

from . import __version__, commands
from .dates import DateFormatError, parse_date
from .outputs import View, emit
from .registry import InputError, Problem
from .rules import LUNAR_YEARS, LeapDay, MilestoneClass
from .sanitize import first_control, strip_controls
from .wording import say
from .wording import use as use_language

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A day-first date (dd/mm/yyyy) or ISO date; never month-first."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateFormatError as exc:
            self.fail(str(exc), param, ctx)


def _csv_choice(enum: type[MilestoneClass]) -> Callable[..., frozenset[MilestoneClass]]:
    def parse(ctx: click.Context, param: click.Parameter, value: str | None
              ) -> frozenset[MilestoneClass]:
        if not value:
            return frozenset()
        try:
            return frozenset(enum(v.strip()) for v in value.split(",") if v.strip())
        except ValueError:
            allowed = ",".join(e.value for e in enum)
            raise click.BadParameter(f"{value!r}: use a comma list of {allowed}") from None

    return parse


def _csv_fold(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    return frozenset(v.strip().casefold() for v in (value or "").split(",") if v.strip())


def _set_language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Read first (eager): messages about other options' values (a date out of range) are
    worded while click converts them, in the language asked for."""
    use_language(value)
    return value


def common(func: F) -> F:
    """The options every command takes, turned into one ``settings`` argument."""

    @click.option("--registry", "registries", multiple=True, metavar="FILE",
                  help="Extra registry file (repeatable); also $KYNIEM_REGISTRY.")
    @click.option("--json", "as_json", is_flag=True, help="JSON for scripts.")
    @click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", envvar="KYNIEM_LANG",
                  show_default=True, help="Language of the output.", is_eager=True,
                  callback=_set_language)
    @click.option("--now", type=DateParam(), help="Fix 'today' (dd/mm/yyyy), for scripts.")
    @click.option("--leap-day", type=click.Choice([p.value for p in LeapDay]),
                  default=LeapDay.FEB28.value, show_default=True,
                  help="Where a 29/02 origin falls in a common year.")
    @click.option("--units", "units", multiple=True, metavar="FILE",
                  help="Tệp danh mục đơn vị thêm vào (lặp lại được); cũng $KYNIEM_UNITS.")
    @click.option("--plans", "plans", multiple=True, metavar="PATH",
                  help="Plan file or folder (repeatable); also $KYNIEM_PLANS. "
                       "Default: the bundled example plans.")
    @wraps(func)
    def wrapper(*args: Any, registries: tuple[str, ...], as_json: bool, lang: str,
                now: date | None, leap_day: str, plans: tuple[str, ...], units: tuple[str, ...],
                **kwargs: Any) -> None:
        settings = commands.Settings(registries, lang, now, LeapDay(leap_day), plans, units)
        try:
            _check_text({"registries": registries, "plans": plans, "units": units, **kwargs})
            view: View = func(*args, settings=settings, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(strip_controls(problem.render(lang)), err=True)
            sys.exit(2)
        except OSError as exc:  # a path the user gave that cannot be read or written
            where = exc.filename or ""
            click.echo(f"{where}: {exc.strerror or exc}" if where else str(exc), err=True)
            sys.exit(2)
        emit(view, as_json=as_json)
        sys.exit(getattr(view, "exit_code", 0))

    return wrapper  # type: ignore[return-value]


def _check_text(values: dict[str, Any]) -> None:
    """Arguments are text a terminal, a feed and a page can hold: valid UTF-8 (a byte that
    is not arrives as a lone surrogate, PEP 383) and no control characters."""
    params = {p.name: p for p in click.get_current_context().command.params}
    problems = []
    for name, value in values.items():
        param = params.get(name)
        flag = (param.opts[0] if isinstance(param, click.Option)
                else param.human_readable_name if param is not None else name)
        for text in value if isinstance(value, tuple) else (value,):
            if not isinstance(text, str):
                continue
            if any("\ud800" <= ch <= "\udfff" for ch in text):
                problems.append(Problem("", None, flag, say("argument_not_utf8")))
            elif (at := first_control(text)) is not None:
                problems.append(Problem("", None, flag, say("control_character",
                                                            code=ord(text[at]), at=at + 1)))
    if problems:
        raise InputError(problems)


def _filters(func: F) -> F:
    @click.option("--class", "classes", callback=_csv_choice(MilestoneClass), metavar="LIST",
                  help="Only these classes: tron,le5,khac (Decree 145/2013, Art. 3).")
    @click.option("--scope", "scopes", callback=_csv_fold, metavar="LIST",
                  help="Only these scopes, e.g. national,'Hà Nội'.")
    @click.option("--milestones", is_flag=True, help="Only milestone (ceremony) years.")
    @wraps(func)
    def wrapper(*args: Any, classes: frozenset[MilestoneClass], scopes: frozenset[str],
                milestones: bool, **kwargs: Any) -> Any:
        return func(*args, filters=commands.Filters(classes, scopes, milestones), **kwargs)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kyniem")
def main() -> None:
    """kyniem — lịch và hạn chót cho các hoạt động kỷ niệm.

    Calendar and deadline scheduler for Vietnamese commemoration plans.
    """


@main.command()
@click.option("--from", "start", type=DateParam(), help="Start (default: today).")
@click.option("--to", "end", type=DateParam(), help="End (default: one year on).")
@click.option("--years", type=click.IntRange(1, 100), help="Horizon in years instead of --to.")
@_filters
@common
def upcoming(settings: commands.Settings, start: date | None, end: date | None,
             years: int | None, filters: commands.Filters) -> View:
    """What falls in the horizon, nearest first, with a countdown in days."""
    if end is not None and years is not None:
        raise click.UsageError("give --to or --years, not both")
    if start is not None and end is not None and end < start:
        raise click.BadParameter("ends before --from", param_hint="--to")
    return commands.upcoming(settings, start, end, years, filters)


@main.command()
@click.argument("year", type=click.IntRange(LUNAR_YEARS.start, LUNAR_YEARS.stop - 1))
@_filters
@common
def year(settings: commands.Settings, year: int, filters: commands.Filters) -> View:
    """The year's anniversaries with ordinals, in date order, as the annual guidance lists them."""
    return commands.year(settings, year, filters)


@main.command()
@click.argument("anniversary_id", metavar="ID")
@click.option("--past", default=3, type=click.IntRange(0, 50), show_default=True,
              help="How many past milestones.")
@click.option("--next", "upcoming", default=5, type=click.IntRange(0, 50), show_default=True,
              help="How many next milestones.")
@common
def show(settings: commands.Settings, anniversary_id: str, past: int, upcoming: int) -> View:
    """One anniversary: past and next milestones, class of each, source."""
    return commands.show(settings, anniversary_id, past, upcoming)


@main.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@common
def check(settings: commands.Settings, files: tuple[str, ...]) -> View:
    """Validate registries and plans: every problem with file and line (exit 2)."""
    return commands.check(settings, files)


@main.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", metavar="PLAN.yaml", help="Tệp kế hoạch ghi ra (một tài liệu).")
@click.option("--out-dir", metavar="DIR",
              help="Thư mục ghi các kế hoạch (mặc định: thư mục hiện tại).")
@click.option("--force", is_flag=True, help="Ghi đè tệp kế hoạch đã có.")
@click.option("--anniversary", "anniversary_id", metavar="ID",
              help="Ngày kỷ niệm (mã trong danh mục) khi tiêu đề không ghi rõ.")
@click.option("--year", type=click.IntRange(1900, 2100), help="Năm kỷ niệm khi tiêu đề không ghi.")
@common
def import_(settings: commands.Settings, files: tuple[str, ...], output: str | None,
            out_dir: str | None, force: bool, anniversary_id: str | None,
            year: int | None) -> View:
    """Nhập kế hoạch từ văn bản (.docx, .pdf có lớp chữ, .txt, .md) thành tệp kế hoạch."""
    from . import importing

    return importing.import_files(settings, files, output, out_dir, force, anniversary_id,
                                  year)


@main.command()
@click.argument("phrase")
@click.option("--anniversary", type=DateParam(), help="The anniversary day of the plan.")
@click.option("--issued", type=DateParam(), help="The plan's issue date ('từ nay').")
@click.option("--campaign-end", type=DateParam(), help="End of the whole campaign.")
@click.option("--year", type=click.IntRange(1900, 2100), help="Year for phrases without one.")
@common
def when(settings: commands.Settings, phrase: str, anniversary: date | None,
         issued: date | None, campaign_end: date | None, year: int | None) -> View:
    """How a plan's time phrase is read: first and last day, precision, recurrence."""
    from . import planning

    return planning.when(settings, phrase, anniversary, issued, campaign_end, year)


@main.command()
@click.option("--unit", help="Only what this unit has a role in (any part of its name).")
@click.option("--from", "start", type=DateParam(), help="Start (default: today).")
@click.option("--to", "end", type=DateParam(), help="End (default: --week).")
@click.option("--week", "days", flag_value=7, default=True, help="Seven days (default).")
@click.option("--month", "days", flag_value=31, help="31 days.")
@common
def agenda(settings: commands.Settings, unit: str | None, start: date | None,
           end: date | None, days: int) -> View:
    """What is due, starting and running, nearest deadline first, shifts marked."""
    from . import planning

    if start is not None and end is not None and end < start:
        raise click.BadParameter("ends before --from", param_hint="--to")
    return planning.agenda(settings, unit, start, end, days)


@main.command()
@click.argument("target", metavar="PLAN|YEAR")
@click.option("--unit", help="Only what this unit has a role in.")
@click.option("--width", type=click.IntRange(40, 400), default=100, show_default=True,
              help="Width of the chart when piped.")
@common
def timeline(settings: commands.Settings, target: str, unit: str | None, width: int) -> View:
    """A Gantt-like chart of a plan's (or a year's) windows, peaks and deadlines."""
    from . import planning

    return planning.timeline(settings, target, unit, width)


@main.command()
@click.option("--unit", help="Only units whose name contains this.")
@common
def units(settings: commands.Settings, unit: str | None) -> View:
    """Every unit and its activities across plans (lead and partner)."""
    from . import planning

    return planning.units(settings, unit)


@main.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--unit", help="Only units whose name contains this (accents and case ignored).")
@common
def diff(settings: commands.Settings, old: str, new: str, unit: str | None) -> View:
    """What plan NEW changed in OLD, per unit: new tasks, tasks taken off, retimed, roles.

    OLD and NEW are plan files (.yaml) or documents (.txt, .md, .docx, .pdf).
    """
    from . import planning

    return planning.diff(settings, old, new, unit)


@main.group()
def plan() -> None:
    """Plan files."""


@plan.command("new")
@click.argument("anniversary_id", metavar="ANNIVERSARY")
@click.argument("year", type=click.IntRange(1900, 2100))
@click.option("--template", metavar="FILE", help="A plan template (default: the bundled one).")
@click.option("-o", "--output", metavar="FILE", help="Where to write (default: ID-YEAR.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@common
def plan_new(settings: commands.Settings, anniversary_id: str, year: int,
             template: str | None, output: str | None, force: bool) -> View:
    """Write a dated plan for ANNIVERSARY in YEAR from a template, to edit."""
    from . import planning

    return planning.plan_new(settings, anniversary_id, year, template, output, force)


@main.command()
@click.option("--unit", help="Only this unit's tasks (any role; any part of its name).")
@click.option("--anniversary", "anniversary_id", metavar="ID", help="Only this anniversary.")
@click.option("--plan", "plan_id", metavar="ID", help="Only this plan.")
@click.option("--milestones", is_flag=True, help="Only milestone years over the horizon.")
@click.option("--key-days", is_flag=True,
              help="Lịch thứ hai của đơn vị hoặc kế hoạch: chỉ hạn và ngày chính "
                   "(đợt dài thành ngày bắt đầu và ngày kết thúc).")
@click.option("--years", type=click.IntRange(0, 100), help="Horizon: this year to +N (10).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: stdout).")
@click.option("--state", metavar="FILE",
              help="Ledger of SEQUENCE/LAST-MODIFIED across runs (default: none, all 0).")
@click.option("--base-url", metavar="URL",
              help="The feed's own address, where it is published (SOURCE, URL).")
@common
def feed(settings: commands.Settings, unit: str | None, anniversary_id: str | None,
         plan_id: str | None, milestones: bool, key_days: bool, years: int | None,
         output: str | None, state: str | None, base_url: str | None) -> View:
    """An iCalendar feed (RFC 5545) of anniversaries, windows, peaks and deadlines."""
    from . import publish

    selection = publish.Selection(unit, anniversary_id, plan_id, milestones, key_days)
    return publish.feed(settings, selection, years, output, state, base_url)


@main.command()
@click.option("--out", required=True, metavar="DIR", help="The site folder (created).")
@click.option("--base-url", metavar="URL",
              help="Where DIR is served (https://…): needed for subscribe links.")
@click.option("--years", type=click.IntRange(0, 100), help="Horizon: this year to +N (10).")
@click.option("--force", is_flag=True,
              help="Replace a folder that is not a kyniem site (it is kept beside, renamed).")
@click.option("--state", metavar="DIR",
              help="Where the site's ledger and cache live (default: the user state folder, "
                   "one per site).")
@common
def build(settings: commands.Settings, out: str, base_url: str | None, years: int | None,
          force: bool, state: str | None) -> View:
    """A static site: every feed, index.html with subscribe links, a page per plan and year."""
    from . import publish

    return publish.build(settings, out, base_url, years, _progress(), force, state)


def _progress() -> Callable[[int], Callable[[], None]] | None:
    """A progress bar on a terminal (stderr), for long builds."""
    if not sys.stderr.isatty():
        return None

    def start(total: int) -> Callable[[], None]:
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)  # stdout is the report
        bar.start()
        task = bar.add_task("kyniem build", total=total)

        def step() -> None:
            bar.advance(task)
            if bar.finished:
                bar.stop()

        return step

    return start


def run() -> None:
    """Entry point that also survives a closed pipe (``kyniem year 2025 | head``)."""
    try:
        main()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)


from .remind.command import register as _register_remind  # noqa: E402

_register_remind(main, common)
