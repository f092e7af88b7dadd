"""Write question banks as printed answer lists (the PDF edition's answer appendix)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ca_course import models as m
from ca_course.messages import msg

__all__ = ["answer_text", "answers_html"]


def _fmt_number(value: float) -> str:
    return (f"{value:g}" if value != int(value) else str(int(value))).replace(".", ",")


def answer_text(question: m.QuestionBase) -> str:
    """Return the right answer of ``question`` as printable text.

    Examples
    --------
    >>> q = m.Numeric(id="l02-q01", type="numeric", prompt="?", answer=3252, tolerance=0,
    ...               unit="м", explanation=".", source={"doc": "000", "lines": [61, 61]})
    >>> answer_text(q)
    '3252 м'
    """
    match question:
        case m.SingleChoice():
            return next(o.text for o in question.options if o.id == question.answer)
        case m.MultipleChoice():
            return "; ".join(o.text for o in question.options if o.id in question.answers)
        case m.TrueFalse():
            return msg("quiz.true" if question.answer else "quiz.false")
        case m.Numeric():
            text = _fmt_number(question.answer)
            if question.tolerance:
                text += f" ± {_fmt_number(question.tolerance)}"
            return f"{text} {question.unit}" if question.unit else text
        case m.ShortText():
            return question.answers[0]
        case m.Matching():
            return "; ".join(f"{p.left} — {p.right}" for p in question.pairs)
        case m.Ordering():
            return " → ".join(question.items)
    raise TypeError(f"unknown question type: {type(question).__name__}")


def answers_html(banks: Sequence[m.QuizBank], titles: dict[str, str]) -> str:
    """Return an HTML section with every bank's answers, lecture by lecture.

    Each lecture's answers (``#ans-<lecture>``) link back to its quiz (``#caq-<lecture>``),
    and each answer (``#ans-<question>``) to its question, so the PDF can jump both ways.
    """
    parts = [f'<section class="ca-answers" id="ca-answers"><h1>{escape(msg("print.answers"))}'
             "</h1>"]
    back = escape(msg("print.to_quiz"))
    for bank in banks:
        lecture = escape(bank.lecture)
        parts.append(f'<h2 id="ans-{lecture}">{escape(titles.get(bank.lecture, bank.lecture))}'
                     f'</h2><p class="ca-answers-back"><a href="#caq-{lecture}">{back}</a></p><ol>')
        for q in bank.questions:
            parts.append(f'<li><a id="ans-{escape(q.id)}" href="#{escape(q.id)}">'
                         f"<b>{escape(answer_text(q))}</b></a>. {escape(q.explanation)}</li>")
        parts.append("</ol>")
    parts.append("</section>")
    return "".join(parts)
