"""The offline edition: manifest, icons, service worker, precache list, reading with no network.

Unit tests run :func:`ca_course.offline.publish` on a small fake site; the others read the
built site (``$CA_COURSE_SITE``) and, in Debian's Chromium, visit it once, wait for the service
worker to fill its cache, cut the network and read five pages.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.offline import BUDGET_BYTES, cache_name, precache_files, publish

from browser_support import phone_with_worker, screenshot, serve

DRAWN = ("Array.from(document.querySelectorAll('path.leaflet-interactive'))"
         ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')")
PRECACHE = re.compile(r"const PRECACHE = (\[.*?\]);", re.DOTALL)
CACHE = re.compile(r'const CACHE = "([^"]+)";')
#: The files a page or a map frame loads: scripts and stylesheets.
LOADED = re.compile(r"""(?:<script[^>]*\ssrc|<link[^>]*\shref)=["']([^"'?#]+\.(?:js|css))""")
LECTURE = "l03"  # maps (enclaves) and a quiz


def fake_site(root: Path) -> Path:
    """Write a tiny built site: two pages, assets, and the files that must not be cached."""
    files = {
        "index.html": "<html><head><title>x</title></head><body></body></html>",
        "book/intro.html": "<html><head><title>i</title></head><body>Кіріспе</body></html>",
        "_static/ca-course.css": "body{}",
        "_static/scripts/fontawesome.js": "/* not loaded */",
        "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2": "woff2",
        "_static/vendor/fontawesome/webfonts/fa-solid-900.ttf": "ttf",
        "vendor/leaflet/leaflet.js": "L={}",
        "vendor/ca-outlines.js": "window.CA_OUTLINES={}",
        "_sources/book/l01.ipynb": "{}",
        "_downloads/ca_course-0.1.0-py3-none-any.whl": "wheel",
        "book/l01.ipynb": "{}",
        "course-kk.pdf": "%PDF",
        "_static/locales/kk/LC_MESSAGES/sphinx.mo": "mo",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_precache_list_keeps_pages_and_assets_only(tmp_path: Path) -> None:
    files = precache_files(fake_site(tmp_path))
    assert files == ["_static/ca-course.css",
                     "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2",
                     "book/intro.html", "index.html", "vendor/ca-outlines.js",
                     "vendor/leaflet/leaflet.js"]


def test_cache_name_follows_the_files_and_the_edition(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    files = precache_files(site)
    first = cache_name(site, files, "2026-2027")
    assert first.startswith("ca-course-") and "-2026-2027-" in first
    assert cache_name(site, files, "2026-2027") == first
    assert cache_name(site, files, "2027-2028") != first
    (site / "book/intro.html").write_text("<html><head></head><body>жаңа</body></html>")
    assert cache_name(site, files, "2026-2027") != first


def test_publish_writes_manifest_icons_worker_and_links_pages(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    result = publish(site, "book/intro.html", edition="2026-2027")
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == msg("course.title") and manifest["lang"] == "kk"
    assert manifest["start_url"] == "book/intro.html" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        with Image.open(site / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert CACHE.search(worker).group(1) == result.cache  # type: ignore[union-attr]
    listed = json.loads(PRECACHE.search(worker).group(1))  # type: ignore[union-attr]
    assert listed[0] == "./" and set(listed[1:]) == set(result.files)
    assert {"manifest.webmanifest", "ca-offline.js", "icons/icon-192.png"} <= set(listed)
    assert not [f for f in listed if f.endswith((".pdf", ".ipynb", ".whl"))]
    intro = (site / "book/intro.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../manifest.webmanifest" />' in intro
    assert 'src="../ca-offline.js"' in intro and 'data-ca-edition="2026-2027"' in intro
    assert '<link rel="icon" type="image/png" href="../icons/icon-192.png" />' in intro
    assert '<link rel="manifest" href="manifest.webmanifest" />' in (
        site / "index.html").read_text(encoding="utf-8")
    publish(site, "book/intro.html", edition="2026-2027")  # a second run links nothing twice
    assert (site / "book/intro.html").read_text(encoding="utf-8").count('rel="manifest"') == 1
    with pytest.raises(ValueError):
        publish(site, "book/intro.html", edition="2026")


def site_worker(site: Path) -> tuple[str, list[str]]:
    worker = (site / "sw.js").read_text(encoding="utf-8")
    return (CACHE.search(worker).group(1),  # type: ignore[union-attr]
            json.loads(PRECACHE.search(worker).group(1)))  # type: ignore[union-attr]


def test_built_site_precaches_every_page_within_budget(site_dir: Path) -> None:
    _, listed = site_worker(site_dir)
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob("book/*.html"))
    assert pages and set(pages) <= set(listed)
    for needed in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                   "manifest.webmanifest", "ca-offline.js", "searchindex.js"):
        assert needed in listed, needed
    # Every script and stylesheet a page or a map frame (srcdoc) loads is precached.
    missing = set()
    for page in site_dir.glob("book/*.html"):
        text = unescape(page.read_text(encoding="utf-8"))
        for url in LOADED.findall(text):
            if "//" in url:
                continue
            target = posixpath.normpath(posixpath.join("book", url))
            if target not in listed:
                missing.add(f"{page.name}: {url}")
    assert not missing, sorted(missing)
    assert any(f.endswith(".woff2") for f in listed)
    assert not [f for f in listed if f.endswith((".pdf", ".ipynb", ".whl"))]
    files = [f for f in listed[1:] if not f.endswith("/")]  # "latn/": its index.html
    assert all((site_dir / f).is_file() for f in files)
    size = sum((site_dir / f).stat().st_size for f in files)
    assert size <= BUDGET_BYTES, f"precache {size} bytes > budget {BUDGET_BYTES}"
    for page in [site_dir / "index.html", *site_dir.glob("book/*.html")]:
        assert 'rel="manifest"' in page.read_text(encoding="utf-8"), page


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.mark.browser
def test_five_pages_read_with_the_network_cut(site_dir: Path, base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    cache, listed = site_worker(site_dir)
    with sync_playwright() as p:
        browser, context, page, errors = phone_with_worker(p)
        page.goto(f"{base_url}/book/intro.html", wait_until="load")
        page.wait_for_function(
            "() => navigator.serviceWorker.controller !== null ||"
            " navigator.serviceWorker.ready.then(() => true)", timeout=30_000)
        page.evaluate("() => navigator.serviceWorker.ready")
        state = page.evaluate("async (name) => { const r = await navigator.serviceWorker.ready;"
                              " const keys = await caches.keys();"
                              " const mine = keys.filter(k => k.endsWith(':' + name));"
                              " if (!mine.length) return [r.active && r.active.state, 0];"
                              " const c = await caches.open(mine[0]);"
                              " return [r.active.state, (await c.keys()).length]; }", cache)
        assert state == ["activated", len(listed)]
        screenshot(page, "offline-intro-online")

        context.set_offline(True)
        lecture = next(x for x in data.lectures() if x.id == LECTURE)
        lecture_url = Path(lecture.file).with_suffix(".html").as_posix()

        # 1. A lecture: its maps draw outlines and markers, the tiles note shows, the quiz works.
        page.goto(f"{base_url}/{lecture_url}", wait_until="load")
        assert page.locator("h1").first.inner_text().strip()
        frames = [f for f in page.frames if f != page.main_frame]
        assert frames, "no map frame"
        for frame in frames:
            frame.wait_for_function(DRAWN, timeout=15_000)
            frame.wait_for_selector(".ca-tiles-note", timeout=15_000)
            assert frame.locator(".ca-tiles-note").inner_text() == msg("offline.tiles")
            assert frame.locator(".leaflet-marker-icon, path.leaflet-interactive").count() > 1
        bank = data.quiz_bank(LECTURE)
        single = next(q for q in bank.questions if isinstance(q, m.SingleChoice))
        box = page.locator(f"#{single.id}")
        box.locator(f"input[value={single.answer}]").check()
        box.locator(".caq-check").click()
        assert box.locator(".caq-verdict").inner_text() == msg("quiz.correct")
        page.locator("figure.ca-map").first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshot(page, "offline-lecture")

        # 2-5. The glossary, the chronology, the atlas and the introduction.
        page.goto(f"{base_url}/book/glossary.html", wait_until="load")
        assert page.locator("h1").first.inner_text().startswith("Глоссарий")
        assert page.locator("dt").count() >= 20
        page.goto(f"{base_url}/book/chronology.html", wait_until="load")
        assert page.locator("h1").first.inner_text().startswith("Хронология")
        assert page.locator("table tbody tr").count() >= 20
        screenshot(page, "offline-chronology")
        page.goto(f"{base_url}/book/atlas.html", wait_until="load")
        atlas = [f for f in page.frames if f != page.main_frame]
        assert len(atlas) >= 10
        for frame in atlas:
            frame.wait_for_function(DRAWN, timeout=15_000)
        screenshot(page, "offline-atlas")
        page.goto(f"{base_url}/", wait_until="load")
        page.wait_for_url(re.compile(r"book/intro\.html$"))
        assert page.locator("h1").first.inner_text().strip() == msg("course.title")
        assert page.evaluate("navigator.onLine") is False
        screenshot(page, "offline-intro")
        browser.close()
    assert not errors, errors
