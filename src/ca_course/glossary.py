"""Show glossary terms from the data: a lecture's key terms, or the whole glossary."""

from __future__ import annotations

from html import escape

from ca_course import data
from ca_course.messages import msg
from ca_course.models import Term
from ca_course.render import display_helper
from ca_course.tables import HtmlTable

__all__ = ["definition_with_note", "note_html", "table", "terms"]


def terms(lecture: str | None = None) -> list:
    """Return the terms used by ``lecture`` (all terms when ``None``)."""
    return [t for t in data.glossary() if lecture is None or lecture in t.lectures]


def note_html(term: Term) -> str:
    """Return a term's editorial note as inline HTML marked as such (empty without a note).

    >>> from ca_course.models import Term, SourceRef
    >>> src = SourceRef(doc="000", lines=(1, 1))
    >>> t = Term(id="term-x", kk="x", ru="x", en="x", definition="x", source=src, note="<b>")
    >>> note_html(t)
    '<span class="ca-editorial-note"><strong>Редакциялық ескертпе:</strong> &lt;b&gt;</span>'
    >>> note_html(t.model_copy(update={"note": None}))
    ''
    """
    if not term.note:
        return ""
    return (f'<span class="ca-editorial-note"><strong>{escape(msg("glossary.note"))}:</strong> '
            f"{escape(term.note)}</span>")


def definition_with_note(term: Term) -> str:
    """Return a term's definition, followed by its editorial note marked as such (plain text).

    >>> from ca_course.models import Term, SourceRef
    >>> src = SourceRef(doc="000", lines=(1, 1))
    >>> t = Term(id="term-x", kk="x", ru="x", en="x", definition="Анықтама.", source=src,
    ...          note="Дереккөзде басқаша жазылған.")
    >>> definition_with_note(t)
    'Анықтама. (Редакциялық ескертпе: Дереккөзде басқаша жазылған.)'
    >>> definition_with_note(t.model_copy(update={"note": None}))
    'Анықтама.'
    """
    if not term.note:
        return term.definition
    return f"{term.definition} ({msg('glossary.note')}: {term.note})"


@display_helper
def table(lecture: str | None = None) -> HtmlTable:
    """Return the key terms of ``lecture`` as a table: Kazakh, Russian, English, meaning.

    A term's editorial note follows its definition, marked «Редакциялық ескертпе».
    """
    chosen = terms(lecture)
    if lecture is not None and not chosen:
        raise KeyError(f"no glossary terms list lecture {lecture!r}; add it to their `lectures`")
    headers = [msg("table.term"), msg("table.ru_en"), msg("table.definition"),
               msg("table.source")]
    rows = [[t.kk, f"{t.ru} / {t.en}", definition_with_note(t), t.source.label()] for t in chosen]
    return HtmlTable(headers, rows, row_ids=[t.id for t in chosen])
