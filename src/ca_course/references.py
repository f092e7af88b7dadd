"""List the source documents and lines a lecture draws on, from the lecture data."""

from __future__ import annotations

from ca_course import data
from ca_course.messages import msg
from ca_course.tables import HtmlTable

__all__ = ["table"]


def table(lecture: str) -> HtmlTable:
    """Return the source lines of ``lecture`` with the documents' titles."""
    lectures = {lec.id: lec for lec in data.lectures()}
    if lecture not in lectures:
        raise KeyError(f"unknown lecture {lecture!r}; see content/lectures.yaml")
    titles = {d.id: d.title for d in data.documents()}
    rows = [[ref.doc, titles.get(ref.doc, ""), ref.label()] for ref in lectures[lecture].sources]
    return HtmlTable([msg("table.document"), msg("table.title"), msg("table.lines")], rows)
