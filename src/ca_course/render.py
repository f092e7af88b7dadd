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
``grading``
    the grader's kernels (set by :mod:`ca_course.grading.execute`): nobody sees their
    output, so display helpers (maps, quizzes, tables; marked :func:`display_helper`)
    render nothing and return :data:`OMITTED`; data helpers work as everywhere.
unset (any other value)
    a kernel an instructor starts in Jupyter: live ipywidgets scored in Python.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["ENV_VAR", "GRADING", "NOTEBOOK", "OMITTED", "SITE", "display_helper",
           "inline_assets", "is_static", "mode"]

ENV_VAR = "CA_COURSE_RENDER"
SITE = "static"
NOTEBOOK = "notebook"


GRADING = "grading"


class _Omitted:
    """What a display helper returns in the grader: takes any attribute or call, shows nothing."""

    def __getattr__(self, name: str) -> _Omitted:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Omitted:
        return self

    def __repr__(self) -> str:
        return "<omitted while grading>"


OMITTED = _Omitted()
_F = TypeVar("_F", bound=Callable[..., Any])


def display_helper(func: _F) -> _F:
    """Mark ``func`` as a helper that only shows something: skipped while grading.

    Examples
    --------
    >>> @display_helper
    ... def picture() -> str:
    ...     return "<svg/>"
    >>> before = os.environ.get(ENV_VAR)
    >>> os.environ[ENV_VAR] = GRADING
    >>> picture(), picture().results()
    (<omitted while grading>, <omitted while grading>)
    >>> os.environ[ENV_VAR] = NOTEBOOK
    >>> picture()
    '<svg/>'
    >>> if before is None:  # leave the variable as it was: later notebook tests rely on it
    ...     del os.environ[ENV_VAR]
    ... else:
    ...     os.environ[ENV_VAR] = before
    """
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if os.environ.get(ENV_VAR, "").strip().lower() == GRADING:
            return OMITTED
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


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
