"""What each page of a built site loads, and what it weighs: one computation for the
benchmark (``benchmarks/page_weight.py``) and the tests (``tests/test_site_weight.py``).

The site is served on 127.0.0.1 and every page opened in Debian's Chromium with outside
requests (map tiles) blocked and service workers blocked (a worker's precache is not what
the page itself needs). A page's weight is the sum of the bodies of every response it gets,
plus the files its map frames load: Playwright does not report the requests of
``<iframe srcdoc>`` frames, so those are read from the frames' documents and the site's files.
"""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["ATLAS_BUDGET_MB", "LECTURE_BUDGET_MB", "MB", "PageLoad", "budget_mb",
           "frame_assets", "load_pages", "site_pages"]

MB = 1024 * 1024
#: The issue's budgets: every lecture page, the atlas (MB, everything but map tiles).
LECTURE_BUDGET_MB = 1.0
ATLAS_BUDGET_MB = 1.5
SRCDOC = re.compile(r'srcdoc="([^"]*)"')
FRAME_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')


@dataclass(frozen=True)
class PageLoad:
    """One page: ``{site path: bytes}`` of everything it loaded from the site."""

    page: str
    sizes: dict[str, int]
    zipped: int

    @property
    def total(self) -> int:
        """Bytes loaded, uncompressed."""
        return sum(self.sizes.values())


def frame_assets(page_html: str, page_url: str) -> set[str]:
    """Return the site URLs that the map frames of a page load (scripts, stylesheets)."""
    urls = set()
    for doc in SRCDOC.findall(page_html):
        for ref in FRAME_ASSET.findall(html.unescape(doc)):
            url = urljoin(page_url, ref)
            if url.startswith(("http://127.0.0.1", "https://127.0.0.1")):
                urls.add(url.split("#")[0])
    return urls


def budget_mb(page: str) -> float | None:
    """Return the budget of a page (its path or name), or None (not a lecture or the atlas)."""
    name = page.rsplit("/", 1)[-1]
    if name == "atlas.html":
        return ATLAS_BUDGET_MB
    if re.match(r"l\d{2}_", name):
        return LECTURE_BUDGET_MB
    return None


def site_pages(site: Path, pattern: str = "book/*.html") -> list[str]:
    """Return the site paths of the pages matching ``pattern`` (``**/*.html`` for all)."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob(pattern)
                  if not ({"_sources", "_static", "_downloads"} & set(p.relative_to(site).parts)))


def load_pages(site: Path, pages: Iterable[str]) -> dict[str, PageLoad]:
    """Open each page (a site path) and return what it loaded, keyed by its site path."""
    from playwright.sync_api import sync_playwright

    out: dict[str, PageLoad] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for rel in pages:
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            loaded: dict[str, bytes] = {}

            def route(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if url.startswith("http://127.0.0.1"):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    route.abort()  # type: ignore[attr-defined]

            def on_response(response: object, loaded: dict[str, bytes] = loaded) -> None:
                try:
                    loaded[response.url] = response.body()  # type: ignore[attr-defined]
                except Exception:
                    loaded.setdefault(response.url, b"")  # type: ignore[attr-defined]

            page.route("**/*", route)
            page.on("response", on_response)
            url = f"{base}/{rel}"
            page.goto(url, wait_until="load")
            page.wait_for_timeout(200)
            seen = {u.split("?")[0] for u in loaded}
            for asset in frame_assets((site / rel).read_text(encoding="utf-8"), url):
                if asset.split("?")[0] not in seen:
                    file = site / unquote(urlsplit(asset).path).lstrip("/")
                    loaded[asset] = file.read_bytes() if file.is_file() else b""
            sizes = {u.replace(base, ""): len(b) for u, b in loaded.items()}
            zipped = sum(len(gzip.compress(b)) for b in loaded.values())
            out[rel] = PageLoad(rel, sizes, zipped)
            context.close()
        browser.close()
    return out
