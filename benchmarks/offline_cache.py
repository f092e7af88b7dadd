"""Print what the offline edition's cache holds: files and bytes by kind, against its budget.

Reads the precache list that the build wrote into ``sw.js`` (``ca_course.offline``): every
page and asset a reader needs offline; the PDF, the ``.ipynb`` sources and the wheel are not
in it. Run after a build:
    .venv/bin/python benchmarks/offline_cache.py [--site _build/html]
Exits 1 when the cache is over budget.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from ca_course.offline import BUDGET_BYTES

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
PRECACHE = re.compile(r"const PRECACHE = (\[.*?\]);", re.DOTALL)
CACHE = re.compile(r'const CACHE = "([^"]+)";')
ALIASES = re.compile(r"const ALIASES = (\{.*?\});", re.DOTALL)


def kind(path: str) -> str:
    """Group a file: pages, map data (vendor/), fonts, images, styles, scripts; the Latin
    edition's files (``latn/``) on their own lines."""
    if path.startswith("latn/"):
        return "latn/ " + kind(path[len("latn/"):])
    if path.endswith(".html"):
        return "pages (.html)"
    if path.startswith("vendor/"):
        return "maps: Leaflet, outlines"
    if path.endswith((".woff2", ".woff", ".ttf")):
        return "fonts"
    if path.endswith((".png", ".svg", ".gif", ".jpg", ".jpeg", ".webp", ".ico")):
        return "images, icons"
    if path.endswith(".css"):
        return "styles (.css)"
    return "scripts, data (.js, .json)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    worker = (args.site / "sw.js").read_text(encoding="utf-8")
    files = json.loads(PRECACHE.search(worker).group(1))[1:]  # type: ignore[union-attr]
    print(f"cache {CACHE.search(worker).group(1)}: {len(files)} files")  # type: ignore
    sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    aliases = json.loads(ALIASES.search(worker).group(1)) if ALIASES.search(worker) else {}
    print(f"latn/ files served from the identical Cyrillic file's cache entry: {len(aliases)}")
    for rel in files:
        if rel.endswith("/"):
            continue  # a folder's address (latn/), cached as its index.html
        body = (args.site / rel).read_bytes()
        row = sizes[kind(rel)]
        row[0] += 1
        row[1] += len(body)
        row[2] += len(gzip.compress(body))
    print(f"{'kind':28} {'files':>5} {'MB':>7} {'gzip MB':>8}")
    for name, (count, size, zipped) in sorted(sizes.items(), key=lambda kv: -kv[1][1]):
        print(f"{name:28} {count:5d} {size / MB:7.2f} {zipped / MB:8.2f}")
    total = sum(row[1] for row in sizes.values())
    zipped = sum(row[2] for row in sizes.values())
    left_out = sum(p.stat().st_size for p in args.site.rglob("*")
                   if p.is_file() and p.suffix in {".pdf", ".ipynb", ".whl"})
    print(f"{'total':28} {len(files):5d} {total / MB:7.2f} {zipped / MB:8.2f}")
    verdict = "within" if total <= BUDGET_BYTES else "OVER"
    print(f"budget {BUDGET_BYTES / MB:.2f} MB (pages and assets): {verdict}, "
          f"{100 * total / BUDGET_BYTES:.0f}% used")
    print(f"not cached: PDF, .ipynb sources and wheel, {left_out / MB:.2f} MB")
    return 0 if total <= BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
