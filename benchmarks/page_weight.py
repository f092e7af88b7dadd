"""Print what each built page costs a reader: bytes loaded (except tiles) and load times.

Serves a built site on 127.0.0.1, opens every page in Debian's Chromium with outside
requests blocked, and sums the bodies of every response the page needs, plus the files the
map frames load (Leaflet, the shared outlines: Playwright does not report the requests of
``<iframe srcdoc>`` frames, so they are read from the frames' documents and the site's
files). Give two sites to print them side by side (before / after a change). Run:
    .venv/bin/python benchmarks/page_weight.py [--site _build/html] [--before OTHER_SITE]
"""

from __future__ import annotations

import argparse
import gzip
import html
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

MB = 1024 * 1024
#: The issue's budgets: every lecture page, the atlas, any other page (MB).
LECTURE_BUDGET_MB = 1.0
ATLAS_BUDGET_MB = 1.5
SRCDOC = re.compile(r'srcdoc="([^"]*)"')
FRAME_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')


def frame_assets(page_html: str, page_url: str) -> set[str]:
    """Return the site URLs that the map frames of a page load (scripts, stylesheets)."""
    urls = set()
    for doc in SRCDOC.findall(page_html):
        for ref in FRAME_ASSET.findall(html.unescape(doc)):
            url = urljoin(page_url, ref)
            if url.startswith(("http://127.0.0.1", "https://127.0.0.1")):
                urls.add(url.split("#")[0])
    return urls


def budget_mb(path: Path) -> float | None:
    """Return the budget a page must meet, or None when it has none (not a lecture/atlas)."""
    if path.name == "atlas.html":
        return ATLAS_BUDGET_MB
    if re.match(r"l\d{2}_", path.name):
        return LECTURE_BUDGET_MB
    return None


def weigh(site: Path) -> dict[str, tuple[int, int, dict[str, int]]]:
    """Return ``{page name: (bytes, gzip bytes, {url: bytes})}`` for every page of ``site``."""
    from playwright.sync_api import sync_playwright

    pages = sorted(site.glob("book/*.html"))
    out: dict[str, tuple[int, int, dict[str, int]]] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page()
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
            url = f"{base}/{path.relative_to(site).as_posix()}"
            page.goto(url, wait_until="load")
            page.wait_for_timeout(200)
            seen = {u.split("?")[0] for u in loaded}
            for asset in frame_assets(path.read_text(encoding="utf-8"), url):
                if asset.split("?")[0] not in seen:
                    file = site / urlsplit(asset).path.lstrip("/")
                    loaded[asset] = file.read_bytes() if file.is_file() else b""
            sizes = {u.replace(base, ""): len(b) for u, b in loaded.items()}
            zipped = sum(len(gzip.compress(b)) for b in loaded.values())
            out[path.name] = (sum(sizes.values()), zipped, sizes)
            page.close()
        browser.close()
    return out


def report(after: dict[str, tuple[int, int, dict[str, int]]],
           before: dict[str, tuple[int, int, dict[str, int]]] | None) -> int:
    """Print one line per page; return how many lectures/atlas exceed their budget."""
    over = 0
    head = f"{'page':34} {'before':>8} " if before else f"{'page':34} "
    print(head + f"{'bytes':>8} {'gzip':>7} {'budget':>6}  heaviest")
    for name, (total, zipped, sizes) in after.items():
        budget = budget_mb(Path(name))
        flag = " OVER" if budget is not None and total > budget * MB else ""
        over += bool(flag)
        heaviest = ", ".join(f"{u.rsplit('/', 1)[-1].split('?')[0]} {n / 1024:.0f} KB"
                             for u, n in sorted(sizes.items(), key=lambda kv: -kv[1])[:2])
        was = f"{before[name][0] / MB:6.2f}MB " if before and name in before else (
            f"{'':8} " if before else "")
        limit = f"{budget:5.1f}M" if budget is not None else f"{'':6}"
        print(f"{name:34} {was}{total / MB:6.2f}MB {zipped / MB:5.2f}MB {limit}  {heaviest}{flag}")
    return over


def main() -> None:
    """Parse options and measure the built site (and the one before a change)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--before", type=Path, default=None,
                        help="a site built before the change, printed beside --site")
    args = parser.parse_args()
    before = weigh(args.before) if args.before else None
    over = report(weigh(args.site), before)
    print(f"pages over their budget (lectures {LECTURE_BUDGET_MB} MB, atlas "
          f"{ATLAS_BUDGET_MB} MB): {over}")


if __name__ == "__main__":
    main()
