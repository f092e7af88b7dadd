"""Shared pytest fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


# The site on loopback and one headless Chromium, per test module (browser tests).
@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    from browser_support import serve

    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    """In CI a skipped test is a failure: report it (the session hook below fails the run)."""
    skipped = terminalreporter.stats.get("skipped", [])
    if os.environ.get("CI") and skipped:
        terminalreporter.write_line(f"CI: {len(skipped)} skipped test(s) count as failures.",
                                    red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Make the run fail in CI when any test was skipped."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
