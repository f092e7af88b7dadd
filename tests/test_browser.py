"""Read the built site in headless Chromium as a student with no network would."""

from __future__ import annotations

from pathlib import Path

import pytest

from ca_course import data
from ca_course import models as m
from ca_course.messages import msg
from ca_course.quiz.static import answer_key
from ca_course.text import letters

from browser_support import SCREENSHOTS, PageLog, attach, screenshot
from scoring_cases import load_cases

pytestmark = pytest.mark.browser
# A map has drawn when one of its vector paths has a real shape (a layer of another
# period or theme, not shown yet, keeps the empty path "M0 0").
DRAWN = ("Array.from(document.querySelectorAll('path.leaflet-interactive'))"
         ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')")
QUESTIONS, CASES = load_cases()


def lecture_pages(site: Path) -> list[tuple[str, Path]]:
    pages = []
    for lecture in data.lectures():
        page = site / Path(lecture.file).with_suffix(".html")
        if page.exists():
            pages.append((lecture.id, page))
    return pages


def open_page(browser: object, url: str, *, width: int = 1280) -> tuple[object, PageLog]:
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    log = PageLog()
    attach(page, log)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, log


def built_lectures(site_dir: Path) -> list[tuple[str, Path]]:
    pages = lecture_pages(site_dir)
    assert pages, f"no lecture pages in {site_dir}"
    return pages


def test_golden_cases_agree_in_the_page_scorer(browser: object, base_url: str,
                                               site_dir: Path) -> None:
    _, page_path = built_lectures(site_dir)[0]
    page, log = open_page(browser, f"{base_url}/{page_path.relative_to(site_dir)}")
    tables = letters().as_json()
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
    assert not log.errors


def _first(bank: m.QuizBank, kind: type) -> m.QuestionBase:
    return next(q for q in bank.questions if isinstance(q, kind))


def test_every_lecture_page_works_offline(browser: object, base_url: str,
                                          site_dir: Path) -> None:
    for lecture, page_path in built_lectures(site_dir):
        page, log = open_page(browser, f"{base_url}/{page_path.relative_to(site_dir)}")
        # Maps: each iframe draws its vector layers without tiles.
        frames = [f for f in page.frames if f != page.main_frame]  # type: ignore[attr-defined]
        assert frames, f"{lecture}: no map iframe"
        for frame in frames:
            frame.wait_for_function(DRAWN, timeout=10_000)
        # Quiz: the right option of a single-choice question, by mouse.
        bank = data.quiz_bank(lecture)
        single = _first(bank, m.SingleChoice)
        box = page.locator(f"#{single.id}")  # type: ignore[attr-defined]
        box.locator(f"input[value={single.answer}]").check()
        box.locator(".caq-check").click()
        assert box.locator(".caq-verdict").inner_text() == msg("quiz.correct")
        score = page.locator(f"#caq-{lecture} .caq-score").inner_text()  # type: ignore
        assert score == msg("quiz.score", score=1, total=len(bank.questions))
        screenshot(page, f"{lecture}-desktop")
        page.locator("figure.ca-map").first.scroll_into_view_if_needed()  # type: ignore
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        page.locator("figure.ca-map").first.screenshot(  # type: ignore[attr-defined]
            path=str(SCREENSHOTS / f"{lecture}-map.png"))
        assert not log.errors, f"{lecture}: {log.errors}"
        assert not log.unexpected_outside(), f"{lecture}: {log.unexpected_outside()}"
        page.close()  # type: ignore[attr-defined]


def test_atlas_draws_every_map_offline(browser: object, base_url: str, site_dir: Path) -> None:
    page, log = open_page(browser, f"{base_url}/book/atlas.html")
    frames = [f for f in page.frames if f != page.main_frame]  # type: ignore[attr-defined]
    figures = page.locator("figure.ca-map").count()  # type: ignore[attr-defined]
    assert len(frames) == figures >= 10
    for frame in frames:
        frame.wait_for_function(DRAWN, timeout=10_000)
        labels = frame.evaluate("Array.from(document.querySelectorAll("
                                "'.leaflet-control-layers label, .leaflet-control-layers-list'"
                                ")).map(e => e.textContent).join(' ')")
        assert "Layers" not in labels
    assert not log.errors, log.errors
    assert not log.unexpected_outside(), log.unexpected_outside()
    page.close()  # type: ignore[attr-defined]


def test_quiz_answers_by_keyboard(browser: object, base_url: str, site_dir: Path) -> None:
    lecture, page_path = built_lectures(site_dir)[0]
    page, log = open_page(browser, f"{base_url}/{page_path.relative_to(site_dir)}")
    bank = data.quiz_bank(lecture)
    single = _first(bank, m.SingleChoice)
    wrong = next(o.id for o in single.options if o.id != single.answer)
    box = page.locator(f"#{single.id}")  # type: ignore[attr-defined]
    box.locator(f"input[value={wrong}]").focus()
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    # Tab leaves the radio group and lands on the check button.
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.className") == "caq-check"  # type: ignore
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert box.locator(".caq-verdict").inner_text() == msg("quiz.incorrect")
    assert msg("quiz.explanation") in box.locator(".caq-feedback").inner_text()
    text_q = next((q for q in bank.questions if isinstance(q, m.ShortText | m.Numeric)), None)
    if text_q is not None:
        field = page.locator(f"#{text_q.id} input[type=text]")  # type: ignore[attr-defined]
        field.focus()
        typed = text_q.answers[0].upper() if isinstance(text_q, m.ShortText) else str(
            text_q.answer).replace(".", ",")
        page.keyboard.type(typed)  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        verdict = page.locator(f"#{text_q.id} .caq-verdict").inner_text()  # type: ignore
        assert verdict == msg("quiz.correct")
    assert not log.errors


def all_pages(site: Path) -> list[Path]:
    return sorted((site / "book").glob("*.html"))


def test_every_page_is_clean_offline_and_fits_a_phone(browser: object, base_url: str,
                                                      site_dir: Path) -> None:
    pages = all_pages(site_dir)
    assert len(pages) >= 25
    problems = []
    for page_path in pages:
        for width in (1280, 375):
            page, log = open_page(browser, f"{base_url}/{page_path.relative_to(site_dir)}",
                                  width=width)
            for frame in page.frames[1:]:  # type: ignore[attr-defined]
                frame.wait_for_function(DRAWN, timeout=10_000)
            if width == 375:
                screenshot(page, f"{page_path.stem}-phone")
                scroll = page.evaluate("document.documentElement.scrollWidth")  # type: ignore
                if scroll > 376:
                    problems.append(f"{page_path.name}: {scroll}px wide at 375px")
            problems += [f"{page_path.name}@{width}: {e}" for e in log.errors]
            problems += [f"{page_path.name}: outside request {u}"
                         for u in log.unexpected_outside()]
            page.close()  # type: ignore[attr-defined]
    assert not problems, problems[:10]


def test_every_quiz_answers_by_keyboard(browser: object, base_url: str,
                                        site_dir: Path) -> None:
    for lecture, page_path in built_lectures(site_dir):
        page, log = open_page(browser, f"{base_url}/{page_path.relative_to(site_dir)}")
        bank = data.quiz_bank(lecture)
        single = _first(bank, m.SingleChoice)
        box = page.locator(f"#{single.id}")  # type: ignore[attr-defined]
        box.locator(f"input[value={single.answer}]").focus()
        page.keyboard.press("Space")  # type: ignore[attr-defined]
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        assert box.locator(".caq-verdict").inner_text() == msg("quiz.correct"), lecture
        assert not log.errors, (lecture, log.errors)
        page.close()  # type: ignore[attr-defined]


def test_search_finds_kazakh_words(browser: object, base_url: str) -> None:
    page, log = open_page(browser, f"{base_url}/search.html?q=%D0%90%D1%80%D0%B0%D0%BB")
    page.wait_for_selector("#search-results li", timeout=15_000)  # type: ignore[attr-defined]
    titles = page.locator("#search-results li").all_inner_texts()  # type: ignore
    assert any("экологиялық" in t.lower() for t in titles), titles[:5]
    assert not log.errors, log.errors


def test_previous_next_and_contents_navigate(browser: object, base_url: str,
                                             site_dir: Path) -> None:
    first = site_dir / Path(data.lectures()[0].file).with_suffix(".html")
    page, log = open_page(browser, f"{base_url}/{first.relative_to(site_dir)}")
    page.locator("a.right-next").click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    second = Path(data.lectures()[1].file).with_suffix(".html").name
    assert page.url.endswith(second)  # type: ignore[attr-defined]
    page.locator("a.left-prev").click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert page.url.endswith(first.name)  # type: ignore[attr-defined]
    link = page.locator("nav.bd-links a[href$=\"atlas.html\"]").first
    link.click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert page.url.endswith("atlas.html")  # type: ignore[attr-defined]
    assert not log.errors, log.errors
