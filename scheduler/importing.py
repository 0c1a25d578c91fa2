"""Controller of ``kyniem import``: documents in, plan files (format 2) out, and a report.

Every target is checked before anything is written (an existing file needs ``--force``);
each plan is read back by the plan loader before it is written, so what lands on disk passes
``kyniem check``; writes are atomic (:mod:`scheduler.atomic`).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .atomic import check_replaceable, write_atomic
from .commands import Settings
from .imports.convert import Imported, import_document
from .imports.errors import DocumentError, ImportProblem
from .model import Anniversary, Location
from .names import slug
from .outputs.imported import ImportView
from .plans.load import load_plans
from .plans.model import Plan
from .registry import InputError, Problem
from .wording import say


def import_files(settings: Settings, files: tuple[str, ...], output: str | None,
                 out_dir: str | None, force: bool, anniversary_id: str | None,
                 year: int | None) -> ImportView:
    if output and len(files) > 1:
        raise InputError([Problem(output, None, "-o", say("import_one_output"))])
    registry = settings.registry()
    given = _given(settings, anniversary_id)
    done: list[tuple[Imported, Path]] = []
    problems: list[Problem] = []
    targets: dict[Path, str] = {}
    for name in files:
        try:
            found = import_document(Path(name), registry.anniversaries, anniversary=given,
                                    year=year)
        except ImportProblem as exc:
            problems.append(Problem(name, None, "", exc.message))
            continue
        except DocumentError as exc:
            problems.append(Problem("", None, "", exc.message))  # it names the file
            continue
        target = Path(output) if output else Path(out_dir or ".") / f"{slug(Path(name).stem)}.yaml"
        if target.resolve() in targets:
            problems.append(Problem(name, None, "", say(
                "import_same_target", first=targets[target.resolve()], second=name)))
            continue
        targets[target.resolve()] = name
        if any(_same_file(target, source) for source in files):  # regression: -o SOURCE
            problems.append(Problem(str(target), None, "-o", say("import_onto_source")))
            continue
        if target.is_dir():
            problems.append(Problem(str(target), None, "-o", say("import_target_folder")))
            continue
        if target.exists() and not force:
            problems.append(Problem(str(target), None, "", say("import_exists")))
            continue
        check_replaceable(target)
        done.append((found, target))
    if problems:
        raise InputError(problems)
    for found, target in done:
        text = render(found)
        _verify(text, found.source, registry)
        write_atomic(target, text.encode("utf-8"))
    return ImportView([(found, str(target)) for found, target in done], settings.lang)


def _same_file(target: Path, source: str) -> bool:
    """Whether writing ``target`` would replace the document ``source`` (a link, another
    spelling of its path): the clerk's only copy of the plan."""
    try:
        return os.path.samefile(target, source)
    except OSError:  # either missing: not the same file
        return False


def plan_from_document(path: Path, registry: Any) -> Plan:
    """The plan a document makes, loaded as a plan file would be (for ``kyniem diff``)."""
    try:
        found = import_document(path, registry.anniversaries)
    except ImportProblem as exc:
        raise InputError([Problem(str(path), None, "", exc.message)]) from None
    except DocumentError as exc:
        raise InputError([Problem("", None, "", exc.message)]) from None
    plan = _verify(render(found), found.source, registry)
    # it names the document, not the plan file checked in a folder gone since (regression:
    # ``diff --json`` gave that deleted path as the plan's file)
    return replace(plan, location=Location(str(path), plan.location.line if plan.location
                                           else 1))


def render(found: Imported) -> str:
    """The plan file: a header saying where it came from, the YAML, and what was not read."""
    lines = [f"# Kế hoạch nhập từ {Path(found.source).name} bằng `kyniem import` "
             f"({datetime.now():%d/%m/%Y}). Định dạng 2: xem tài liệu plan-format.",
             "# Mỗi hoạt động giữ câu gốc (text) và số dòng (line) để đối chiếu."]
    if found.unread:
        lines.append(f"# {len(found.unread)} câu chưa đọc được: xem cuối tệp.")
    body = dump(found.plan)
    tail = [f"# dòng {u.line}: {say(u.why)}: {u.text}" for u in found.unread]
    return "\n".join(lines) + "\n" + body + ("\n".join(["", "# Chưa đọc được:", *tail]) + "\n"
                                            if tail else "")


class _Quoted(str):
    """A text value, written in double quotes as the hand-written plans are ("26/05/2022"
    stays a string, "yes" stays a word)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", str(v), style='"'))


def _quoted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _quoted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_quoted(v) for v in value]
    return _Quoted(value) if isinstance(value, str) else value


def dump(plan: dict[str, Any]) -> str:
    """The plan as YAML: keys plain, text in double quotes, one line per value."""
    return yaml.dump(_quoted(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None,
                     width=1_000_000)


def _verify(text: str, source: str, registry: Any) -> Plan:
    with tempfile.TemporaryDirectory(prefix="kyniem-import-") as folder:
        path = Path(folder) / Path(source).name  # problems and views name the document
        path.write_text(text, encoding="utf-8")
        try:
            return load_plans([path], registry)[0]
        except InputError as exc:
            problem = exc.problems[0]
            raise InputError([Problem(source, None, "", say(
                "import_invalid_plan", problem=f"{problem.line}: {problem.field}: "
                                               f"{problem.message}"))]) from None


def _given(settings: Settings, anniversary_id: str | None) -> Anniversary | None:
    if anniversary_id is None:
        return None
    found = settings.registry().get(anniversary_id)
    if found is None:
        raise InputError([Problem("--anniversary", None, "", say(
            "import_unknown_anniversary", id=anniversary_id))])
    return found


__all__ = ["check_replaceable", "import_files", "plan_from_document", "render"]
