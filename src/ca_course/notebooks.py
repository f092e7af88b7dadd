"""Execute lecture notebooks in place with the stored-output rendering, and trust them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary

from ca_course.render import ENV_VAR, NOTEBOOK

__all__ = ["execute_in_place", "lecture_notebooks"]


def lecture_notebooks(root: Path) -> list[Path]:
    """Return the lecture and appendix notebooks under ``root/book``."""
    return sorted(p for p in (root / "book").glob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def execute_in_place(paths: Sequence[Path], *, timeout: int = 120) -> list[Path]:
    """Run each notebook top to bottom and save its outputs; return the paths run.

    The kernel gets ``CA_COURSE_RENDER=notebook``, so stored outputs are what the book
    shows, self-contained for JupyterLab, and what ``pytest --nbval`` compares against.
    Each notebook written is signed as trusted for this user, so Lab runs the scripts of
    its stored maps and quizzes on open (``python3 dev.py build`` trusts them too).
    """
    previous = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = NOTEBOOK
    notary = NotebookNotary()
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
            notary.sign(nb)
    finally:
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
    return list(paths)
