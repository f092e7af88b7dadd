"""Both scripts read offline under one worker: a reader who first opens a page of the
Latin edition (``latn/``) can, with the network cut, read Latin pages (maps drawn, the
tiles note in Latin letters), follow the script switch and read the Cyrillic pages too."""

from __future__ import annotations

import re
from pathlib import Path

from ca_course.latin import to_latin
from ca_course.messages import msg

from browser_support import phone_with_worker, screenshot

DRAWN = ("Array.from(document.querySelectorAll('path.leaflet-interactive'))"
         ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_latin_and_cyrillic_pages_read_offline_after_a_latin_visit(
        site_dir: Path, base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser, context, page, errors = phone_with_worker(p)
        page.goto(f"{base_url}/latn/book/intro.html", wait_until="load")
        scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
        assert scope == f"{base_url}/", "the Latin pages must use the site's one worker"
        page.wait_for_function("() => navigator.serviceWorker.controller !== null ||"
                               " caches.keys().then(k => k.length > 0)", timeout=30_000)
        context.set_offline(True)

        page.goto(f"{base_url}/latn/book/l03_ethnic_borders_enclaves.html", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "kk-Latn"
        frames = [f for f in page.frames if f != page.main_frame]
        assert frames, "no map frame"
        for frame in frames:
            frame.wait_for_function(DRAWN, timeout=15_000)
            frame.wait_for_selector(".ca-tiles-note", timeout=15_000)
            note = frame.locator(".ca-tiles-note").inner_text()
            assert note == to_latin(msg("offline.tiles")) and not CYRILLIC.search(note)
        page.locator("figure.ca-map").first.scroll_into_view_if_needed()
        screenshot(page, "offline-latin-lecture")

        for rel in ("latn/book/glossary.html", "latn/book/chronology.html", "latn/index.html"):
            page.goto(f"{base_url}/{rel}", wait_until="load")
            assert page.locator("h1").first.inner_text().strip(), rel
            assert page.evaluate("document.documentElement.lang") == "kk-Latn", rel

        page.goto(f"{base_url}/latn/book/atlas.html", wait_until="load")
        page.locator("a.ca-script-switch").first.click()
        page.wait_for_url(re.compile(r"/book/atlas\.html$"))
        assert "/latn/" not in page.url
        assert page.evaluate("document.documentElement.lang") == "kk"
        atlas = [f for f in page.frames if f != page.main_frame]
        assert len(atlas) >= 10
        for frame in atlas:
            frame.wait_for_function(DRAWN, timeout=15_000)
        assert page.evaluate("navigator.onLine") is False
        browser.close()
    assert not errors, errors
