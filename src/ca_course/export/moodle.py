"""Export question banks for Moodle, as Moodle XML or as GIFT.

Both writers emit one category pseudo-question per lecture,
``$course$/top/<course name>/<lecture id> <lecture title>``, then that lecture's
questions. The question name is the question id (``l03-q07``); the explanation and the
source label (``000:41–44``) become the general feedback. Texts are HTML-escaped and
marked ``format="html"`` (GIFT: ``[html]``), so a prompt that contains ``<script>`` is
shown as text and never runs.

How each question type maps:

========== ============================ =========================================
ours       Moodle XML ``type``          GIFT
========== ============================ =========================================
single     ``multichoice``, single      ``{=right ~wrong}``
multiple   ``multichoice``, not single  ``{~%50%a ~%50%b ~%-100%c}``
truefalse  ``truefalse``                ``{T}`` / ``{F}``
numeric    ``numerical`` + tolerance    ``{#3252:1}``
text       ``shortanswer``, usecase 0   ``{=%100%a =%100%b}``
matching   ``matching`` (subquestions)  ``{=left -> right}``
ordering   ``ordering`` (Moodle ≥ 4.4)  a matching question: item -> its position
========== ============================ =========================================

GIFT has no ordering type, so :func:`to_gift` writes an ordering question as a matching
question whose right-hand side is the position label ``msg("quiz.position", n=k)``.

A multiple-choice question gives each right option ``100/n`` percent and each wrong one
``-100`` percent: Moodle only accepts the fractions in its fixed list (``1/n`` for
``n <= 10`` among them) and requires the right ones to add up to 100.

A short-answer question lists the accepted answers plus the Russian-keyboard spelling of
each (``қ``→``к`` …), deduplicated without regard to case, with ``*`` escaped because
Moodle reads it as a wildcard. Moodle cannot apply :mod:`ca_course.text`'s other
normalizations (Latin look-alikes, hyphens, quotes).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from ca_course import models as m
from ca_course.messages import MESSAGES, msg
from ca_course.text import letters

__all__ = [
    "DEFAULT_COURSE",
    "ExportFormat",
    "category_path",
    "gift_escape",
    "multiple_choice_fractions",
    "parse_gift",
    "short_answer_variants",
    "to_gift",
    "to_moodle_xml",
    "write_export",
]

ExportFormat = Literal["moodle-xml", "gift"]

#: Course category name used when ``messages`` has no ``course.title`` key.
DEFAULT_COURSE = "ca-course"

#: Moodle accepts a multiple-choice fraction of 1/n only for n <= 10 (question_bank's list).
MAX_RIGHT_OPTIONS = 10

GIFT_SPECIAL = "\\~=#{}:"


# --------------------------------------------------------------------------- helpers


def gift_escape(text: str) -> str:
    """Return ``text`` with GIFT's reserved characters escaped by a backslash.

    The backslash itself is doubled and a newline becomes ``\\n``, as in Moodle's own
    GIFT exporter, so a question always stays on one line of the file.

    Examples
    --------
    >>> print(gift_escape("1992: {ҰҚШҰ} = 6 ~ #1"))
    1992\\: \\{ҰҚШҰ\\} \\= 6 \\~ \\#1
    >>> print(gift_escape("a\\\\b\\nc"))
    a\\\\b\\nc
    """
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch in GIFT_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return "".join(out)


def _html_inline(text: str) -> str:
    return html.escape(text, quote=False)


def _html_block(text: str) -> str:
    """Return ``text`` as HTML paragraphs (split on blank lines), every character escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(f"<p>{_html_inline(p)}</p>" for p in paragraphs)


def _number(value: float) -> str:
    """Format a number the way Moodle's numerical question reads it (``.`` decimal)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _percent(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


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
    share = _percent(100 / len(right))
    return {o.id: share if o.id in right else "-100" for o in question.options}


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


def short_answer_variants(answers: Sequence[str]) -> list[str]:
    """Return the accepted answers plus their Russian-keyboard spellings, for Moodle.

    The bank's answers come first, in order, then the folded spellings. Duplicates are
    dropped without regard to case, because the export sets ``usecase`` to 0. ``*`` is
    escaped as ``\\*``, since Moodle's short answer reads a bare ``*`` as a wildcard.

    Examples
    --------
    >>> short_answer_variants(["Қазақстан", "Казахстан", "қазақстан"])
    ['Қазақстан', 'Казахстан', 'Казакстан']
    >>> short_answer_variants(["5*2"])
    ['5\\\\*2']
    """
    seen: set[str] = set()
    out: list[str] = []
    for variant in [*answers, *(_fold(a) for a in answers)]:
        key = variant.casefold()
        if variant and key not in seen:
            seen.add(key)
            out.append(variant.replace("*", "\\*"))
    return out


def _course_name(course: str | None) -> str:
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


def _feedback_html(question: m.QuestionBase) -> str:
    source = msg("quiz.source") + ": " + question.source.label()
    return _html_block(question.explanation) + f"<p>{_html_inline(source)}</p>"


def _prompt_html(question: m.QuestionBase) -> str:
    text = _html_block(question.prompt)
    if isinstance(question, m.Numeric) and question.unit:
        hint = msg("quiz.unit", unit=question.unit)
        text += f"<p>{_html_inline(hint)}</p>"
    return text


def _titles(banks: Sequence[m.QuizBank],
            lecture_titles: Mapping[str, str] | None) -> dict[str, str]:
    given = lecture_titles or {}
    return {b.lecture: given.get(b.lecture, b.title) for b in banks}


# --------------------------------------------------------------------------- Moodle XML


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str | None) -> ET.Element:
    attrs = {"fraction": fraction}
    if fmt:
        attrs["format"] = fmt
    element = ET.SubElement(parent, "answer", attrs)
    ET.SubElement(element, "text").text = text
    _text(element, "feedback", "")
    return element


def _xml_question(question: m.QuestionBase) -> ET.Element:
    qtype = {
        m.SingleChoice: "multichoice", m.MultipleChoice: "multichoice",
        m.TrueFalse: "truefalse", m.Numeric: "numerical", m.ShortText: "shortanswer",
        m.Matching: "matching", m.Ordering: "ordering",
    }.get(type(question))
    if qtype is None:
        raise TypeError(f"{question.id}: cannot export a {type(question).__name__}")
    el = ET.Element("question", {"type": qtype})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = question.id
    _text(el, "questiontext", _prompt_html(question))
    _text(el, "generalfeedback", _feedback_html(question))
    _simple(el, "defaultgrade", "1")
    _simple(el, "penalty", "1" if isinstance(question, m.TrueFalse) else "0.3333333")
    _simple(el, "hidden", "0")

    match question:
        case m.SingleChoice():
            _simple(el, "single", "true")
            _simple(el, "shuffleanswers", "false")
            _simple(el, "answernumbering", "abc")
            for option in question.options:
                fraction = "100" if option.id == question.answer else "0"
                _answer(el, fraction, _html_inline(option.text), "html")
        case m.MultipleChoice():
            fractions = multiple_choice_fractions(question)
            _simple(el, "single", "false")
            _simple(el, "shuffleanswers", "false")
            _simple(el, "answernumbering", "abc")
            ET.SubElement(el, "shownumcorrect")
            for option in question.options:
                _answer(el, fractions[option.id], _html_inline(option.text), "html")
        case m.TrueFalse():
            _answer(el, "100" if question.answer else "0", "true", "moodle_auto_format")
            _answer(el, "0" if question.answer else "100", "false", "moodle_auto_format")
        case m.Numeric():
            answer = _answer(el, "100", _number(question.answer), None)
            _simple(answer, "tolerance", _number(question.tolerance))
            _simple(el, "unitgradingtype", "0")
            _simple(el, "unitpenalty", "0.1000000")
            _simple(el, "showunits", "3")  # qtype_numerical::UNITNONE: unit is in the prompt
            _simple(el, "unitsleft", "0")
        case m.ShortText():
            _simple(el, "usecase", "0")
            for variant in short_answer_variants(question.answers):
                _answer(el, "100", variant, "moodle_auto_format")
        case m.Matching():
            _simple(el, "shuffleanswers", "true")
            for pair in question.pairs:
                sub = _text(el, "subquestion", _html_inline(pair.left))
                answer = ET.SubElement(sub, "answer")
                ET.SubElement(answer, "text").text = pair.right
        case m.Ordering():
            _simple(el, "layouttype", "VERTICAL")
            _simple(el, "selecttype", "ALL")
            _simple(el, "selectcount", str(len(question.items)))
            _simple(el, "gradingtype", "ALL_OR_NOTHING")
            _simple(el, "showgrading", "SHOW")
            _simple(el, "numberingstyle", "none")
            for position, item in enumerate(question.items, start=1):
                answer = ET.SubElement(el, "answer",
                                       {"fraction": str(position), "format": "html"})
                ET.SubElement(answer, "text").text = _html_inline(item)
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
        ``course.title`` when it exists, else :data:`DEFAULT_COURSE`.
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
    name = _course_name(course)
    titles = _titles(banks, lecture_titles)
    for bank in banks:
        category = ET.SubElement(root, "question", {"type": "category"})
        inner = ET.SubElement(category, "category")
        ET.SubElement(inner, "text").text = category_path(name, bank.lecture,
                                                          titles[bank.lecture])
        _text(category, "info", "")
        for question in bank.questions:
            root.append(_xml_question(question))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# --------------------------------------------------------------------------- GIFT


def _gift_answers(question: m.QuestionBase) -> list[str]:
    """Return the lines between the braces of one GIFT question (without feedback)."""
    match question:
        case m.SingleChoice():
            lines = []
            for option in question.options:
                text = gift_escape(_html_inline(option.text))
                if option.id == question.answer:
                    lines.append("=" + text)
                else:
                    lines.append("~" + ("%0%" if text.startswith("%") else "") + text)
            return lines
        case m.MultipleChoice():
            fractions = multiple_choice_fractions(question)
            return [f"~%{fractions[o.id]}%" + gift_escape(_html_inline(o.text))
                    for o in question.options]
        case m.TrueFalse():
            return ["T" if question.answer else "F"]
        case m.Numeric():
            return [f"#{_number(question.answer)}:{_number(question.tolerance)}"]
        case m.ShortText():
            variants = short_answer_variants(question.answers)
            for variant in variants:
                if "->" in variant:
                    raise ValueError(
                        f"{question.id}: short answer {variant!r} contains '->', which GIFT "
                        "reads as a matching question; export as Moodle XML or rephrase it")
            return ["=%100%" + gift_escape(v) for v in variants]
        case m.Matching():
            return [f"={gift_escape(_html_inline(p.left))} -> {gift_escape(p.right)}"
                    for p in question.pairs]
        case m.Ordering():
            labels = [msg("quiz.position", n=k) for k in range(1, len(question.items) + 1)]
            return [f"={gift_escape(_html_inline(item))} -> {gift_escape(label)}"
                    for item, label in zip(question.items, labels, strict=True)]
    raise TypeError(f"{question.id}: cannot export a {type(question).__name__}")


def _gift_question(question: m.QuestionBase) -> str:
    head = f"::{gift_escape(question.id)}::[html]{gift_escape(_prompt_html(question))}"
    body = ["\t" + line for line in _gift_answers(question)]
    body.append("\t####" + gift_escape(_feedback_html(question)))
    return head + "{\n" + "\n".join(body) + "\n}"


def to_gift(banks: Sequence[m.QuizBank], *, course: str | None = None,
            lecture_titles: Mapping[str, str] | None = None) -> str:
    """Return the banks as GIFT text, one ``$CATEGORY`` block per lecture.

    Every question is ``::id::[html]prompt{answers ####feedback}`` with GIFT's reserved
    characters escaped. An ordering question becomes a *matching* question (GIFT has no
    ordering type): each item is matched with its position label, ``1-орын``, ``2-орын`` …
    Parameters and errors are those of :func:`to_moodle_xml`.

    Examples
    --------
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.Numeric(
    ...     id="l01-q01", type="numeric", prompt="2 + 2 = ?", answer=4, tolerance=0,
    ...     explanation="-", source={"doc": "000", "lines": [5, 5]})])
    >>> print(to_gift([bank], course="C"))  # doctest: +NORMALIZE_WHITESPACE
    $CATEGORY: $course$/top/C/l01 Кіріспе
    <BLANKLINE>
    ::l01-q01::[html]<p>2 + 2 \\= ?</p>{
        #4:0
        ####<p>-</p><p>Дереккөз\\: 000\\:5</p>
    }
    <BLANKLINE>
    """
    name = _course_name(course)
    titles = _titles(banks, lecture_titles)
    blocks: list[str] = []
    for bank in banks:
        # Moodle reads the category line raw (no unescaping), so it is not GIFT-escaped.
        blocks.append(f"$CATEGORY: {category_path(name, bank.lecture, titles[bank.lecture])}")
        blocks.extend(_gift_question(q) for q in bank.questions)
    return "\n\n".join(blocks) + "\n" if blocks else ""


# --------------------------------------------------------------------------- writing


def write_export(banks: Sequence[m.QuizBank], fmt: ExportFormat, out: Path, *,
                 course: str | None = None,
                 lecture_titles: Mapping[str, str] | None = None) -> int:
    """Write the banks to ``out`` in ``fmt`` (UTF-8) and return the number of questions.

    Category pseudo-questions are not counted.

    Raises
    ------
    ValueError
        If ``fmt`` is not ``"moodle-xml"`` or ``"gift"``, or a question cannot be exported.

    Examples
    --------
    >>> import tempfile
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.TrueFalse(
    ...     id="l01-q01", type="truefalse", prompt="?", answer=False, explanation="-",
    ...     source={"doc": "000", "lines": [1, 1]})])
    >>> write_export([bank], "gift", Path(tempfile.mkdtemp()) / "l01.gift.txt")
    1
    >>> write_export([bank], "csv", Path("x.csv"))
    Traceback (most recent call last):
    ...
    ValueError: unknown export format 'csv'; use 'moodle-xml' or 'gift'
    """
    if fmt == "moodle-xml":
        text = to_moodle_xml(banks, course=course, lecture_titles=lecture_titles)
    elif fmt == "gift":
        text = to_gift(banks, course=course, lecture_titles=lecture_titles)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use 'moodle-xml' or 'gift'")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    return sum(len(b.questions) for b in banks)


# --------------------------------------------------------------------------- GIFT reader

# Private-use placeholders for escaped characters, as Moodle's escapedchar_pre does.
_PLACEHOLDERS = {ch: chr(0xE000 + i) for i, ch in enumerate(":#={}~")}
_NEWLINE = chr(0xE010)
_BACKSLASH = chr(0xE011)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for ch, placeholder in _PLACEHOLDERS.items():
        text = text.replace("\\" + ch, placeholder)
    return text.replace("\\n", _NEWLINE).replace(_BACKSLASH, "\\")


def _restore(text: str) -> str:
    for ch, placeholder in _PLACEHOLDERS.items():
        text = text.replace(placeholder, ch)
    return text.replace(_NEWLINE, "\n").strip()


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and self.current:
            self.paragraphs.append("".join(self.current))
            self.current = []

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def text(self) -> str:
        self.close()
        parts = [*self.paragraphs, "".join(self.current)]
        return "\n\n".join(p for p in parts if p)


def _plain(fragment: str) -> str:
    parser = _TextOfHtml()
    parser.feed(fragment)
    return parser.text()


def _weight(answer: str) -> tuple[float | None, str]:
    found = _WEIGHT.match(answer)
    if not found:
        return None, answer
    return float(found.group(1)), answer[found.end():]


def _parse_block(block: str, category: str | None) -> dict[str, Any]:
    text = _protect(block)
    name = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise ValueError(f"GIFT question without a closing '::' after its name: {block!r}")
        name = _restore(text[2:end])
        text = text[end + 2:].strip()
    start, stop = text.find("{"), text.find("}")
    if start < 0 or stop < start:
        raise ValueError(f"{name}: GIFT question without an answer block {{…}}")
    question_text, answers = text[:start].strip(), text[start + 1:stop].strip()
    fmt = "moodle"
    if question_text.startswith("[") and "]" in question_text:
        fmt, question_text = question_text[1:].split("]", 1)
    feedback = ""
    if "####" in answers:
        answers, feedback = answers[:answers.rfind("####")], answers[answers.rfind("####") + 4:]
        answers = answers.strip()
    item: dict[str, Any] = {"name": name, "category": category, "format": fmt,
                            "text": _restore(question_text), "feedback": _restore(feedback)}
    item["prompt"] = _plain(item["text"]) if fmt == "html" else item["text"]
    as_text = _plain if fmt == "html" else (lambda s: s)

    def split(sep: str) -> list[str]:
        return [a.strip() for a in answers.replace(sep, "\n" + sep).split("\n")
                if a.strip() and a.strip() != sep]

    if answers.startswith("#"):
        value, _, tolerance = answers[1:].strip().partition(":")
        item |= {"type": "numerical", "answers": [
            {"value": float(value), "tolerance": float(tolerance or 0)}]}
    elif "~" in answers:
        options = []
        for raw in re.split(r"(?=[~=])", answers):
            raw = raw.strip()
            if not raw:
                continue
            right, body = raw[0] == "=", raw[1:].strip()
            weight, body = _weight(body)
            fraction = 100.0 if right and weight is None else (weight or 0.0)
            options.append({"text": as_text(_restore(body)), "fraction": fraction})
        item |= {"type": "multichoice", "single": "=" in answers, "answers": options}
    elif "=" in answers and "->" in answers:
        pairs = []
        for raw in split("="):
            left, arrow, right = raw[1:].partition("->")
            if not arrow:
                raise ValueError(f"{name}: matching answer without '->': {_restore(raw)!r}")
            pairs.append((as_text(_restore(left)), _restore(right)))
        item |= {"type": "matching", "pairs": pairs}
    elif answers in {"T", "TRUE", "F", "FALSE"}:
        item |= {"type": "truefalse", "answer": answers in {"T", "TRUE"}}
    else:
        accepted = []
        for raw in split("="):
            _, body = _weight(raw[1:].strip())
            accepted.append(_restore(body))
        item |= {"type": "shortanswer", "answers": accepted}
    return item


def parse_gift(text: str) -> list[dict[str, Any]]:
    """Read back the GIFT that :func:`to_gift` writes (a test aid, not a full GIFT parser).

    Questions are separated by blank lines; lines starting with ``//`` are comments.
    Each question becomes a dict with ``name``, ``category`` (the last ``$CATEGORY``),
    ``format``, ``text`` and ``feedback`` (unescaped, still HTML), ``prompt`` (the text
    as plain text) and ``type``, Moodle's name for how it reads the answers:

    * ``multichoice``: ``single`` and ``answers``, a list of ``{text, fraction}``;
    * ``truefalse``: ``answer``, a bool;
    * ``numerical``: ``answers``, a list of ``{value, tolerance}``;
    * ``shortanswer``: ``answers``, a list of strings;
    * ``matching``: ``pairs``, a list of ``(left, right)``.

    Examples
    --------
    >>> [q] = parse_gift("::l01-q09::[html]<p>1991 \\\\: ?</p>{=%100%Алматы =%100%Almaty}")
    >>> q["name"], q["type"], q["prompt"], q["answers"]
    ('l01-q09', 'shortanswer', '1991 : ?', ['Алматы', 'Almaty'])
    """
    questions: list[dict[str, Any]] = []
    category: str | None = None
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = [ln for ln in block.split("\n") if not ln.strip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            category = block[len("$CATEGORY:"):].strip()
            continue
        questions.append(_parse_block(block, category))
    return questions
