"""Moodle XML: every question carries the elements Moodle's own exporter writes for its type.

The writer emits one category pseudo-question per lecture,
``$course$/top/<course name>/<lecture id> <lecture title>``, then that lecture's
questions. The question name is the question id (``l03-q07``).

Which elements each type carries, and where in Moodle's source each comes from, is
listed in ``moodle_reference.yaml`` beside this module (read it with
:func:`moodle_reference`); ``tests/test_export_moodle.py`` checks every exported
question against it. The list matters: Moodle's ordering importer
(``qtype_ordering::import_from_xml``) treats a missing ``<shownumcorrect>`` as an old
file and invents two hints with options but no hint text, which PostgreSQL then refuses
(``question_hints.hintformat`` is null). So an ordering question always carries
``<shownumcorrect>1</shownumcorrect>``, as Moodle's own exporter writes it.

How each question type maps:

========== ============================ =========================================
ours       Moodle XML ``type``          notes
========== ============================ =========================================
single     ``multichoice``, single      right option 100 %, others 0 %
multiple   ``multichoice``, not single  right ``100/n`` %, wrong -100 %
truefalse  ``truefalse``                penalty 1
numeric    ``numerical`` + tolerance    unit shown in the prompt (``showunits`` 3)
text       ``shortanswer``, usecase 0   plus Russian-keyboard spellings
matching   ``matching`` (subquestions)
ordering   ``ordering`` (Moodle ≥ 4.4)  all or nothing, every item shown
========== ============================ =========================================

Fractions: Moodle accepts only the grades of its fixed list
(:data:`MOODLE_FRACTIONS`, from ``question_bank::ensure_fraction_options_initialised``);
``1/n`` is on it for ``n <= 10``. A multiple-choice question therefore gives each of its
``n`` right options ``100/n`` percent (the right ones add up to 100, as
``qtype_multichoice`` requires after rounding to two decimals) and each wrong one -100
percent; more than 10 right options is refused with the question's id.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ca_course import models as m
from ca_course.export.common import (
    category_path,
    course_name,
    feedback_html,
    html_inline,
    number,
    percent,
    prompt_html,
    short_answer_variants,
    titles,
)

__all__ = [
    "MAX_RIGHT_OPTIONS",
    "MOODLE_FRACTIONS",
    "REFERENCE_PATH",
    "is_moodle_fraction",
    "moodle_reference",
    "multiple_choice_fractions",
    "to_moodle_xml",
]

#: Moodle accepts a multiple-choice fraction of 1/n only for n <= 10.
MAX_RIGHT_OPTIONS = 10

#: The element list per question type, with the Moodle file and function of each.
REFERENCE_PATH = Path(__file__).with_name("moodle_reference.yaml")

_POSITIVE = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
             0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
#: Every grade fraction Moodle accepts for an answer, from -1 to 1.
MOODLE_FRACTIONS: tuple[float, ...] = (0.0, *_POSITIVE, *(-f for f in _POSITIVE))

_QTYPES: dict[type, str] = {
    m.SingleChoice: "multichoice", m.MultipleChoice: "multichoice",
    m.TrueFalse: "truefalse", m.Numeric: "numerical", m.ShortText: "shortanswer",
    m.Matching: "matching", m.Ordering: "ordering",
}


def is_moodle_fraction(percent_text: str) -> bool:
    """Return whether a grade in percent (as written in the file) is on Moodle's list.

    Moodle compares within 0.00001 of a listed fraction (``match_grade_options``).

    Examples
    --------
    >>> is_moodle_fraction("33.33333"), is_moodle_fraction("-100"), is_moodle_fraction("40")
    (True, True, True)
    >>> is_moodle_fraction("35"), is_moodle_fraction("25.5")
    (False, False)
    """
    value = float(percent_text) / 100
    return any(abs(value - f) < 0.00001 for f in MOODLE_FRACTIONS)


@cache
def moodle_reference() -> dict[str, Any]:
    """Return the reference list of Moodle XML elements per question type (a dict)."""
    return YAML(typ="safe").load(REFERENCE_PATH.read_text(encoding="utf-8"))


def multiple_choice_fractions(question: m.MultipleChoice) -> dict[str, str]:
    """Return the Moodle grade (in percent, as text) of each option of ``question``.

    Each right option gets ``100/n`` (``n`` right options), each wrong one ``-100``.

    Raises
    ------
    ValueError
        If the question has more right options than Moodle has fractions for.

    Examples
    --------
    >>> q = m.MultipleChoice(id="l03-q02", type="multiple", prompt="?", explanation="-",
    ...     source={"doc": "000", "lines": [1, 1]}, answers=["a", "b", "c"],
    ...     options=[{"id": k, "text": k} for k in "abcd"])
    >>> multiple_choice_fractions(q)
    {'a': '33.33333', 'b': '33.33333', 'c': '33.33333', 'd': '-100'}
    """
    right = set(question.answers)
    if len(right) > MAX_RIGHT_OPTIONS:
        raise ValueError(
            f"{question.id}: {len(right)} right options, but Moodle only has the fraction "
            f"1/n for n <= {MAX_RIGHT_OPTIONS}; split the question or mark fewer options right"
        )
    share = percent(100 / len(right))
    return {o.id: share if o.id in right else "-100" for o in question.options}


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str,
            *, feedback: bool = True) -> ET.Element:
    element = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(element, "text").text = text
    if feedback:
        _text(element, "feedback", "")
    return element


def _combined_feedback(el: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(el, tag, "")


def _xml_question(question: m.QuestionBase) -> ET.Element:
    qtype = _QTYPES.get(type(question))
    if qtype is None:
        raise TypeError(f"{question.id}: cannot export a {type(question).__name__}")
    el = ET.Element("question", {"type": qtype})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = question.id
    _text(el, "questiontext", prompt_html(question))
    _text(el, "generalfeedback", feedback_html(question))
    _simple(el, "defaultgrade", "1")
    _simple(el, "penalty", "1" if isinstance(question, m.TrueFalse) else "0.3333333")
    _simple(el, "hidden", "0")
    _simple(el, "idnumber", "")

    match question:
        case m.SingleChoice():
            _simple(el, "single", "true")
            _simple(el, "shuffleanswers", "false")
            _simple(el, "answernumbering", "abc")
            _simple(el, "showstandardinstruction", "1")
            _combined_feedback(el)
            for option in question.options:
                fraction = "100" if option.id == question.answer else "0"
                _answer(el, fraction, html_inline(option.text), "html")
        case m.MultipleChoice():
            fractions = multiple_choice_fractions(question)
            _simple(el, "single", "false")
            _simple(el, "shuffleanswers", "false")
            _simple(el, "answernumbering", "abc")
            _simple(el, "showstandardinstruction", "1")
            _combined_feedback(el)
            ET.SubElement(el, "shownumcorrect")
            for option in question.options:
                _answer(el, fractions[option.id], html_inline(option.text), "html")
        case m.TrueFalse():
            _answer(el, "100" if question.answer else "0", "true", "moodle_auto_format")
            _answer(el, "0" if question.answer else "100", "false", "moodle_auto_format")
        case m.Numeric():
            answer = _answer(el, "100", number(question.answer), "moodle_auto_format")
            _simple(answer, "tolerance", number(question.tolerance))
            _simple(el, "unitgradingtype", "0")
            _simple(el, "unitpenalty", "0.1000000")
            _simple(el, "showunits", "3")  # qtype_numerical::UNITNONE: unit is in the prompt
            _simple(el, "unitsleft", "0")
            _text(el, "instructions", "")
        case m.ShortText():
            _simple(el, "usecase", "0")
            for variant in short_answer_variants(question.answers):
                _answer(el, "100", variant, "moodle_auto_format")
        case m.Matching():
            _simple(el, "shuffleanswers", "true")
            _combined_feedback(el)
            ET.SubElement(el, "shownumcorrect")
            for pair in question.pairs:
                sub = _text(el, "subquestion", html_inline(pair.left))
                answer = ET.SubElement(sub, "answer")
                ET.SubElement(answer, "text").text = pair.right
        case m.Ordering():
            _simple(el, "layouttype", "VERTICAL")
            _simple(el, "selecttype", "ALL")
            _simple(el, "selectcount", str(len(question.items)))
            _simple(el, "gradingtype", "ALL_OR_NOTHING")
            _simple(el, "showgrading", "SHOW")
            _simple(el, "numberingstyle", "none")
            _combined_feedback(el)
            _simple(el, "shownumcorrect", "1")
            for position, item in enumerate(question.items, start=1):
                _answer(el, str(position), html_inline(item), "html", feedback=False)
    return el


def to_moodle_xml(banks: Sequence[m.QuizBank], *, course: str | None = None,
                  lecture_titles: Mapping[str, str] | None = None) -> str:
    """Return the banks as one Moodle XML document (a ``<quiz>``).

    Parameters
    ----------
    banks
        The question banks, in the order to write them.
    course
        Name of the course category under ``$course$/top``; defaults to the message
        ``course.title`` when it exists, else :data:`~ca_course.export.common.DEFAULT_COURSE`.
    lecture_titles
        Lecture id → title for the category names; a bank's own ``title`` otherwise.

    Returns
    -------
    str
        The document, starting with an XML declaration (encode it before handing it
        to :func:`xml.etree.ElementTree.fromstring`).

    Raises
    ------
    ValueError
        If a question cannot be expressed in Moodle (the message names its id).

    Examples
    --------
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.TrueFalse(
    ...     id="l01-q01", type="truefalse", prompt="1 < 2", answer=True, explanation="-",
    ...     source={"doc": "000", "lines": [3, 4]})])
    >>> root = ET.fromstring(to_moodle_xml([bank], course="C").encode())
    >>> [q.get("type") for q in root]
    ['category', 'truefalse']
    >>> root.find("question/category/text").text
    '$course$/top/C/l01 Кіріспе'
    >>> root.find("question[@type='truefalse']/questiontext/text").text
    '<p>1 &lt; 2</p>'
    """
    root = ET.Element("quiz")
    name = course_name(course)
    names = titles(banks, lecture_titles)
    for bank in banks:
        category = ET.SubElement(root, "question", {"type": "category"})
        inner = ET.SubElement(category, "category")
        ET.SubElement(inner, "text").text = category_path(name, bank.lecture,
                                                          names[bank.lecture])
        _text(category, "info", "")
        _simple(category, "idnumber", "")
        for question in bank.questions:
            root.append(_xml_question(question))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
