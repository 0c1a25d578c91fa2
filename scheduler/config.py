"""The user's config file: settings a clerk would otherwise repeat on every command.

A TOML file (``tomllib``, Python 3.11) in the user config directory (``~/.config/kyniem/
config.toml`` on Linux, XDG rules; platformdirs elsewhere), or ``$KYNIEM_CONFIG``. Keys are flat
(:data:`KEYS`). Precedence, for every key: command-line option > environment variable > config
file > default (the CLI passes config values to click as its ``default_map``, which click
ranks below the command line and the environment). List keys (``registries``) add to the
bundled files; ``plans`` replaces the bundled plans, as ``--plans`` does.

Writing (``kyniem config KEY VALUE``) edits the key's own line and keeps every other line, the
user's comments included; the file is replaced atomically.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .registry import InputError, Problem
from .wording import Message, say

ENV = "KYNIEM_CONFIG"


class Bad(ValueError):
    """A value of the wrong kind; ``message`` is worded when shown."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.message = message


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Bad(say("config_want_text"))
    return value.strip()


def _lang(value: Any) -> str:
    if value not in ("vi", "en"):
        raise Bad(say("config_want_lang"))
    return str(value)


def _paths(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Bad(say("config_want_paths"))
    return [v.strip() for v in value]


def _hour(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        raise Bad(say("config_want_hour"))
    return value.strip()


def _url(value: Any) -> str:
    from .urls import UrlError, site_url

    text = _text(value)
    try:
        site_url(text)  # the only address key is a site's base_url
    except UrlError as exc:
        raise Bad(exc.message) from None
    return text


@dataclass(frozen=True)
class Key:
    """A config key: how its value is checked, the environment variable above it, and the
    options (``command path`` → parameter name) it gives a default to."""

    check: Callable[[Any], Any]
    env: str | None
    params: tuple[tuple[str, str], ...]  # ("*", name): every command having that parameter
    is_path: bool = False


#: The keys (issue 12): language, registries, plans, unit, locality, reminder store and hour,
#: base URL.
KEYS: dict[str, Key] = {
    "lang": Key(_lang, "KYNIEM_LANG", (("*", "lang"),)),
    "registries": Key(_paths, "KYNIEM_REGISTRY", (), is_path=True),
    "plans": Key(_paths, "KYNIEM_PLANS", (), is_path=True),
    "unit": Key(_text, None, (("agenda", "unit"), ("remind", "unit"))),
    "locality": Key(_text, "KYNIEM_LOCALITY", (("*", "locality"),)),
    "remind_store": Key(_text, "KYNIEM_STORE", (("remind", "store"),)),
    "remind_hour": Key(_hour, None, (("remind", "at"),)),
    "base_url": Key(_url, None, (("build", "base_url"), ("feed", "base_url"),
                                 ("serve", "base_url"), ("token_list", "base_url"),
                                 ("token_new", "base_url"))),
}


def config_path() -> Path:
    """``$KYNIEM_CONFIG``, else ``config.toml`` in the user config directory."""
    given = os.environ.get(ENV)
    if given:
        return Path(given).expanduser()
    from .state import _user_dir

    return Path(_user_dir("", "XDG_CONFIG_HOME", "~/.config", "config")) / "config.toml"


@dataclass(frozen=True)
class Config:
    """The config file's values, checked; paths made absolute against the file's folder."""

    path: Path
    values: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.values.get(key)


def load(path: Path | None = None) -> Config:
    """Read and check the config file (absent: empty). Problems name file, line and key."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path, {})
    except OSError as exc:
        raise InputError([Problem(str(path), None, "", exc.strerror or str(exc))]) from None
    import tomllib

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), None, "", say("config_not_utf8"))]) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise InputError([Problem(str(path), int(found.group(1)) if found else None, "",
                                  _bad_toml(exc))]) from None
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        spec = KEYS.get(key)
        if spec is None:
            problems.append(Problem(str(path), line, key, say(
                "config_unknown_key", known=", ".join(KEYS))))
            continue
        try:
            checked = spec.check(value)
        except Bad as exc:
            problems.append(Problem(str(path), line, key, exc.message))
            continue
        if spec.is_path:
            checked = [str(path.parent / Path(p).expanduser()) for p in checked]
        values[key] = checked
    if problems:
        raise InputError(problems)
    return Config(path, values)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def default_map(config: Config, command: Any) -> dict[str, Any]:
    """click's ``default_map`` for ``command`` (the ``kyniem`` group): each key's value for
    every parameter it stands for, per subcommand."""
    import click

    def walk(cmd: click.Command, path: tuple[str, ...]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        names = {p.name for p in cmd.params}
        for key, spec in KEYS.items():
            value = config.get(key)
            if value is None:
                continue
            for where, param in spec.params:
                if param in names and where in ("*", "_".join(path)):
                    found[param] = value
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                if inner := walk(sub, (*path, name)):
                    found[name] = inner
        return found

    return walk(command, ())


def attributed(problem: Problem, ctx: Any) -> Problem:
    """``problem`` about an option (``--locality``) named where its value came from when the
    user did not type it: the environment variable, or the config file's line and key
    (regression: a bad ``locality`` in the file was reported as "--locality: …", a flag the
    user never gave)."""
    from click.core import ParameterSource

    if problem.file or not problem.field.startswith("--"):
        return problem
    param = next((p for p in ctx.command.params if problem.field in getattr(p, "opts", ())),
                 None)
    if param is None or param.name is None:
        return problem
    source = ctx.get_parameter_source(param.name)
    if source is ParameterSource.ENVIRONMENT and isinstance(param.envvar, str):
        return replace(problem, field=param.envvar)
    loaded = ctx.find_root().meta.get("kyniem.config")
    key = next((k for k, spec in KEYS.items() if any(n == param.name for _, n in spec.params)),
               None)
    if source is ParameterSource.DEFAULT_MAP and loaded is not None and key is not None:
        try:
            line = _line_of(loaded.path.read_text(encoding="utf-8"), key)
        except (OSError, UnicodeDecodeError):
            line = None
        return replace(problem, file=str(loaded.path), line=line, field=key)
    return problem


def toml_value(value: Any) -> str:
    """A TOML value for a string or a list of strings (JSON's escapes are TOML's, and
    non-ASCII letters stay as they are: TOML files are UTF-8)."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def set_value(path: Path, key: str, value: Any | None) -> bool:
    """Set ``key`` (None: remove it), keeping every other line of the file as written. The
    key's old value may span lines (a TOML array); the new text must read as TOML before it
    replaces the file (atomically), so an edit never leaves a file kyniem cannot read.
    False, with nothing written, when a key to remove is not there."""
    import tomllib

    from .atomic import write_atomic

    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    start = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
    if start is None and value is None:
        return False
    if start is None:  # before the first [table]: keys after one belong to it
        start = end = next((i for i, line in enumerate(lines)
                            if line.lstrip().startswith("[")), len(lines))
    else:
        end = _value_end(lines, start)
    new = [*lines[:start], *([f"{key} = {toml_value(value)}"] if value is not None else []),
           *lines[end:]]
    result = "\n".join(new) + "\n" if new else ""
    try:
        tomllib.loads(result)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(str(path), None, key, _bad_toml(exc))]) from None
    write_atomic(path, result.encode("utf-8"))
    return True


def _bad_toml(exc: Exception) -> Message:
    """tomllib's reason is English ("Invalid value (at line 1, column 8)"): said in the
    user's language by its line (the problem's) and column."""
    found = re.search(r"column (\d+)", str(exc))
    return say("config_bad_toml", column=found.group(1) if found else "?")


def _value_end(lines: list[str], start: int) -> int:
    """The line after the value that begins on ``start`` ends: the first run of lines from
    ``start`` that reads as TOML on its own (an array may take several)."""
    import tomllib

    for end in range(start + 1, len(lines) + 1):
        try:
            tomllib.loads("\n".join(lines[start:end]))
        except tomllib.TOMLDecodeError:
            continue
        return end
    return start + 1
