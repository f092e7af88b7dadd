"""The quiz object: static HTML for the book, live widgets in a kernel."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from ca_course import models as m
from ca_course import quiz as quiz_module
from ca_course.messages import msg
from ca_course.quiz import RESULT_COLUMNS, Quiz
from ca_course.quiz.static import decode_key, render_bank
from ca_course.render import ENV_VAR

from scoring_cases import load_cases

QUESTIONS, _ = load_cases()


@pytest.fixture
def bank() -> m.QuizBank:
    return m.QuizBank(lecture="l90", title="Сынақ", questions=list(QUESTIONS.values()))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.in_script = tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script:
            self.text.append(data)


def test_prompt_with_markup_is_shown_as_text(bank: m.QuizBank) -> None:
    evil = QUESTIONS["l90-q03"].model_copy(update={"prompt": "<script>alert(1)</script> <b>x"})
    page = render_bank(bank.model_copy(update={"questions": (evil,)}))
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("script") == 2  # the config and quiz.js, nothing from the prompt
    assert "<script>alert(1)</script> <b>x" in "".join(parser.text)


def test_answers_are_not_plain_text_in_the_page(bank: m.QuizBank) -> None:
    page = render_bank(bank)
    visible = html.unescape(page)
    # Explanations only appear after answering; ordering keys are not in the given order.
    assert QUESTIONS["l90-q01"].explanation not in visible
    ordering = QUESTIONS["l90-q07"]
    shown = re.findall(r'data-item="([^"]+)"', page)
    assert sorted(shown) == sorted(ordering.items) and shown != list(ordering.items)
    numeric = QUESTIONS["l90-q04"]
    assert str(int(numeric.answer)) not in visible


def test_every_question_carries_a_decodable_key(bank: m.QuizBank) -> None:
    page = render_bank(bank)
    keys = dict(re.findall(r'data-qid="([^"]+)" data-type="[a-z]+" data-key="([^"]+)"', page))
    assert sorted(keys) == sorted(QUESTIONS)
    assert decode_key(keys["l90-q01"], "l90-q01")["a"] == "b"
    assert decode_key(keys["l90-q06"], "l90-q06")["a"] == {"Қырғызстан": "Бішкек",
                                                           "Тәжікстан": "Душанбе"}


def test_kazakh_interface_strings_come_from_the_catalog(bank: m.QuizBank) -> None:
    page = render_bank(bank)
    assert msg("quiz.check") in page and msg("quiz.title", n=len(bank.questions)) in page
    assert "Check" not in page and "Submit" not in page


def test_static_quiz_needs_no_widget_manager_or_network(bank: m.QuizBank) -> None:
    page = render_bank(bank)
    assert "http://" not in page and "https://" not in page
    assert "widget" not in page.lower()


def test_rendering_is_chosen_by_the_environment(bank: m.QuizBank,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = Quiz(bank)
    monkeypatch.setenv(ENV_VAR, "static")
    static = quiz._repr_mimebundle_()
    assert set(static) == {"text/html", "text/plain"}
    monkeypatch.delenv(ENV_VAR)
    live = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in live


def test_live_quiz_scores_through_the_widgets(bank: m.QuizBank) -> None:
    quiz = Quiz(bank)
    quiz.widget()
    by_id = {item.question.id: item for item in quiz._live}
    by_id["l90-q01"].input.value = "b"
    by_id["l90-q01"].button.click()
    by_id["l90-q05"].input.value = "казакстан"
    by_id["l90-q05"].button.click()
    by_id["l90-q04"].input.value = "3260"
    by_id["l90-q04"].button.click()
    for box, value in zip(by_id["l90-q02"].boxes, [True, True, False], strict=True):
        box.value = value
    by_id["l90-q02"].button.click()
    order = by_id["l90-q07"]
    for position, item in enumerate(QUESTIONS["l90-q07"].items, start=1):
        order.selects[item].value = position
    order.button.click()
    question, answered, correct = (msg(k) for k in ("quiz.col.question", "quiz.col.answered",
                                                     "quiz.col.correct"))
    results = quiz.results().set_index(question)
    assert list(results.columns) == [msg(k) for k in RESULT_COLUMNS[1:]]
    assert results.loc["l90-q01", correct] and results.loc["l90-q05", correct]
    assert results.loc["l90-q04", answered] and not results.loc["l90-q04", correct]
    assert results.loc["l90-q02", correct] and results.loc["l90-q07", correct]
    assert not results.loc["l90-q03", answered]
    assert results.loc["l90-q01", msg("quiz.col.response")] == "b"
    assert quiz.score() == 4
    assert msg("quiz.score", score=4, total=len(bank.questions)) in quiz.score_label.value
    assert msg("quiz.correct") in by_id["l90-q01"].feedback.value
    assert QUESTIONS["l90-q01"].explanation in by_id["l90-q01"].feedback.value


def test_live_quiz_reports_unusable_input_without_scoring(bank: m.QuizBank) -> None:
    quiz = Quiz(bank)
    quiz.widget()
    item = next(i for i in quiz._live if i.question.id == "l90-q04")
    item.input.value = "үш мың"
    item.button.click()
    assert msg("quiz.type_number") in item.feedback.value
    results = quiz.results().set_index(msg("quiz.col.question"))
    assert not results.loc["l90-q04", msg("quiz.col.answered")]


def test_show_returns_one_quiz_per_lecture_so_results_reflect_the_clicks() -> None:
    shown = quiz_module.show("l01")
    assert quiz_module.show("l01") is shown and quiz_module.show("l02") is not shown
    shown.widget()
    item = next(q for q in shown._live if q.question.type in ("single", "truefalse"))
    item.input.value = item.question.answer
    item.button.click()
    results = quiz_module.show("l01").results().set_index(msg("quiz.col.question"))
    assert results.loc[item.question.id, msg("quiz.col.correct")]
    assert results[msg("quiz.col.answered")].sum() == 1


def test_stored_quiz_tells_an_untrusted_reader_to_run_the_cell(
        bank: m.QuizBank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "notebook")
    stored = Quiz(bank)._repr_mimebundle_()["text/html"]
    assert html.escape(msg("quiz.run_cell")) in stored and "caq-untrusted" in stored
    monkeypatch.setenv(ENV_VAR, "static")
    site = Quiz(bank)._repr_mimebundle_()["text/html"]
    assert "caq-untrusted" not in site and "quiz.col." not in site
