"""Decide how helpers render: the site, the notebooks' stored outputs, or a live kernel.

This is the one place that makes the choice, from ``CA_COURSE_RENDER``:

``static``
    the book build (set by ``book/_ext/ca_sphinx.py`` in its own process; the kernels that
    execute the chapters inherit it). Self-contained HTML+JS, except that maps load Leaflet
    from the site's shared, cached ``vendor/`` folder, so a page stays light.
``notebook``
    the outputs stored in ``book/*.ipynb`` (written by ``ca-course notebooks execute`` and
    compared by ``pytest --nbval``, whose kernels inherit it from the root ``conftest.py``).
    The same HTML+JS, but every map carries Leaflet inline, so an instructor who opens a
    lecture in JupyterLab sees working maps and quizzes before running anything.
unset (any other value)
    a kernel an instructor starts in Jupyter: live ipywidgets scored in Python.
"""

from __future__ import annotations

import os

__all__ = ["ENV_VAR", "NOTEBOOK", "SITE", "inline_assets", "is_static", "mode"]

ENV_VAR = "CA_COURSE_RENDER"
SITE = "static"
NOTEBOOK = "notebook"


def mode() -> str:
    """Return ``"static"`` (the site), ``"notebook"`` (stored outputs) or ``"live"``."""
    value = os.environ.get(ENV_VAR, "").strip().lower()
    return value if value in (SITE, NOTEBOOK) else "live"


def is_static() -> bool:
    """Return whether output must be HTML+JS rather than widgets (site or stored outputs)."""
    return mode() != "live"


def inline_assets() -> bool:
    """Return whether maps must carry their scripts inline (anywhere but on the site)."""
    return mode() != SITE
