"""The chronology: tables per lecture and the filterable explorer."""

from __future__ import annotations

import re

from ca_course import data, timeline
from ca_course import models as m
from ca_course.messages import msg


def test_lecture_table_lists_only_that_lecture_in_date_order() -> None:
    table = timeline.table("l03")
    chosen = [e for e in data.events() if "l03" in e.lectures]
    assert len(table) == len(chosen) >= 3
    assert table.row_ids == [e.id for e in chosen]
    assert [e.date for e in chosen] == sorted(e.date for e in chosen)


def test_explorer_has_a_dot_and_a_filterable_row_per_event() -> None:
    html = timeline.explorer()._repr_html_()
    events = data.events()
    assert html.count('class="cat-dot"') == len(events)
    rows = re.findall(r'<tr id="([^"]+)" data-lectures="([^"]*)">', html)
    assert [r[0] for r in rows] == [e.id for e in events]
    by_id = dict(rows)
    assert all(by_id[e.id].split() == list(e.lectures) for e in events)
    assert msg("timeline.search") in html and "http" not in html


def test_explorer_escapes_event_text() -> None:
    event = m.Event(id="ev-2001-test", date="2001-09-11", title="<script>alert(1)</script>",
                    lectures=["l05"], source={"doc": "001", "lines": [6, 6]})
    html = timeline.TimelineExplorer([event], ["l05"])._repr_html_()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
