"""Helpers every exporter shares: HTML escaping, numbers, category names, answer variants.

Texts are HTML-escaped and wrapped in ``<p>`` paragraphs, so a prompt that contains
``<script>`` is shown as text and never runs in any LMS. The explanation and the
source label (``000:41–44``) become the general feedback.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from ca_course import models as m
from ca_course.messages import MESSAGES, msg
from ca_course.text import letters

__all__ = [
    "DEFAULT_COURSE",
    "category_path",
    "course_name",
    "feedback_html",
    "html_block",
    "html_inline",
    "number",
    "percent",
    "prompt_html",
    "short_answer_variants",
    "titles",
]

#: Course category name used when ``messages`` has no ``course.title`` key.
DEFAULT_COURSE = "ca-course"


def html_inline(text: str) -> str:
    """Return ``text`` with ``<``, ``>`` and ``&`` escaped (quotes kept).

    Examples
    --------
    >>> html_inline("<b>1 & 2</b>")
    '&lt;b&gt;1 &amp; 2&lt;/b&gt;'
    """
    return html.escape(text, quote=False)


def html_block(text: str) -> str:
    """Return ``text`` as HTML paragraphs (split on blank lines), every character escaped.

    Examples
    --------
    >>> html_block("a < b\\n\\nc")
    '<p>a &lt; b</p><p>c</p>'
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{html_inline(p)}</p>" for p in paragraphs)


def number(value: float) -> str:
    """Format a number with a ``.`` decimal point and no needless ``.0``.

    Examples
    --------
    >>> number(3252.0), number(1.5), number(-0.25)
    ('3252', '1.5', '-0.25')
    """
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def percent(value: float) -> str:
    """Format a percentage with at most five decimals, as Moodle writes grades.

    Examples
    --------
    >>> percent(100 / 3), percent(-100), percent(50.0)
    ('33.33333', '-100', '50')
    """
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


def _fold(text: str) -> str:
    table = letters().kazakh_to_russian
    out = []
    for ch in text:
        low = ch.lower()
        folded = table.get(low)
        if folded is None:
            out.append(ch)
        else:
            out.append(folded.upper() if ch != low else folded)
    return "".join(out)


def short_answer_variants(answers: Sequence[str], *, escape_star: bool = True) -> list[str]:
    """Return the accepted answers plus their Russian-keyboard spellings.

    The bank's answers come first, in order, then the folded spellings (``қ``→``к`` …).
    Duplicates are dropped without regard to case, because the exports match answers
    case-insensitively. With ``escape_star`` (Moodle), ``*`` becomes ``\\*``, since
    Moodle's short answer reads a bare ``*`` as a wildcard; Canvas matches literally.

    Examples
    --------
    >>> short_answer_variants(["Қазақстан", "Казахстан", "қазақстан"])
    ['Қазақстан', 'Казахстан', 'Казакстан']
    >>> short_answer_variants(["5*2"]), short_answer_variants(["5*2"], escape_star=False)
    (['5\\\\*2'], ['5*2'])
    """
    seen: set[str] = set()
    out: list[str] = []
    for variant in [*answers, *(_fold(a) for a in answers)]:
        key = variant.casefold()
        if variant and key not in seen:
            seen.add(key)
            out.append(variant.replace("*", "\\*") if escape_star else variant)
    return out


def course_name(course: str | None) -> str:
    """Return ``course``, else the message ``course.title``, else :data:`DEFAULT_COURSE`."""
    if course is not None:
        return course
    return MESSAGES.get("course.title", DEFAULT_COURSE)


def category_path(course: str, lecture: str, title: str) -> str:
    """Return the Moodle category path of one lecture's questions.

    A ``/`` inside a name is doubled, as Moodle's ``assemble_category_path`` does.

    Examples
    --------
    >>> category_path("ca-course", "l03", "Шекаралар / анклавтар")
    '$course$/top/ca-course/l03 Шекаралар // анклавтар'
    """
    names = [course, f"{lecture} {title}".strip()]
    escaped = []
    for name in names:
        name = " ".join(name.split()).replace("/", "//")
        if name.startswith("/"):
            name = " " + name
        if name.endswith("/"):
            name += " "
        escaped.append(name)
    return "$course$/top/" + "/".join(escaped)


def feedback_html(question: m.QuestionBase) -> str:
    """Return the explanation and the source label as HTML paragraphs."""
    source = msg("quiz.source") + ": " + question.source.label()
    return html_block(question.explanation) + f"<p>{html_inline(source)}</p>"


def prompt_html(question: m.QuestionBase) -> str:
    """Return the prompt as HTML paragraphs, plus the unit hint of a numeric question."""
    text = html_block(question.prompt)
    if isinstance(question, m.Numeric) and question.unit:
        hint = msg("quiz.unit", unit=question.unit)
        text += f"<p>{html_inline(hint)}</p>"
    return text


def titles(banks: Sequence[m.QuizBank],
           lecture_titles: Mapping[str, str] | None) -> dict[str, str]:
    """Return lecture id → title: ``lecture_titles`` where given, else the bank's title."""
    given = lecture_titles or {}
    return {b.lecture: given.get(b.lecture, b.title) for b in banks}
