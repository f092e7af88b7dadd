"""Render a question bank as live ipywidgets, scored in Python."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from ca_course import models as m
from ca_course.messages import msg
from ca_course.quiz.layout import display_order
from ca_course.quiz.scoring import Verdict, score

__all__ = ["LiveQuestion", "build_question"]




class LiveQuestion:
    """One question as widgets: input controls, a check button and a feedback area."""

    def __init__(self, number: int, question: m.QuestionBase,
                 on_scored: Callable[[LiveQuestion], None]) -> None:
        self.question = question
        self.verdict: Verdict | None = None
        self.response: Any = None
        self._on_scored = on_scored
        self._read: Callable[[], Any]
        controls = self._controls()
        prompt = w.HTML(f"<b>{number}. {escape(question.prompt)}</b> "
                        f"<i>({escape(msg('quiz.type.' + question.type))})</i>")  # type: ignore[attr-defined]
        self.button = w.Button(description=msg("quiz.check"), button_style="primary")
        self.button.on_click(lambda _: self.check())
        self.feedback = w.HTML()
        self.box = w.VBox([prompt, controls, self.button, self.feedback],
                          layout=w.Layout(border="1px solid #d0d7de", padding="6px 10px",
                                          margin="0 0 10px 0"))

    def _controls(self) -> w.Widget:
        q = self.question
        match q:
            case m.SingleChoice():
                self.input = w.RadioButtons(options=[(o.text, o.id) for o in q.options],
                                            value=None, layout=w.Layout(width="auto"))
                self._read = lambda: self.input.value
                return self.input
            case m.TrueFalse():
                self.input = w.RadioButtons(options=[(msg("quiz.true"), True),
                                                     (msg("quiz.false"), False)], value=None)
                self._read = lambda: self.input.value
                return self.input
            case m.MultipleChoice():
                self.boxes = [w.Checkbox(description=o.text, value=False, indent=False)
                              for o in q.options]
                ids = [o.id for o in q.options]
                self._read = lambda: [i for i, b in zip(ids, self.boxes, strict=True) if b.value]
                return w.VBox(self.boxes)
            case m.Numeric() | m.ShortText():
                self.input = w.Text(placeholder=msg("quiz.answer_label"))
                self._read = lambda: self.input.value
                unit = [w.Label(msg("quiz.unit", unit=q.unit))] if isinstance(
                    q, m.Numeric) and q.unit else []
                return w.HBox([self.input, *unit])
            case m.Matching():
                rights = display_order([p.right for p in q.pairs], q.id)
                self.selects = {p.left: w.Dropdown(options=[(msg("quiz.placeholder"), "")]
                                                   + [(r, r) for r in rights], value="")
                                for p in q.pairs}
                self._read = lambda: {left: s.value for left, s in self.selects.items()}
                return w.VBox([w.HBox([w.Label(left), s]) for left, s in self.selects.items()])
            case m.Ordering():
                shown = display_order(list(q.items), q.id)
                positions = [(msg("quiz.placeholder"), 0)] + [
                    (msg("quiz.position", n=n), n) for n in range(1, len(shown) + 1)]
                self.selects = {item: w.Dropdown(options=positions, value=0) for item in shown}

                def read_order() -> list[str] | None:
                    chosen = {item: s.value for item, s in self.selects.items()}
                    if sorted(chosen.values()) != list(range(1, len(chosen) + 1)):
                        return None
                    return [item for item, _ in sorted(chosen.items(), key=lambda kv: kv[1])]

                self._read = read_order
                return w.VBox([w.HBox([w.Label(item), s]) for item, s in self.selects.items()])
        raise TypeError(f"unknown question type: {type(q).__name__}")

    def check(self) -> Verdict:
        """Score the current input, show feedback and the explanation."""
        self.response = self._read()
        verdict = score(self.question, self.response)
        if verdict.problem:
            self.feedback.value = f"<span>{escape(msg(verdict.problem))}</span>"
            return verdict
        self.verdict = verdict
        color = "#1b7f3a" if verdict.is_correct else "#b3261e"
        head = msg("quiz.correct") if verdict.is_correct else msg("quiz.incorrect")
        self.feedback.value = (
            f'<p style="color:{color};font-weight:600;margin:4px 0">{escape(head)}</p>'
            f"<p style='margin:0'><b>{escape(msg('quiz.explanation'))}:</b> "
            f"{escape(self.question.explanation)} ({escape(msg('quiz.source'))}: "
            f"{escape(self.question.source.label())})</p>")
        self._on_scored(self)
        return verdict


def build_question(number: int, question: m.QuestionBase,
                   on_scored: Callable[[LiveQuestion], None]) -> LiveQuestion:
    """Return the live widgets of one question."""
    return LiveQuestion(number, question, on_scored)
