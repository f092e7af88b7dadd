"""The built site's Kazakh search: inflected forms find their pages, the lecture about a
topic comes first, and the index is the Kazakh one (stemmed, UTF-8, small)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from ca_course.search import stem

from browser_support import CHROMIUM, CHROMIUM_ARGS, PageLog, attach, screenshot, serve

#: An inflected form, its base word, and a lecture that must be among the results.
INFLECTED = [
    ("Сарездің", "Сарез", "book/l02_ecological_threats.html"),
    ("Ферғанада", "Ферғана", "book/l03_ethnic_borders_enclaves.html"),
    ("анклавтарға", "анклав", "book/l03_ethnic_borders_enclaves.html"),
    ("дәліздерімен", "дәліз", "book/l15_geoeconomics.html"),
    ("Байқоңырға", "Байқоңыр", "book/l02_ecological_threats.html"),
]
#: A word and the lecture about it, which must be the first result.
ABOUT = [
    ("анклав", "book/l03_ethnic_borders_enclaves.html"),
    ("анклавтарға", "book/l03_ethnic_borders_enclaves.html"),
    ("дәліз", "book/l15_geoeconomics.html"),
]
#: Upper bound for searchindex.js (982 354 bytes with Sphinx's English fallback).
INDEX_BUDGET = 400_000


def read_index(site_dir: Path) -> dict:
    text = (site_dir / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    return json.loads(text[len("Search.setIndex("):-1])


def test_index_is_stemmed_utf8_and_small(site_dir: Path) -> None:
    path = site_dir / "searchindex.js"
    text = path.read_text(encoding="utf-8")
    assert "\\u04" not in text and "\\u043" not in text, "Kazakh letters escaped as \\uXXXX"
    assert path.stat().st_size < INDEX_BUDGET, path.stat().st_size
    terms = read_index(site_dir)["terms"]
    assert stem("анклавтарға") in terms and "анклавтарға" not in terms
    assert "және" not in terms, "a stopword is indexed"
    assert not [t for t in terms if t.isdigit()], "digits are indexed (the query skips them)"


def test_search_page_carries_the_kazakh_stemmer(site_dir: Path) -> None:
    language_data = (site_dir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "KK_STEMMER_DATA = {" in language_data
    assert "TITLE_BOOST" in language_data


@pytest.fixture(scope="module")
def search(site_dir: Path) -> Iterator[object]:
    """A function: query → (result hrefs in order, page, log)."""
    from playwright.sync_api import sync_playwright

    with serve(site_dir) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def run(query: str) -> tuple[list[str], object, PageLog]:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            log = PageLog()
            attach(page, log)
            page.goto(f"{base_url}/search.html?q={quote(query)}", wait_until="load")
            page.wait_for_selector("#search-results li", timeout=15_000)
            # Results are added one by one; wait until the summary line is written.
            page.wait_for_function(
                "document.querySelector('#search-results p.search-summary')"
                " && document.querySelector('#search-results p.search-summary').textContent")
            hrefs = page.eval_on_selector_all(
                "#search-results li > a", "links => links.map(a => a.getAttribute('href'))")
            return [h.split("#")[0].split("?")[0] for h in hrefs], page, log

        yield run
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize(("inflected", "base", "lecture"), INFLECTED)
def test_inflected_form_finds_the_pages_of_its_base_word(
        search: object, inflected: str, base: str, lecture: str) -> None:
    found, page, log = search(inflected)  # type: ignore[operator]
    assert lecture in found, (inflected, found)
    base_found, base_page, _ = search(base)  # type: ignore[operator]
    assert set(found) == set(base_found), (inflected, found, base, base_found)
    assert not log.errors, log.errors
    assert not log.unexpected_outside(), log.outside
    page.close()  # type: ignore[attr-defined]
    base_page.close()  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "lecture"), ABOUT)
def test_lecture_about_the_word_comes_first(search: object, query: str, lecture: str) -> None:
    found, page, log = search(query)  # type: ignore[operator]
    assert found[0] == lecture, found
    # Pages that only mention the word are still found, after it.
    assert len(set(found)) > 2, found
    assert not log.errors, log.errors
    if query == "анклав":
        screenshot(page, "search-anklav")
    page.close()  # type: ignore[attr-defined]
