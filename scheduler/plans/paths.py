"""Which plan files are in use, found without importing the YAML reader.

The same rule as :func:`scheduler.plans.load.plan_paths` (``--plans`` files or folders, else
``$KYNIEM_PLANS``, else the bundled seed plans; a file given twice read once), kept apart from
``load`` because importing that costs a warm ``agenda`` yaml and the phrase reader, which the
plan cache (:mod:`.cached`) spares it. ``tests/test_workdays.py`` checks the two agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_VAR = "KYNIEM_PLANS"


def bundled_plans_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "data" / "plans"
    return installed if installed.exists() else package.parent / "data" / "plans"


def plan_paths(given: Sequence[str] = (), env: Mapping[str, str] = os.environ) -> list[Path]:
    """``--plans`` files or folders, else ``$KYNIEM_PLANS``, else the bundled seed plans."""
    return [path for path, _ in plan_files(given, env)]


def plan_files(given: Sequence[str] = (), env: Mapping[str, str] = os.environ
               ) -> list[tuple[Path, str]]:
    """:func:`plan_paths`, each with its real path (a site names its parts by it)."""
    entries = list(given) or [p for p in env.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    roots = [Path(p) for p in entries] or [bundled_plans_dir()]
    paths: list[Path] = []
    for root in roots:
        paths += _yaml_in(root) if root.is_dir() else [root]
    # a file given twice (a folder and a file in it) is read once
    reals = real_paths(paths)
    unique = {r: p for r, p in zip(reversed(reals), reversed(paths), strict=True)}
    return [(p, r) for p, r in zip(paths, reals, strict=True) if unique[r] is p]


#: A folder's plan files: regression, "thanh-xuan.yml" and "KH.YAML" were skipped without a word
PLAN_SUFFIXES = frozenset({".yaml", ".yml"})


def _yaml_in(folder: Path) -> list[Path]:
    """The folder's YAML files (.yaml or .yml, any case), by name; hidden ones ("._x.yaml"
    of a Mac, an editor's ".#x.yaml") left out."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in PLAN_SUFFIXES
                  and not p.name.startswith(".") and p.is_file())


def real_paths(paths: Sequence[Path]) -> list[str]:
    """``os.path.realpath`` of each, each folder resolved once (a national set of plans is
    a thousand files in one folder; resolving each path whole was a tenth of a rebuild)."""
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        if os.path.islink(path):
            out.append(os.path.realpath(path))
            continue
        folder, name = os.path.split(os.path.abspath(path))
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        out.append(os.path.join(folders[folder], name))
    return out
