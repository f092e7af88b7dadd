"""WCAG 2.2 AA on every built page, in light and dark mode, checked by axe-core in Chromium.

axe-core is vendored (``tests/vendor/axe.min.js``, MPL-2.0, version in its header and in
``tests/vendor/README.md``) and injected into each page and into each map frame, so the check
needs no network. Keyboard paths through the maps, the chronology and the search are checked
here too (the quizzes' keyboard paths are in ``test_browser.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import PageLog, attach, screenshot

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DRAWN = ("Array.from(document.querySelectorAll('path.leaflet-interactive'))"
         ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')")
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          iframes: false, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: '
                                          + (n.failureSummary || '').slice(0, 160))}));
}"""


def site_pages(site: Path) -> list[Path]:
    """Every page a reader can open: the book's pages, the search page and the index."""
    pages = sorted((site / "book").glob("*.html"))
    pages += [p for p in (site / "search.html", site / "genindex.html") if p.exists()]
    return pages


def open_in_mode(browser: object, url: str, mode: str) -> tuple[object, PageLog]:
    """Open ``url`` with the theme in ``mode`` (the reader's choice and the system's)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, color_scheme=mode)
    context.add_init_script(f"try {{ localStorage.setItem('mode', '{mode}'); }} catch (e) {{}}")
    page = context.new_page()
    log = PageLog()
    attach(page, log)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    return page, log


def axe_violations(page: object) -> list[str]:
    """Run axe in the page and in each of its frames; return one line per violation."""
    source = AXE.read_text(encoding="utf-8")
    found = []
    for frame in page.frames:  # type: ignore[attr-defined]
        if frame != page.main_frame:  # type: ignore[attr-defined]
            frame.wait_for_function(DRAWN, timeout=10_000)
        frame.evaluate(source)
        where = "" if frame == page.main_frame else " (map frame)"  # type: ignore
        for v in frame.evaluate(RUN_AXE, AXE_TAGS):
            found.append(f"{v['id']} [{v['impact']}]{where}: {v['nodes']}")
    return found


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_page_passes_axe_wcag22_aa(browser: object, base_url: str, site_dir: Path,
                                        mode: str) -> None:
    pages = site_pages(site_dir)
    assert len(pages) >= 25
    problems = []
    for path in pages:
        page, _log = open_in_mode(browser, f"{base_url}/{path.relative_to(site_dir)}", mode)
        theme = page.evaluate("document.documentElement.dataset.theme")  # type: ignore
        assert theme == mode, f"{path.name}: theme {theme!r}, wanted {mode}"
        problems += [f"{path.name} ({mode}) {v}" for v in axe_violations(page)]
        if path.stem in ("l03_ethnic_borders_enclaves", "chronology", "atlas"):
            screenshot(page, f"{path.stem}-{mode}")
        page.context.close()  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)


def open_page(browser: object, url: str) -> tuple[object, PageLog]:
    return open_in_mode(browser, url, "light")


def test_maps_have_text_alternatives_from_their_data(site_dir: Path) -> None:
    from ca_course.messages import msg

    pages = sorted((site_dir / "book").glob("*.html"))
    figures = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        count = text.count('<figure class="ca-map"')
        alternatives = text.count('class="ca-sr-only ca-map-text"')
        assert alternatives == count, f"{path.name}: {count} maps, {alternatives} text lists"
        figures += count
    assert figures >= 25
    atlas = (site_dir / "book" / "atlas.html").read_text(encoding="utf-8")
    assert msg("map.described") in atlas and msg("map.countries") in atlas
    assert "Қазақстан" in atlas.split('class="ca-sr-only ca-map-text"')[1]


def test_map_is_used_by_keyboard(browser: object, base_url: str) -> None:
    page, log = open_page(browser, f"{base_url}/book/atlas.html")
    # The text alternative is in the accessibility tree (hidden only visually).
    alternative = page.locator(".ca-map-text").first  # type: ignore[attr-defined]
    assert alternative.count() and "Қазақстан" in alternative.inner_text()
    frame = next(f for f in page.frames if f != page.main_frame)  # type: ignore
    frame.wait_for_function(DRAWN, timeout=10_000)
    zoom = "(() => { const k = Object.keys(window).find(n => /^map_[0-9a-f]+$/.test(n));" \
           " return window[k].getZoom(); })()"
    before = frame.evaluate(zoom)
    frame.focus(".leaflet-container")
    page.keyboard.press("Equal")  # type: ignore[attr-defined]  # Leaflet: + zooms in
    page.wait_for_timeout(600)  # type: ignore[attr-defined]
    assert frame.evaluate(zoom) > before
    page.keyboard.press("Minus")  # type: ignore[attr-defined]
    page.wait_for_timeout(600)  # type: ignore[attr-defined]
    assert frame.evaluate(zoom) == before
    # A layer of the layer control is switched off and on with Tab and Space.
    boxes = frame.locator(".leaflet-control-layers input")
    if boxes.count():
        boxes.first.focus()
        checked = boxes.first.is_checked()
        page.keyboard.press("Space")  # type: ignore[attr-defined]
        assert boxes.first.is_checked() != checked
    assert not log.errors, log.errors
    page.context.close()  # type: ignore[attr-defined]


def test_chronology_is_used_by_keyboard(browser: object, base_url: str) -> None:
    page, log = open_page(browser, f"{base_url}/book/chronology.html")
    rows = "Array.from(document.querySelectorAll('tbody tr[data-lectures]'))"
    total = page.evaluate(f"{rows}.length")  # type: ignore[attr-defined]
    # The year strip comes before the filters: Shift+Tab from the search box reaches a dot,
    # and Enter on the dot leads to its event in the table.
    page.focus(".cat-search")  # type: ignore[attr-defined]
    page.keyboard.press("Shift+Tab")  # type: ignore[attr-defined]
    dot = page.evaluate(  # type: ignore[attr-defined]
        "[document.activeElement.getAttribute('class'), document.activeElement.dataset.target]")
    assert dot[0].startswith("cat-dot"), dot
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    hit = page.locator(f"#{dot[1]}")  # type: ignore[attr-defined]
    assert "cat-hit" in (hit.get_attribute("class") or "")
    # Typing filters the table; Tab goes on to the lecture filter, whose arrows filter too.
    page.focus(".cat-search")  # type: ignore[attr-defined]
    page.keyboard.type("Арал")  # type: ignore[attr-defined]
    visible = page.evaluate(f"{rows}.filter(r => !r.hidden).length")  # type: ignore
    assert 0 < visible < total
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.className") == "cat-lecture"  # type: ignore
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.value")  # type: ignore[attr-defined]
    assert not log.errors, log.errors
    page.context.close()  # type: ignore[attr-defined]


def test_search_is_used_by_keyboard(browser: object, base_url: str, site_dir: Path) -> None:
    page, log = open_page(browser, f"{base_url}/book/intro.html")
    page.keyboard.press("Control+k")  # type: ignore[attr-defined]
    field = "document.activeElement && document.activeElement.name"
    page.wait_for_function(f"({field}) === 'q'", timeout=5_000)  # type: ignore
    page.keyboard.type("Арал")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/search.html?q=*", timeout=10_000)  # type: ignore[attr-defined]
    page.wait_for_selector("#search-results li a", timeout=15_000)  # type: ignore
    # A result opens with Enter.
    page.focus("#search-results li a")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert "/book/" in page.url  # type: ignore[attr-defined]
    assert not log.errors, log.errors
    page.context.close()  # type: ignore[attr-defined]
