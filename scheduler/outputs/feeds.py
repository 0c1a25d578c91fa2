"""What ``kyniem feed`` and ``kyniem build`` print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..feeds.site import BIG_FEED, CROWDED_FEED, BuildReport
from ..feeds.tokens import SECRET, masked
from ..wording import feed_text, worded

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult



def _w(key: str, lang: str, **values: object) -> str:
    return worded(f"build_{key}", lang, **values)


@dataclass(frozen=True)
class FeedView:
    """A feed: its bytes go to stdout as they are (``raw``), or a line says where they went."""

    name: str
    path: str
    events: int
    data: bytes
    output: str | None
    lang: str

    @property
    def raw(self) -> bytes | None:
        return None if self.output else self.data

    def plain(self) -> str:
        return _w("wrote_feed", self.lang, path=self.output, n=self.events, size=len(self.data))

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "events": self.events, "bytes": len(self.data),
                "output": self.output}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield f"[green]{self.plain()}[/green]"


@dataclass(frozen=True)
class BuildView:
    report: BuildReport
    feeds: int
    lang: str

    def lines(self) -> list[str]:
        r = self.report
        lines = [_w("built", self.lang, out=r.out, feeds=self.feeds, events=r.events,
                    written=len(r.written), unchanged=len(r.unchanged), removed=len(r.removed))]
        lines += [_w("big", self.lang, path=masked(p), size=r.sizes[p] // 1024)
                  for p in r.big]
        lines += [feed_text("crowded", self.lang, path=masked(p), n=r.counts[p],
                            limit=CROWDED_FEED) for p in r.crowded]
        if r.kept:
            lines.append(_w("kept", self.lang, path=r.kept))
        lines.append(_w("open", self.lang, out=r.out))
        secret = {p.split("/", 2)[2] for p in r.counts if p.startswith(SECRET)}
        if secret:  # issue 13: where the private feeds' addresses are
            lines.append(_w("private", self.lang, n=len(secret), out=r.out))
        return lines

    def plain(self) -> str:
        return "\n".join(self.lines())

    def as_json(self) -> dict[str, Any]:
        r = self.report
        # secret addresses without their tokens (issue 13): reports end up in shared logs
        return {"out": r.out, "feeds": self.feeds, "events": r.events,
                "written": [masked(p) for p in r.written],
                "unchanged": len(r.unchanged), "removed": [masked(p) for p in r.removed],
                "bytes": {masked(p): n for p, n in r.sizes.items()},
                "over_1mb": [masked(p) for p in r.big], "limit": BIG_FEED,
                "over_1000_events": [masked(p) for p in r.crowded],
                "event_limit": CROWDED_FEED, "release": r.release, "kept": r.kept}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first, *rest = self.lines()
        yield f"[green]{first}[/green]"
        for line in rest:
            yield f"[yellow]{line}[/yellow]" if line.startswith(("Cảnh", "Warn")) else line
