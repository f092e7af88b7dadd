"""Print what each built page costs a reader: bytes loaded (except tiles) and load times.

Serves _build/html on 127.0.0.1, opens every page in Debian's Chromium with outside
requests blocked, and sums the bodies of every response the page needs. Run:
    .venv/bin/python benchmarks/page_weight.py [--budget-mb 1.5]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

MB = 1024 * 1024


def measure(site: Path, budget_mb: float) -> int:
    """Print one line per page; return how many pages exceed the budget."""
    from playwright.sync_api import sync_playwright

    pages = sorted(site.glob("book/*.html"))
    over = 0
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'page':38} {'requests':>8} {'bytes':>10} {'gzip':>9} {'DCL ms':>7} "
              f"{'paint ms':>8}  heaviest")
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
            page.goto(f"{base}/{path.relative_to(site)}", wait_until="load")
            page.wait_for_timeout(200)
            timing = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " const p = performance.getEntriesByName('first-paint')[0];"
                " return [n.domContentLoadedEventEnd, p ? p.startTime : -1]; }")
            total = sum(len(b) for b in loaded.values())
            zipped = sum(len(gzip.compress(b)) for b in loaded.values())
            heaviest = sorted(loaded.items(), key=lambda kv: -len(kv[1]))[:2]
            names = ", ".join(f"{u.rsplit('/', 1)[-1]} {len(b) / 1024:.0f} KB"
                              for u, b in heaviest)
            flag = " OVER" if total > budget_mb * MB else ""
            over += bool(flag)
            print(f"{path.name:38} {len(loaded):8} {total / MB:8.2f}MB {zipped / MB:7.2f}MB "
                  f"{timing[0]:7.0f} {timing[1]:8.0f}  {names}{flag}")
            page.close()
        browser.close()
    return over


def main() -> None:
    """Parse options and measure the built site."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--budget-mb", type=float, default=1.5)
    args = parser.parse_args()
    over = measure(args.site, args.budget_mb)
    print(f"pages over the {args.budget_mb} MB budget: {over}")


if __name__ == "__main__":
    main()
