"""Write solution notebooks for instructors from the lecture notebooks plus the keys.

In a copy of each notebook, every answer cell (a code cell tagged ``answer``) gets the
key's ``solution`` code instead of the student's placeholder. The exercise an answer
cell belongs to is read from the ``check("lNN-exM", ...)`` call that follows it, else
from the variable the cell assigns. Solution notebooks hold graded answers: write them
outside the book, never next to the student notebooks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ca_course import data
from ca_course import models as m
from ca_course.grading.keys import KeySource, as_key_sources, load_key_sources

__all__ = ["SolutionNotebook", "build_solutions", "exercise_of_answer_cell"]

_CHECK_CALL = re.compile(r"""check\(\s*["'](l\d{2}-ex\d+)["']""")
_ASSIGNED = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", re.MULTILINE)
_LECTURE = re.compile(r"^(l\d{2})[_-]")


@dataclass(frozen=True)
class SolutionNotebook:
    """One written solution notebook: which exercises got solutions, which cells did not."""

    source: Path
    path: Path
    replaced: tuple[str, ...]
    unmatched_cells: tuple[int, ...]


def _is_answer(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and "answer" in cell.metadata.get("tags", [])


def exercise_of_answer_cell(cells: Sequence[NotebookNode], index: int,
                            variables: Mapping[str, str]) -> str | None:
    """Return the exercise id of the answer cell at ``index``, or None when unknown.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell
    >>> cells = [new_code_cell("answer1 = None  # ...", metadata={"tags": ["answer"]}),
    ...          new_code_cell('check("l01-ex1", answer1)')]
    >>> exercise_of_answer_cell(cells, 0, {})
    'l01-ex1'
    >>> exercise_of_answer_cell(cells[:1], 0, {"answer1": "l01-ex9"})
    'l01-ex9'
    """
    for cell in cells[index + 1:]:
        if _is_answer(cell):
            break
        if cell.cell_type == "code" and (match := _CHECK_CALL.search(cell.source)):
            return match.group(1)
    for name in _ASSIGNED.findall(cells[index].source):
        if name in variables:
            return variables[name]
    return None


def _lecture_of(path: Path, nb: NotebookNode) -> str | None:
    if match := _LECTURE.match(path.name):
        return match.group(1)
    for cell in nb.cells:
        if cell.cell_type == "code" and (found := _CHECK_CALL.search(cell.source)):
            return found.group(1).split("-")[0]
    return None


def build_solutions(notebooks: Sequence[Path | str],
                    keys: Path | str | m.KeySet | KeySource | Sequence[m.KeySet | KeySource],
                    out_dir: Path | str, *,
                    exercise_sets: Mapping[str, m.ExerciseSet] | None = None
                    ) -> list[SolutionNotebook]:
    """Write a solution copy of each notebook into ``out_dir``; return what was written.

    Raises
    ------
    ValueError
        When ``out_dir`` is the folder of a source notebook (it would overwrite it).
    """
    sources = (load_key_sources(keys) if isinstance(keys, Path | str) else as_key_sources(keys))
    sets = exercise_sets if exercise_sets is not None else data.exercise_sets()
    target = Path(out_dir)
    written: list[SolutionNotebook] = []
    for raw in notebooks:
        path = Path(raw)
        if path.resolve().parent == target.resolve():
            raise ValueError(f"{path}: out_dir is the notebook's own folder; write solutions "
                             "to a separate, instructor-only folder")
        nb = nbformat.read(path, as_version=4)
        lecture = _lecture_of(path, nb)
        exercises = sets[lecture].exercises if lecture in sets else ()
        variables = {ex.variable: ex.id for ex in exercises}
        key_set = sources[lecture].key_set if lecture in sources else None
        solutions = {k.id: k.solution for k in key_set.keys} if key_set else {}
        replaced: list[str] = []
        unmatched: list[int] = []
        for index, cell in enumerate(nb.cells):
            if not _is_answer(cell):
                continue
            exercise_id = exercise_of_answer_cell(nb.cells, index, variables)
            if exercise_id is None or exercise_id not in solutions:
                unmatched.append(index + 1)
                continue
            cell.source = solutions[exercise_id].rstrip("\n")
            cell.outputs = []
            cell.execution_count = None
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "solution"]
            replaced.append(exercise_id)
        target.mkdir(parents=True, exist_ok=True)
        out = target / path.name
        nbformat.write(nb, out)
        written.append(SolutionNotebook(path, out, tuple(replaced), tuple(unmatched)))
    return written
