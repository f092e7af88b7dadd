"""The Latin-script edition, built into ``latn/`` of the site: read in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ca_course.quiz.static import answer_key
from ca_course.text import letters

from browser_support import PageLog, attach, screenshot
from scoring_cases import load_cases

pytestmark = pytest.mark.browser
QUESTIONS, CASES = load_cases()
#: A sample of pages: prose, quizzes and maps, the glossary, the atlas, the student guide.
SAMPLE = ["book/intro.html", "book/l01_security_concept.html",
          "book/l03_ethnic_borders_enclaves.html", "book/glossary.html", "book/atlas.html",
          "book/student_guide.html"]
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
#: The visible text of a page, without code, and without elements in another language or
#: script (the glossary's Russian, the Cyrillic letters of the alphabet table, the switch).
VISIBLE_KAZAKH_TEXT = """() => {
  const root = document.querySelector('main') || document.body;
  const clone = root.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, [lang]:not([lang="kk"]):not([lang="kk-Latn"])')
       .forEach(e => e.remove());
  return clone.textContent;
}"""


@pytest.fixture(scope="module")
def latin_dir(site_dir: Path) -> Path:
    latin = site_dir / "latn"
    assert (latin / "book" / "intro.html").exists(), f"no Latin edition in {latin}"
    return latin


def open_page(browser: object, url: str) -> tuple[object, PageLog]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    log = PageLog()
    attach(page, log)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)  # type: ignore
    log.missing = missing  # type: ignore[attr-defined]
    page.goto(url, wait_until="load")
    return page, log


def errors(log: PageLog) -> list[str]:
    """Script errors, and files the site lacks (but the browser's own favicon.ico probe)."""
    script = [e for e in log.errors if not e.startswith("Failed to load resource: the server")]
    return script + [u for u in log.missing if not u.endswith("/favicon.ico")]  # type: ignore


@pytest.mark.parametrize("path", SAMPLE)
def test_latin_page_is_latin_and_switches_to_the_same_page(
        browser: object, base_url: str, latin_dir: Path, path: str) -> None:
    assert (latin_dir / path).exists()
    page, log = open_page(browser, f"{base_url}/latn/{path}")
    assert page.evaluate("document.documentElement.lang") == "kk-Latn"  # type: ignore
    text = page.evaluate(VISIBLE_KAZAKH_TEXT)  # type: ignore[attr-defined]
    assert len(text) > 200
    left = sorted({w for w in text.split() if KAZAKH_LETTERS.search(w)})
    assert not left, f"Kazakh Cyrillic left on {path}: {left[:10]}"
    heading = page.locator("main h1").first.inner_text()  # type: ignore[attr-defined]
    assert heading and not re.search(r"[\u0400-\u04FF]", heading), heading
    if path.endswith("l01_security_concept.html"):
        screenshot(page, "latin-l01")
    switch = page.locator("a.ca-script-switch")  # type: ignore[attr-defined]
    assert switch.count() == 1
    switch.click()
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.url == f"{base_url}/{path}"  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "kk"  # type: ignore
    assert KAZAKH_LETTERS.search(page.evaluate(VISIBLE_KAZAKH_TEXT))  # type: ignore
    page.locator("a.ca-script-switch").click()  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.url == f"{base_url}/latn/{path}"  # type: ignore[attr-defined]
    assert not errors(log)


def test_russian_and_english_stay_in_the_latin_glossary(latin_dir: Path) -> None:
    html = (latin_dir / "book" / "glossary.html").read_text(encoding="utf-8")
    russian = re.findall(r'<em lang="ru">([^<]+)</em>', html)
    english = re.findall(r'<em lang="en">([^<]+)</em>', html)
    assert len(russian) > 50 and len(english) > 50
    assert all(re.search(r"[а-яё]", term, re.I) for term in russian)
    assert "безопасность" in " ".join(russian)


def test_latin_quiz_scores_in_both_scripts_and_explains_in_latin(
        browser: object, base_url: str, latin_dir: Path) -> None:
    page, log = open_page(browser, f"{base_url}/latn/book/l01_security_concept.html")
    # The letter tables the page carries itself are the package's, not transliterated.
    tables = page.evaluate(  # type: ignore[attr-defined]
        "JSON.parse(document.querySelector('script.caq-config').textContent).letters")
    assert tables == letters().as_json()
    disagreements = []
    for qid, response, expected in CASES:
        q = QUESTIONS[qid]
        got = page.evaluate(  # type: ignore[attr-defined]
            "([t, k, r, L]) => { const v = window.caQuiz.score(t, k, r, L);"
            " return v.problem ? 'invalid' : (v.ok ? 'right' : 'wrong'); }",
            [q.type, answer_key(q), response, tables])
        if got != expected:
            disagreements.append((qid, response, expected, got))
    assert not disagreements
    # A question checked on the page explains itself in Latin letters.
    question = page.locator(".caq-q[data-type=truefalse]").first  # type: ignore[attr-defined]
    question.locator("input[type=radio]").first.check()
    question.locator(".caq-check").click()
    explanation = question.locator(".caq-explanation").inner_text()
    assert len(explanation) > 20 and not KAZAKH_LETTERS.search(explanation)
    assert not errors(log)
