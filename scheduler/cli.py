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
from .wording import quote, say
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
            raise click.BadParameter(str(say("cli_class_list", value=quote(value),
                                                 allowed=allowed))) from None

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

    @click.option("--registry", "registries", multiple=True, metavar="FILE")
    @click.option("--json", "as_json", is_flag=True)
    @click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", envvar="KYNIEM_LANG",
                  show_default=True, is_eager=True,
                  callback=_set_language)
    @click.option("--now", type=DateParam())
    @click.option("--leap-day", type=click.Choice([p.value for p in LeapDay]),
                  default=LeapDay.FEB28.value, show_default=True)
    @click.option("--units", "units", multiple=True, metavar="FILE")
    @click.option("--plans", "plans", multiple=True, metavar="PATH")
    @click.option("--locality", metavar="LOCALITY", envvar="KYNIEM_LOCALITY")
    @wraps(func)
    def wrapper(*args: Any, registries: tuple[str, ...], as_json: bool, lang: str,
                now: date | None, leap_day: str, plans: tuple[str, ...], units: tuple[str, ...],
                locality: str | None, **kwargs: Any) -> None:
        registries, plans = _configured(registries, plans)
        settings = commands.Settings(registries, lang, now, LeapDay(leap_day), plans, units,
                                     (locality or "").strip() or None)  # "": none
        try:
            _check_text({"registries": registries, "plans": plans, "units": units, **kwargs})
            view: View = func(*args, settings=settings, **kwargs)
        except InputError as exc:
            from .config import attributed

            ctx = click.get_current_context()
            # each once: a units file every plan file reads was reported once per plan file
            lines = (strip_controls(attributed(p, ctx).render(lang)) for p in exc.problems)
            for line in dict.fromkeys(lines):
                click.echo(line, err=True)
            sys.exit(2)
        except OSError as exc:  # a path the user gave that cannot be read or written
            click.echo(strip_controls(os_error(exc, lang)), err=True)
            sys.exit(2)
        emit(view, as_json=as_json)
        sys.exit(getattr(view, "exit_code", 0))

    return wrapper  # type: ignore[return-value]


def _configured(registries: tuple[str, ...], plans: tuple[str, ...]
                ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The config file's registries and plans (:mod:`scheduler.config`): registries add to
    the bundled and ``$KYNIEM_REGISTRY`` ones, before ``--registry``; plans count when
    neither ``--plans`` nor ``$KYNIEM_PLANS`` gives any."""
    import os

    ctx = click.get_current_context(silent=True)
    loaded = ctx.find_root().meta.get("kyniem.config") if ctx else None
    if loaded is None:
        return registries, plans
    extra = tuple(loaded.get("registries") or ())
    if not plans and not os.environ.get("KYNIEM_PLANS", "").strip():
        plans = tuple(loaded.get("plans") or ())
    return (*extra, *registries), plans


def os_error(exc: OSError, lang: str) -> str:
    """An operating-system error on a path, in the user's language where the catalogue has
    its errno (POSIX names), else as the system words it."""
    import errno
    import os

    from .wording import MESSAGES

    name = errno.errorcode.get(exc.errno or 0, "")
    own = exc.strerror is not None and exc.strerror != os.strerror(exc.errno or 0)
    worded = None if own else MESSAGES.get(f"os_{name}")  # kyniem's own words stay
    text = worded[1 if lang == "en" else 0] if worded else (exc.strerror or str(exc))
    where = exc.filename or ""
    return f"{where}: {text}" if where else text


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
    @click.option("--class", "classes", callback=_csv_choice(MilestoneClass), metavar="LIST")
    @click.option("--scope", "scopes", callback=_csv_fold, metavar="LIST")
    @click.option("--milestones", is_flag=True)
    @wraps(func)
    def wrapper(*args: Any, classes: frozenset[MilestoneClass], scopes: frozenset[str],
                milestones: bool, **kwargs: Any) -> Any:
        return func(*args, filters=commands.Filters(classes, scopes, milestones), **kwargs)

    return wrapper  # type: ignore[return-value]


class Kyniem(click.Group):
    """The ``kyniem`` group: before click parses anything it settles the language (help is
    answered before any option's callback) and reads the config file, whose values click
    ranks below options and environment variables (``default_map``)."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        if parent is None:
            from . import clilang, config

            loaded: config.Config | None = None
            problems: tuple[Problem, ...] = ()
            try:
                loaded = config.load()
            except InputError as exc:
                problems = exc.problems
            lang = clilang.language(args, configured=loaded.get("lang") if loaded else None)
            use_language(lang)
            clilang.install()
            clilang.localise(self, lang)
            if problems and not (args and args[0] == "config"):  # config can mend its file
                for problem in problems:
                    click.echo(strip_controls(problem.render(lang)), err=True)
                sys.exit(2)
            if loaded is not None:
                extra.setdefault("default_map", config.default_map(loaded, self))
            args = clilang.place_lang(self, args)
            ctx = super().make_context(info_name, args, parent, **extra)
            ctx.meta["kyniem.config"] = loaded
            return ctx
        return super().make_context(info_name, args, parent, **extra)


def _document(func: F) -> F:
    """``--format docx|xlsx|csv [-o FILE] [--force]``: the view as an office document
    (:mod:`scheduler.exports`) instead of the terminal's text."""

    @click.option("--format", "fmt", type=click.Choice(["docx", "xlsx", "csv"]))
    @click.option("-o", "--output", metavar="FILE")
    @click.option("--force", is_flag=True)
    @wraps(func)
    def wrapper(*args: Any, settings: commands.Settings, fmt: str | None, output: str | None,
                force: bool, **kwargs: Any) -> View:
        if fmt is None and (output is not None or force):
            raise click.UsageError(str(say("cli_format_needs_output")))
        view: View = func(*args, settings=settings, **kwargs)
        if fmt is None:
            return view
        from . import exports

        return exports.save(view, fmt, output, force, settings.lang)

    return wrapper  # type: ignore[return-value]


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``, worded when shown (click words its own at import, before the
    language is known)."""
    if value and not ctx.resilient_parsing:
        click.echo(str(say("cli_version", version=__version__)))
        ctx.exit()


@click.group(cls=Kyniem, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version)
def main() -> None:
    """kyniem: calendars and deadlines for commemoration activities (help text:
    ``cli_cmd_main`` in the message catalogue)."""


@main.command()
@click.option("--from", "start", type=DateParam())
@click.option("--to", "end", type=DateParam())
@click.option("--years", type=click.IntRange(1, 100))
@_filters
@common
@_document
def upcoming(settings: commands.Settings, start: date | None, end: date | None,
             years: int | None, filters: commands.Filters) -> View:
    """What falls in the horizon, nearest first, with a countdown in days."""
    if end is not None and years is not None:
        raise click.UsageError(str(say("cli_to_or_years")))
    if start is not None and end is not None and end < start:
        raise click.BadParameter(str(say("cli_ends_before_from")), param_hint="--to")
    return commands.upcoming(settings, start, end, years, filters)


@main.command()
@click.argument("year", type=click.IntRange(LUNAR_YEARS.start, LUNAR_YEARS.stop - 1))
@_filters
@common
@_document
def year(settings: commands.Settings, year: int, filters: commands.Filters) -> View:
    """The year's anniversaries with ordinals, in date order, as the annual guidance lists them."""
    return commands.year(settings, year, filters)


@main.command()
@click.argument("anniversary_id", metavar="ID")
@click.option("--past", default=3, type=click.IntRange(0, 50), show_default=True)
@click.option("--next", "upcoming", default=5, type=click.IntRange(0, 50), show_default=True)
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
@click.option("-o", "--output", metavar="PLAN.yaml")
@click.option("--out-dir", metavar="DIR")
@click.option("--force", is_flag=True)
@click.option("--anniversary", "anniversary_id", metavar="ID")
@click.option("--year", type=click.IntRange(1900, 2100))
@common
def import_(settings: commands.Settings, files: tuple[str, ...], output: str | None,
            out_dir: str | None, force: bool, anniversary_id: str | None,
            year: int | None) -> View:
    """Import plans from documents (``cli_cmd_import``)."""
    from . import finding, importing

    if anniversary_id is not None:
        anniversary_id = finding.anniversary_id(settings.registry(), anniversary_id,
                                                "--anniversary")
    return importing.import_files(settings, files, output, out_dir, force, anniversary_id,
                                  year)


@main.command()
@click.argument("phrase")
@click.option("--anniversary", type=DateParam())
@click.option("--issued", type=DateParam())
@click.option("--campaign-end", type=DateParam())
@click.option("--year", type=click.IntRange(1900, 2100))
@common
def when(settings: commands.Settings, phrase: str, anniversary: date | None,
         issued: date | None, campaign_end: date | None, year: int | None) -> View:
    """How a plan's time phrase is read: first and last day, precision, recurrence."""
    from . import planning

    return planning.when(settings, phrase, anniversary, issued, campaign_end, year)


@main.command()
@click.option("--unit", metavar="UNIT")
@click.option("--from", "start", type=DateParam())
@click.option("--to", "end", type=DateParam())
@click.option("--week", "days", flag_value=7, default=True)
@click.option("--month", "days", flag_value=31)
@common
@_document
def agenda(settings: commands.Settings, unit: str | None, start: date | None,
           end: date | None, days: int) -> View:
    """What is due, starting and running, nearest deadline first, shifts marked."""
    from . import planning

    if start is not None and end is not None and end < start:
        raise click.BadParameter(str(say("cli_ends_before_from")), param_hint="--to")
    return planning.agenda(settings, unit, start, end, days)


@main.command()
@click.argument("target", metavar="PLAN|YEAR")
@click.option("--unit", metavar="UNIT")
@click.option("--width", type=click.IntRange(40, 400))
@common
def timeline(settings: commands.Settings, target: str, unit: str | None,
             width: int | None) -> View:
    """A Gantt-like chart of a plan's (or a year's) windows, peaks and deadlines."""
    from . import planning

    # none given: the terminal's width, 80 when piped (regression: 80 on a wide terminal too,
    # though the help said the terminal's)
    return planning.timeline(settings, target, unit, width or 400)


@main.command()
@click.option("--unit", metavar="UNIT")
@common
@_document
def units(settings: commands.Settings, unit: str | None) -> View:
    """Every unit and its activities across plans (lead and partner)."""
    from . import planning

    return planning.units(settings, unit)


@main.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--unit", metavar="UNIT")
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
@click.option("--template", metavar="FILE")
@click.option("-o", "--output", metavar="FILE")
@click.option("--force", is_flag=True)
@common
def plan_new(settings: commands.Settings, anniversary_id: str, year: int,
             template: str | None, output: str | None, force: bool) -> View:
    """Write a dated plan for ANNIVERSARY in YEAR from a template, to edit."""
    from . import planning

    return planning.plan_new(settings, anniversary_id, year, template, output, force)


@plan.command("export")
@click.argument("plan_ref", metavar="PLAN")
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx", "csv"]), default="docx",
              show_default=True)
@click.option("-o", "--output", metavar="FILE")
@click.option("--force", is_flag=True)
@common
def plan_export(settings: commands.Settings, plan_ref: str, fmt: str, output: str | None,
                force: bool) -> View:
    """A plan's assignment appendix as a document (``cli_cmd_plan_export``)."""
    from . import exports

    return exports.plan_export(settings, plan_ref, fmt, output, force)


@main.command()
@click.option("--unit", metavar="UNIT")
@click.option("--anniversary", "anniversary_id", metavar="ID")
@click.option("--plan", "plan_id", metavar="ID")
@click.option("--milestones", is_flag=True)
@click.option("--key-days", is_flag=True)
@click.option("--years", type=click.IntRange(0, 100))
@click.option("-o", "--output", metavar="FILE")
@click.option("--state", metavar="FILE")
@click.option("--base-url", metavar="URL")
@common
def feed(settings: commands.Settings, unit: str | None, anniversary_id: str | None,
         plan_id: str | None, milestones: bool, key_days: bool, years: int | None,
         output: str | None, state: str | None, base_url: str | None) -> View:
    """An iCalendar feed (RFC 5545) of anniversaries, windows, peaks and deadlines."""
    from . import finding, planning, publish

    registry = settings.registry()
    if anniversary_id is not None:
        anniversary_id = finding.anniversary_id(registry, anniversary_id, "--anniversary")
    if plan_id is not None:
        plan_id = finding.plan_of(planning.load(settings), registry, plan_id, "--plan").id
    selection = publish.Selection(unit, anniversary_id, plan_id, milestones, key_days)
    return publish.feed(settings, selection, years, output, state, base_url)


@main.command()
@click.option("--out", required=True, metavar="DIR")
@click.option("--base-url", metavar="URL")
@click.option("--years", type=click.IntRange(0, 100))
@click.option("--force", is_flag=True)
@click.option("--state", metavar="DIR")
@common
def build(settings: commands.Settings, out: str, base_url: str | None, years: int | None,
          force: bool, state: str | None) -> View:
    """A static site: every feed, index.html with subscribe links, a page per plan and year."""
    from . import publish

    return publish.build(settings, out, base_url, years, _progress(), force, state)


@main.command()
@click.argument("directory", default="site", metavar="[DIR]")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDR")
@click.option("--port", default=8080, type=click.IntRange(0, 65535), show_default=True)
@click.option("--watch", is_flag=True)
@click.option("--base-url", metavar="URL")
@click.option("--years", type=click.IntRange(0, 100))
@click.option("--state", metavar="DIR")
@common
def serve(settings: commands.Settings, directory: str, host: str, port: int, watch: bool,
          base_url: str | None, years: int | None, state: str | None) -> View:
    """Serve the built site over HTTP; --watch rebuilds it when its sources change."""
    from .serve.run import serve as run_server

    return run_server(settings, directory, host, port, watch, base_url, years, state)


@main.command()
@click.argument("text", metavar="TEXT")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["anniversary", "plan", "activity", "unit"]))
@click.option("--limit", type=click.IntRange(1, 500), default=30, show_default=True)
@common
def find(settings: commands.Settings, text: str, kinds: tuple[str, ...], limit: int) -> View:
    """Find anniversaries, plans, activities and units by name (``cli_cmd_find``)."""
    return commands.find(settings, text, kinds, limit)


@main.command("config")
@click.argument("key", required=False, metavar="KEY")
@click.argument("value", required=False, metavar="VALUE")
@click.option("--path", "path_only", is_flag=True)
@click.option("--unset", is_flag=True)
@common
def config_(settings: commands.Settings, key: str | None, value: str | None, path_only: bool,
            unset: bool) -> View:
    """The config file: show, read, set or remove keys (``cli_cmd_config``)."""
    from . import configure

    return configure.run(settings, key, value, path_only, unset)


@main.group()
def token() -> None:
    """Secret addresses of private feeds (``cli_cmd_token``)."""


def _site_options(func: F) -> F:
    """The site a token command works on: its folder, or its state folder."""
    func = click.option("--state", metavar="DIR")(func)
    return click.option("--out", required=True, metavar="DIR")(func)


@token.command("list")
@_site_options
@click.option("--base-url", metavar="URL")
@common
def token_list(settings: commands.Settings, out: str, state: str | None,
               base_url: str | None) -> View:
    """Every secret address, live and revoked (``cli_cmd_token_list``)."""
    from . import access

    return access.list_tokens(out, state, base_url, settings.lang)


@token.command("new")
@click.argument("feed", metavar="FEED")
@_site_options
@click.option("--base-url", metavar="URL")
@common
def token_new(settings: commands.Settings, feed: str, out: str, state: str | None,
              base_url: str | None) -> View:
    """Another secret address for a private feed (``cli_cmd_token_new``)."""
    from . import access, publish

    return access.new_token(out, state, feed, base_url, settings.lang,
                            publish.clock(settings))


@token.command("revoke")
@click.argument("given", metavar="TOKEN")
@_site_options
@common
def token_revoke(settings: commands.Settings, given: str, out: str, state: str | None
                 ) -> View:
    """Revoke a secret address (``cli_cmd_token_revoke``)."""
    from . import access, publish

    return access.revoke_token(out, state, given, settings.lang, publish.clock(settings))


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
