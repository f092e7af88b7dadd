"""The built site's pages stay light, and every file a page loads is in the offline cache.

Each page is opened once in Chromium (``tests/page_loads.py``, the computation
``benchmarks/page_weight.py`` prints): every lecture weighs at most 1.0 MB and the atlas at
most 1.5 MB with everything they load but map tiles, in both scripts; and every file any
page of either script loads from the site is in the service worker's precache (or served
from the cached copy of an identical file), so that the page reads offline after the
first visit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from page_loads import MB, PageLoad, budget_mb, load_pages, site_pages


@pytest.fixture(scope="module")
def loads(site_dir: Path) -> dict[str, PageLoad]:
    pages = site_pages(site_dir, "**/*.html")
    assert any(p.startswith("latn/book/") for p in pages), "the Latin edition is not built"
    return load_pages(site_dir, pages)


def worker_lists(site: Path) -> tuple[set[str], dict[str, str]]:
    """Return the precache list and the aliases written into the site's ``sw.js``."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text, re.S).group(1))
    aliases = json.loads(re.search(r"const ALIASES = (\{.*?\});", text, re.S).group(1))
    return set(precache), aliases


def test_lectures_and_atlas_within_their_budgets(loads: dict[str, PageLoad]) -> None:
    weighed = {rel: load.total for rel, load in loads.items() if budget_mb(rel) is not None}
    assert sum(1 for rel in weighed if re.search(r"/l\d\d_", rel)) >= 2 * 18
    assert sum(1 for rel in weighed if rel.endswith("atlas.html")) == 2
    over = [f"{rel}: {total / MB:.3f} MB > {budget_mb(rel)} MB"
            for rel, total in weighed.items() if total > budget_mb(rel) * MB]  # type: ignore
    assert not over, "pages over their budget:\n" + "\n".join(over)


def test_map_frames_load_no_jquery(loads: dict[str, PageLoad]) -> None:
    lecture = next(load for rel, load in loads.items() if rel.startswith("book/l01_"))
    assert any("/vendor/leaflet/leaflet.js" in url for url in lecture.sizes)
    assert any("/vendor/outlines/KAZ.js" in url for url in lecture.sizes)
    assert not any("jquery" in url for load in loads.values() for url in load.sizes)


def test_every_file_a_page_loads_is_precached(site_dir: Path,
                                              loads: dict[str, PageLoad]) -> None:
    precache, aliases = worker_lists(site_dir)
    assert "latn/book/l01_security_concept.html" in precache
    assert not (site_dir / "latn" / "sw.js").exists()
    missing = []
    for rel, load in loads.items():
        for url in load.sizes:
            path = unquote(urlsplit(url).path).lstrip("/")
            if path.endswith("/"):
                path += "index.html"
            if path == "versions.json":
                continue  # fetched network-first by the worker, never precached
            if path not in precache and path not in aliases:
                missing.append(f"{rel}: {path}")
    assert not missing, "files pages load that the offline cache misses:\n" + "\n".join(missing)
    for copy, original in aliases.items():
        assert original in precache
        assert (site_dir / copy).read_bytes() == (site_dir / original).read_bytes()


def test_latin_pages_register_the_one_worker(site_dir: Path) -> None:
    page = (site_dir / "latn" / "book" / "l01_security_concept.html").read_text("utf-8")
    assert 'src="../../ca-offline.js"' not in page  # the Latin edition keeps its own copy
    assert re.search(r'id="ca-offline" data-ca-root="\.\./\.\./"', page)
    tiles = re.search(r'data-ca-tiles="([^"]*)"', page).group(1)
    assert tiles and not re.search("[\u0400-\u04ff]", tiles)
