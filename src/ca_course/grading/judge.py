"""Turn what a run produced into a grade, in the grader's own process.

Answers arrive as plain data (:mod:`ca_course.grading.extract`); each is rebuilt here,
then judged by :func:`ca_course.checks.run_checks` against the exercise's public
checks followed by the key's hidden ones, with the expected value the key's solution
computed (:mod:`ca_course.grading.rubric`). Nothing the student's kernel defined
takes part. An exercise earns its points when every check passes, else none.
"""

from __future__ import annotations

import copy
import traceback
from collections.abc import Mapping
from typing import Any

from ca_course.checks import run_checks
from ca_course.grading.execute import ExecutionOutcome, Limits
from ca_course.grading.extract import decode_answer
from ca_course.grading.results import ExerciseResult, Status, SubmissionResult
from ca_course.grading.rubric import GradedExercise, Rubric
from ca_course.messages import msg

__all__ = ["judge_answer", "judge_outcome"]

_MAX_LISTED = 3


def judge_answer(item: GradedExercise, payload: object) -> tuple[ExerciseResult, str]:
    """Judge one answer payload; return the result and a traceback (empty unless a check broke).

    Examples
    --------
    >>> from ca_course import models as m
    >>> from ca_course.grading.rubric import build_rubric
    >>> ex = m.ExerciseSet(lecture="l07", exercises=[{"id": "l07-ex1", "title": "Астана",
    ...     "prompt": "?", "points": 2, "variable": "capital",
    ...     "checks": [{"check": "type", "expected": "text"}],
    ...     "source": {"doc": "000", "lines": [1, 1]}}])
    >>> keys = m.KeySet(lecture="l07", keys=[{"id": "l07-ex1", "solution": "capital = 'Астана'",
    ...     "checks": [{"check": "solution"}]}])
    >>> item = build_rubric(ex, keys).items[0]
    >>> judge_answer(item, {"kind": "text", "value": "астана "})[0].points
    2
    >>> wrong = judge_answer(item, {"kind": "text", "value": "Алматы"})[0]
    >>> wrong.feedback
    ('l07-ex1: дұрыс емес, 0 ұпай.', 'l07-ex1: жасырын тексерулердің 1 өтпеді.')
    >>> wrong.hidden_feedback
    ('Жауап дұрыс жауаппен сәйкес келмейді.',)
    >>> judge_answer(item, {"kind": "none"})[0].answered
    False
    """
    eid, variable, points = item.id, item.variable, item.points
    answer = decode_answer(payload if payload is not None else {"kind": "undefined"})
    if answer.state != "ok":
        note = {
            "undefined": lambda: msg("grade.missing_answer", exercise_id=eid, variable=variable),
            "none": lambda: msg("grade.none_answer", exercise_id=eid, variable=variable),
            "too_large": lambda: msg("grade.answer_too_large", exercise_id=eid,
                                     variable=variable,
                                     kilobytes=_kilobytes(answer.detail)),
            "unreadable": lambda: msg("grade.answer_unreadable", exercise_id=eid,
                                      variable=variable, error=answer.detail),
        }[answer.state]()
        answered = answer.state in {"too_large", "unreadable"}
        return ExerciseResult(eid, 0, points, answered=answered, feedback=(note,)), ""
    try:
        outcomes = run_checks(item.checks, answer.value, copy.deepcopy(item.expected))
    except Exception as err:  # an answer shape the checks did not foresee
        note = msg("grade.check_failed", exercise_id=eid, error=f"{type(err).__name__}: {err}")
        return (ExerciseResult(eid, 0, points, answered=True, feedback=(note,)),
                f"{eid}:\n{''.join(traceback.format_exception(err))}")
    if all(o.passed for o in outcomes):
        return ExerciseResult(eid, points, points, passed=True, answered=True,
                              feedback=(msg("grade.passed", exercise_id=eid, points=points),)), ""
    public = len(item.exercise.checks)
    shown = list(dict.fromkeys(o.message for o in outcomes[:public]
                               if not o.passed and o.message))
    hidden = [o for o in outcomes[public:] if not o.passed]
    if hidden:  # students learn that hidden checks failed, never what they expected
        shown.append(msg("grade.hidden_failed", exercise_id=eid, n=len(hidden)))
    return ExerciseResult(eid, 0, points, answered=True,
                          feedback=(msg("grade.failed", exercise_id=eid), *shown),
                          hidden_feedback=tuple(dict.fromkeys(o.message for o in hidden
                                                              if o.message))), ""


def _kilobytes(size: str) -> int:
    return int(size) // 1000 if size.isdigit() else 0


def _not_graded(rubric: Rubric, note: str) -> tuple[ExerciseResult, ...]:
    return tuple(ExerciseResult(item.id, 0, item.points, feedback=(note,))
                 for item in rubric.items)


def _crash_reason(outcome: ExecutionOutcome) -> str:
    code = outcome.exit_code
    if code is None:
        return outcome.stop_detail.splitlines()[0] if outcome.stop_detail else "?"
    if code < 0:
        from signal import Signals

        try:
            return msg("grade.signal", name=Signals(-code).name)
        except ValueError:
            return msg("grade.signal", name=str(-code))
    return msg("grade.exit_code", code=code)


def _stopped(outcome: ExecutionOutcome, rubric: Rubric, limits: Limits, sha256: str
             ) -> SubmissionResult:
    status: Status
    if outcome.stop == "output":
        cap = limits.max_display_bytes if outcome.flood == "display" else limits.max_output_bytes
        status, why = "output", msg("grade.output", kilobytes=cap // 1000)
    elif outcome.stop == "timeout":
        status, why = "timeout", msg("grade.timeout", seconds=_number(limits.total_timeout))
    elif outcome.memory_error:
        status, why = "memory", msg("grade.memory", megabytes=limits.memory_mb)
    else:
        status, why = "crashed", msg("grade.crashed", error=_crash_reason(outcome))
    note = msg("grade.not_graded")
    return SubmissionResult(outcome.student, status, f"{why} {note}", _not_graded(rubric, note),
                            _tracebacks(outcome, []), sha256, outcome.seconds)


def _number(value: float) -> str:
    return f"{value:g}"


def _tracebacks(outcome: ExecutionOutcome, extra: list[str]) -> str:
    parts = [outcome.stop_detail, outcome.extract_error, outcome.grader_error]
    parts += [f"cell {e.cell}: {e.ename}: {e.evalue}\n{e.traceback}" for e in outcome.errors]
    return "\n\n".join(p for p in (*parts, *extra) if p)


def judge_outcome(outcome: ExecutionOutcome, rubric: Rubric, *, limits: Limits,
                  sha256: str = "") -> SubmissionResult:
    """Grade one run: a status, a Kazakh message and one result per exercise.

    Examples
    --------
    >>> from ca_course import models as m
    >>> from ca_course.grading.rubric import build_rubric
    >>> ex = m.ExerciseSet(lecture="l07", exercises=[{"id": "l07-ex1", "title": "Сан",
    ...     "prompt": "?", "points": 1, "variable": "n",
    ...     "checks": [{"check": "type", "expected": "integer"}],
    ...     "source": {"doc": "000", "lines": [1, 1]}}])
    >>> keys = m.KeySet(lecture="l07", keys=[{"id": "l07-ex1", "solution": "n = 5",
    ...     "checks": [{"check": "solution"}]}])
    >>> rubric = build_rubric(ex, keys)
    >>> died = ExecutionOutcome("asel", None, stop="crashed", exit_code=1)
    >>> result = judge_outcome(died, rubric, limits=Limits())
    >>> result.status, result.total
    ('crashed', 0)
    >>> print(result.message)
    Ядро тоқтап қалды: шығу коды 1. Орындау тоқтатылғандықтан жауаптар бағаланбады.
    >>> fine = ExecutionOutcome("asel", {"n": {"kind": "integer", "value": 5}})
    >>> judge_outcome(fine, rubric, limits=Limits()).status
    'ok'
    """
    if outcome.grader_error:
        return SubmissionResult.without_results(
            outcome.student, "crashed",
            msg("grade.grader_error", error=outcome.grader_error.strip().splitlines()[-1]),
            outcome.grader_error, sha256=sha256, is_cacheable=False)
    if outcome.stop is not None:
        return _stopped(outcome, rubric, limits, sha256)
    if outcome.answers is None:
        note = msg("grade.no_answers", error=outcome.extract_error.splitlines()[0]
                   if outcome.extract_error else "?")
        return SubmissionResult(outcome.student, "missing", note, _not_graded(rubric, note),
                                _tracebacks(outcome, []), sha256, outcome.seconds)
    answers: Mapping[str, Any] = outcome.answers
    results: list[ExerciseResult] = []
    broken: list[str] = []
    for item in rubric.items:
        result, trace = judge_answer(item, answers.get(item.variable))
        results.append(result)
        if trace:
            broken.append(trace)
    timed_out = set(outcome.timed_out_cells)
    errors = [e for e in outcome.errors
              if not (e.cell in timed_out and e.ename in {"KeyboardInterrupt",
                                                           "CellTimeoutError"})]
    missing = [r.feedback[0] for r in results if not r.answered]
    parts: list[str] = []
    status: Status = "ok"
    if outcome.memory_error:
        status = "memory"
        parts.append(msg("grade.memory", megabytes=limits.memory_mb))
    if timed_out:
        status = "timeout" if status == "ok" else status
        parts += [msg("grade.cell_timeout", cell=cell, seconds=_number(limits.cell_timeout))
                  for cell in sorted(timed_out)[:_MAX_LISTED]]
    if missing:
        status = "missing" if status == "ok" else status
        parts += missing
    shown = [e for e in errors if e.ename != "MemoryError" or not outcome.memory_error]
    if shown:
        status = "error" if status == "ok" else status
        first = shown[0]
        parts.append(msg("grade.cell_error_at", cell=first.cell,
                         error=f"{first.ename}: {first.evalue}".rstrip(": .")))
        if len(shown) > 1:
            parts.append(msg("grade.more_errors", n=len(shown) - 1))
    if not parts:
        parts.append(msg("grade.ok"))
    return SubmissionResult(outcome.student, status, " ".join(parts), tuple(results),
                            _tracebacks(outcome, broken), sha256, outcome.seconds)
