"""Grade student notebooks against instructor-only keys (instructor side).

Stages, one module each, each with a function a test or the CLI can call:

* :func:`grade` — grade a folder of submissions, write ``grades.csv`` plus a JSON report;
* :func:`build_solutions` — write solution notebooks for instructors;
* :func:`merge_gradebook`, :func:`summary`, :func:`histogram` — the course gradebook;
* :func:`load_key_sources`, :func:`build_rubric` — read the keys, check them against the
  exercises.

Student-side code never imports this package.
"""

from ca_course.grading.execute import ExecutionJob, ExecutionOutcome, Limits, execute_submission
from ca_course.grading.grade import grade
from ca_course.grading.gradebook import histogram, merge_gradebook, summary
from ca_course.grading.keys import KeySource, load_key_sources
from ca_course.grading.results import ExerciseResult, GradeReport, SubmissionResult
from ca_course.grading.rubric import Rubric, build_rubric
from ca_course.grading.solutions import SolutionNotebook, build_solutions

__all__ = [
    "ExecutionJob",
    "ExecutionOutcome",
    "ExerciseResult",
    "GradeReport",
    "KeySource",
    "Limits",
    "Rubric",
    "SolutionNotebook",
    "SubmissionResult",
    "build_rubric",
    "build_solutions",
    "execute_submission",
    "grade",
    "histogram",
    "load_key_sources",
    "merge_gradebook",
    "summary",
]
