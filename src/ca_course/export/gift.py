"""GIFT: write question banks as Moodle's GIFT text, and read that text back (for tests).

One ``$CATEGORY`` line per lecture, then ``::id::[html]prompt{answers ####feedback}``
with GIFT's reserved characters escaped. GIFT has no ordering type in Moodle < 4.4, so an
ordering question is written as a *matching* question whose right-hand side is the
position label ``msg("quiz.position", n=k)``. A multiple-choice question uses the
fractions of :func:`ca_course.export.moodle.multiple_choice_fractions`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from typing import Any

from ca_course import models as m
from ca_course.export.common import (
    category_path,
    course_name,
    feedback_html,
    html_inline,
    number,
    prompt_html,
    short_answer_variants,
    titles,
)
from ca_course.export.moodle import multiple_choice_fractions
from ca_course.messages import msg

__all__ = ["gift_escape", "parse_gift", "to_gift"]

GIFT_SPECIAL = "\\~=#{}:"


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



def _gift_answers(question: m.QuestionBase) -> list[str]:
    """Return the lines between the braces of one GIFT question (without feedback)."""
    match question:
        case m.SingleChoice():
            lines = []
            for option in question.options:
                text = gift_escape(html_inline(option.text))
                if option.id == question.answer:
                    lines.append("=" + text)
                else:
                    lines.append("~" + ("%0%" if text.startswith("%") else "") + text)
            return lines
        case m.MultipleChoice():
            fractions = multiple_choice_fractions(question)
            return [f"~%{fractions[o.id]}%" + gift_escape(html_inline(o.text))
                    for o in question.options]
        case m.TrueFalse():
            return ["T" if question.answer else "F"]
        case m.Numeric():
            return [f"#{number(question.answer)}:{number(question.tolerance)}"]
        case m.ShortText():
            variants = short_answer_variants(question.answers)
            for variant in variants:
                if "->" in variant:
                    raise ValueError(
                        f"{question.id}: short answer {variant!r} contains '->', which GIFT "
                        "reads as a matching question; export as Moodle XML or rephrase it")
            return ["=%100%" + gift_escape(v) for v in variants]
        case m.Matching():
            return [f"={gift_escape(html_inline(p.left))} -> {gift_escape(p.right)}"
                    for p in question.pairs]
        case m.Ordering():
            labels = [msg("quiz.position", n=k) for k in range(1, len(question.items) + 1)]
            return [f"={gift_escape(html_inline(item))} -> {gift_escape(label)}"
                    for item, label in zip(question.items, labels, strict=True)]
    raise TypeError(f"{question.id}: cannot export a {type(question).__name__}")


def _gift_question(question: m.QuestionBase) -> str:
    head = f"::{gift_escape(question.id)}::[html]{gift_escape(prompt_html(question))}"
    body = ["\t" + line for line in _gift_answers(question)]
    body.append("\t####" + gift_escape(feedback_html(question)))
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
    name = course_name(course)
    names = titles(banks, lecture_titles)
    blocks: list[str] = []
    for bank in banks:
        # Moodle reads the category line raw (no unescaping), so it is not GIFT-escaped.
        blocks.append(f"$CATEGORY: {category_path(name, bank.lecture, names[bank.lecture])}")
        blocks.extend(_gift_question(q) for q in bank.questions)
    return "\n\n".join(blocks) + "\n" if blocks else ""



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
