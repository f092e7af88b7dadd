"""Let a student check an exercise answer in the notebook, with Kazakh feedback.

``check("l01-ex1", answer1)`` runs the exercise's *public* checks and returns a
:class:`CheckResult` that renders itself. It never raises because an answer is
wrong, and it reminds the student that the final grade also uses hidden checks,
which are not shipped with the course package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from ca_course import data
from ca_course.checks import CheckOutcome, run_checks
from ca_course.messages import msg

__all__ = ["CheckResult", "check"]


@dataclass(frozen=True)
class CheckResult:
    """What the public checks said about one answer."""

    exercise_id: str
    outcomes: tuple[CheckOutcome, ...] = field(default_factory=tuple)
    problem: str | None = None  # a message when no check could run

    @property
    def is_passed(self) -> bool:
        """Return whether every public check passed."""
        return self.problem is None and all(o.passed for o in self.outcomes)

    @property
    def summary(self) -> str:
        """Return the one-line Kazakh verdict."""
        if self.problem:
            return self.problem
        n = len(self.outcomes)
        passed = sum(o.passed for o in self.outcomes)
        if self.is_passed:
            return msg("check.passed", exercise_id=self.exercise_id, n=n)
        return msg("check.failed", exercise_id=self.exercise_id, passed=passed, n=n)

    def messages(self) -> list[str]:
        """Return the Kazakh message of every failed check."""
        return [o.message for o in self.outcomes if not o.passed and o.message]

    def __str__(self) -> str:
        lines = [self.summary, *("  – " + text for text in self.messages())]
        if self.problem is None:
            lines.append(msg("check.hidden_note"))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        color = "#1b7f3a" if self.is_passed else "#b3261e"
        items = "".join(f"<li>{escape(t)}</li>" for t in self.messages())
        note = ("" if self.problem else
                f'<p style="margin:.3rem 0 0;color:#555">{escape(msg("check.hidden_note"))}</p>')
        return (f'<div class="ca-check" style="border-left:4px solid {color};'
                f'padding:.3rem .8rem;margin:.5rem 0">'
                f'<p style="margin:0;color:{color};font-weight:600">{escape(self.summary)}</p>'
                f'{"<ul>" + items + "</ul>" if items else ""}{note}</div>')


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Run the public checks of ``exercise_id`` on ``answer``.

    Examples
    --------
    >>> print(check("l99-ex1", 5).summary)
    «l99-ex1» деген жаттығу жоқ. Идентификаторды тексеріңіз (мысалы, l01-ex1).
    """
    try:
        exercise = data.exercise(exercise_id)
    except KeyError:
        return CheckResult(exercise_id, problem=msg("check.unknown_exercise",
                                                    exercise_id=exercise_id, example="l01-ex1"))
    if answer is None or answer is Ellipsis:
        return CheckResult(exercise_id, problem=msg("check.no_answer", exercise_id=exercise_id,
                                                    variable=exercise.variable))
    return CheckResult(exercise_id, tuple(run_checks(exercise.checks, answer)))
