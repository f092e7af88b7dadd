"""Decide how helpers render: self-contained HTML for the book, widgets in a live kernel.

This is the one place that makes the choice. The book build sets
``CA_COURSE_RENDER=static`` in its own process (``book/_ext/ca_sphinx.py``), and the
kernels that execute the chapters inherit it; so do the notebook tests. A kernel an
instructor starts in Jupyter does not have it and gets live ipywidgets.
"""

from __future__ import annotations

import os

__all__ = ["ENV_VAR", "is_static"]

ENV_VAR = "CA_COURSE_RENDER"


def is_static() -> bool:
    """Return whether output must be static HTML (book build, notebook tests)."""
    return os.environ.get(ENV_VAR, "").strip().lower() == "static"
