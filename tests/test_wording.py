"""Every user-facing message comes from the one catalogue (scheduler/wording.py and its
sections in scheduler/messages/): the code hands keys and Messages to the places that show
words to a user, never text of its own, so nothing can reach a clerk untranslated."""

from __future__ import annotations

import ast
from pathlib import Path

from scheduler.wording import MESSAGES

ROOT = Path(__file__).parent.parent / "scheduler"
#: Where words reach a user, and which argument holds them: text there is a bug.
MESSAGE_ARGUMENT = {"Problem": 3, "problem": 2, "FieldError": 0, "UsageError": 0,
                    "BadParameter": 0, "DateFormatError": 0, "UrlError": 0}
#: Callees that take a catalogue key: the key must be in the catalogue.
KEY_ARGUMENT = {"Unreadable": 0, "ImportProblem": 1, "say": 0}


def sources() -> list[tuple[str, str]]:
    return [(str(path.relative_to(ROOT.parent)), path.read_text(encoding="utf-8"))
            for path in sorted(ROOT.rglob("*.py"))]


def calls(code: list[tuple[str, str]] | None = None) -> list[tuple[str, int, str, ast.expr]]:
    found = []
    for name_of_file, text in sources() if code is None else code:
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            at = MESSAGE_ARGUMENT.get(name, KEY_ARGUMENT.get(name))
            if at is not None and len(node.args) > at:
                found.append((f"{name_of_file}:{node.lineno}", 0, name, node.args[at]))
    return found


def written(code: list[tuple[str, str]] | None = None) -> list[str]:
    return [f"{where}: {name}({ast.unparse(arg)[:60]})" for where, _, name, arg in calls(code)
            if name in MESSAGE_ARGUMENT and (
                isinstance(arg, ast.JoinedStr)
                or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    and arg.value.strip()))]


def test_no_message_is_written_in_the_code() -> None:
    text = written()
    assert text == [], "words for a user belong in the catalogue:\n" + "\n".join(text)


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    keys = [(where, arg.value) for where, _, name, arg in calls()
            if name in KEY_ARGUMENT and isinstance(arg, ast.Constant)
            and isinstance(arg.value, str)]
    assert len(keys) > 200  # the scan sees the code's messages
    missing = [f"{where}: {key}" for where, key in keys if key not in MESSAGES]
    assert missing == [], "\n".join(missing)


def test_the_scan_would_see_a_message_written_in_the_code() -> None:
    planted = [("x.py", 'raise InputError([Problem("", None, "x", "is empty")])\n'
                        'reader.problem(node, "when", f"cannot read {text!r}")\n'
                        'raise InputError([Problem("", None, "x", say("option_empty"))])\n')]
    assert sorted(written(planted)) == ["x.py:1: Problem('is empty')",
                                        "x.py:2: problem(f'cannot read {text!r}')"]
