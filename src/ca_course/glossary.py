"""Show glossary terms from the data: a lecture's key terms, or the whole glossary."""

from __future__ import annotations

from ca_course import data
from ca_course.messages import msg
from ca_course.render import display_helper
from ca_course.tables import HtmlTable

__all__ = ["table", "terms"]


def terms(lecture: str | None = None) -> list:
    """Return the terms used by ``lecture`` (all terms when ``None``)."""
    return [t for t in data.glossary() if lecture is None or lecture in t.lectures]


@display_helper
def table(lecture: str | None = None) -> HtmlTable:
    """Return the key terms of ``lecture`` as a table: Kazakh, Russian, English, meaning."""
    chosen = terms(lecture)
    if lecture is not None and not chosen:
        raise KeyError(f"no glossary terms list lecture {lecture!r}; add it to their `lectures`")
    headers = [msg("table.term"), msg("table.ru_en"), msg("table.definition"),
               msg("table.source")]
    rows = [[t.kk, f"{t.ru} / {t.en}", t.definition, t.source.label()] for t in chosen]
    return HtmlTable(headers, rows, row_ids=[t.id for t in chosen])
