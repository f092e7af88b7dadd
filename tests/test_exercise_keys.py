"""Every exercise key accepts every correct solution and rejects the typical wrong ones.

Each key in ``instructor/keys/lNN.yaml`` holds its main ``solution``, at least one
``alternatives`` entry written with other pandas idioms, and at least two ``wrong``
answers. Each candidate is run like a student's cell, carried out of the "kernel" with
the grader's own encoder, rebuilt with the grader's decoder and judged by the grader's
``judge_answer``; the student-side public checks run on the raw value, as ``check()``
does in the notebook.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from ca_course import data
from ca_course import models as m
from ca_course.checks import run_check
from ca_course.grading import extract
from ca_course.grading.judge import judge_answer
from ca_course.grading.keys import load_key_sources
from ca_course.grading.rubric import GradedExercise, build_rubric, run_solution
from tests.lecture_text import ROOT

KEYS = ROOT / "instructor" / "keys"


@cache
def items() -> dict[str, GradedExercise]:
    """Return every graded exercise of the course, keyed by exercise id."""
    sources = load_key_sources(KEYS)
    out: dict[str, GradedExercise] = {}
    for lecture, source in sources.items():
        for item in build_rubric(data.exercise_set(lecture), source).items:
            out[item.id] = item
    return out


def _encode(value: Any) -> object:
    """Carry ``value`` out as the grader's kernel-side encoder does, through JSON."""
    namespace: dict[str, Any] = {}
    exec(extract._KERNEL_SOURCE, namespace)  # the grader's own kernel code
    return json.loads(json.dumps(namespace["_ca_encode"](value, 0)))


def _graded(item: GradedExercise, code: str) -> tuple[bool, Any]:
    value = run_solution(code, item.variable)
    result, _ = judge_answer(item, _encode(value))
    return result.passed, value


def _public_failures(item: GradedExercise, value: Any) -> set[int]:
    return {i for i, check in enumerate(item.exercise.checks)
            if not run_check(check, value).passed}


IDS = sorted(items())


def test_every_exercise_has_a_key() -> None:
    exercise_ids = {ex.id for ex_set in data.exercise_sets().values() for ex in ex_set.exercises}
    assert exercise_ids == set(IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_key_has_two_correct_and_two_wrong_answers(exercise_id: str) -> None:
    key = items()[exercise_id].key
    assert len(key.alternatives) >= 1, f"{exercise_id}: add a second, independent solution"
    assert len(key.wrong) >= 2, f"{exercise_id}: add at least two typical wrong answers"
    assert len({key.solution, *key.alternatives}) == 1 + len(key.alternatives)


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_correct_solution_passes_public_and_hidden_checks(exercise_id: str) -> None:
    item = items()[exercise_id]
    for n, code in enumerate((item.key.solution, *item.key.alternatives)):
        passed, value = _graded(item, code)
        assert passed, f"{exercise_id}: correct solution #{n} fails the grader's checks"
        assert not _public_failures(item, value), (
            f"{exercise_id}: correct solution #{n} fails public check(s) "
            f"{sorted(_public_failures(item, value))}")


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_wrong_answer_fails_a_hidden_check(exercise_id: str) -> None:
    item = items()[exercise_id]
    for wrong in item.key.wrong:
        passed, _ = _graded(item, wrong.code)
        assert not passed, f"{exercise_id}: wrong answer «{wrong.why}» earns full marks"


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_public_check_rejects_a_plausible_wrong_answer(exercise_id: str) -> None:
    item = items()[exercise_id]
    rejected: set[int] = set()
    for wrong in item.key.wrong:
        rejected |= _public_failures(item, run_solution(wrong.code, item.variable))
    idle = [type(item.exercise.checks[i]).__name__ for i in range(len(item.exercise.checks))
            if i not in rejected]
    assert not idle, f"{exercise_id}: public checks {idle} reject none of the wrong answers"


def test_wrong_answer_model_requires_a_reason() -> None:
    with pytest.raises(ValueError, match="why"):
        m.WrongAnswer.model_validate({"code": "answer1 = 0"})
