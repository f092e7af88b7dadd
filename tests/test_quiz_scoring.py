"""Score every golden case with the Python scorer."""

from __future__ import annotations

import pytest

from ca_course.quiz.scoring import score

from scoring_cases import load_cases

QUESTIONS, CASES = load_cases()


@pytest.mark.parametrize(("qid", "response", "expected"), CASES,
                         ids=[f"{q}-{i}" for i, (q, _, _) in enumerate(CASES)])
def test_python_scorer_agrees_with_the_golden_cases(qid: str, response: object,
                                                    expected: str) -> None:
    verdict = score(QUESTIONS[qid], response)
    got = "invalid" if verdict.problem else ("right" if verdict.is_correct else "wrong")
    assert got == expected


def test_every_question_type_has_a_right_and_a_wrong_case() -> None:
    seen: dict[str, set[str]] = {}
    for qid, _, expected in CASES:
        seen.setdefault(QUESTIONS[qid].type, set()).add(expected)
    assert set(seen) == {"single", "multiple", "truefalse", "numeric", "text", "matching",
                         "ordering"}
    assert all({"right", "wrong"} <= verdicts for verdicts in seen.values()), seen
