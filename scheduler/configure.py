"""``kyniem config``: show where each setting comes from, read one key, set or remove one.

Effective values follow the CLI's precedence (:mod:`scheduler.config`): environment variable >
config file > default; a command-line option beats them all on the command it is given to.
"""

from __future__ import annotations

import os

from .commands import Settings
from .config import KEYS, Bad, Config, config_path, load, set_value, toml_value
from .outputs.config import ConfigView, Row
from .registry import InputError, Problem
from .wording import say


def run(settings: Settings, key: str | None, value: str | None, path_only: bool,
        unset: bool) -> ConfigView:
    path = config_path()
    if path_only:
        return ConfigView(str(path), (), settings.lang, path_only=True)
    if key is not None and key not in KEYS and not unset:
        raise InputError([Problem(str(path), None, key, say("config_unknown_key",
                                                            known=", ".join(KEYS)))])
    if unset:
        if key is None or value is not None:
            raise InputError([Problem("", None, "--unset", say("config_value_with_unset"))])
        removed = set_value(path, key, None)  # any key, so that a wrong one can go
        return ConfigView(str(path), (), settings.lang, done=say(
            "config_removed" if removed else "config_not_there", name=key, path=str(path)))
    if key is not None and value is not None:
        checked = _checked(key, value, str(path))
        if key == "locality":  # a place kyniem does not know would fail every command after
            from .registry.local import check_locality

            try:
                check_locality(str(checked), {a.scope for a in settings.registry().anniversaries})
            except InputError as exc:
                raise InputError([Problem(str(path), None, key, p.message)
                                  for p in exc.problems]) from None
        load(path)  # the file must read as it is: its problems first, nothing written
        set_value(path, key, checked)
        return ConfigView(str(path), (), settings.lang, done=say(
            "config_set", name=key, value=toml_value(checked), path=str(path)))
    found = load(path)  # a broken file's problems, here first (regression: shown as empty)
    rows = tuple(_row(k, found) for k in ([key] if key else KEYS))
    return ConfigView(str(path), rows, settings.lang, single=key is not None)


def _checked(key: str, value: str, where: str) -> object:
    spec = KEYS[key]
    given: object = value
    if spec.is_path:  # several paths: the system's separator, as in $KYNIEM_PLANS
        given = [os.path.abspath(os.path.expanduser(p))
                 for p in value.split(os.pathsep) if p.strip()]
    try:
        return spec.check(given)
    except Bad as exc:
        raise InputError([Problem(where, None, key, exc.message)]) from None


def _row(key: str, config: Config | None) -> Row:
    spec = KEYS[key]
    if spec.env and os.environ.get(spec.env, "").strip():
        return Row(key, os.environ[spec.env], say("config_source_env", var=spec.env))
    found = config.get(key) if config is not None else None
    if found is not None:
        shown = ", ".join(found) if isinstance(found, list) else str(found)
        return Row(key, shown, say("config_source_file"))
    return Row(key, None, say("config_source_default"))
