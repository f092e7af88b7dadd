"""Hold grading results, from one exercise up to a whole run, as plain dataclasses.

The chain is :class:`ExerciseResult` → :class:`SubmissionResult` → report row
(:meth:`SubmissionResult.to_row`) → :class:`GradeReport`. A submission that could not
be graded at all still gets a row, built by :meth:`SubmissionResult.without_results`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd

from ca_course.grading.rubric import Rubric

__all__ = ["STATUSES", "ExerciseResult", "GradeReport", "Status", "SubmissionResult"]

Status = Literal["ok", "error", "missing", "timeout", "memory", "output", "crashed", "invalid"]
"""``ok``: ran cleanly; ``error``: some cell raised; ``missing``: an answer is undefined
or None; ``timeout``: a cell or the whole run overran; ``memory``: the memory limit was
hit; ``output``: printed more than the cap; ``crashed``: the kernel died; ``invalid``:
the file is not a readable notebook."""
STATUSES: tuple[str, ...] = get_args(Status)


@dataclass(frozen=True)
class ExerciseResult:
    """The verdict on one exercise of one submission, with Kazakh feedback."""

    exercise_id: str
    points: int
    max_points: int
    passed: bool = False
    answered: bool = False
    feedback: tuple[str, ...] = ()
    hidden_feedback: tuple[str, ...] = ()
    """What the failed hidden checks said: for the instructor's report only."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        data = asdict(self)
        data["feedback"] = list(self.feedback)
        data["hidden_feedback"] = list(self.hidden_feedback)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExerciseResult:
        """Rebuild a result from :meth:`to_dict` data."""
        return cls(**{**data, "feedback": tuple(data.get("feedback", ())),
                      "hidden_feedback": tuple(data.get("hidden_feedback", ()))})


@dataclass(frozen=True)
class SubmissionResult:
    """The grade of one submission: one row of the report.

    Examples
    --------
    >>> bad = SubmissionResult.without_results("aigerim", "invalid", "Файл JSON емес.",
    ...                                        "JSONDecodeError: ...")
    >>> bad.total, bad.points_for("l01-ex1")
    (0, 0)
    >>> bad.to_row(["l01-ex1"], max_points=5)
    {'student': 'aigerim', 'l01-ex1': 0, 'total': 0, 'max': 5, 'status': 'invalid', \
'message': 'Файл JSON емес.'}
    """

    student: str
    status: Status
    message: str
    exercises: tuple[ExerciseResult, ...] = ()
    traceback: str = ""
    sha256: str = ""
    seconds: float = 0.0
    cached: bool = False
    is_cacheable: bool = True

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {self.status!r}")

    @classmethod
    def without_results(cls, student: str, status: Status, message: str, traceback: str = "",
                        *, sha256: str = "", exercises: Sequence[ExerciseResult] = (),
                        is_cacheable: bool = True) -> SubmissionResult:
        """Return the row of a submission no exercise of which could be judged."""
        return cls(student, status, message, tuple(exercises), traceback, sha256,
                   is_cacheable=is_cacheable)

    def with_message(self, message: str) -> SubmissionResult:
        """Return the same result with another message."""
        return replace(self, message=message)

    @property
    def total(self) -> int:
        """Return the points earned."""
        return sum(e.points for e in self.exercises)

    def points_for(self, exercise_id: str) -> int:
        """Return the points earned on one exercise (0 when it was not judged)."""
        return next((e.points for e in self.exercises if e.exercise_id == exercise_id), 0)

    def exercise(self, exercise_id: str) -> ExerciseResult:
        """Return the result of one exercise."""
        for result in self.exercises:
            if result.exercise_id == exercise_id:
                return result
        raise KeyError(f"{self.student} has no result for {exercise_id}")

    def to_row(self, exercise_ids: Sequence[str], *, max_points: int) -> dict[str, Any]:
        """Return the CSV row: student, points per exercise, total, max, status, message."""
        return {"student": self.student,
                **{eid: self.points_for(eid) for eid in exercise_ids},
                "total": self.total, "max": max_points, "status": self.status,
                "message": self.message}

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (used by the report and the cache)."""
        data = asdict(self)
        data["exercises"] = [e.to_dict() for e in self.exercises]
        data["total"] = self.total
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SubmissionResult:
        """Rebuild a result from :meth:`to_dict` data."""
        fields = {k: v for k, v in data.items() if k != "total"}
        fields["exercises"] = tuple(ExerciseResult.from_dict(e) for e in data["exercises"])
        return cls(**fields)


@dataclass(frozen=True)
class GradeReport:
    """What :func:`~ca_course.grading.grade` returns: every row, plus how the run went."""

    rubric: Rubric = field(repr=False)
    results: tuple[SubmissionResult, ...]
    csv_path: Path
    json_path: Path
    executed: int
    reused: int
    landlock: int
    protections: Mapping[str, Any] = field(default_factory=dict)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """Return the exercise ids, the report's point columns."""
        return self.rubric.ids

    @property
    def max_points(self) -> int:
        """Return the most points a submission can get."""
        return self.rubric.max_points

    def result(self, student: str) -> SubmissionResult:
        """Return one student's result."""
        for result in self.results:
            if result.student == student:
                return result
        raise KeyError(f"no submission from {student!r}")

    def rows(self) -> list[dict[str, Any]]:
        """Return one report row per submission, sorted by student id."""
        return [r.to_row(self.exercise_ids, max_points=self.max_points) for r in self.results]

    def frame(self) -> pd.DataFrame:
        """Return the rows as a DataFrame (the content of ``grades.csv``)."""
        columns = ["student", *self.exercise_ids, "total", "max", "status", "message"]
        return pd.DataFrame(self.rows(), columns=columns)

    def status_counts(self) -> dict[str, int]:
        """Return how many submissions ended in each status."""
        counts = {status: 0 for status in STATUSES}
        for result in self.results:
            counts[result.status] += 1
        return counts
