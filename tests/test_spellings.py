"""Shared spelling variants: one list in the data, applied once when a bank loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from ca_course import data
from ca_course.data import ContentError, quiz_bank_from, spellings_from
from ca_course.export.moodle import to_moodle_xml
from ca_course.quiz.scoring import score
from ca_course.quiz.static import answer_key
from ca_course.text import normalize

BANK = """\
lecture: l01
title: Сынақ
questions:
  - id: l01-q01
    type: text
    prompt: Облыс орталығы?
    answers: [Жалал-Абад]
    explanation: Жалал-Абад.
    source: {doc: "000", lines: [69, 69]}
  - id: l01-q02
    type: text
    prompt: Қала?
    answers: [Ош]
    explanation: Ош.
    source: {doc: "000", lines: [69, 69]}
"""


@pytest.fixture
def bank(tmp_path: Path) -> object:
    path = tmp_path / "l01.yaml"
    path.write_text(BANK, encoding="utf-8")
    return quiz_bank_from(path)


def test_the_shared_spellings_file_is_valid_and_each_form_has_one_group() -> None:
    groups = data.spellings().groups
    assert len(groups) >= 4
    keys = [normalize(f) for g in groups for f in set(map(normalize, g.forms))]
    assert len(keys) == len(set(keys))
    assert not [p for p in data.validate_content() if "spellings" in p.path]


def test_a_short_answer_accepts_every_form_of_its_group(bank: object) -> None:
    question = bank.questions[0]  # type: ignore[attr-defined]
    assert question.answers[0] == "Жалал-Абад"  # the canonical form stays first
    assert score(question, "Жалалабат").is_correct
    assert score(question, "жалал-әбад").is_correct
    assert not score(question, "Түркіменстан").is_correct  # a form of another group
    assert not score(question, "Ош").is_correct
    # the page's scorer gets the same key
    assert "Жалалабат" in answer_key(question)


def test_an_answer_in_no_group_is_left_alone(bank: object) -> None:
    assert bank.questions[1].answers == ("Ош",)  # type: ignore[attr-defined]


def test_the_package_banks_are_expanded_where_they_load() -> None:
    texts = [q for b in data.quiz_banks().values() for q in b.questions if q.type == "text"]
    groups = [set(g.forms) for g in data.spellings().groups]
    touched = [q for q in texts if any(set(q.answers) & g for g in groups)]
    assert touched, "no short answer uses a spelling group"
    for q in touched:
        for g in groups:
            if set(q.answers) & g:
                assert g <= set(q.answers), (q.id, g - set(q.answers))
                assert data.quiz_bank(q.id[:3]).questions  # the per-lecture loader too
                [same] = [x for x in data.quiz_bank(q.id[:3]).questions if x.id == q.id]
                assert g <= set(same.answers)


def test_the_moodle_export_lists_the_variants(bank: object) -> None:
    xml = to_moodle_xml([bank], course="C")  # type: ignore[list-item]
    assert "Жалалабат" in xml and "Жалал-Әбад" in xml


def test_a_form_in_two_groups_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "spellings.yaml"
    path.write_text("groups:\n"
                    "  - forms: [Ош, Ош қаласы]\n    why: a\n"
                    "  - forms: [Жалал-Абад, ош]\n    why: b\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        spellings_from(path)
    [problem] = err.value.problems
    assert problem.line == 4 and problem.item_id == "ош" and "group 1" in problem.message


@pytest.mark.parametrize(("group", "expected"), [
    ("  - forms: [Ош]\n    why: a\n", "at least 2"),
    ("  - forms: [Бішкек, Бішкек]\n    why: a\n", "distinct"),
    ("  - forms: [Ош, Ош қаласы]\n", "why: Field required"),
])
def test_a_group_needs_two_distinct_forms_and_a_reason(tmp_path: Path, group: str,
                                                       expected: str) -> None:
    path = tmp_path / "spellings.yaml"
    path.write_text("groups:\n" + group, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        spellings_from(path)
    assert any(expected in p.message and p.line == 2 for p in err.value.problems), \
        err.value.problems


def _one_edit_apart(a: str, b: str) -> bool:
    """True if ``b`` is ``a`` with one letter changed, added or removed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    # not at the first letter: «З. Бжезинский» is the name with an initial, not a spelling
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_)))


def _spelling_pairs(answers: list[str]) -> list[tuple[str, str]]:
    """Pairs of a question's own answers that are spellings of one word, not answers."""
    group_of = {normalize(f): i for i, g in enumerate(data.spellings().groups) for f in g.forms}
    pairs = []
    for i, a in enumerate(answers):
        for b in answers[i + 1:]:
            ka, kb = normalize(a), normalize(b)
            same_group = ka in group_of and group_of.get(kb) == group_of[ka]
            if same_group or _one_edit_apart(ka, kb):
                pairs.append((a, b))
    return pairs


def test_spelling_variants_live_in_the_shared_list_not_in_one_question() -> None:
    """A question lists its different answers; two spellings of one name (Таулы Бадахшан /
    Таулы-Бадахшан, комплементаризм / комплиментаризм) belong in spellings.yaml, where
    every question gets them."""
    import yaml

    found = []
    for path in sorted((data.content_root() / "quizzes").iterdir()):
        if not path.name.endswith(".yaml"):
            continue
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            if question.get("type") == "text":
                found += [(question["id"], pair) for pair in _spelling_pairs(question["answers"])]
    assert not found, f"move these spelling variants into content/spellings.yaml: {found}"


def test_the_spelling_pair_check_can_fail() -> None:
    assert _spelling_pairs(["Таулы Бадахшан", "Таулы-Бадахшан"])
    assert _spelling_pairs(["комплементаризм", "комплиментаризм"])
    assert _spelling_pairs(["Жалал-Абад", "Жалалабат"])  # one shared group
    assert not _spelling_pairs(["Ош облысы", "Ош"])
