"""Plan templates: activities written relative to the anniversary day, so one plan applies to
every milestone. ``kyniem plan new ANNIVERSARY YEAR`` turns a template into a dated plan file.

Offsets (relative to the anniversary day of the chosen year):

    0d, -7d, +3d       days              -2w        weeks
    -10wd, +10wd       working days (holidays.VN, swapped Saturdays included)
    -1m, +1m           months, same day (clamped to the month's end)
    -1m:start, 0m:end  the first / last day of a month relative to the anniversary's month
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_atomic
from ..dates import fmt
from ..model import Occurrence
from ..outputs.text import title
from ..registry.errors import InputError, Problem
from ..rules import LEAD_DAYS
from ..wording import quote, say
from ..yamlread import Field, FieldError, Reader, compose, line, text, whole_in
from .load import ACTIVITY_BASE
from .workdays import add_working_days

_OFFSET = re.compile(r"^\s*([+-]?\d+)\s*(d|wd|w|m)(?::(start|end))?\s*$")


def _offset(value: str) -> str:
    if not _OFFSET.match(value):
        raise FieldError(say("plan_template_offset", value=quote(value)))
    return value.strip()


TEMPLATE_FIELDS: dict[str, Field] = {
    "title": Field(True, text),
    "issuer": Field(False, text),
    "reminders": Field(False, whole_in(LEAD_DAYS), many=True),
    "activities": Field(True, None),
}
ACTIVITY_FIELDS: dict[str, Field] = {
    **ACTIVITY_BASE,
    "from": Field(False, _offset),
    "to": Field(False, _offset),
    "due": Field(False, _offset),
}


def apply_offset(day: date, offset: str) -> date:
    """The date ``offset`` away from ``day`` (see the module docstring)."""
    m = _OFFSET.match(offset)
    if not m:
        raise ValueError(offset)
    n, unit, anchor = int(m[1]), m[2], m[3]
    if unit == "d":
        return day + timedelta(days=n)
    if unit == "w":
        return day + timedelta(weeks=n)
    if unit == "wd":
        return add_working_days(day, n)
    months = day.year * 12 + day.month - 1 + n
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    target = {None: min(day.day, last), "start": 1, "end": last}[anchor]
    return date(year, month + 1, target)


@dataclass(frozen=True)
class Written:
    """What ``plan new`` wrote, as a one-line view."""

    path: str
    activities: int
    lang: str
    raw: bytes | None = None  # ``-o -``: the plan itself, on standard output

    def plain(self) -> str:
        return say("plan_new_written", path=self.path, n=self.activities).render(self.lang)

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "activities": self.activities}


def bundled_template() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "data" / "templates" / "standard.yaml"
    if installed.exists():
        return installed
    return package.parent / "data" / "templates" / "standard.yaml"


def dated_plan(template: Path, occ: Occurrence) -> dict[str, Any]:
    """Read a template and date it for one occurrence of an anniversary."""
    problems: list[Problem] = []
    reader = Reader(str(template), problems)
    root = compose(template, reader, say("plan_template_expected"))
    parsed = reader.record(root, "", TEMPLATE_FIELDS) if root is not None else None
    activities: list[dict[str, Any]] = []
    plan_title = ""
    if parsed is not None:
        values, nodes = parsed
        names = {"title": title(occ, "vi"), "name": occ.anniversary.name, "year": occ.date.year,
                 "ordinal": "" if occ.ordinal is None else occ.ordinal, "date": fmt(occ.date)}
        try:
            plan_title = values["title"].format(**names)
        except (KeyError, IndexError, ValueError) as exc:
            reader.problem(nodes["title"], "title", say(
                "plan_template_placeholder", what=exc,
                names=", ".join("{" + k + "}" for k in names)))
        for i, node in enumerate(reader.sequence(values["activities"], "activities")):
            dated = _dated_activity(reader, node, f"activities[{i}]", occ.date)
            if dated is not None:
                activities.append(dated)
    if problems or parsed is None:
        raise InputError(problems)
    values, _ = parsed
    anniversary, year = occ.anniversary, occ.date.year
    plan: dict[str, Any] = {
        "id": f"{anniversary.id}-{year}",
        "title": plan_title,
        "anniversary": anniversary.id,
        "year": year,
        "issuer": values.get("issuer", "(đơn vị ban hành)"),
    }
    if "reminders" in values:
        plan["reminders"] = list(values["reminders"])
    plan["activities"] = activities
    return plan


def _dated_activity(reader: Reader, node: Any, where: str, day: date) -> dict[str, Any] | None:
    parsed = reader.record(node, where, ACTIVITY_FIELDS)
    if parsed is None:
        return None
    values, nodes = parsed
    if "due" in values:
        start = end = apply_offset(day, values["due"])
    elif "from" in values:
        start = apply_offset(day, values["from"])
        end = apply_offset(day, values.get("to", values["from"]))
    else:
        reader.problem(node, f"{where}.from", say("plan_template_no_time"))
        return None
    if end < start:
        reader.problem(nodes.get("to", node), f"{where}.to", say("plan_template_backwards"))
        return None
    out: dict[str, Any] = {"id": values["id"], "title": values["title"],
                           "kind": values["kind"].value, "start": fmt(start), "end": fmt(end)}
    for key in ("lead", "notes"):
        if key in values:
            out[key] = values[key]
    if "partners" in values:
        out["partners"] = list(values["partners"])
    if "shift" in values:
        out["shift"] = values["shift"].value
    if "reminders" in values:
        out["reminders"] = list(values["reminders"])
    rule = " → ".join(values[k] for k in ("from", "to", "due") if k in values)
    out["notes"] = (out.get("notes", "") + f" [mẫu: {rule}, dòng {line(node)}]").strip()
    return out


def write_new(path: Path, content: str, force: bool) -> None:
    """Write atomically (temp file + rename); refuse to replace a file unless ``force``, and
    to make folders (regression: a mistyped folder was made without a word)."""
    if not path.parent.is_dir():
        raise InputError([Problem(str(path), None, "-o", say("path_no_folder",
                                                             folder=str(path.parent)))])
    if path.is_dir():
        raise InputError([Problem(str(path), None, "-o", say("path_is_folder"))])
    if path.exists() and not force:
        raise InputError([Problem(str(path), None, "", say("plan_file_exists"))])
    write_atomic(path, content.encode())


#: What a clerk reads first in a new plan file: where it came from and what to fill in. The
#: file is a Vietnamese document whatever ``--lang`` says, as the plans it stands beside are.
HEADER = """\
# Kế hoạch kỷ niệm do lệnh `kyniem plan new` tạo từ mẫu kế hoạch "{name}".
# Cần sửa trước khi dùng:
#   - title: tên kế hoạch; issuer: cơ quan, đơn vị ban hành (thay "(đơn vị ban hành)");
#     có thể thêm number: (số văn bản) và issued: (ngày ban hành, "dd/mm/yyyy");
#   - mỗi hoạt động: title (nội dung), start và end (ngày bắt đầu, kết thúc, ghi
#     "dd/mm/yyyy"), lead (đơn vị chủ trì), partners (các đơn vị phối hợp, mỗi đơn vị
#     một dòng "- ..."); có thể xóa hoạt động không cần hoặc thêm hoạt động mới.
# Sửa xong, kiểm tra bằng lệnh: kyniem check {file}
"""

_DAY = re.compile(r"^\d{2}/\d{2}/\d{4}$")


class _PlanDumper(yaml.SafeDumper):
    """Block style a person can edit: list items indented under their key, dates written
    "dd/mm/yyyy" in quotes (so no reader takes them for numbers or sexagesimals), and no
    value folded across lines (a folded unit name is a different name to a search)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _DAY.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PlanDumper.add_representer(str, _text)


def render(plan: dict[str, Any], source: str, file: str = "TỆP") -> str:
    """The plan file: a Vietnamese header naming the template by its name (``source`` is its
    path; only the file name is shown), then the plan in block-style YAML that
    :func:`yaml.safe_load` reads back equal to ``plan``."""
    header = HEADER.format(name=Path(source).stem, file=file)
    body = yaml.dump(plan, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=float("inf"))
    return header + body
