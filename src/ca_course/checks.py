"""Evaluate exercise checks against an answer value.

Used by the student's ``check()`` (public checks only) and by the instructor's
grader (public and hidden checks, in the grader's own process). It holds no answer
key: a ``solution`` check compares with a value the caller passes in.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ca_course import models as m
from ca_course.messages import msg
from ca_course.text import match_short_answer

__all__ = ["CheckOutcome", "kind_of", "run_check", "run_checks"]


@dataclass(frozen=True)
class CheckOutcome:
    """The result of one check: passed or not, and a Kazakh message when not."""

    passed: bool
    message: str = ""


def kind_of(value: Any) -> str:
    """Return the answer kind of ``value``, one of the ``AnswerKind`` names or its type.

    Examples
    --------
    >>> kind_of(3), kind_of(2.5), kind_of("Арал"), kind_of(True), kind_of([1])
    ('integer', 'number', 'text', 'bool', 'list')
    """
    if isinstance(value, pd.DataFrame):
        return "dataframe"
    if isinstance(value, pd.Series):
        return "series"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, numbers.Integral):
        return "integer"
    if isinstance(value, numbers.Real):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__


def _kind_label(kind: str) -> str:
    key = f"check.kind.{kind}"
    try:
        return msg(key)
    except KeyError:
        return kind


def _kind_ok(expected: str, given: str) -> bool:
    return expected == given or (expected == "number" and given == "integer")


def _values(answer: Any, column: str | None) -> list[Any] | None:
    if isinstance(answer, pd.DataFrame):
        if column is None or column not in answer.columns:
            return None
        return list(answer[column])
    if isinstance(answer, pd.Series):
        return list(answer)
    if isinstance(answer, list | tuple):
        return list(answer)
    return None


def _same(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return match_short_answer(b, a)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, numbers.Real) and isinstance(b, numbers.Real):
        if math.isnan(float(a)) and math.isnan(float(b)):
            return True
        return abs(float(a) - float(b)) <= tolerance + 1e-9
    return a == b


def _equal(answer: Any, expected: Any, tolerance: float, ignore_order: bool) -> bool:
    if isinstance(expected, pd.DataFrame):
        if not isinstance(answer, pd.DataFrame) or set(answer.columns) != set(expected.columns):
            return False
        a = answer[list(expected.columns)].reset_index(drop=True)
        e = expected.reset_index(drop=True)
        if len(a) != len(e):
            return False
        if ignore_order:
            a = a.sort_values(list(a.columns)).reset_index(drop=True)
            e = e.sort_values(list(e.columns)).reset_index(drop=True)
        return all(_same(x, y, tolerance) for col in e.columns
                   for x, y in zip(a[col], e[col], strict=True))
    if isinstance(expected, pd.Series):
        expected = list(expected)
        if isinstance(answer, pd.Series):
            answer = list(answer)
    if isinstance(expected, list | tuple):
        if not isinstance(answer, list | tuple | pd.Series):
            return False
        answer, expected = list(answer), list(expected)
        if len(answer) != len(expected):
            return False
        if ignore_order:
            answer, expected = sorted(answer, key=str), sorted(expected, key=str)
        return all(_same(x, y, tolerance) for x, y in zip(answer, expected, strict=True))
    return _same(answer, expected, tolerance)


def run_check(check: Any, answer: Any, expected: Any = None) -> CheckOutcome:
    """Run one check model against ``answer``; ``expected`` serves ``solution`` checks."""
    match check:
        case m.TypeCheck():
            given = kind_of(answer)
            if _kind_ok(check.expected, given):
                return CheckOutcome(True)
            return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                check.expected), given=_kind_label(given)))
        case m.ColumnsCheck():
            if not isinstance(answer, pd.DataFrame):
                return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                    "dataframe"), given=_kind_label(kind_of(answer))))
            have, want = [str(c) for c in answer.columns], list(check.columns)
            missing = [c for c in want if c not in have]
            extra = [c for c in have if c not in want]
            parts = []
            if missing:
                parts.append(msg("check.columns_missing", missing=", ".join(missing)))
            if extra:
                parts.append(msg("check.columns_extra", extra=", ".join(extra)))
            return CheckOutcome(not parts, " ".join(parts))
        case m.LengthCheck():
            try:
                size = len(answer)
            except TypeError:
                return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                    "list"), given=_kind_label(kind_of(answer))))
            if size == check.length:
                return CheckOutcome(True)
            return CheckOutcome(False, msg("check.length", expected=check.length, given=size))
        case m.RangeCheck():
            if kind_of(answer) not in {"number", "integer"}:
                return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                    "number"), given=_kind_label(kind_of(answer))))
            value = float(answer)
            if value < check.min:
                return CheckOutcome(False, msg("check.range_low", diff=_fmt(check.min - value)))
            if value > check.max:
                return CheckOutcome(False, msg("check.range_high", diff=_fmt(value - check.max)))
            return CheckOutcome(True)
        case m.ContainsCheck():
            values = _values(answer, check.column)
            if values is None:
                if isinstance(answer, pd.DataFrame):
                    return CheckOutcome(False, msg("check.column_missing", column=check.column))
                return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                    "list"), given=_kind_label(kind_of(answer))))
            missing = [v for v in check.values
                       if not any(_same(x, v, 0.0) for x in values)]
            if missing:
                return CheckOutcome(False, msg("check.contains",
                                               missing=", ".join(str(v) for v in missing)))
            return CheckOutcome(True)
        case m.SortedCheck():
            if not isinstance(answer, pd.DataFrame):
                return CheckOutcome(False, msg("check.wrong_type", expected=_kind_label(
                    "dataframe"), given=_kind_label(kind_of(answer))))
            if check.column not in answer.columns:
                return CheckOutcome(False, msg("check.column_missing", column=check.column))
            col = answer[check.column]
            ok = col.is_monotonic_increasing if check.ascending else col.is_monotonic_decreasing
            order = msg("check.ascending" if check.ascending else "check.descending")
            return CheckOutcome(bool(ok), "" if ok else msg("check.sorted", column=check.column,
                                                            order=order))
        case m.MatchesSolution():
            ok = _equal(answer, expected, check.tolerance, check.ignore_order)
            return CheckOutcome(ok, "" if ok else msg("check.solution"))
    raise TypeError(f"unknown check: {type(check).__name__}")


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def run_checks(checks: Sequence[Any], answer: Any, expected: Any = None) -> list[CheckOutcome]:
    """Run every check; after a failed type check the others are not meaningful."""
    outcomes: list[CheckOutcome] = []
    for check in checks:
        outcome = run_check(check, answer, expected)
        outcomes.append(outcome)
        if isinstance(check, m.TypeCheck) and not outcome.passed:
            break
    return outcomes
