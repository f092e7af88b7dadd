"""Score one response to one question; the Python twin of ``assets/quiz.js``.

Responses have one shape per question type, shared with the JavaScript scorer and
with ``tests/fixtures/scoring_cases.yaml``:

========== ==========================================================
single     an option id, ``"b"``
multiple   a list of option ids, in any order
truefalse  ``True`` or ``False``
numeric    the typed text (``"3 252"``, ``"0,5"``) or a number
text       the typed text
matching   a mapping ``{left: right}`` for every left item
ordering   the list of items in the chosen order
========== ==========================================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ca_course import models as m
from ca_course.text import match_short_answer, parse_number

__all__ = ["Verdict", "score"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of scoring: right or not, or unusable input and why."""

    is_correct: bool
    problem: str | None = None  # a message key when the response cannot be scored

    @property
    def is_answered(self) -> bool:
        """Return whether the response could be scored at all."""
        return self.problem is None


WRONG = Verdict(False)
RIGHT = Verdict(True)


def score(question: m.QuestionBase, response: Any) -> Verdict:
    """Return the verdict for ``response`` to ``question``.

    Examples
    --------
    >>> q = m.Numeric(id="l02-q01", type="numeric", prompt="Биіктігі?", answer=3252,
    ...               tolerance=1, explanation="...", source={"doc": "000", "lines": [61, 61]})
    >>> score(q, "3 252").is_correct, score(q, "3254").is_correct
    (True, False)
    >>> score(q, "үш мың").problem
    'quiz.type_number'
    """
    match question:
        case m.SingleChoice():
            if not isinstance(response, str) or not response:
                return Verdict(False, "quiz.choose_one")
            return Verdict(response == question.answer)
        case m.MultipleChoice():
            if not isinstance(response, Sequence) or isinstance(response, str) or not response:
                return Verdict(False, "quiz.choose_some")
            return Verdict(set(response) == set(question.answers))
        case m.TrueFalse():
            if not isinstance(response, bool):
                return Verdict(False, "quiz.choose_one")
            return Verdict(response is question.answer)
        case m.Numeric():
            value = parse_number(response) if response is not None else None
            if value is None or math.isnan(value):
                return Verdict(False, "quiz.type_number")
            return Verdict(abs(value - question.answer) <= question.tolerance + 1e-9)
        case m.ShortText():
            if not isinstance(response, str) or not response.strip():
                return Verdict(False, "quiz.type_text")
            return Verdict(match_short_answer(question.answers, response))
        case m.Matching():
            if not isinstance(response, Mapping) or any(
                    not response.get(p.left) for p in question.pairs):
                return Verdict(False, "quiz.match_all")
            return Verdict(all(response[p.left] == p.right for p in question.pairs))
        case m.Ordering():
            if (not isinstance(response, Sequence) or isinstance(response, str)
                    or sorted(response) != sorted(question.items)):
                return Verdict(False, "quiz.order_all")
            return Verdict(list(response) == list(question.items))
    raise TypeError(f"unknown question type: {type(question).__name__}")
