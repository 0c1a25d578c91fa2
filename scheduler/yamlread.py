"""Reading user YAML with a line number for every problem.

PyYAML's composer (libyaml when available) gives nodes that carry their line; a
:class:`Reader` checks each mapping against a table of :class:`Field` and collects
:class:`Problem` rows instead of stopping at the first, so one run reports everything wrong in
a file. Files are only read, never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .dates import DateFormatError, parse_date
from .registry.errors import Problem
from .sanitize import first_control
from .urls import UrlError, web_url
from .wording import Message, quote, say

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """The safe composer without tag resolution: every scalar is read as its text by a
    :class:`Field`'s parser, so the implicit tags (a regular expression per scalar, in
    Python even under libyaml) are never looked at (issue 11: 1 % of a national build)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return str(self.DEFAULT_SCALAR_TAG if kind is yaml.ScalarNode
                   else self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode
                   else self.DEFAULT_MAPPING_TAG)


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FieldError(ValueError):
    """A field's value is wrong; the reader adds file, line and field name."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = message


# --- scalar parsers: node text -> value, or FieldError -------------------------------------


def text(value: str) -> str:
    if not value.strip():
        raise FieldError(say("yaml_empty"))
    return value.strip()


def ident(value: str) -> str:
    if not _ID.match(value):
        raise FieldError(say("yaml_not_id", value=quote(value)))
    return value


def whole_in(numbers: range) -> Callable[[str], int]:
    """A parser of whole numbers in ``numbers``, written in ASCII digits (``isdigit`` would
    take "²" and "٣"; a 4,300-digit number would stop int() itself)."""

    def parse(value: str) -> int:
        digits = value.strip()
        if not (0 < len(digits) <= 6 and digits.isascii() and digits.isdigit()) \
                or int(digits) not in numbers:
            raise FieldError(say("not_whole_number", value=quote(value), low=numbers.start,
                                 high=numbers.stop - 1))
        return int(digits)

    return parse


def flag(value: str) -> bool:
    """``true``/``false`` (and ``yes``/``no``, as YAML 1.1 writes them)."""
    if value.strip().lower() not in ("true", "false", "yes", "no"):
        raise FieldError(say("unit_dir_not_flag", value=quote(value)))
    return value.strip().lower() in ("true", "yes")


def url(value: str) -> str:
    try:
        return web_url(value)
    except UrlError as exc:
        raise FieldError(exc.message) from None


def day_first(value: str) -> date:
    try:
        return parse_date(value)
    except DateFormatError as exc:
        raise FieldError(exc.message) from None


def day_in(years: range) -> Callable[[str], date]:
    """A day-first date whose year is in ``years``."""

    def parse(value: str) -> date:
        day = day_first(value)
        if day.year not in years:
            raise FieldError(say("date_range", value=quote(value), first=years.start,
                                 last=years.stop - 1))
        return day

    return parse


def choice(enum: type[Any]) -> Callable[[str], Any]:
    """A parser accepting the values of a StrEnum."""

    def parse(value: str) -> Any:
        try:
            return enum(value)
        except ValueError:
            raise FieldError(say("yaml_not_one_of", value=quote(value),
                                 allowed=", ".join(e.value for e in enum))) from None

    return parse


@dataclass(frozen=True)
class Field:
    """How one field is read: required or not, the parser, a single value or a list.

    ``parse=None`` keeps the node itself, for nested structures the caller reads.
    """

    required: bool
    parse: Callable[[str], Any] | None
    many: bool = False


@dataclass
class Reader:
    """Collects problems for one file while turning its nodes into values."""

    file: str
    problems: list[Problem]

    def problem(self, node: yaml.Node | None, field: str, message: str | Message) -> None:
        self.problems.append(Problem(self.file, None if node is None else line(node), field,
                                     message))

    def mapping(self, node: yaml.Node, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Key -> (key node, value node); duplicate or non-text keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, say("yaml_not_mapping"))
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.problem(key, where, say("yaml_key_not_word"))
            elif key.value in out:
                self.problem(key, _join(where, key.value), say("yaml_twice"))
            else:
                out[key.value] = (key, value)
        return out

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, say("yaml_not_entries"))
            return []
        return list(node.value)

    def record(
        self, node: yaml.Node, where: str, fields: dict[str, Field]
    ) -> tuple[dict[str, Any], dict[str, yaml.Node]] | None:
        """Parse one mapping against a field table; None when any field is wrong."""
        before = len(self.problems)
        values, nodes = self.fields(node, where, fields)
        if not isinstance(node, yaml.MappingNode) or len(self.problems) > before:
            return None
        return values, nodes

    def fields(
        self, node: yaml.Node, where: str, fields: dict[str, Field]
    ) -> tuple[dict[str, Any], dict[str, yaml.Node]]:
        """The fields that parsed, recording a problem for each one that did not; for
        readers that go on checking the rest of a file after a first problem."""
        items = self.mapping(node, where)
        values: dict[str, Any] = {}
        nodes: dict[str, yaml.Node] = {}
        for key, (key_node, value_node) in items.items():
            spec = fields.get(key)
            if spec is None:
                self.problem(key_node, _join(where, key),
                             say("yaml_unknown_field", known=", ".join(fields)))
                continue
            nodes[key] = value_node
            if spec.parse is None:
                values[key] = value_node
                continue
            try:
                raw = self.raw(value_node, spec.many)
                values[key] = tuple(map(spec.parse, raw)) if spec.many else spec.parse(raw)
            except FieldError as exc:
                self.problem(value_node, _join(where, key), exc.message)
        if isinstance(node, yaml.MappingNode):
            for key, spec in fields.items():
                if spec.required and key not in items:
                    self.problem(node, _join(where, key), say("yaml_missing"))
        return values, nodes

    def raw(self, node: yaml.Node, many: bool) -> Any:
        if many:
            if not isinstance(node, yaml.SequenceNode):
                raise FieldError(say("yaml_not_list"))
            return [self.raw(item, False) for item in node.value]
        if not isinstance(node, yaml.ScalarNode):
            raise FieldError(say("yaml_not_scalar"))
        text = str(node.value)
        at = first_control(text)
        if at is not None:  # written as an escape ("\e", "\x1b") in a quoted value
            raise FieldError(say("control_character", code=ord(text[at]), at=at + 1))
        return text


def line(node: yaml.Node) -> int:
    """1-based line of a node."""
    return int(node.start_mark.line) + 1


def scalar_of(node: yaml.Node, key: str) -> str | None:
    """The text of ``key`` in a mapping node, without checks (to name a broken entry)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode):
                return str(v.value)
    return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


#: PyYAML's problems in the user's words (the parser speaks English): pattern on its
#: problem, or on its context when the problem says too little → catalogue key.
YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"character '\\t'|tab character", "yaml_why_tab"),
    (r"expected ',' or '\]'", "yaml_why_list"),
    (r"expected ',' or '\}'", "yaml_why_braces"),
    (r"mapping values are not allowed", "yaml_why_colon"),
    (r"expected <block end>|expected '-' indicator|expected key", "yaml_why_indent"),
    (r"quoted scalar", "yaml_why_quote"),
    (r"cannot start any token", "yaml_why_start"),
)


def yaml_why(problem: str, context: str) -> Message | str:
    """What PyYAML found wrong, worded by the catalogue; its own words when no rule fits."""
    for pattern, key in YAML_PROBLEMS:
        if re.search(pattern, problem) or re.search(pattern, context):
            return say(key)
    return problem


def _tab_indent(source: str, index: int) -> bool:
    """Line ``index`` (0-based) is indented with a tab: libyaml's message names no character
    (regression: a tab was reported as a value starting with a reserved character)."""
    lines = source.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def compose(path: Path, reader: Reader, expected: str | Message) -> yaml.Node | None:
    """The file's node tree, or None after recording why it cannot be read; ``expected``
    names what the file should hold, for the message about an empty one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        reader.problem(None, "", say("yaml_no_file"))
        return None
    except OSError as exc:
        reader.problem(None, "", say("yaml_unreadable", why=exc.strerror))
        return None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        at = data[: exc.start].count(b"\n") + 1
        reader.problems.append(Problem(reader.file, at, "", say("yaml_not_utf8", byte=bad)))
        return None
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = None if mark is None else mark.line + 1
        why = say("yaml_why_tab") if mark is not None and _tab_indent(source, mark.line) \
            else yaml_why(exc.problem or "", exc.context or "")
        reader.problems.append(Problem(reader.file, where, "", say("yaml_invalid", why=why)))
        return None
    except yaml.YAMLError as exc:
        reader.problems.append(Problem(reader.file, None, "", say("yaml_invalid", why=exc)))
        return None
    if node is None:
        reader.problem(None, "", say("yaml_empty_file", expected=expected))
    return node
