"""Self-check quizzes: one :class:`Quiz` object, rendered as static HTML or live widgets.

>>> from ca_course import quiz
>>> q = quiz.show("l01")          # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ca_course import data
from ca_course import models as m
from ca_course.render import is_static

__all__ = ["Quiz", "show"]


class Quiz:
    """A lecture's question bank that displays itself the right way.

    In the book build (and in notebook tests) it is self-contained HTML+JS; in a live
    kernel it is ipywidgets scored in Python. Both keep one score per question, and
    :meth:`results` reports the live answers as a DataFrame.
    """

    def __init__(self, bank: m.QuizBank) -> None:
        self.bank = bank
        self._live: list[Any] | None = None
        self._widget: Any = None

    def __repr__(self) -> str:
        return f"<Quiz {self.bank.lecture}: {len(self.bank.questions)} questions>"

    def to_html(self) -> str:
        """Return the static, self-contained HTML rendering."""
        from ca_course.quiz.static import render_bank

        return render_bank(self.bank)

    def widget(self) -> Any:
        """Return the live ipywidgets rendering (built once)."""
        if self._widget is None:
            import ipywidgets as w

            from ca_course.messages import msg
            from ca_course.quiz.live import build_question

            score_label = w.HTML()

            def refresh(_: object = None) -> None:
                right = sum(1 for q in self._live or [] if q.verdict and q.verdict.is_correct)
                score_label.value = "<b>" + msg("quiz.score", score=right,
                                                total=len(self.bank.questions)) + "</b>"

            self._live = [build_question(i, q, refresh)
                          for i, q in enumerate(self.bank.questions, start=1)]
            refresh()
            title = w.HTML("<h4>" + msg("quiz.title", n=len(self.bank.questions)) + "</h4>")
            self._widget = w.VBox([title, score_label, *(q.box for q in self._live)])
            self.score_label = score_label
        return self._widget

    def results(self) -> pd.DataFrame:
        """Return one row per question: response, whether answered, whether right."""
        live = {q.question.id: q for q in self._live or []}
        rows = []
        for question in self.bank.questions:
            item = live.get(question.id)
            verdict = item.verdict if item else None
            rows.append({"id": question.id, "type": question.type,  # type: ignore[attr-defined]
                         "response": item.response if item else None,
                         "answered": verdict is not None,
                         "correct": bool(verdict and verdict.is_correct)})
        return pd.DataFrame(rows)

    def score(self) -> int:
        """Return how many questions are answered right in the live quiz."""
        return int(self.results()["correct"].sum())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if is_static():
            return {"text/html": self.to_html(), "text/plain": repr(self)}
        return self.widget()._repr_mimebundle_(include=include, exclude=exclude)


def show(lecture: str) -> Quiz:
    """Return the self-check quiz of ``lecture`` (for example ``"l01"``)."""
    return Quiz(data.quiz_bank(lecture))
