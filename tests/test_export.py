"""Tests for the Moodle XML and GIFT export of question banks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ca_course import data
from ca_course import models as m
from ca_course.export import (
    category_path,
    parse_gift,
    short_answer_variants,
    to_gift,
    to_moodle_xml,
    write_export,
)
from ca_course.messages import msg

SRC = {"doc": "000", "lines": [41, 44]}
# Every character GIFT reserves, plus markup that must stay text.
NASTY_PROMPT = ("ҰҚШҰ: 1992 {Ташкент} = ма? ~ #1 \\ <script>alert('x')</script> "
                "& <b>қалың</b>")
NASTY_EXPLANATION = "Түсіндірме: {a} = b ~ #c <i>курсив</i>"
MOODLE_TYPES = {
    "l01-q01": "multichoice", "l01-q02": "multichoice", "l01-q03": "truefalse",
    "l01-q04": "numerical", "l01-q05": "shortanswer", "l01-q06": "matching",
    "l01-q07": "ordering",
}


def _bank() -> m.QuizBank:
    """Return a bank with one question of each of the seven types."""
    questions = [
        m.SingleChoice(id="l01-q01", type="single", prompt=NASTY_PROMPT,
                       explanation=NASTY_EXPLANATION, source=SRC, answer="b",
                       options=[{"id": "a", "text": "Бішкек = астана?"},
                                {"id": "b", "text": "Ташкент {1992}"},
                                {"id": "c", "text": "%50% Душанбе"}]),
        m.MultipleChoice(id="l01-q02", type="multiple",
                         prompt="ҰҚШҰ-ға 1992 жылы қай мемлекеттер қол қойды?",
                         explanation="Ташкент шарты.", source=SRC, answers=["a", "b", "d"],
                         options=[{"id": "a", "text": "Қазақстан"},
                                  {"id": "b", "text": "Ресей"},
                                  {"id": "c", "text": "Түрікменстан ~ бейтарап"},
                                  {"id": "d", "text": "Өзбекстан"}]),
        m.TrueFalse(id="l01-q03", type="truefalse", prompt="Арал теңізі тартылды.",
                    explanation="Иә.", source=SRC, answer=True),
        m.Numeric(id="l01-q04", type="numeric", prompt="Сарез көлінің биіктігі?",
                  explanation="Шамамен 3252 м.", source=SRC, answer=3252, tolerance=1.5,
                  unit="м"),
        m.ShortText(id="l01-q05", type="text", prompt="Қазақстанның астанасы?",
                    explanation="Астана.", source=SRC,
                    answers=["Астана", "Ақмола", "Нұр-Сұлтан", "астана"]),
        m.Matching(id="l01-q06", type="matching", prompt="Ұйым мен жылын сәйкестендіріңіз.",
                   explanation="Деректер бойынша.", source=SRC,
                   pairs=[{"left": "ҰҚШҰ -> шарт", "right": "1992 = шарт"},
                          {"left": "ШЫҰ", "right": "2001: {құрылды}"},
                          {"left": "ТМД", "right": "1991"}]),
        m.Ordering(id="l01-q07", type="ordering", prompt="Ретімен орналастырыңыз.",
                   explanation="Хронология.", source=SRC,
                   items=["ТМД #1", "ҰҚШҰ: шарт", "ШЫҰ <2001>"]),
    ]
    return m.QuizBank(lecture="l01", title="Кіріспе: қауіпсіздік / ұғым", questions=questions)


def _bank2() -> m.QuizBank:
    return m.QuizBank(lecture="l02", title="Экология", questions=[
        m.TrueFalse(id="l02-q01", type="truefalse", prompt="Семей полигоны жабылды.",
                    explanation="1991 жылы.", source={"doc": "001", "lines": [3, 3]},
                    answer=False)])


BANKS = [_bank(), _bank2()]


class _Html(HTMLParser):
    """Collect the start tags and the text of each paragraph of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.paragraphs: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "p":
            self.paragraphs.append("")

    def handle_data(self, text: str) -> None:
        if not self.paragraphs:
            self.paragraphs.append("")
        self.paragraphs[-1] += text


@pytest.fixture(scope="module")
def xml_root() -> ET.Element:
    return ET.fromstring(to_moodle_xml(BANKS, course="Курс").encode("utf-8"))


def _questions(root: ET.Element) -> dict[str, ET.Element]:
    return {q.findtext("name/text"): q for q in root.findall("question")
            if q.get("type") != "category"}


def _fractions(question: ET.Element) -> list[float]:
    return [float(a.get("fraction")) for a in question.findall("answer")]


# --------------------------------------------------------------------------- Moodle XML


def test_xml_maps_each_question_to_its_moodle_type(xml_root: ET.Element) -> None:
    assert xml_root.tag == "quiz"
    types = {name: q.get("type") for name, q in _questions(xml_root).items()}
    assert types == {**MOODLE_TYPES, "l02-q01": "truefalse"}


def test_xml_has_one_category_per_lecture_before_its_questions(xml_root: ET.Element) -> None:
    order = [(q.get("type"), q.findtext("category/text") or q.findtext("name/text"))
             for q in xml_root.findall("question")]
    first = "$course$/top/Курс/l01 Кіріспе: қауіпсіздік // ұғым"
    second = "$course$/top/Курс/l02 Экология"
    assert order[0] == ("category", first)
    assert order[8] == ("category", second)
    assert [t for t, _ in order].count("category") == 2
    assert order[9] == ("truefalse", "l02-q01")


def test_category_path_escapes_slashes_and_lecture_titles_override() -> None:
    assert category_path("C", "l03", "a/b") == "$course$/top/C/l03 a//b"
    root = ET.fromstring(to_moodle_xml(BANKS, course="C",
                                       lecture_titles={"l02": "Арал"}).encode())
    paths = [c.text for c in root.findall("question/category/text")]
    assert paths[1] == "$course$/top/C/l02 Арал"


def test_xml_prompt_is_escaped_and_round_trips(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q01"]
    node = q.find("questiontext")
    assert node.get("format") == "html"
    parsed = _Html(node.findtext("text"))
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert parsed.paragraphs == [NASTY_PROMPT]


def test_xml_general_feedback_has_explanation_and_source(xml_root: ET.Element) -> None:
    feedback = _Html(_questions(xml_root)["l01-q01"].findtext("generalfeedback/text"))
    assert feedback.tags == ["p", "p"]
    assert feedback.paragraphs == [NASTY_EXPLANATION, f"{msg('quiz.source')}: 000:41–44"]


def test_xml_single_choice_has_one_full_mark(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q01"]
    assert q.findtext("single") == "true"
    assert _fractions(q) == [0, 100, 0]
    assert [a.findtext("text") for a in q.findall("answer")][1] == "Ташкент {1992}"


def test_xml_multiple_choice_right_fractions_sum_to_100(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q02"]
    assert q.findtext("single") == "false"
    fractions = _fractions(q)
    assert [f > 0 for f in fractions] == [True, True, False, True]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
    assert fractions[2] == -100


def test_multiple_choice_with_too_many_right_options_names_the_question() -> None:
    letters = "abcdefghijkl"
    q = m.MultipleChoice(id="l09-q04", type="multiple", prompt="?", explanation="-",
                         source=SRC, answers=list(letters[:11]),
                         options=[{"id": k, "text": k} for k in letters])
    bank = m.QuizBank(lecture="l09", title="T", questions=[q])
    with pytest.raises(ValueError, match=r"l09-q04: 11 right options"):
        to_moodle_xml([bank])
    with pytest.raises(ValueError, match=r"l09-q04"):
        to_gift([bank])


def test_xml_truefalse_marks_the_right_answer(xml_root: ET.Element) -> None:
    qs = _questions(xml_root)
    for name, right in (("l01-q03", "true"), ("l02-q01", "false")):
        answers = {a.findtext("text"): float(a.get("fraction"))
                   for a in qs[name].findall("answer")}
        assert answers == {"true": 100 if right == "true" else 0,
                           "false": 100 if right == "false" else 0}


def test_xml_numerical_exports_answer_tolerance_and_unit_hint(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q04"]
    [answer] = q.findall("answer")
    assert answer.findtext("text") == "3252"
    assert answer.findtext("tolerance") == "1.5"
    assert answer.get("fraction") == "100"
    assert _Html(q.findtext("questiontext/text")).paragraphs[-1] == msg("quiz.unit", unit="м")


def test_xml_short_answer_lists_variants_case_insensitively(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q05"]
    assert q.findtext("usecase") == "0"
    texts = [a.findtext("text") for a in q.findall("answer")]
    assert texts == ["Астана", "Ақмола", "Нұр-Сұлтан", "Акмола", "Нур-Султан"]
    assert set(_fractions(q)) == {100}


def test_short_answer_variants_escape_the_moodle_wildcard() -> None:
    assert short_answer_variants(["Қ*"]) == ["Қ\\*", "К\\*"]
    assert short_answer_variants(["Астана"]) == ["Астана"]


def test_xml_matching_keeps_pairs_as_subquestions(xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q06"]
    pairs = [(_Html(s.findtext("text")).paragraphs[0], s.findtext("answer/text"))
             for s in q.findall("subquestion")]
    assert pairs == [("ҰҚШҰ -> шарт", "1992 = шарт"), ("ШЫҰ", "2001: {құрылды}"),
                     ("ТМД", "1991")]


def test_xml_ordering_lists_items_in_order_with_qtype_ordering_options(
        xml_root: ET.Element) -> None:
    q = _questions(xml_root)["l01-q07"]
    items = [_Html(a.findtext("text")).paragraphs[0] for a in q.findall("answer")]
    assert items == ["ТМД #1", "ҰҚШҰ: шарт", "ШЫҰ <2001>"]
    assert q.findtext("selecttype") == "ALL"
    assert q.findtext("selectcount") == "3"
    assert q.findtext("gradingtype") == "ALL_OR_NOTHING"
    assert q.findtext("layouttype") == "VERTICAL"


# --------------------------------------------------------------------------- GIFT


@pytest.fixture(scope="module")
def gift() -> list[dict]:
    return parse_gift(to_gift(BANKS, course="Курс"))


def test_gift_round_trips_count_ids_and_categories(gift: list[dict]) -> None:
    assert [q["name"] for q in gift] == [*MOODLE_TYPES, "l02-q01"]
    assert gift[0]["category"] == "$course$/top/Курс/l01 Кіріспе: қауіпсіздік // ұғым"
    assert gift[-1]["category"] == "$course$/top/Курс/l02 Экология"


def test_gift_ordering_becomes_matching_other_types_match_moodle(gift: list[dict]) -> None:
    types = {q["name"]: q["type"] for q in gift}
    assert types == {**MOODLE_TYPES, "l01-q07": "matching", "l02-q01": "truefalse"}


def test_gift_special_characters_and_markup_round_trip(gift: list[dict]) -> None:
    q = gift[0]
    assert q["format"] == "html"
    assert q["prompt"] == NASTY_PROMPT
    assert "script" not in _Html(q["text"]).tags
    assert _Html(q["feedback"]).paragraphs == [NASTY_EXPLANATION,
                                               f"{msg('quiz.source')}: 000:41–44"]


def test_gift_text_escapes_every_reserved_character() -> None:
    text = to_gift(BANKS, course="Курс")
    line = next(ln for ln in text.splitlines() if ln.startswith("::l01-q01::"))
    assert "\\: 1992 \\{Ташкент\\} \\= ма? \\~ \\#1 \\\\ &lt;script&gt;" in line
    assert "<script>" not in text


def test_gift_choice_answers_round_trip(gift: list[dict]) -> None:
    single, multiple = gift[0], gift[1]
    assert single["single"] is True
    assert [(a["text"], a["fraction"]) for a in single["answers"]] == [
        ("Бішкек = астана?", 0), ("Ташкент {1992}", 100), ("%50% Душанбе", 0)]
    assert multiple["single"] is False
    fractions = [a["fraction"] for a in multiple["answers"]]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
    assert [a["text"] for a in multiple["answers"]][2] == "Түрікменстан ~ бейтарап"
    assert fractions[2] == -100


def test_gift_truefalse_numeric_and_short_answer_round_trip(gift: list[dict]) -> None:
    by_name = {q["name"]: q for q in gift}
    assert by_name["l01-q03"]["answer"] is True
    assert by_name["l02-q01"]["answer"] is False
    assert by_name["l01-q04"]["answers"] == [{"value": 3252.0, "tolerance": 1.5}]
    assert by_name["l01-q05"]["answers"] == short_answer_variants(
        ["Астана", "Ақмола", "Нұр-Сұлтан", "астана"])


def test_gift_matching_and_ordering_pairs_round_trip(gift: list[dict]) -> None:
    by_name = {q["name"]: q for q in gift}
    assert by_name["l01-q06"]["pairs"] == [("ҰҚШҰ -> шарт", "1992 = шарт"),
                                           ("ШЫҰ", "2001: {құрылды}"), ("ТМД", "1991")]
    assert by_name["l01-q07"]["pairs"] == [
        ("ТМД #1", msg("quiz.position", n=1)), ("ҰҚШҰ: шарт", msg("quiz.position", n=2)),
        ("ШЫҰ <2001>", msg("quiz.position", n=3))]


def test_gift_keeps_each_question_in_one_block_despite_newlines() -> None:
    q = m.TrueFalse(id="l05-q01", type="truefalse", prompt="Бірінші.\n\nЕкінші: {}",
                    explanation="Бір\n\nекі", source=SRC, answer=True)
    text = to_gift([m.QuizBank(lecture="l05", title="T", questions=[q])])
    [parsed] = parse_gift(text)
    assert parsed["prompt"] == "Бірінші.\n\nЕкінші: {}"
    assert parsed["answer"] is True


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_write_export_writes_utf8_and_counts_questions(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "sub" / f"bank.{fmt}"
    assert write_export(BANKS, fmt, out) == 8
    text = out.read_text(encoding="utf-8")
    assert "l02-q01" in text and "Экология" in text


def test_write_export_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'csv'"):
        write_export(BANKS, "csv", tmp_path / "x.csv")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()


def test_export_of_the_package_banks_counts_every_question(tmp_path: Path) -> None:
    banks = list(data.quiz_banks().values())
    assert len(banks) >= 1, "no quiz banks in content/quizzes"
    total = sum(len(b.questions) for b in banks)
    assert write_export(banks, "moodle-xml", tmp_path / "all.xml") == total
    root = ET.fromstring((tmp_path / "all.xml").read_bytes())
    assert len(_questions(root)) == total
    assert len(root.findall("question[@type='category']")) == len(banks)
    assert write_export(banks, "gift", tmp_path / "all.txt") == total
    parsed = parse_gift((tmp_path / "all.txt").read_text(encoding="utf-8"))
    assert [q["name"] for q in parsed] == [q.id for b in banks for q in b.questions]


def test_gift_refuses_a_short_answer_it_would_read_as_matching() -> None:
    q = m.ShortText(id="l06-q02", type="text", prompt="?", explanation="-", source=SRC,
                    answers=["А->Б"])
    bank = m.QuizBank(lecture="l06", title="T", questions=[q])
    with pytest.raises(ValueError, match=r"l06-q02: short answer 'А->Б' contains '->'"):
        to_gift([bank])
    root = ET.fromstring(to_moodle_xml([bank]).encode())
    assert root.findtext("question[@type='shortanswer']/answer/text") == "А->Б"
