"""Where registries come from (bundled, ``$KYNIEM_REGISTRY``, ``--registry``) and the merged
result. Kept free of YAML so that a warm run never imports a parser."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Anniversary, Policy

ENV_VAR = "KYNIEM_REGISTRY"
#: Local registries, one per province, in this folder beside the national file.
LOCAL_FOLDER = "local"


@dataclass(frozen=True)
class Registry:
    anniversaries: tuple[Anniversary, ...]
    policies: Mapping[str, Policy]
    files: tuple[str, ...]

    def get(self, anniversary_id: str) -> Anniversary | None:
        return next((a for a in self.anniversaries if a.id == anniversary_id), None)


def bundled_path() -> str:
    """The national registry that ships with kyniem (inside the wheel, or data/ in a checkout).

    Paths here are plain strings: pathlib would cost listing commands start-up time."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "data", "anniversaries.yaml")
    if os.path.exists(installed):
        return installed
    return os.path.join(os.path.dirname(package), "data", "anniversaries.yaml")


def bundled_paths(national: str | None = None) -> list[str]:
    """The national registry (``national``, default the bundled one), then every local one
    (``local/*.yaml`` beside it: one file per province since 1 July 2025), in name order.
    Plans may name local ids; which entries a list shows is decided later, by locality
    (:func:`scheduler.registry.local.in_locality`)."""
    national = national or bundled_path()
    folder = os.path.join(os.path.dirname(national), LOCAL_FOLDER)
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))
    except OSError:  # no local registries shipped (yet)
        names = []
    return [national, *(os.path.join(folder, n) for n in names)]


def registry_paths(
    extra: Sequence[str] = (), env: Mapping[str, str] = os.environ, bundled: bool = True
) -> list[str]:
    """Bundled registries (national, then local), then ``$KYNIEM_REGISTRY`` (a path list),
    then ``--registry`` files. The cache key covers every one of them, so adding a local file
    makes a fresh load."""
    from_env = [p for p in env.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    head = bundled_paths() if bundled else []
    paths: dict[str, str] = {}  # a file named twice is read once
    for path in (*head, *from_env, *extra):
        paths.setdefault(os.path.realpath(path), path)
    return list(paths.values())
