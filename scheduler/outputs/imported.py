"""What ``kyniem import`` recognised in each document, what it could not read, and where the
plan went: a report to fix a few gaps instead of re-reading the document."""

from __future__ import annotations

import os
import shlex
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..imports.convert import Imported
from ..wording import role_word, say

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

WIDTH = 80

def _w(key: str, lang: str, **values: object) -> str:
    return say(f"import_view_{key}", **values).render(lang)


#: A section kind's word key (the kinds are scheduler.imports.structure.SECTION_KINDS').
_SECTION_WORDS = {"period": "period_section"}


def _section(kind: str, lang: str) -> str:
    return _w(_SECTION_WORDS.get(kind, kind), lang)


def _day(iso: str | None) -> str:
    return "" if iso is None else f"{date.fromisoformat(iso):%d/%m/%Y}"


@dataclass(frozen=True)
class ImportView:
    """One report per imported document, with the file its plan was written to."""

    done: list[tuple[Imported, str]]
    lang: str

    def as_json(self) -> Any:
        reports = [{**found.report, "output": target} for found, target in self.done]
        return reports[0] if len(reports) == 1 else reports

    def plain(self) -> str:
        return "\n\n".join(self._lines(found, target) for found, target in self.done)

    def _lines(self, found: Imported, target: str) -> str:
        r, lang = found.report, self.lang
        out = [_w("imported", lang, source=r["source"], target=target)]
        # how the plan is used (regression: the written plan was in no other command's view,
        # and nothing said so)
        folder = os.path.dirname(os.path.abspath(target))
        out.append(_w("next", lang, one=f"kyniem agenda --plans {shlex.quote(target)}",
                      every=f"kyniem config plans {shlex.quote(folder)}"))
        a = r["anniversary"]
        out.append(f"{_w('anniversary', lang)}: {_cited(a, lang)}")
        if r["related"]:
            out.append(f"{_w('related', lang)}: " + "; ".join(_cited(c, lang)
                                                              for c in r["related"]))
        none = _w("none", lang)
        out.append(f"{_w('issuer', lang)}: {r['issuer']} · {_w('number', lang)}: "
                   f"{r['number'] or none} · {_w('issued', lang)}: {r['issued'] or none}")
        for ref in r["references"]:
            out.append(f"{_w('references', lang)}: {_w(ref['kind'], lang)} {ref['type']} "
                       f"{ref['number']}" + (f" {_w('dated', lang)} {_day(ref['date'])}"
                                             if ref["date"] else "")
                       + (f" — {ref['issuer']}" if ref["issuer"] else ""))
        if r["period"]:
            out.append(f"{_w('period', lang)}: {r['period']}")
        out.append(f"{_w('sections', lang)}: " + " · ".join(
            f"{s['number']}. {s['title']} ({_section(s['kind'], lang)})" for s in r["sections"]))
        rows = r["activities"]
        out.append(_w("activities", lang, n=len(rows),
                      timed=sum(1 for x in rows if x["when"]),
                      untimed=sum(1 for x in rows if not x["when"]),
                      related=sum(1 for x in rows if x["relates_to"]), units=len(r["units"])))
        for row in rows:
            out.append(_row(row, lang))
        if r["unread"]:
            out.append(_w("unread", lang, n=len(r["unread"])))
            for u in r["unread"]:
                out.append(_wrap(f"{_w('line', lang)} {u['line']}: "
                                 f"{say(u['why']).render(lang)}: {u['text']}", "    ", "  "))
        else:
            out.append(_w("all_read", lang))
        if r["warnings"]:
            out.append(_w("warnings", lang, n=len(r["warnings"])))
            for key, values in found.warnings:
                out.append(_wrap(say(key, **values).render(lang), "    ", "  "))
        return "\n".join(_wrap(line, "") if not line.startswith(" ") else line
                         for line in out)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for found, target in self.done:
            text = self._lines(found, target)
            for line in text.splitlines():
                style = "bold" if line.startswith(_w("imported", self.lang, source="", target="")
                                                  [:6]) else ""
                yield Text(line, style=style)
            yield Text("")


def _cited(c: dict[str, Any], lang: str) -> str:
    dates = f" ({_day(c['origin'])} – {_day(c['date'])})" if c["origin"] and c["date"] else ""
    ident = f" [{c['id']}]" if c["id"] else f" [{_w('not_in_registry', lang)}]"
    return _w("cited", lang, n=c["ordinal"], name=c["name"]) + dates + ident


def _row(row: dict[str, Any], lang: str) -> str:
    if row["start"]:
        when = _day(row["start"]) + ("" if row["end"] == row["start"] else f"–{_day(row['end'])}")
    else:
        when = row["when"] or _w("no_time", lang)
    units = ", ".join(f"{u} ({role_word(role, lang)})" for u, role in row["roles"].items())
    head = f"  {_w('line', lang)} {row['line']} · {when}"
    text = f"{head} · {units}" if units else head
    title = row["text"] if len(row["text"]) <= 70 else row["text"][:69] + "…"
    return _wrap(text, "    ") + "\n" + _wrap(f"    {title}", "    ")


def _wrap(text: str, indent: str, first: str = "") -> str:
    return "\n".join(textwrap.wrap(text, WIDTH, initial_indent=first,
                                   subsequent_indent=indent or "  ", break_long_words=True,
                                   break_on_hyphens=False)) or text
