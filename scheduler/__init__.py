"""kyniem: calendar and deadline scheduler for Vietnamese commemoration plans.

The package follows one pipeline, one sub-module per stage:

    registry/      data/anniversaries.yaml (+ user files) → Anniversary objects
    occurrences    Anniversary × year → Occurrence (date, ordinal, Decree-145 class)
    plans/         plan files → activity windows (time phrases, units, working days)
    outputs/       terminal views (rich / plain / JSON) of the same lists
"""

from __future__ import annotations

__version__ = "0.1.0"
