"""Search in the Latin-script edition (``latn/``): queries in Latin letters, inflected, find
their pages, and so do the same queries in Cyrillic; the results are written in Latin."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from browser_support import PageLog, attach

#: (query, a word of the title of a page it must find): inflected forms of words on the pages.
QUERIES = [
    ("Ferğanada", "Ferğana"),
    ("Ферғанада", "Ferğana"),
    ("anklavtarğa", "anklav"),
]


def search(browser: object, base_url: str, query: str) -> list[str]:
    """Return the result titles of the Latin edition's search page for ``query``."""
    page = browser.new_page()  # type: ignore[attr-defined]
    log = PageLog()
    attach(page, log)
    page.goto(f"{base_url}/latn/search.html?q={quote(query)}")
    page.wait_for_selector("#search-results li", timeout=15_000)
    titles = page.locator("#search-results li").all_inner_texts()
    page.close()
    assert not log.errors, log.errors
    return titles


@pytest.mark.parametrize(("query", "title_word"), [q for q in QUERIES if q[1]])
def test_latin_search_finds_inflected_forms_in_both_scripts(
        browser: object, base_url: str, query: str, title_word: str) -> None:
    titles = search(browser, base_url, query)
    assert any(title_word.lower() in t.lower() for t in titles), (query, titles[:5])
    text = " ".join(titles)
    assert not re.search("[әғқңөұүһі]", text.lower()), "result titles must be in Latin letters"
