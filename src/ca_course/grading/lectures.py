"""Say which lecture a folder of submissions answers, from the exercise ids inside them.

A lecture notebook names its exercises twice: the ``check("lNN-exM", ...)`` call after
each answer cell and the ``:label: lNN-exM`` line of each exercise box. Students keep
both, so the ids in a submission tell its lecture even when the file is renamed after
the student. Files that cannot be read as notebooks are left to the grader, which
reports them row by row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from ca_course.grading.read import InvalidSubmission, parse_submission

__all__ = ["LectureChoiceError", "LectureEvidence", "choose_lecture", "exercise_ids",
           "lectures_in"]

_CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](l\d{2}-ex\d+)["']""")
_LABEL = re.compile(r"^:label:\s*(l\d{2}-ex\d+)\s*$", re.MULTILINE)


class LectureChoiceError(ValueError):
    """The lecture cannot be chosen; ``key`` and ``fields`` name the message to show."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(f"{key}: {fields}")
        self.key = key
        self.fields = fields


@dataclass(frozen=True)
class LectureEvidence:
    """Which submissions name exercises of which lecture."""

    files: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lecture -> file names
    without_ids: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()

    @property
    def lectures(self) -> tuple[str, ...]:
        """Return the lectures found, sorted."""
        return tuple(sorted(self.files))

    def describe(self) -> str:
        """Return one indented line per lecture: its id, how many files, the first few names.

        Examples
        --------
        >>> print(LectureEvidence({"l01": ("a.ipynb",), "l02": ("b.ipynb", "c.ipynb")}
        ...                       ).describe())
          l01: 1 (a.ipynb)
          l02: 2 (b.ipynb, c.ipynb)
        """
        lines = []
        for lecture in self.lectures:
            names = self.files[lecture]
            shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
            lines.append(f"  {lecture}: {len(names)} ({shown})")
        return "\n".join(lines)


def exercise_ids(notebook: NotebookNode) -> set[str]:
    """Return the exercise ids a notebook names in check calls and exercise labels.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[
    ...     new_markdown_cell("```{exercise} Title\\n:label: l03-ex1\\n\\nText\\n```"),
    ...     new_code_cell("answer1 = 5"), new_code_cell('check("l03-ex2", answer2)'),
    ...     new_markdown_cell('Not code: check("l09-ex1", x)')])
    >>> sorted(exercise_ids(nb))
    ['l03-ex1', 'l03-ex2']
    """
    found: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            found.update(_CHECK_CALL.findall(cell.source))
        elif cell.cell_type == "markdown":
            found.update(_LABEL.findall(cell.source))
    return found


def lectures_in(paths: Sequence[Path]) -> LectureEvidence:
    """Read each submission and group the file names by the lectures their ids belong to."""
    files: dict[str, list[str]] = {}
    without_ids: list[str] = []
    unreadable: list[str] = []
    for path in paths:
        try:
            notebook = parse_submission(path.read_bytes())
        except (OSError, InvalidSubmission):
            unreadable.append(path.name)
            continue
        lectures = {exercise_id.split("-", 1)[0] for exercise_id in exercise_ids(notebook)}
        if not lectures:
            without_ids.append(path.name)
        for lecture in lectures:
            files.setdefault(lecture, []).append(path.name)
    return LectureEvidence({k: tuple(v) for k, v in files.items()}, tuple(without_ids),
                           tuple(unreadable))


def choose_lecture(evidence: LectureEvidence, *, chosen: str | None,
                   known: Iterable[str]) -> str:
    """Return the lecture to grade: ``chosen`` if given and consistent, else the one found.

    ``known`` are the lectures that have both exercises and keys.

    Raises
    ------
    LectureChoiceError
        ``grade.lecture_unknown`` when ``chosen`` has no keys or exercises,
        ``grade.lecture_mismatch`` when no submission answers ``chosen`` but some answer
        another lecture, ``grade.lecture_mixed`` when the submissions answer several
        lectures and none is chosen, ``grade.lecture_not_found`` when no submission names
        an exercise and none is chosen, ``grade.lecture_no_keys`` when the lecture found
        has no keys.

    Examples
    --------
    >>> evidence = LectureEvidence({"l02": ("a.ipynb", "b.ipynb")})
    >>> choose_lecture(evidence, chosen=None, known=["l01", "l02"])
    'l02'
    >>> try:
    ...     choose_lecture(evidence, chosen="l01", known=["l01", "l02"])
    ... except LectureChoiceError as err:
    ...     print(err.key)
    grade.lecture_mismatch
    """
    known = sorted(known)
    found = evidence.lectures
    if chosen is not None:
        if chosen not in known:
            raise LectureChoiceError("grade.lecture_unknown", lecture=chosen,
                                     known=", ".join(known))
        if found and chosen not in found:
            raise LectureChoiceError("grade.lecture_mismatch", lecture=chosen,
                                     found=evidence.describe())
        return chosen
    if len(found) > 1:
        raise LectureChoiceError("grade.lecture_mixed", found=evidence.describe(),
                                 example=found[0])
    if not found:
        raise LectureChoiceError("grade.lecture_not_found", example=known[0] if known else "l01")
    if found[0] not in known:
        raise LectureChoiceError("grade.lecture_no_keys", lecture=found[0],
                                 known=", ".join(known))
    return found[0]
