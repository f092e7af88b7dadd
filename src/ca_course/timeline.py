"""Show dated events from the data as a chronological table."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.render import display_helper
from ca_course.tables import HtmlTable

__all__ = ["TimelineExplorer", "events", "explorer", "format_date", "table"]


def events(lecture: str | None = None) -> list[m.Event]:
    """Return the events used by ``lecture`` (all when ``None``), in date order."""
    return [e for e in data.events() if lecture is None or lecture in e.lectures]


def format_date(date: str) -> str:
    """Return an ISO (partial) date the Kazakh way: ``26.06.1998``, ``06.1998``, ``1998``.

    Examples
    --------
    >>> format_date("1998-06-26"), format_date("1998-06"), format_date("1998")
    ('26.06.1998', '06.1998', '1998')
    """
    return ".".join(reversed(date.split("-")))


@display_helper
def table(lecture: str | None = None) -> HtmlTable:
    """Return the events of ``lecture`` as a table with their sources and notes."""
    chosen = events(lecture)
    if lecture is not None and not chosen:
        raise KeyError(f"no events list lecture {lecture!r}; add it to their `lectures`")
    headers = [msg("table.date"), msg("table.event"), msg("table.source"), msg("table.note")]
    rows = [[format_date(e.date), e.title, e.source.label(), e.note or ""] for e in chosen]
    return HtmlTable(headers, rows, row_ids=[e.id for e in chosen])


STRIP_START = 1970


class TimelineExplorer:
    """All events as a year strip plus a table filtered by text and by lecture.

    Static HTML+JS (no kernel needed); in Jupyter the same HTML works when the
    notebook is trusted.
    """

    def __init__(self, chosen: list[m.Event], lecture_ids: list[str]) -> None:
        self.events = chosen
        self.lecture_ids = lecture_ids

    def __repr__(self) -> str:
        return f"<TimelineExplorer {len(self.events)} events>"

    def _strip(self) -> str:
        years = [e.year for e in self.events]
        # A few events are centuries old; they sit at the left edge of the strip.
        first, last = max(min(years), STRIP_START), max(years)
        span = max(last - first, 1)
        width, left, right = 1000, 20, 20
        dots = []
        stacked: dict[int, int] = {}
        for event in self.events:
            year = max(event.year, first)
            x = left + (year - first) / span * (width - left - right)
            level = stacked.get(year, 0)
            stacked[year] = level + 1
            y = 48 - min(level, 8) * 5
            label = escape(f"{format_date(event.date)}: {event.title}")
            dots.append(f'<circle class="cat-dot" data-target="{escape(event.id)}" cx="{x:.1f}" '
                        f'cy="{y}" r="4" tabindex="0" role="button" aria-label="{label}">'
                        f"<title>{label}</title></circle>")
        ticks = []
        for year in range(first - first % 5 + 5, last + 1, 5):
            x = left + (year - first) / span * (width - left - right)
            ticks.append(f'<line x1="{x:.1f}" y1="54" x2="{x:.1f}" y2="60" stroke="#888"/>'
                         f'<text x="{x:.1f}" y="74" text-anchor="middle">{year}</text>')
        return (f'<svg class="cat-strip" viewBox="0 0 {width} 80" role="group" '
                f'aria-label="{escape(msg("timeline.strip"))}">'
                f'<line x1="{left}" y1="54" x2="{width - right}" y2="54" stroke="#888"/>'
                f'{"".join(ticks)}{"".join(dots)}</svg>')

    def _repr_html_(self) -> str:
        table = HtmlTable([msg("table.date"), msg("table.event"), msg("table.lectures"),
                           msg("table.source"), msg("table.note")],
                          [[format_date(e.date), e.title, ", ".join(e.lectures),
                            e.source.label(), e.note or ""] for e in self.events],
                          row_ids=[e.id for e in self.events])._repr_html_()
        for event in self.events:  # each row carries its lectures for the filter
            table = table.replace(f'<tr id="{escape(event.id)}">',
                                  f'<tr id="{escape(event.id)}" data-lectures="'
                                  f'{escape(" ".join(event.lectures))}">', 1)
        titles = {lec.id: lec.title for lec in data.lectures()}
        options = "".join(f'<option value="{escape(lid)}">'
                          f'{escape(f"{lid}: {titles.get(lid, lid)}")}</option>'
                          for lid in self.lecture_ids)
        config = json.dumps({"shown": msg("timeline.shown", n="{n}")}, ensure_ascii=False)
        config = config.replace("</", "<\\/")
        return (
            '<div class="cat" id="cat-all">'
            f"<style>{_asset('timeline.css')}</style>"
            f"{self._strip()}"
            '<div class="cat-controls">'
            f'<label>{escape(msg("timeline.search"))} <input type="search" class="cat-search">'
            "</label>"
            f'<label>{escape(msg("table.lectures"))} <select class="cat-lecture">'
            f'<option value="">{escape(msg("timeline.all"))}</option>{options}</select></label>'
            '<span class="cat-count" aria-live="polite"></span></div>'
            f"{table}"
            f'<script type="application/json" class="cat-config">'
            f"{config}</script>"
            f"<script>{_asset('timeline.js')}\nwindow.caTimeline.init("
            'document.getElementById("cat-all"));</script></div>')


@display_helper
def explorer() -> TimelineExplorer:
    """Return every event as an interactive, filterable chronology."""
    lecture_ids = sorted({lid for e in data.events() for lid in e.lectures})
    return TimelineExplorer(list(data.events()), lecture_ids)


@cache
def _asset(name: str) -> str:
    return (resources.files("ca_course") / "assets" / name).read_text(encoding="utf-8")
