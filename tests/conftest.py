"""Shared pytest fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """Return the built HTML site (``$CA_COURSE_SITE``, default ``_build/html``).

    Fails, rather than skips, when the site has not been built: a skipped site test in CI
    would hide a broken build.
    """
    site = Path(os.environ.get("CA_COURSE_SITE", "_build/html"))
    if not (site / "index.html").is_file():
        pytest.fail(
            f"No built site at {site.resolve()} (index.html is missing). "
            "Run `python3 dev.py build` first, or point CA_COURSE_SITE at a built site.",
            pytrace=False,
        )
    return site
