"""Stage 1 of the pipeline: the anniversary registry (bundled YAML plus user files).

``load_cached`` is the way in; the YAML reader (``load``) is imported only on a cache miss.
"""

from __future__ import annotations

from .cache import load_cached
from .errors import InputError, Problem
from .sources import Registry, registry_paths

__all__ = ["InputError", "Problem", "Registry", "load_cached", "registry_paths"]
