"""Serve the built site on loopback and drive it with Debian's Chromium (Playwright)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ca_course.site import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "SCREENSHOTS", "PageLog", "attach", "phone_with_worker",
           "screenshot", "serve"]

# Map tiles are the only requests allowed to leave the site; the tests block them too,
# so every check below runs as a reader with no network would see it.
TILE_HOST = re.compile(r"^https?://([a-z]\.)?tile\.openstreetmap\.org/")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "_build" / "screenshots"


@dataclass
class PageLog:
    """What a page did: errors it logged and requests that tried to leave the site."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def unexpected_outside(self) -> list[str]:
        """Return outside requests other than map tiles."""
        return [url for url in self.outside if not TILE_HOST.match(url)]


def attach(page: object, log: PageLog) -> None:
    """Block every request that leaves 127.0.0.1 and record console errors."""

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            log.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def console(message: object) -> None:
        if message.type != "error":  # type: ignore[attr-defined]
            return
        where = (message.location or {}).get("url", "")  # type: ignore[attr-defined]
        if TILE_HOST.match(where) or ("ERR_FAILED" in message.text and any(  # type: ignore
                TILE_HOST.match(u) for u in log.outside)):
            return  # a blocked tile: expected with no network
        log.errors.append(message.text)  # type: ignore[attr-defined]

    page.route("**/*", route)  # type: ignore[attr-defined]
    page.on("console", console)  # type: ignore[attr-defined]
    page.on("pageerror", lambda err: log.errors.append(f"pageerror: {err}"))  # type: ignore


def phone_with_worker(p: object) -> tuple[object, object, object, list[str]]:
    """Open a phone-sized page that may install the site's service worker.

    Every request that leaves 127.0.0.1 (map tiles) is refused, so no test reaches the
    internet; the page's errors are collected. Returns ``(browser, context, page, errors)``.
    """
    errors: list[str] = []
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  service_workers="allow")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page = context.new_page()
    page.on("pageerror", lambda err: errors.append(str(err)))
    return browser, context, page, errors


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot under _build/screenshots for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
