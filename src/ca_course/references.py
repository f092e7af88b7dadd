"""List the source documents and lines a lecture draws on, from the lecture data."""

from __future__ import annotations

from ca_course import data
from ca_course.messages import msg
from ca_course.render import display_helper
from ca_course.tables import HtmlTable

__all__ = ["coverage", "documents", "left_out", "table"]


@display_helper
def table(lecture: str) -> HtmlTable:
    """Return the source lines of ``lecture`` with the documents' titles."""
    lectures = {lec.id: lec for lec in data.lectures()}
    if lecture not in lectures:
        raise KeyError(f"unknown lecture {lecture!r}; see content/lectures.yaml")
    titles = {d.id: d.title for d in data.documents()}
    rows = [[ref.doc, titles.get(ref.doc, ""), ref.label()] for ref in lectures[lecture].sources]
    return HtmlTable([msg("table.document"), msg("table.title"), msg("table.lines")], rows)


@display_helper
def documents() -> HtmlTable:
    """Return the five source documents: what each is, when written, its state."""
    rows = [[d.id, d.title, d.kind, d.written, d.description] for d in data.documents()]
    return HtmlTable([msg("table.document"), msg("table.title"), msg("table.kind"),
                      msg("table.written"), msg("table.description")], rows,
                     row_ids=[f"doc-{d.id}" for d in data.documents()])


@display_helper
def coverage() -> HtmlTable:
    """Return every section of every source document and the lectures that teach it."""
    titles = {lec.id: lec.title for lec in data.lectures()}
    rows = []
    for doc in data.documents():
        for section in doc.sections:
            first, last = section.lines
            lectures = "; ".join(f"{lid} {titles.get(lid, '')}".strip()
                                 for lid in section.lectures)
            rows.append([doc.id, section.title, f"{first}–{last}", lectures])
    return HtmlTable([msg("table.document"), msg("table.section"), msg("table.lines"),
                      msg("table.lectures")], rows)


@display_helper
def left_out() -> HtmlTable:
    """Return, lecture by lecture, the points of its cited lines it leaves out, and why.

    The rows come from ``leaves_out`` in ``lectures.yaml``; together with
    :func:`coverage` they say what each lecture teaches of its sources and what not.
    """
    rows = []
    for lec in data.lectures():
        for item in lec.leaves_out:
            first, last = item.lines
            lines = f"{item.doc}:{first}" if first == last else f"{item.doc}:{first}–{last}"
            rows.append([f"{lec.id} {lec.title}", lines, item.why])
    return HtmlTable([msg("table.lecture"), msg("table.lines"), msg("table.left_out")], rows)
