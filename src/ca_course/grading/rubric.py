"""Match one lecture's exercises with the instructor's keys into a checked rubric.

Building a rubric runs every key's ``solution`` in the grader's own process, keeps
the value it assigns as the expected answer, then runs the exercise's public checks
plus the key's hidden checks on it: a key whose solution fails its own checks is a
content problem, reported with file, line, id before any submission runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ca_course import models as m
from ca_course.checks import run_checks
from ca_course.data import ContentError, Problem
from ca_course.grading.keys import KeySource

__all__ = ["GradedExercise", "Rubric", "build_rubric", "run_solution"]


@dataclass(frozen=True)
class GradedExercise:
    """One exercise, its key and the expected answer computed from the key's solution."""

    exercise: m.Exercise
    key: m.ExerciseKey
    expected: Any = field(compare=False, repr=False)

    @property
    def id(self) -> str:
        """Return the exercise id, such as ``l03-ex1``."""
        return self.exercise.id

    @property
    def variable(self) -> str:
        """Return the name of the answer variable."""
        return self.exercise.variable

    @property
    def points(self) -> int:
        """Return the points the exercise is worth."""
        return self.exercise.points

    @property
    def checks(self) -> tuple[Any, ...]:
        """Return the public checks followed by the hidden ones."""
        return (*self.exercise.checks, *self.key.checks)


@dataclass(frozen=True)
class Rubric:
    """Everything needed to judge one lecture's submissions."""

    lecture: str
    items: tuple[GradedExercise, ...]
    digest: str

    @property
    def ids(self) -> tuple[str, ...]:
        """Return the exercise ids in order."""
        return tuple(item.id for item in self.items)

    @property
    def variables(self) -> tuple[str, ...]:
        """Return the answer variable names in exercise order."""
        return tuple(item.variable for item in self.items)

    @property
    def max_points(self) -> int:
        """Return the most points a submission can get."""
        return sum(item.points for item in self.items)


def run_solution(code: str, variable: str) -> Any:
    """Run a key's solution code in a fresh namespace; return the value of ``variable``.

    Raises
    ------
    NameError
        When the code does not assign ``variable``.

    Examples
    --------
    >>> run_solution("import math\\nanswer = round(math.pi, 2)", "answer")
    3.14
    """
    namespace: dict[str, Any] = {"__name__": "__ca_solution__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, f"<solution of {variable}>", "exec"), namespace)
    if variable not in namespace:
        raise NameError(f"the solution does not assign `{variable}`")
    return namespace[variable]


def _digest(exercise_set: m.ExerciseSet, key_set: m.KeySet) -> str:
    payload = json.dumps([exercise_set.model_dump(mode="json"), key_set.model_dump(mode="json")],
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def build_rubric(exercise_set: m.ExerciseSet, keys: KeySource | m.KeySet) -> Rubric:
    """Pair every exercise of ``exercise_set`` with its key; compute the expected answers.

    Raises
    ------
    ContentError
        Listing every problem: an exercise without a key, a key without an exercise, a
        solution that raises, does not assign the answer variable or fails its own checks.

    Examples
    --------
    >>> ex = m.ExerciseSet(lecture="l07", exercises=[{
    ...     "id": "l07-ex1", "title": "Қосынды", "prompt": "2 + 2", "points": 1,
    ...     "variable": "total", "checks": [{"check": "type", "expected": "integer"}],
    ...     "source": {"doc": "000", "lines": [1, 1]}}])
    >>> key = m.KeySet(lecture="l07", keys=[{"id": "l07-ex1", "solution": "total = 5",
    ...     "checks": [{"check": "range", "min": 3, "max": 4}]}])
    >>> try:
    ...     build_rubric(ex, key)
    ... except ContentError as err:
    ...     print(err.problems[0].item_id, err.problems[0].message[:42])
    l07-ex1 the solution fails its own check 2 (range)
    >>> fixed = key.model_copy(update={"keys": (key.keys[0].model_copy(
    ...     update={"solution": "total = 2 + 2"}),)})
    >>> build_rubric(ex, fixed).max_points
    1
    """
    source = keys if isinstance(keys, KeySource) else KeySource(keys)
    problems: list[Problem] = []
    if source.lecture != exercise_set.lecture:
        raise ValueError(f"keys of {source.lecture} do not belong to exercises of "
                         f"{exercise_set.lecture}; pass the keys of the same lecture")
    by_id = {key.id: key for key in source.key_set.keys}
    exercise_ids = {ex.id for ex in exercise_set.exercises}
    for key in source.key_set.keys:
        if key.id not in exercise_ids:
            problems.append(Problem(source.path, source.line_of(key.id), key.id,
                                    f"no exercise {key.id} in the {exercise_set.lecture} "
                                    "exercises; fix the key id or remove the key"))
    items: list[GradedExercise] = []
    for exercise in exercise_set.exercises:
        key = by_id.get(exercise.id)
        if key is None:
            problems.append(Problem(source.path, None, exercise.id,
                                    f"no key for exercise {exercise.id}; add an entry with "
                                    f"id: {exercise.id} under keys"))
            continue
        where = (source.path, source.line_of(key.id), key.id)
        try:
            expected = run_solution(key.solution, exercise.variable)
        except Exception as err:  # instructor code: report it as a content problem
            problems.append(Problem(*where, f"the solution raised {type(err).__name__}: {err}; "
                                    "fix the solution code"))
            continue
        item = GradedExercise(exercise, key, expected)
        for number, (check, outcome) in enumerate(
                zip(item.checks, run_checks(item.checks, expected, expected), strict=False),
                start=1):
            if not outcome.passed:
                problems.append(Problem(*where, f"the solution fails its own check {number} "
                                        f"({check.check}): {outcome.message} Fix the solution "
                                        "or the check"))
        items.append(item)
    if problems:
        raise ContentError(problems)
    return Rubric(exercise_set.lecture, tuple(items), _digest(exercise_set, source.key_set))


def select_rubric(*, exercise_sets: Mapping[str, m.ExerciseSet] | Sequence[m.ExerciseSet],
                  key_sources: Mapping[str, KeySource], lecture: str | None) -> Rubric:
    """Pick the lecture to grade (the only one with keys, unless named) and build its rubric.

    Examples
    --------
    >>> select_rubric(exercise_sets=[], key_sources={}, lecture=None)
    Traceback (most recent call last):
    ...
    ValueError: no keys to grade with; pass keys_dir= or keys=
    """
    sets = (dict(exercise_sets) if isinstance(exercise_sets, Mapping)
            else {s.lecture: s for s in exercise_sets})
    if not key_sources:
        raise ValueError("no keys to grade with; pass keys_dir= or keys=")
    if lecture is None:
        if len(key_sources) != 1:
            raise ValueError(f"keys for several lectures ({', '.join(sorted(key_sources))}); "
                             "pass lecture= to say which one these submissions answer")
        lecture = next(iter(key_sources))
    if lecture not in key_sources:
        raise ValueError(f"no keys for {lecture}; known: {', '.join(sorted(key_sources))}")
    if lecture not in sets:
        raise ValueError(f"no exercises for {lecture}; known: {', '.join(sorted(sets))}")
    return build_rubric(sets[lecture], key_sources[lecture])
