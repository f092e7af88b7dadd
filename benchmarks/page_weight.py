"""Print what each built page costs a reader: bytes loaded (except tiles) and load times.

Serves a built site on 127.0.0.1, opens every page in Debian's Chromium with outside
requests blocked, and sums the bodies of every response the page needs, plus the files the
map frames load (Leaflet, the shared outlines: Playwright does not report the requests of
``<iframe srcdoc>`` frames, so they are read from the frames' documents and the site's
files); the computation is ``tests/page_loads.py``, shared with the test that holds the
budgets. Give two sites to print them side by side (before / after a change). Run:
    .venv/bin/python benchmarks/page_weight.py [--site _build/html] [--before OTHER_SITE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# The same computation as tests/test_site_weight.py, which asserts the budgets.
from page_loads import (  # noqa: E402
    ATLAS_BUDGET_MB,
    LECTURE_BUDGET_MB,
    MB,
    budget_mb,
    load_pages,
    site_pages,
)


def weigh(site: Path) -> dict[str, tuple[int, int, dict[str, int]]]:
    """Return ``{page name: (bytes, gzip bytes, {url: bytes})}`` for every chapter of
    ``site`` and of its Latin edition (``latn/``, when built)."""
    pages = site_pages(site) + site_pages(site, "latn/book/*.html")
    loads = load_pages(site, pages)
    return {rel.replace("book/", ""): (load.total, load.zipped, load.sizes)
            for rel, load in loads.items()}


def report(after: dict[str, tuple[int, int, dict[str, int]]],
           before: dict[str, tuple[int, int, dict[str, int]]] | None) -> int:
    """Print one line per page; return how many lectures/atlas exceed their budget."""
    over = 0
    head = f"{'page':34} {'before':>8} " if before else f"{'page':34} "
    print(head + f"{'bytes':>8} {'gzip':>7} {'budget':>6}  heaviest")
    for name, (total, zipped, sizes) in after.items():
        budget = budget_mb(name)
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
