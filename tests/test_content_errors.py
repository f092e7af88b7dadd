"""Malformed content gets a message with file, line, id and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ca_course.cli import main
from ca_course.quiz.bank import validate_banks

GOOD = """\
lecture: l01
title: Сынақ
questions:
  - id: l01-q01
    type: truefalse
    prompt: Арал теңізі тартылды.
    answer: true
    explanation: Иә.
    source: {doc: "000", lines: [41, 42]}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "l01.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    problems, _ = validate_banks([path])
    return [str(p) for p in problems]


def test_a_good_bank_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, GOOD)) == []


def test_answer_not_among_the_options(tmp_path: Path) -> None:
    text = GOOD.replace("type: truefalse", "type: single\n    options: [{id: a, text: Иә}, "
                        "{id: c, text: Жоқ}]").replace("answer: true", "answer: b")
    [problem] = problems_of(write(tmp_path, text))
    assert "l01.yaml:8 l01-q01: answer" in problem
    assert "answer 'b' is not one of the options (a, c)" in problem and "add option" in problem


def test_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    question = GOOD.split("questions:\n", 1)[1]
    [problem] = problems_of(write(tmp_path, GOOD + question))
    assert "l01.yaml:10 l01-q01: duplicate id (first at line 4)" in problem


def test_missing_source_and_unknown_type(tmp_path: Path) -> None:
    no_source = GOOD.replace('    source: {doc: "000", lines: [41, 42]}\n', "")
    assert any("l01-q01" in p and "source" in p and "Field required" in p
               for p in problems_of(write(tmp_path, no_source)))
    unknown = GOOD.replace("type: truefalse", "type: essay")
    assert any("l01-q01" in p and "essay" in p for p in problems_of(write(tmp_path, unknown)))


def test_bad_yaml_and_bad_encoding(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, GOOD.replace("answer: true", "answer: [true")))
    assert problem.startswith(str(tmp_path / "l01.yaml").split("/")[-1]) or "l01.yaml:" in problem
    assert "bad YAML" in problem
    [problem] = problems_of(write(tmp_path, GOOD.encode("cp1251", errors="replace")
                                  .replace(b"\xc0", b"\xff"), "l01.yaml"))
    assert "UTF-8" in problem or "bad YAML" in problem


def test_source_line_ranges_must_be_ordered(tmp_path: Path) -> None:
    text = GOOD.replace("lines: [41, 42]", "lines: [42, 41]")
    assert any("first <= last" in p for p in problems_of(write(tmp_path, text)))


def test_file_name_and_lecture_must_agree(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, GOOD, name="l02.yaml"))
    assert "l02.yaml" in problem and "make them agree" in problem


def test_cli_lists_all_problems_and_exits_non_zero(tmp_path: Path) -> None:
    bad = write(tmp_path, GOOD.replace("lines: [41, 42]", "lines: [42, 41]"))
    worse = write(tmp_path, GOOD.replace("type: truefalse", "type: essay"), "l03.yaml")
    result = CliRunner().invoke(main, ["quiz", "validate", str(bad), str(worse)])
    assert result.exit_code == 1
    assert "l01.yaml" in result.output and "l03.yaml" in result.output


def test_cli_accepts_a_good_bank(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["quiz", "validate", str(write(tmp_path, GOOD))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("bank_text", ["[]", "lecture: l01\n"])
def test_wrong_top_level_shape(tmp_path: Path, bank_text: str) -> None:
    assert problems_of(write(tmp_path, bank_text))
