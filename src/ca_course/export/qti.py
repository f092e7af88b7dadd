"""IMS QTI 1.2 package for Canvas (Classic Quizzes) and other LMSs that read QTI 1.2.

The package is a zip: ``imsmanifest.xml`` at its root (an IMS Content Package manifest
in the namespace Canvas's own QTI export uses) lists one ``imsqti_xmlv1p2`` resource per
lecture, ``<ident>/<ident>.xml``, each a ``<questestinterop>`` with one assessment. On
import Canvas makes a quiz and a question bank of each. Items follow the shape Canvas's
own exporter writes (``lib/cc/qti/qti_items.rb`` in canvas-lms): a ``question_type``
and ``points_possible`` in the item metadata, the prompt as ``text/html`` material,
``response_lid`` / ``response_str`` presentation, and a ``resprocessing`` that sets
``SCORE`` (0–100). The explanation and source label are the general feedback
(``itemfeedback ident="general_fb"``). Canvas's assessment_meta.xml (quiz settings) is
not written: Canvas then uses its defaults.

How each question type maps:

========== ============================ =========================================
ours       Canvas ``question_type``     scoring
========== ============================ =========================================
single     ``multiple_choice_question`` the right option sets SCORE 100
multiple   ``multiple_answers_question`` every right option and no wrong one
truefalse  ``true_false_question``      labels True / False (Canvas's own)
numeric    ``numerical_question``       exact value, or within ± tolerance
text       ``short_answer_question``    any accepted spelling (Canvas ignores case)
matching   ``matching_question``        each pair adds 100/n
ordering   ``matching_question``        each item matched with its position label
========== ============================ =========================================

Canvas's classic quizzes have no ordering type, so an ordering question becomes a
matching question whose choices are the position labels ``msg("quiz.position", n=k)``
(``1-орын`` …), each item scoring ``100/n`` when matched with its own position: the same
mapping as the GIFT export. A short answer lists the Russian-keyboard spellings too, as
in the Moodle exports.

Two details follow Canvas's importer (``gems/plugins/qti_exporter/lib/qti`` in
canvas-lms): a true/false question's labels are ``True`` and ``False``, since Canvas
turns any other pair into a multiple-choice question and then shows its own labels; a
matching choice's ident (``match1`` …) has one run of digits, since Canvas takes the
first run of digits as the match id.

Written with the standard library rather than a QTI package: ``text2qti`` (0.8.0) reads
its own Markdown-like text and has no matching or ordering type; ``qti-package-maker``
(26.7.14) writes Canvas items under generated titles into a timestamped folder of the
working directory, does not implement ordering for Canvas, and brings five dependencies.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence

from ca_course import models as m
from ca_course.export.common import (
    course_name,
    feedback_html,
    html_inline,
    number,
    prompt_html,
    short_answer_variants,
    titles,
)
from ca_course.messages import msg

__all__ = [
    "CANVAS_TYPES",
    "CP_NAMESPACE",
    "QTI_NAMESPACE",
    "assessment_ident",
    "to_qti_assessment",
    "to_qti_manifest",
    "to_qti_package",
]

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_QTI_SCHEMA = f"{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
_CP_SCHEMA = f"{CP_NAMESPACE} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"

#: Our question type → Canvas's ``question_type`` metadata.
CANVAS_TYPES: dict[type, str] = {
    m.SingleChoice: "multiple_choice_question",
    m.MultipleChoice: "multiple_answers_question",
    m.TrueFalse: "true_false_question",
    m.Numeric: "numerical_question",
    m.ShortText: "short_answer_question",
    m.Matching: "matching_question",
    m.Ordering: "matching_question",
}

# Zip entries get a fixed time so the same bank gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def assessment_ident(lecture: str) -> str:
    """Return the identifier of one lecture's assessment (and its folder in the zip).

    Examples
    --------
    >>> assessment_ident("l03")
    'ca-course-l03'
    """
    return f"ca-course-{lecture}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html_text: str) -> None:
    material = _sub(parent, "material")
    _sub(material, "mattext", html_text, texttype="text/html")


def _metadata(item: ET.Element, question_type: str, answer_ids: Sequence[str]) -> None:
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", question_type), ("points_possible", "1.0"),
                         ("original_answer_ids", ",".join(answer_ids))):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _choices(presentation: ET.Element, cardinality: str,
             labels: Sequence[tuple[str, str]]) -> None:
    lid = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = _sub(lid, "render_choice")
    for ident, text in labels:
        _material(_sub(render, "response_label", ident=ident), text)


def _fib(presentation: ET.Element, decimal: bool) -> None:
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    render = _sub(response, "render_fib", **({"fibtype": "Decimal"} if decimal else {}))
    _sub(render, "response_label", ident="answer1", **({} if decimal else {"rshuffle": "No"}))


def _score(condition: ET.Element, value: str, action: str = "Set") -> None:
    _sub(condition, "setvar", value, action=action, varname="SCORE")


def _pairs(question: m.Matching | m.Ordering) -> list[tuple[str, str]]:
    if isinstance(question, m.Matching):
        return [(p.left, p.right) for p in question.pairs]
    return [(item, msg("quiz.position", n=k)) for k, item in enumerate(question.items, 1)]


def _item(question: m.QuestionBase) -> ET.Element:
    question_type = CANVAS_TYPES.get(type(question))
    if question_type is None:
        raise TypeError(f"{question.id}: cannot export a {type(question).__name__}")
    item = ET.Element("item", {"ident": question.id, "title": question.id})
    presentation = ET.Element("presentation")
    _material(presentation, f"<div>{prompt_html(question)}</div>")
    processing = ET.Element("resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    answer_ids: list[str] = []

    match question:
        case m.SingleChoice() | m.MultipleChoice():
            labels = [(f"{question.id}-{o.id}", html_inline(o.text)) for o in question.options]
            answer_ids = [ident for ident, _ in labels]
            single = isinstance(question, m.SingleChoice)
            _choices(presentation, "Single" if single else "Multiple", labels)
            right = {question.answer} if single else set(question.answers)
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            test = _sub(condition, "conditionvar")
            if not single:
                test = _sub(test, "and")
            for option in question.options:
                ident = f"{question.id}-{option.id}"
                if option.id in right:
                    _sub(test, "varequal", ident, respident="response1")
                elif not single:
                    _sub(_sub(test, "not"), "varequal", ident, respident="response1")
            _score(condition, "100")
        case m.TrueFalse():
            # Canvas keeps the type only if the labels read true/false, then shows its own
            # True/False (Qti::ChoiceInteraction#process_true_false_question).
            labels = [(f"{question.id}-true", "True"), (f"{question.id}-false", "False")]
            answer_ids = [ident for ident, _ in labels]
            _choices(presentation, "Single", labels)
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            right = labels[0][0] if question.answer else labels[1][0]
            _sub(_sub(condition, "conditionvar"), "varequal", right, respident="response1")
            _score(condition, "100")
        case m.Numeric():
            _fib(presentation, decimal=True)
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            either = _sub(_sub(condition, "conditionvar"), "or")
            _sub(either, "varequal", number(question.answer), respident="response1")
            if question.tolerance:
                both = _sub(either, "and")
                _sub(both, "vargte", number(question.answer - question.tolerance),
                     respident="response1")
                _sub(both, "varlte", number(question.answer + question.tolerance),
                     respident="response1")
            _score(condition, "100")
        case m.ShortText():
            _fib(presentation, decimal=False)
            condition = _sub(processing, "respcondition", **{"continue": "No"})
            test = _sub(condition, "conditionvar")
            for variant in short_answer_variants(question.answers, escape_star=False):
                _sub(test, "varequal", variant, respident="response1")
            _score(condition, "100")
        case m.Matching() | m.Ordering():
            pairs = _pairs(question)
            choices = list(dict.fromkeys(right for _, right in pairs))
            # Canvas keeps the first run of digits of a choice's ident as its match id
            # (Qti::AssociateInteraction#get_canvas_matches): one run, unique per question.
            choice_ids = {text: f"match{k}" for k, text in enumerate(choices, 1)}
            share = f"{100 / len(pairs):.2f}"
            for k, (left, right) in enumerate(pairs, 1):
                lid = _sub(presentation, "response_lid", ident=f"response_{question.id}-{k}")
                _material(lid, html_inline(left))
                render = _sub(lid, "render_choice")
                for text in choices:
                    label = _sub(render, "response_label", ident=choice_ids[text])
                    _sub(_sub(label, "material"), "mattext", text, texttype="text/plain")
                answer_ids.append(f"{question.id}-{k}")
                condition = _sub(processing, "respcondition")
                _sub(_sub(condition, "conditionvar"), "varequal", choice_ids[right],
                     respident=f"response_{question.id}-{k}")
                _score(condition, share, action="Add")

    _metadata(item, question_type, answer_ids)
    item.append(presentation)
    item.append(processing)
    feedback = _sub(item, "itemfeedback", ident="general_fb")
    _material(_sub(feedback, "flow_mat"), feedback_html(question))
    return item


def _document(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def to_qti_assessment(bank: m.QuizBank, title: str) -> bytes:
    """Return one lecture's questions as a QTI 1.2 ``<questestinterop>`` document (UTF-8).

    Examples
    --------
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.TrueFalse(
    ...     id="l01-q01", type="truefalse", prompt="1 < 2", answer=True, explanation="-",
    ...     source={"doc": "000", "lines": [3, 4]})])
    >>> root = ET.fromstring(to_qti_assessment(bank, "l01 Кіріспе"))
    >>> ns = {"q": QTI_NAMESPACE}
    >>> root.find("q:assessment", ns).get("title")
    'l01 Кіріспе'
    >>> root.find(".//q:item/q:resprocessing/q:respcondition[2]//q:varequal", ns).text
    'l01-q01-true'
    """
    root = ET.Element("questestinterop", {"xmlns": QTI_NAMESPACE, "xmlns:xsi": _XSI,
                                          "xsi:schemaLocation": _QTI_SCHEMA})
    ident = assessment_ident(bank.lecture)
    assessment = _sub(root, "assessment", ident=ident, title=title)
    meta = _sub(assessment, "qtimetadata")
    field = _sub(meta, "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for question in bank.questions:
        section.append(_item(question))
    return _document(root)


def to_qti_manifest(banks: Sequence[m.QuizBank], course: str) -> bytes:
    """Return ``imsmanifest.xml``: one ``imsqti_xmlv1p2`` resource per lecture."""
    root = ET.Element("manifest", {"identifier": "ca-course-qti", "xmlns": CP_NAMESPACE,
                                   "xmlns:xsi": _XSI, "xsi:schemaLocation": _CP_SCHEMA})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for bank in banks:
        ident = assessment_ident(bank.lecture)
        resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2",
                        href=f"{ident}/{ident}.xml")
        _sub(resource, "file", href=f"{ident}/{ident}.xml")
    root.insert(0, ET.Comment(f" {course} "))
    return _document(root)


def to_qti_package(banks: Sequence[m.QuizBank], *, course: str | None = None,
                   lecture_titles: Mapping[str, str] | None = None) -> bytes:
    """Return the banks as a QTI 1.2 zip package (bytes), one assessment per lecture.

    Parameters and errors are those of :func:`ca_course.export.moodle.to_moodle_xml`;
    an assessment's title is ``<lecture id> <lecture title>``.

    Examples
    --------
    >>> bank = m.QuizBank(lecture="l01", title="Кіріспе", questions=[m.TrueFalse(
    ...     id="l01-q01", type="truefalse", prompt="?", answer=False, explanation="-",
    ...     source={"doc": "000", "lines": [1, 1]})])
    >>> sorted(zipfile.ZipFile(io.BytesIO(to_qti_package([bank]))).namelist())
    ['ca-course-l01/ca-course-l01.xml', 'imsmanifest.xml']
    """
    names = titles(banks, lecture_titles)
    files = {"imsmanifest.xml": to_qti_manifest(banks, course_name(course))}
    for bank in banks:
        ident = assessment_ident(bank.lecture)
        title = f"{bank.lecture} {names[bank.lecture]}".strip()
        files[f"{ident}/{ident}.xml"] = to_qti_assessment(bank, title)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
