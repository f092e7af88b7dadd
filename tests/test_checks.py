"""The check engine shared by the student's check() and the grader."""

from __future__ import annotations

import pandas as pd
import pytest
from pydantic import TypeAdapter

from ca_course import data
from ca_course import models as m
from ca_course.checks import run_check, run_checks
from ca_course.exercises import check
from ca_course.messages import msg

CHECK = TypeAdapter(m.HiddenCheck)
SOURCE = {"doc": "000", "lines": [1, 1]}


def c(**raw: object) -> object:
    return CHECK.validate_python(raw)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"name": ["Ош", "Сох", "Кант"], "lat": [40.5, 39.9, 42.9]})


def test_type_check_names_expected_and_given() -> None:
    outcome = run_check(c(check="type", expected="dataframe"), [1, 2])
    assert not outcome.passed
    assert outcome.message == msg("check.wrong_type", expected=msg("check.kind.dataframe"),
                                  given=msg("check.kind.list"))
    assert run_check(c(check="type", expected="number"), 3).passed  # an int is a number
    assert not run_check(c(check="type", expected="integer"), 3.5).passed


def test_columns_check_lists_missing_and_extra(frame: pd.DataFrame) -> None:
    outcome = run_check(c(check="columns", columns=["name", "lon"]), frame)
    assert not outcome.passed
    assert "lon" in outcome.message and "lat" in outcome.message
    assert run_check(c(check="columns", columns=["lat", "name"]), frame).passed


def test_length_and_range_say_by_how_much(frame: pd.DataFrame) -> None:
    assert run_check(c(check="length", length=3), frame).passed
    assert msg("check.length", expected=2, given=3) == \
        run_check(c(check="length", length=2), frame).message
    low = run_check(c(check="range", min=10, max=20), 7.5)
    assert low.message == msg("check.range_low", diff="2,5")
    assert not run_check(c(check="range", min=10, max=20), 21).passed
    assert run_check(c(check="range", min=10, max=20), 10).passed


def test_contains_and_sorted(frame: pd.DataFrame) -> None:
    assert run_check(c(check="contains", values=["Сох"], column="name"), frame).passed
    missing = run_check(c(check="contains", values=["Ворух"], column="name"), frame)
    assert not missing.passed and "Ворух" in missing.message
    assert not run_check(c(check="sorted", column="lat"), frame).passed
    assert run_check(c(check="sorted", column="lat"), frame.sort_values("lat")).passed
    assert not run_check(c(check="sorted", column="lon"), frame).passed


def test_solution_check_compares_frames_with_tolerance(frame: pd.DataFrame) -> None:
    close = frame.assign(lat=frame["lat"] + 0.001)
    assert run_check(c(check="solution", tolerance=0.01), close, frame).passed
    assert not run_check(c(check="solution"), close, frame).passed
    shuffled = frame.iloc[::-1]
    assert not run_check(c(check="solution"), shuffled, frame).passed
    assert run_check(c(check="solution", ignore_order=True), shuffled, frame).passed


def test_a_failed_type_check_stops_the_rest() -> None:
    outcomes = run_checks([c(check="type", expected="dataframe"), c(check="length", length=2)],
                          "мәтін")
    assert len(outcomes) == 1 and not outcomes[0].passed


@pytest.fixture
def exercise(monkeypatch: pytest.MonkeyPatch) -> m.Exercise:
    ex = m.Exercise(id="l90-ex1", title="Сынақ", prompt="Кесте жасаңыз.", points=2,
                    variable="answer1", source=SOURCE,
                    checks=[{"check": "type", "expected": "dataframe"},
                            {"check": "columns", "columns": ["name", "lat"]},
                            {"check": "length", "length": 2}])
    original = data.exercise
    monkeypatch.setattr(data, "exercise", lambda i: ex if i == ex.id else original(i))
    return ex


def test_check_passes_and_reminds_of_hidden_checks(exercise: m.Exercise,
                                                   frame: pd.DataFrame) -> None:
    result = check("l90-ex1", frame.head(2))
    assert result.is_passed
    assert result.summary == msg("check.passed", exercise_id="l90-ex1", n=3)
    assert msg("check.hidden_note") in str(result)
    assert msg("check.hidden_note") in result._repr_html_()


def test_check_explains_a_wrong_answer_without_raising(exercise: m.Exercise,
                                                       frame: pd.DataFrame) -> None:
    result = check("l90-ex1", frame)
    assert not result.is_passed
    assert result.messages() == [msg("check.length", expected=2, given=3)]
    assert result.summary == msg("check.failed", exercise_id="l90-ex1", passed=2, n=3)


def test_check_with_no_answer_yet(exercise: m.Exercise) -> None:
    result = check("l90-ex1", None)
    assert not result.is_passed
    assert result.summary == msg("check.no_answer", exercise_id="l90-ex1", variable="answer1")


def test_check_of_an_unknown_exercise() -> None:
    result = check("l99-ex9", 1)
    assert not result.is_passed and "l99-ex9" in result.summary
