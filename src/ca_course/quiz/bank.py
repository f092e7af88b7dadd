"""Validate question bank files and report every problem with file, line and id."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ca_course.data import Problem, validate_folder

__all__ = ["validate_banks"]


def validate_banks(paths: Sequence[Path] | None = None) -> tuple[list[Problem], int]:
    """Validate banks (the package's when ``paths`` is None); return problems and count.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "l01.yaml"
    >>> _ = bad.write_text('''lecture: l01
    ... title: Тест
    ... questions:
    ...   - id: l01-q01
    ...     type: single
    ...     prompt: Астана қай елде?
    ...     options: [{id: a, text: Қазақстан}, {id: c, text: Өзбекстан}]
    ...     answer: b
    ...     explanation: Астана Қазақстанда.
    ...     source: {doc: "000", lines: [1, 1]}
    ... ''', encoding="utf-8")
    >>> problems, count = validate_banks([bad])
    >>> print(problems[0].line, problems[0].item_id, count)
    8 l01-q01 1
    """
    return validate_folder("quizzes", paths)
