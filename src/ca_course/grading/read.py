"""Parse one submitted file into a version-4 notebook, or say why it cannot be graded.

A file that is not UTF-8, not JSON, not a notebook, or a notebook nbformat cannot
read or upgrade (version 3 is upgraded) raises :class:`InvalidSubmission`. It carries
the Kazakh message for the report plus the technical detail for the traceback column.
Nothing here runs the student's code.
"""

from __future__ import annotations

import json
import traceback

import nbformat
from nbformat import NotebookNode

from ca_course.messages import msg

__all__ = ["MAX_NOTEBOOK_BYTES", "InvalidSubmission", "parse_submission"]

MAX_NOTEBOOK_BYTES = 50 * 2**20


class InvalidSubmission(ValueError):
    """The file cannot be graded; ``message`` is Kazakh, ``detail`` is technical."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


def _detail(err: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(err), err)).strip()


def parse_submission(data: bytes, *, max_bytes: int = MAX_NOTEBOOK_BYTES) -> NotebookNode:
    """Return ``data`` as a version-4 notebook whose code cells have string sources.

    Raises
    ------
    InvalidSubmission
        When the bytes are too many, not UTF-8, not JSON or not a readable notebook.

    Examples
    --------
    >>> nb = parse_submission(nbformat.writes(nbformat.v4.new_notebook(
    ...     cells=[nbformat.v4.new_code_cell("x = 1")])).encode())
    >>> nb.nbformat, nb.cells[0].source
    (4, 'x = 1')
    >>> try:
    ...     parse_submission(b"{")
    ... except InvalidSubmission as err:
    ...     print(err.message.split(" (")[0])
    Файл JSON емес
    """
    if len(data) > max_bytes:
        raise InvalidSubmission(msg("grade.too_large", megabytes=_megabytes(len(data)),
                                    limit=_megabytes(max_bytes)),
                                f"{len(data)} bytes > {max_bytes}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidSubmission(msg("grade.not_utf8"), _detail(err)) from err
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidSubmission(msg("grade.not_json", error=f"{err.msg}, {err.lineno}:"
                                    f"{err.colno}"), _detail(err)) from err
    try:
        nb = nbformat.reads(text, as_version=4)
        cells = nb.cells
        for cell in cells:
            if not isinstance(cell.source, str) or cell.cell_type not in {"code", "markdown",
                                                                          "raw"}:
                raise ValueError(f"cell {cell.get('id', '?')} has no text source or an unknown "
                                 f"type {cell.cell_type!r}")
        if nb.nbformat != 4:
            raise ValueError(f"nbformat {nb.nbformat} could not be upgraded to 4")
    except Exception as err:  # nbformat raises many kinds of errors for bad input
        raise InvalidSubmission(msg("grade.bad_notebook", error=_short(err)),
                                _detail(err)) from err
    return nb


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def _short(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:200]
