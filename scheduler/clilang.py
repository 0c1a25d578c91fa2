"""The command line in the user's language: help, placeholders and click's own messages come
from the one catalogue (:data:`scheduler.wording.MESSAGES`, section ``messages/cli.py``).

Click words its help and errors with ``gettext`` calls made when they are shown; each of its
modules binds ``_`` and ``ngettext`` at import, so :func:`install` points those names at the
catalogue. The language is known before click parses anything (:func:`language`: ``--lang``
among the arguments, else ``$KYNIEM_LANG``, else the config file, else Vietnamese), because
``kyniem --help`` is answered before any option callback runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from functools import cache

import click

from .i18n import LANGS
from .wording import MESSAGES, current_language

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils",
                  "termui")
_WORD = re.compile(r"[A-Z][A-Z_]*")
#: click's type names → placeholder words (an option without a metavar of its own)
_TYPE_WORDS = {"integer range": "NUMBER", "integer": "NUMBER", "float range": "NUMBER",
               "float": "NUMBER", "text": "TEXT"}


@cache
def _click_keys() -> dict[str, str]:
    """click's English message → catalogue key."""
    return {en: key for key, (_vi, en) in MESSAGES.items() if key.startswith("click_")}


def click_text(message: str) -> str:
    """``gettext`` for click: the catalogue's wording in the command's language."""
    key = _click_keys().get(message)
    if key is None:
        return message
    return MESSAGES[key][1 if current_language() == "en" else 0]


def click_plural(singular: str, plural: str, n: int) -> str:
    return click_text(singular if n == 1 else plural)


def install() -> None:
    """Point click's ``_``/``ngettext`` at the catalogue (idempotent)."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without this module
            continue
        if hasattr(module, "_"):
            module._ = click_text  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_plural  # type: ignore[attr-defined]


def language(args: Sequence[str], env: Mapping[str, str] = os.environ,
             configured: str | None = None) -> str:
    """The language of this run: ``--lang X``/``--lang=X`` in ``args`` (the last one, as
    click takes it), else ``$KYNIEM_LANG``, else the config file's, else Vietnamese. An
    unknown value falls back to Vietnamese here; click then reports it."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    for value in (found, env.get("KYNIEM_LANG"), configured):
        if value:
            return value if value in LANGS else "vi"
    return "vi"


def place_lang(group: click.Group, args: Sequence[str]) -> list[str]:
    """``args`` with ``--lang`` wherever it was written (``kyniem --lang en year 2026``,
    as the top-level help says) moved after the command it is for: click gives each command
    its own options, and only the commands that run have one. For a group alone (its help)
    or a command without the option it goes: :func:`language` has set the language."""
    end = args.index("--") if "--" in args else len(args)
    kept: list[str] = []
    value: str | None = None
    i = 0
    while i < end:
        arg = args[i]
        if arg == "--lang":  # its value next (none at the end: said below)
            value, i = (args[i + 1] if i + 1 < end else ""), i + 2
            continue
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            kept.append(arg)
        i += 1
    if value is None:
        return list(args)
    if value == "" and args[end - 1:end] == ["--lang"]:  # "kyniem --lang": click's words
        raise click.BadOptionUsage("--lang", click_text(
            "Option {name!r} requires an argument.").format(name="--lang"))
    command: click.Command = group
    for arg in kept:  # the command the words name: groups' names, then a command's
        if isinstance(command, click.Group) and arg in command.commands:
            command = command.commands[arg]
        elif not arg.startswith("-") and isinstance(command, click.Group):
            break  # an unknown command: click says so
    own = any(p.name == "lang" for p in command.params)  # groups, and `config`, have none
    return [*kept, *(["--lang", value] if own else []), *args[end:]]


def word(key: str, lang: str) -> str | None:
    entry = MESSAGES.get(key)
    return None if entry is None else entry[1 if lang == "en" else 0]


def option_name(param: click.Parameter) -> str:
    """The catalogue name of an option: its longest flag, without dashes (``--leap-day`` →
    ``leap_day``); an argument's is its name."""
    if not isinstance(param, click.Option):
        return param.name or ""
    return max(param.opts, key=len).lstrip("-").replace("-", "_")


def help_key(path: Sequence[str], param: click.Parameter | None = None) -> list[str]:
    """Catalogue keys for a command's (or its option's) help, the most specific first."""
    where = "_".join(path) or "main"
    if param is None:
        return [f"cli_cmd_{where}"]
    name = option_name(param)
    return [f"cli_opt_{where}_{name}", f"cli_opt_{path[-1]}_{name}" if path else "",
            f"cli_opt_{name}"]


def metavar(text: str, lang: str) -> str:
    """Placeholder words in the language (``FILE`` → ``TỆP``), other characters kept."""
    return _WORD.sub(lambda m: word(f"cli_metavar_{m.group()}", lang) or m.group(), text)


def localise(command: click.Command, lang: str, path: tuple[str, ...] = ()) -> None:
    """Every help text and placeholder of ``command`` and its subcommands, in ``lang``."""
    command.help = _first(help_key(path), lang) or command.help
    command.short_help = None  # made from help, in this language
    made: click.Option | None = getattr(command, "_help_option", None)
    if made is not None:  # click keeps the --help it made for the command
        made.help = _first(["cli_opt_help"], lang)
    command.options_metavar = f"[{metavar('OPTIONS', lang)}]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = (f"{metavar('COMMAND', lang)} "
                                      f"[{metavar('ARGS', lang)}]...")
    for param in command.params:
        english = param.__dict__.setdefault("_kyniem_metavar", param.metavar)
        if isinstance(param, click.Option):
            param.help = _first(help_key(path, param), lang) or param.help
            if english:
                param.metavar = metavar(english, lang)
            elif not param.is_flag and not isinstance(param.type, click.Choice):
                kind = _TYPE_WORDS.get(param.type.name, param.type.name.upper())
                param.metavar = metavar(kind, lang)
        else:
            param.metavar = metavar(english or (param.name or "").upper(), lang)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            localise(sub, lang, (*path, name))


def _first(keys: Sequence[str], lang: str) -> str | None:
    for key in keys:
        if key and (found := word(key, lang)) is not None:
            return found
    return None
