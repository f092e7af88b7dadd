"""Self-check quizzes: one :class:`Quiz` object, rendered as static HTML or live widgets.

:func:`show` gives back the same quiz object for a lecture every time it is called in a
kernel, so the quiz displayed in the lecture and ``quiz.show("l01").results()`` typed in
a later cell are one quiz: the table reflects what the class clicked.

>>> from ca_course import quiz
>>> quiz.show("l01") is quiz.show("l01")
True
>>> list(quiz.show("l01").results().columns)
['сұрақ', 'түрі', 'жауап', 'жауап берілді', 'дұрыс']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.render import NOTEBOOK, display_helper, is_static, mode

__all__ = ["RESULT_COLUMNS", "Quiz", "show"]

#: Message keys of the columns of :meth:`Quiz.results`, in order.
RESULT_COLUMNS = ("quiz.col.question", "quiz.col.type", "quiz.col.response",
                  "quiz.col.answered", "quiz.col.correct")


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

    def to_html(self, *, untrusted_note: bool = False) -> str:
        """Return the static, self-contained HTML rendering.

        ``untrusted_note`` adds a line, removed by the quiz's script when it runs, that
        tells a JupyterLab user who opened an untrusted notebook to run the cell.
        """
        from ca_course.quiz.static import render_bank

        return render_bank(self.bank, untrusted_note=untrusted_note)

    def widget(self) -> Any:
        """Return the live ipywidgets rendering (built once)."""
        if self._widget is None:
            import ipywidgets as w

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
        """Return one row per question of the live quiz, with Kazakh column names.

        Columns (:data:`RESULT_COLUMNS`): the question id, its type, the last response
        checked, whether a usable answer was checked, and whether it was right.
        """
        live = {q.question.id: q for q in self._live or []}
        rows = []
        for question in self.bank.questions:
            item = live.get(question.id)
            verdict = item.verdict if item else None
            kind = question.type  # type: ignore[attr-defined]
            values = (question.id, msg(f"quiz.type.{kind}"),
                      item.response if item else None, verdict is not None,
                      bool(verdict and verdict.is_correct))
            rows.append(dict(zip((msg(key) for key in RESULT_COLUMNS), values, strict=True)))
        return pd.DataFrame(rows, columns=[msg(key) for key in RESULT_COLUMNS])

    def score(self) -> int:
        """Return how many questions are answered right in the live quiz."""
        return sum(1 for q in self._live or [] if q.verdict and q.verdict.is_correct)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if is_static():
            return {"text/html": self.to_html(untrusted_note=mode() == NOTEBOOK),
                    "text/plain": repr(self)}
        return self.widget()._repr_mimebundle_(include=include, exclude=exclude)


_SHOWN: dict[str, Quiz] = {}


@display_helper
def show(lecture: str) -> Quiz:
    """Return the self-check quiz of ``lecture`` (for example ``"l01"``).

    The quiz is built once per lecture and kernel: later calls return the same object, so
    ``quiz.show("l01").results()`` reports the answers checked in the quiz shown above.
    Restart the kernel to start a fresh quiz.
    """
    if lecture not in _SHOWN:
        _SHOWN[lecture] = Quiz(data.quiz_bank(lecture))
    return _SHOWN[lecture]
