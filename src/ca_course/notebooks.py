"""Execute lecture notebooks in place with the static rendering, as the book does."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ca_course.render import ENV_VAR

__all__ = ["execute_in_place", "lecture_notebooks"]


def lecture_notebooks(root: Path) -> list[Path]:
    """Return the lecture and appendix notebooks under ``root/book``."""
    return sorted(p for p in (root / "book").glob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def execute_in_place(paths: Sequence[Path], *, timeout: int = 120) -> list[Path]:
    """Run each notebook top to bottom and save its outputs; return the paths run.

    The kernel gets ``CA_COURSE_RENDER=static``, so stored outputs are exactly what
    the book shows and what ``pytest --nbval`` compares against.
    """
    previous = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = "static"
    try:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}})
            client.execute()
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.metadata.pop("execution", None)
            nbformat.write(nb, path)
    finally:
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
    return list(paths)
