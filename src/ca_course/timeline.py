"""Show dated events from the data as a chronological table."""

from __future__ import annotations

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.tables import HtmlTable

__all__ = ["events", "table"]


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


def table(lecture: str | None = None) -> HtmlTable:
    """Return the events of ``lecture`` as a table with their sources and notes."""
    chosen = events(lecture)
    if lecture is not None and not chosen:
        raise KeyError(f"no events list lecture {lecture!r}; add it to their `lectures`")
    headers = [msg("table.date"), msg("table.event"), msg("table.source"), msg("table.note")]
    rows = [[format_date(e.date), e.title, e.source.label(), e.note or ""] for e in chosen]
    return HtmlTable(headers, rows, row_ids=[e.id for e in chosen])
