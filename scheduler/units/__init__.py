"""Stage beside plans: the unit directory and the name normaliser (DESIGN.md "units/").

Plans keep the names as written; :class:`Resolver` maps each to an :class:`Identity`
qualified by the plan's locality, and every output selects by identity."""

from __future__ import annotations

from .directory import Directory, Unit, UnitKind, directory, load_directory, unit_paths
from .normalise import key
from .resolve import Identity, Place, Resolver, is_collective, place_of

__all__ = ["Directory", "Identity", "Place", "Resolver", "Unit", "UnitKind", "directory",
           "is_collective", "key", "load_directory", "place_of", "unit_paths"]
