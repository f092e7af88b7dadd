"""The QTI 1.2 package for Canvas, read back with an independent reader (lxml).

The reader below knows QTI 1.2 and Canvas's conventions (``question_type`` metadata,
``response_lid`` / ``response_str``, ``resprocessing`` that sets ``SCORE``), not our
writer: it opens the zip, follows ``imsmanifest.xml`` to each assessment, checks the
elements every item must have, and works out each question's right answer from the
scoring rules. That answer must equal the bank's, for every question of the package.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from test_export import BANKS, NASTY_PROMPT

from ca_course import data
from ca_course import models as m
from ca_course.cli import main
from ca_course.export import short_answer_variants, to_qti_package, write_export
from ca_course.messages import msg

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2",
      "cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
CANVAS_TYPES = {"multiple_choice_question", "true_false_question", "multiple_answers_question",
                "numerical_question", "short_answer_question", "matching_question"}
_TAGS = re.compile(r"<[^>]+>")


def _plain(fragment: str) -> str:
    """HTML fragment → text: paragraphs joined by blank lines, entities decoded."""
    paragraphs = re.findall(r"<p>(.*?)</p>", fragment, flags=re.S) or [fragment]
    return "\n\n".join(html.unescape(_TAGS.sub("", p)) for p in paragraphs)


def _read_package(blob: bytes) -> dict[str, dict]:
    """Return question id → what the package says about it (type, prompt, right answer)."""
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert archive.testzip() is None
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{{{NS['cp']}}}manifest"
    assert manifest.find("cp:organizations", NS) is not None
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert resources, "manifest lists no resource"
    questions: dict[str, dict] = {}
    for resource in resources:
        assert resource.get("type") == "imsqti_xmlv1p2"
        href = resource.find("cp:file", NS).get("href")
        assert href == resource.get("href") and href in archive.namelist()
        root = etree.fromstring(archive.read(href))
        assert root.tag == f"{{{NS['q']}}}questestinterop"
        [assessment] = root.findall("q:assessment", NS)
        assert assessment.get("ident") and assessment.get("title")
        for item in assessment.findall("q:section/q:item", NS):
            questions[item.get("ident")] = _read_item(item) | {"title": assessment.get("title")}
    return questions


def _meta(item: etree._Element) -> dict[str, str]:
    fields = item.findall("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
    return {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in fields}


def _labels(lid: etree._Element) -> dict[str, str]:
    return {label.get("ident"): label.findtext("q:material/q:mattext", namespaces=NS)
            for label in lid.findall("q:render_choice/q:response_label", NS)}


def _scoring(item: etree._Element) -> list[etree._Element]:
    """The respconditions that change SCORE."""
    return [c for c in item.findall("q:resprocessing/q:respcondition", NS)
            if c.find("q:setvar[@varname='SCORE']", NS) is not None]


def _read_item(item: etree._Element) -> dict:
    meta = _meta(item)
    qtype = meta["question_type"]
    assert qtype in CANVAS_TYPES and float(meta["points_possible"]) > 0
    presentation = item.find("q:presentation", NS)
    mattext = presentation.find("q:material/q:mattext", NS)
    assert mattext.get("texttype") == "text/html"
    decvar = item.find("q:resprocessing/q:outcomes/q:decvar", NS)
    assert (decvar.get("varname"), decvar.get("maxvalue")) == ("SCORE", "100")
    feedback = item.find("q:itemfeedback[@ident='general_fb']/q:flow_mat/q:material/q:mattext",
                         NS)
    out = {"type": qtype, "prompt": _plain(mattext.text), "feedback": _plain(feedback.text)}
    rules = _scoring(item)
    if qtype in {"multiple_choice_question", "true_false_question", "multiple_answers_question"}:
        [lid] = presentation.findall("q:response_lid", NS)
        labels = _labels(lid)
        single = qtype != "multiple_answers_question"
        assert lid.get("rcardinality") == ("Single" if single else "Multiple")
        [rule] = rules
        assert rule.find("q:setvar", NS).text == "100"
        right = [v.text for v in rule.iterfind(".//q:varequal", NS)
                 if v.getparent().tag != f"{{{NS['q']}}}not"]
        wrong = [v.text for v in rule.iterfind("q:conditionvar/q:and/q:not/q:varequal", NS)]
        assert set(right) | set(wrong) == set(labels) if not single else len(right) == 1
        out |= {"options": list(labels.values()), "right": [_plain(labels[r]) for r in right]}
    elif qtype in {"numerical_question", "short_answer_question"}:
        [response] = presentation.findall("q:response_str", NS)
        fib = response.find("q:render_fib", NS)
        assert (fib.get("fibtype") == "Decimal") == (qtype == "numerical_question")
        [rule] = rules
        assert rule.find("q:setvar", NS).text == "100"
        if qtype == "numerical_question":
            exact = float(rule.findtext("q:conditionvar/q:or/q:varequal", namespaces=NS))
            low = rule.findtext(".//q:vargte", namespaces=NS)
            high = rule.findtext(".//q:varlte", namespaces=NS)
            tolerance = 0.0 if low is None else (float(high) - float(low)) / 2
            out["right"] = (exact, round(tolerance, 9))
        else:
            out["right"] = [v.text for v in rule.iterfind("q:conditionvar/q:varequal", NS)]
    else:
        lids = presentation.findall("q:response_lid", NS)
        by_lid = {}
        for rule in rules:
            [test] = rule.iterfind("q:conditionvar/q:varequal", NS)
            setvar = rule.find("q:setvar", NS)
            assert setvar.get("action") == "Add"
            by_lid[test.get("respident")] = (test.text, float(setvar.text))
        assert sum(points for _, points in by_lid.values()) == pytest.approx(100, abs=0.05)
        pairs = []
        for lid in lids:
            match_ids = [re.search(r"\d+", ident).group() for ident in _labels(lid)]
            assert len(set(match_ids)) == len(match_ids), "Canvas would merge these matches"
            choice, _ = by_lid[lid.get("ident")]
            left = _plain(lid.findtext("q:material/q:mattext", namespaces=NS))
            pairs.append((left, _labels(lid)[choice]))
        out["right"] = pairs
    return out


def _expected(question: m.QuestionBase) -> tuple[str, object]:
    match question:
        case m.SingleChoice():
            text = {o.id: o.text for o in question.options}
            return "multiple_choice_question", [text[question.answer]]
        case m.MultipleChoice():
            return "multiple_answers_question", [o.text for o in question.options
                                                 if o.id in question.answers]
        case m.TrueFalse():
            return "true_false_question", ["True" if question.answer else "False"]
        case m.Numeric():
            return "numerical_question", (float(question.answer), float(question.tolerance))
        case m.ShortText():
            return "short_answer_question", short_answer_variants(question.answers,
                                                                  escape_star=False)
        case m.Matching():
            return "matching_question", [(p.left, p.right) for p in question.pairs]
        case m.Ordering():
            return "matching_question", [(item, msg("quiz.position", n=k))
                                         for k, item in enumerate(question.items, 1)]
    raise AssertionError(type(question))


@pytest.fixture(scope="module")
def package() -> dict[str, dict]:
    return _read_package(to_qti_package(list(data.quiz_banks().values())))


def test_every_package_question_round_trips_its_right_answer(package: dict) -> None:
    banks = list(data.quiz_banks().values())
    ids = [q.id for b in banks for q in b.questions]
    assert list(package) == ids
    wrong = {}
    for bank in banks:
        for question in bank.questions:
            qtype, right = _expected(question)
            got = package[question.id]
            prompt = question.prompt
            if isinstance(question, m.Numeric) and question.unit:
                prompt += "\n\n" + msg("quiz.unit", unit=question.unit)
            if (got["type"], got["right"]) != (qtype, right) or got["prompt"] != prompt:
                wrong[question.id] = (got["type"], got["right"])
    assert wrong == {}


def test_package_covers_every_canvas_type_it_supports(package: dict) -> None:
    assert {q["type"] for q in package.values()} == CANVAS_TYPES


def test_sample_bank_round_trips_markup_and_feedback() -> None:
    got = _read_package(to_qti_package(BANKS, lecture_titles={"l02": "Арал"}))
    assert got["l01-q01"]["prompt"] == NASTY_PROMPT
    assert got["l01-q01"]["feedback"].endswith(f"{msg('quiz.source')}: 000:41–44")
    assert got["l02-q01"]["title"] == "l02 Арал"
    assert got["l01-q07"]["right"] == [("ТМД #1", msg("quiz.position", n=1)),
                                       ("ҰҚШҰ: шарт", msg("quiz.position", n=2)),
                                       ("ШЫҰ <2001>", msg("quiz.position", n=3))]
    assert got["l01-q04"]["right"] == (3252.0, 1.5)


def test_prompt_markup_is_text_not_html() -> None:
    blob = to_qti_package(BANKS)
    xml = zipfile.ZipFile(io.BytesIO(blob)).read("ca-course-l01/ca-course-l01.xml").decode()
    assert "<script>" not in xml
    item = etree.fromstring(xml.encode()).find(".//q:item[@ident='l01-q01']", NS)
    mattext = item.find("q:presentation/q:material/q:mattext", NS).text
    assert "<script>" not in mattext and "&lt;script&gt;" in mattext


def test_package_bytes_are_reproducible() -> None:
    assert to_qti_package(BANKS) == to_qti_package(BANKS)


def test_write_export_writes_a_zip(tmp_path: Path) -> None:
    out = tmp_path / "bank.zip"
    assert write_export(BANKS, "qti", out) == 8
    assert zipfile.is_zipfile(out)
    assert "imsmanifest.xml" in zipfile.ZipFile(out).namelist()


def test_cli_quiz_export_qti_writes_one_assessment_per_lecture(tmp_path: Path) -> None:
    out = tmp_path / "canvas.zip"
    result = CliRunner().invoke(main, ["quiz", "export", "--format", "qti", "--out", str(out)])
    assert result.exit_code == 0, result.output
    banks = data.quiz_banks()
    manifest = etree.fromstring(zipfile.ZipFile(out).read("imsmanifest.xml"))
    assert len(manifest.findall("cp:resources/cp:resource", NS)) == len(banks)
    assert msg("cli.exported", n=sum(len(b.questions) for b in banks.values()),
               path=out) in result.output
