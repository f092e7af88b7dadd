"""Moodle XML against the reference list of what Moodle's own exporter writes per type.

The reference is ``src/ca_course/export/moodle_reference.yaml`` (each entry names the
Moodle file and function it was read from). Every question of the package's banks, and
of a small bank with every type, is checked: the elements Moodle always writes are all
there, nothing Moodle never writes is added, text elements carry a format and a
``<text>``, and every grade fraction is one Moodle accepts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from lxml import etree
from test_export import BANKS

from ca_course import data
from ca_course import models as m
from ca_course.export import to_moodle_xml
from ca_course.export.moodle import (
    MOODLE_FRACTIONS,
    is_moodle_fraction,
    moodle_reference,
    multiple_choice_fractions,
)

REF = moodle_reference()


def _every_bank() -> list[m.QuizBank]:
    return list(data.quiz_banks().values())


@pytest.fixture(scope="module")
def package_root() -> etree._Element:
    text = to_moodle_xml(_every_bank())
    return etree.fromstring(text.encode("utf-8"))


@pytest.fixture(scope="module")
def sample_root() -> etree._Element:
    return etree.fromstring(to_moodle_xml(BANKS, course="C").encode("utf-8"))


def _spec(qtype: str) -> tuple[set[str], set[str], dict]:
    if qtype == "category":
        spec = REF["category"]
        return set(spec["always"]), set(spec["optional"]), spec
    spec = REF["qtypes"][qtype]
    always = set(REF["common"]["always"]) | set(spec["always"])
    optional = set(REF["common"]["optional"]) | set(spec["optional"])
    return always, optional, spec


def _problems(question: etree._Element) -> list[str]:
    """Return what is wrong with one exported question, measured against the reference."""
    qtype = question.get("type")
    if qtype != "category" and qtype not in REF["qtypes"]:
        return [f"type {qtype!r} is not in the reference"]
    always, optional, spec = _spec(qtype)
    children = [c.tag for c in question]
    problems = [f"missing <{tag}>" for tag in sorted(always - set(children))]
    problems += [f"unexpected <{tag}>" for tag in sorted(set(children) - always - optional)]
    for child in question:
        if child.tag in REF["text_elements"]:
            if child.get("format") not in {"html", "moodle_auto_format", "plain_text"}:
                problems.append(f"<{child.tag}> has no valid format attribute")
            if child.find("text") is None:
                problems.append(f"<{child.tag}> has no <text>")
    for answer in question.findall("answer"):
        kids = [c.tag for c in answer]
        wanted = set(spec.get("answer_children", []))
        allowed = wanted | set(spec.get("optional_answer_children", []))
        if missing := wanted - set(kids):
            problems.append(f"<answer> lacks {sorted(missing)}")
        if extra := set(kids) - allowed:
            problems.append(f"<answer> has {sorted(extra)}")
        if answer.get("format") is None:
            problems.append("<answer> has no format attribute")
        fraction = answer.get("fraction")
        if spec.get("fractions") == "moodle" and not is_moodle_fraction(fraction):
            problems.append(f"fraction {fraction} is not one Moodle accepts")
    if spec.get("fractions") == "positions":
        positions = [a.get("fraction") for a in question.findall("answer")]
        if positions != [str(k) for k in range(1, len(positions) + 1)]:
            problems.append(f"ordering fractions are not the positions 1..n: {positions}")
    return problems


def test_reference_names_a_moodle_source_for_every_type() -> None:
    assert set(REF["qtypes"]) == {"multichoice", "truefalse", "shortanswer", "numerical",
                                  "matching", "ordering"}
    for spec in [REF["common"], REF["category"], *REF["qtypes"].values()]:
        assert ".php" in spec["source"] and "::" in spec["source"]
        assert spec["always"], spec["source"]


def test_fraction_list_matches_the_reference() -> None:
    positive = REF["fractions"]["positive"]
    assert sorted(MOODLE_FRACTIONS) == sorted({0.0, *positive, *(-f for f in positive)})
    assert len(MOODLE_FRACTIONS) == 41


def test_every_package_question_has_the_elements_moodle_writes(
        package_root: etree._Element) -> None:
    questions = package_root.findall("question")
    total = sum(len(b.questions) for b in _every_bank())
    assert len([q for q in questions if q.get("type") != "category"]) == total
    problems = {}
    for question in questions:
        name = question.findtext("name/text") or question.findtext("category/text")
        if found := _problems(question):
            problems[name] = found
    assert problems == {}


def test_sample_bank_covers_every_type_and_passes(sample_root: etree._Element) -> None:
    types = {q.get("type") for q in sample_root.findall("question")}
    assert types == {"category", *REF["qtypes"]}
    for question in sample_root.findall("question"):
        assert _problems(question) == [], question.findtext("name/text")


def test_ordering_carries_shownumcorrect_with_a_value(package_root: etree._Element) -> None:
    orderings = package_root.findall("question[@type='ordering']")
    in_banks = sum(q.type == "ordering" for bank in data.quiz_banks().values()
                   for q in bank.questions)
    assert len(orderings) == in_banks >= 10
    for question in orderings:
        assert question.findtext("shownumcorrect") == "1"
        assert question.find("hint") is None  # no hint rows, so no hintformat to miss
        assert question.findtext("selectcount") == str(len(question.findall("answer")))


def test_the_check_catches_the_old_ordering_export(sample_root: etree._Element) -> None:
    """The checker fails the export that broke a live Moodle (no shownumcorrect)."""
    question = sample_root.find("question[@type='ordering']")
    broken = etree.fromstring(etree.tostring(question))
    for tag in ("shownumcorrect", "correctfeedback", "idnumber"):
        broken.remove(broken.find(tag))
    broken.append(etree.Element("hintformat"))
    assert _problems(broken) == ["missing <correctfeedback>", "missing <idnumber>",
                                 "missing <shownumcorrect>", "unexpected <hintformat>"]


def test_the_check_catches_a_fraction_moodle_refuses(sample_root: etree._Element) -> None:
    question = etree.fromstring(etree.tostring(
        sample_root.find("question[@type='multichoice']")))
    question.find("answer").set("fraction", "35")
    assert _problems(question) == ["fraction 35 is not one Moodle accepts"]


@pytest.mark.parametrize("right", range(1, 11))
def test_multiple_choice_fractions_are_on_the_list_and_add_up(right: int) -> None:
    ids = "abcdefghijk"
    q = m.MultipleChoice(id="l09-q01", type="multiple", prompt="?", explanation="-",
                         source={"doc": "000", "lines": [1, 1]}, answers=list(ids[:right]),
                         options=[{"id": k, "text": k} for k in ids])
    fractions = multiple_choice_fractions(q)
    assert all(is_moodle_fraction(f) for f in fractions.values())
    positive = [float(f) / 100 for f in fractions.values() if float(f) > 0]
    assert round(sum(positive), 2) == 1  # qtype_multichoice's own check
    assert [f for f in fractions.values() if float(f) < 0] == ["-100"] * (11 - right)


def test_stdlib_and_lxml_read_the_same_document() -> None:
    text = to_moodle_xml(BANKS, course="C").encode("utf-8")
    assert [q.get("type") for q in ET.fromstring(text)] == [
        q.get("type") for q in etree.fromstring(text)]
