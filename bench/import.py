"""How well and how fast ``kyniem import`` reads plan documents (issue 10).

For each seed document, as .txt and as the .docx and .pdf built from it (python-docx; fpdf2
with an embedded DejaVu font), the shares of the reviewed format 2 plan (data/plans) the
import recovers: anniversary, related anniversaries, references, activity windows, units with
roles, restatements (relates_to); and, against the independent format 1 encoding made by hand
before the importer, the windows of the activities whose time is written in their own
paragraph. Then the import time per document and format, and for a 20-page PDF (target < 2 s),
each the best of ``--runs`` in this one run.

    python bench/import.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docbuild import long_text, seed_texts, write_document, write_pdf  # noqa: E402
from importshare import format1_windows, hand_plan, shares  # noqa: E402

from scheduler.commands import Settings  # noqa: E402
from scheduler.imports.convert import import_document  # noqa: E402

PLANS = {"000_22dff3dd27fa88f4": "quan-dbp-tren-khong-50-2022",
         "001_84c35f2e41083996": "phuong-dien-bien-phu-70-2024",
         "003_b4e5aed4716bfe0a": "thanh-xuan-giai-phong-thu-do-70-2024"}


def best(path: Path, runs: int, registry: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        import_document(path, registry.anniversaries)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    registry = Settings().registry()
    texts = seed_texts()
    print(f"{'document':22} {'fmt':4} {'ann':>4} {'rel':>4} {'refs':>4} {'win':>5} {'units':>5} "
          f"{'relto':>5} {'acts':>4} {'f1 win':>7} {'time':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for stem, plan_id in PLANS.items():
            hand = hand_plan(ROOT / "data" / "plans" / f"{plan_id}.yaml")
            for kind in ("txt", "docx", "pdf"):
                path = write_document(texts[stem], Path(folder) / f"{stem}.{kind}")
                found = import_document(path, registry.anniversaries)
                s = shares(hand, found, registry)
                same, compared = format1_windows(
                    ROOT / "tests" / "fixtures" / "plans" / "format1" / f"{plan_id}.yaml",
                    found, registry)
                print(f"{stem:22} {kind:4} {s.anniversary:4.0%} {s.related:4.0%} "
                      f"{s.references:4.0%} {s.windows:5.0%} {s.units:5.0%} {s.relates:5.0%} "
                      f"{s.activities:4d} {same:3d}/{compared:<3d} "
                      f"{best(path, args.runs, registry):6.3f}s")
                if s.misses:
                    print(f"    windows missed: {', '.join(s.misses)}")
        pdf = Path(folder) / "long.pdf"
        pages = write_pdf(long_text(20), pdf)
        print(f"{pages}-page PDF: {best(pdf, args.runs, registry):.3f}s to import (target < 2 s)")


if __name__ == "__main__":
    main()
