"""A lecture in a real JupyterLab, as an instructor projects it (Chromium, no network).

One JupyterLab serves this module (``lab_support.lab_server``) over trusted copies of two
lectures, as ``python3 dev.py build`` trusts ``book/``. Every page's requests are confined to
127.0.0.1 (``browser_support.attach``), so each check runs as in a classroom with no network.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ca_course import data, quiz
from ca_course.messages import msg

from lab_support import (
    LabServer,
    chromium,
    lab_server,
    open_lab_page,
    screenshot,
    wait_for_notebook,
)

pytestmark = pytest.mark.browser

OPENED = "l02_ecological_threats"  # opened without running: admonitions, exercises, maps, quiz
RUN = "l01_security_concept"       # run in class: the live quiz and its results
UNTRUSTED = "untrusted_copy.ipynb"
#: A vector path with a real shape: the map has drawn (an empty layer keeps "M0 0").
DRAWN = ("() => Array.from(document.querySelectorAll('path.leaflet-interactive'))"
         ".some(p => (p.getAttribute('d') || 'M0 0') !== 'M0 0')")
#: Raw MyST that must never reach the screen.
RAW_MYST = (":class:", ":label:", "{term}", "```{", "{admonition}", "{exercise}")
#: A {term} role in a lecture's Markdown: shown text and, if different, the term's name.
TERM_ROLE = re.compile(r"\{term\}`([^`<]+?)\s*(?:<([^>`]+)>)?`")


def lecture_cells(stem: str) -> list[dict[str, Any]]:
    return json.loads((Path(__file__).resolve().parents[1] / "book" / f"{stem}.ipynb")
                      .read_text(encoding="utf-8"))["cells"]


def section_titles(stem: str) -> list[str]:
    """Return the lecture's title and its ``##`` headings, in order."""
    titles = []
    for cell in lecture_cells(stem):
        first = "".join(cell["source"]).lstrip().split("\n", 1)[0]
        if cell["cell_type"] == "markdown" and first.startswith(("# ", "## ")):
            titles.append(first.lstrip("#").strip())
    return titles


def real_errors(errors: list[str]) -> list[str]:
    """Drop jupyterlab-myst's notes on glossary terms defined on another page of the book."""
    return [e for e in errors if not e.startswith("Cross reference target was not found: term-")]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    # Every cell rendered at once (no lazy windowing), so each check sees the whole lecture.
    settings = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    with lab_server(tmp_path_factory.mktemp("lab"), [OPENED, RUN], settings=settings) as server:
        # A changed copy is no longer covered by the signature: Lab opens it untrusted.
        nb = json.loads((server.root / f"{OPENED}.ipynb").read_text(encoding="utf-8"))
        nb["metadata"]["ca_course_test"] = "untrusted"
        (server.root / UNTRUSTED).write_text(json.dumps(nb, ensure_ascii=False),
                                             encoding="utf-8")
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def drawn_maps(page: Any) -> int:
    count = 0
    for frame in page.frames[1:]:
        try:
            count += bool(frame.evaluate(DRAWN))
        except Exception:  # a frame that went away or has no document yet
            continue
    return count


def test_a_lecture_opened_without_running_reads_as_in_the_book(lab: LabServer,
                                                              browser: Any) -> None:
    page, log = open_lab_page(browser, lab.notebook_url(f"{OPENED}.ipynb", "opened"))
    wait_for_notebook(page)
    notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
    page.wait_for_function("() => document.querySelectorAll('.jp-Notebook iframe').length > 0")
    text = notebook.inner_text()
    assert not [raw for raw in RAW_MYST if raw in text], "raw MyST markup on screen"
    # An admonition renders as a box with its title; an exercise with its title, no label.
    titles = page.locator(".jp-Notebook .admonition-title, .jp-Notebook aside .font-medium")
    assert titles.filter(has_text="Редакциялық ескертпе").count() >= 1 or \
        page.get_by_text("Редакциялық ескертпе").count() >= 1
    exercise_title = next("".join(c["source"]).split("\n", 1)[0].removeprefix("```{exercise}")
                          .strip() for c in lecture_cells(OPENED)
                          if "".join(c["source"]).startswith("```{exercise}"))
    assert page.get_by_text(exercise_title).count() >= 1
    # Plumbing is collapsed: the setup cell's imports are not on screen.
    assert "from ca_course import" not in text
    # Maps: stored outputs draw with no network and no kernel output.
    page.wait_for_timeout(1500)
    assert drawn_maps(page) >= 2, "stored maps did not draw"
    assert page.locator(".ca-untrusted, .caq-untrusted").count() == 0  # trusted: scripts ran
    # The stored quiz answers: pick the right option of a single-choice question.
    bank = data.quiz_bank(OPENED[:3])
    question = next(q for q in bank.questions if q.type == "single")
    box = page.locator(f'.caq-q[data-qid="{question.id}"]')
    box.scroll_into_view_if_needed()
    box.locator(f'input[value="{question.answer}"]').check()
    box.locator(".caq-check").click()
    assert msg("quiz.correct") in box.locator(".caq-feedback").inner_text()
    # The matching question keeps its rows on one line each, selects beside their labels.
    matching = page.locator('.caq-q[data-type="matching"]').first
    matching.scroll_into_view_if_needed()
    row = matching.locator(".caq-row").first.bounding_box()
    select = matching.locator(".caq-row select").first.bounding_box()
    assert row and select and row["height"] < 60 and select["width"] > 150
    screenshot(page, "lab-lecture-opened")
    check_glossary_terms_and_exercise_labels(page)
    assert not real_errors(log.errors), real_errors(log.errors)
    assert not log.unexpected_outside(), log.unexpected_outside()
    page.close()


def first_term_role(stem: str) -> tuple[str, Any]:
    """Return the text the lecture's first {term} role shows and the glossary term it names."""
    for cell in lecture_cells(stem):
        found = TERM_ROLE.search("".join(cell["source"]))
        if cell["cell_type"] == "markdown" and found:
            shown, name = found.group(1).strip(), (found.group(2) or found.group(1)).strip()
            return shown, next(t for t in data.glossary() if t.kk.casefold() == name.casefold())
    raise AssertionError(f"{stem} has no {{term}} role")


def check_glossary_terms_and_exercise_labels(page: Any) -> None:
    """Terms carry their definitions (tooltip, box on click); exercises read in Kazakh.

    jupyterlab-myst alone draws a term as a dead link (href="#") and labels an exercise
    "Exercise 1"; lab/classroom (installed by the set-up) mends both.
    """
    shown, term = first_term_role(OPENED)
    page.locator(".jp-MarkdownCell").filter(has_text=shown).first.scroll_into_view_if_needed()
    link = page.locator(f'.jp-Notebook a.ca-term[data-ca-term="{term.id}"]').first
    link.wait_for(timeout=60_000)
    assert link.inner_text().strip() == shown
    assert link.get_attribute("href") == f"#{term.id}"
    title = link.get_attribute("title") or ""
    assert term.definition in title and term.ru in title and term.en in title, title
    url = page.url
    link.click()
    note = page.locator(".ca-term-note")
    note.wait_for(timeout=10_000)
    assert term.definition in note.inner_text() and term.kk in note.inner_text()
    assert page.url == url, "the term link navigated"
    screenshot(page, "lab-glossary-term")
    page.keyboard.press("Escape")
    note.wait_for(state="detached", timeout=10_000)
    # Every term link on screen is mended: none is left pointing nowhere.
    assert page.locator('.jp-Notebook a.hover-link[href="#"]').count() == 0
    exercise = page.locator(".jp-Notebook .myst-exercise-title").first
    exercise.scroll_into_view_if_needed()
    page.wait_for_function(
        "(label) => { const t = document.querySelector('.jp-Notebook .myst-exercise-title');"
        " return t && t.innerText.startsWith(label); }", arg=msg("lab.exercise") + " 1",
        timeout=30_000)
    titles = page.locator(".jp-Notebook .myst-exercise-title").all_inner_texts()
    assert titles and not [t for t in titles if "Exercise" in t], titles
    assert exercise.locator("a").first.get_attribute("title") == msg("lab.link_exercise")
    assert page.locator('.jp-Notebook a[title="Link to this Section"]').count() == 0


def test_an_untrusted_copy_says_in_kazakh_to_run_the_cell(lab: LabServer, browser: Any) -> None:
    page, _ = open_lab_page(browser, lab.notebook_url(UNTRUSTED, "untrusted"))
    wait_for_notebook(page)
    quiz_note = page.locator(".jp-Notebook:visible .caq-untrusted")
    quiz_note.first.wait_for(state="attached", timeout=60_000)
    quiz_note.first.scroll_into_view_if_needed()
    assert quiz_note.first.inner_text().strip() == msg("quiz.run_cell")
    assert page.locator(".jp-Notebook:visible .ca-untrusted").count() >= 2
    assert msg("map.no_iframe") not in page.locator(".jp-Notebook:visible").inner_text()
    page.close()


def run_all(page: Any, *, until: Any, timeout: float = 240.0) -> None:
    """Run every cell (Run → Run All Cells) once and wait until ``until`` shows.

    Call it once the kernel is up (``wait_for_notebook(page, kernel_idle=True)``): a Run
    All sent before makes Lab ask "Select Kernel" for every code cell, and each answer
    starts another kernel and clears the cells queued on the last one. A dialog fails.
    """
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    while not until.count():
        dialog = page.locator(".jp-Dialog")
        assert not dialog.count(), f"Lab asked during Run All: {dialog.first.inner_text()!r}"
        assert time.monotonic() < deadline, "Run All did not show the live quiz"
        page.wait_for_timeout(1000)


def run_new_cell(page: Any, code: str, *, timeout: float = 120.0) -> Any:
    """Add a code cell at the end of the notebook on screen, run it; return its output."""
    page.evaluate("""(code) => {
        const app = window.jupyterapp;
        const notebook = app.shell.currentWidget.content;
        notebook.activeCellIndex = notebook.widgets.length - 1;
        app.commands.execute("notebook:insert-cell-below");
        notebook.activeCell.model.sharedModel.setSource(code);
        return app.commands.execute("notebook:run-cell");
    }""", code)
    cell = page.locator(".jp-Notebook:visible .jp-CodeCell").last
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=timeout * 1000)
    return output


def rendered_table(output: Any) -> list[dict[str, str]]:
    """Return the rows of a DataFrame's HTML rendering as {column header: cell text}."""
    return output.locator("table").first.evaluate("""(table) => {
        const heads = Array.from(table.querySelectorAll("thead th")).map(th => th.innerText);
        return Array.from(table.querySelectorAll("tbody tr")).map(tr => {
            const cells = Array.from(tr.children).map(td => td.innerText);
            return Object.fromEntries(heads.map((h, i) => [h, cells[i]]).slice(1));
        });
    }""")


def test_a_lecture_run_in_class_reports_what_was_clicked(lab: LabServer, browser: Any) -> None:
    page, log = open_lab_page(browser, lab.notebook_url(f"{RUN}.ipynb", "run"))
    wait_for_notebook(page, kernel_idle=True)
    bank = data.quiz_bank(RUN[:3])
    title = msg("quiz.title", n=len(bank.questions))
    run_all(page, until=page.locator(".widget-html", has_text=title))
    singles = [(n, q) for n, q in enumerate(bank.questions, start=1) if q.type == "single"]
    (n_right, right), (n_wrong, wrong) = singles[0], singles[1]
    wrong_option = next(o for o in wrong.options if o.id != wrong.answer)
    clicks = {right.id: right.answer, wrong.id: wrong_option.id}
    for number, question, option in ((n_right, right, right.answer),
                                     (n_wrong, wrong, wrong_option.id)):
        text = next(o.text for o in question.options if o.id == option)
        box = page.locator(".widget-vbox").filter(
            has=page.locator(".widget-html", has_text=f"{number}. {question.prompt[:40]}")).last
        box.scroll_into_view_if_needed()
        box.locator(".widget-radio-box label", has_text=text).first.click()
        box.get_by_role("button", name=msg("quiz.check")).click()
        page.wait_for_timeout(300)
    page.get_by_text(msg("quiz.score", score=1, total=len(bank.questions))).first.wait_for()
    screenshot(page, "lab-lecture-run-quiz")
    # The instructor types the README's line in a new cell: the table shown is the clicks.
    output = run_new_cell(page, f'quiz.show("{RUN[:3]}").results()')
    rows = rendered_table(output)
    columns = [msg(key) for key in quiz.RESULT_COLUMNS]
    assert rows and list(rows[0]) == columns  # Kazakh column names, in order
    question, response, answered, correct = (msg(key) for key in (
        "quiz.col.question", "quiz.col.response", "quiz.col.answered", "quiz.col.correct"))
    checked = {row[question]: row for row in rows if row[answered] == "True"}
    assert set(checked) == set(clicks)
    assert {k: row[response] for k, row in checked.items()} == clicks
    assert checked[right.id][correct] == "True" and checked[wrong.id][correct] == "False"
    assert len(rows) == len(bank.questions)
    errors = page.locator(".jp-Notebook:visible [data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, "a cell of the lecture failed"
    assert not log.unexpected_outside(), log.unexpected_outside()
    page.close()


def test_the_slideshow_steps_through_every_section_offline(lab: LabServer, browser: Any) -> None:
    page, log = open_lab_page(browser, f"{lab.url}/rise/{OPENED}.ipynb?token={lab.token}")
    page.wait_for_selector(".reveal .slides > section", timeout=60_000)
    page.wait_for_timeout(1500)
    expected = section_titles(OPENED)
    assert page.locator(".reveal .slides > section").count() == len(expected)
    sub_slides = 0
    seen = []
    for step in range(len(expected)):
        if step:
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(500)
        current = page.locator(".reveal .slides > section.present")
        seen.append(current.locator("h1, h2").first.inner_text().replace("¶", "").strip())
        text = current.inner_text()
        assert not [raw for raw in RAW_MYST if raw in text], f"raw MyST on slide {seen[-1]!r}"
        if step == 1:
            assert drawn_maps(page) >= 1, "the section's map did not draw in the slideshow"
            screenshot(page, "lab-slide-section")
        sub_slides += max(current.locator("section").count() - 1, 0)  # below the section
    assert [s.casefold() for s in seen] == [t.casefold() for t in expected]
    assert sub_slides >= 1
    myst_failed = [e for e in log.errors if "Shared module" in e or "myst" in e.lower()]
    assert not myst_failed, myst_failed
    assert not log.unexpected_outside(), log.unexpected_outside()
    page.close()
