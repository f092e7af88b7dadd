"""The instructor's commands, end to end on a real lecture: solutions, grade, gradebook."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ca_course import data
from ca_course.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_grade_a_class_of_lecture_notebooks(tmp_path: Path) -> None:
    lecture = ROOT / "book" / "l01_security_concept.ipynb"
    runner = CliRunner()
    solved = tmp_path / "solutions"
    result = runner.invoke(main, ["solutions", "--out", str(solved),
                                  "--keys", str(ROOT / "instructor" / "keys"), str(lecture)])
    assert result.exit_code == 0, result.output
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(solved / lecture.name, submissions / "aigerim.ipynb")
    shutil.copy(lecture, submissions / "bolat.ipynb")            # handed in untouched
    (submissions / "daniyar.ipynb").write_text("{not json", encoding="utf-8")
    out = tmp_path / "grades.csv"
    result = runner.invoke(main, ["grade", str(submissions), "--out", str(out), "--lecture",
                                  "l01", "--keys", str(ROOT / "instructor" / "keys"),
                                  "--workers", "2"])
    assert result.exit_code == 0, result.output
    rows = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"aigerim", "bolat", "daniyar"}
    full = sum(ex.points for ex in data.exercise_set("l01").exercises)
    assert float(rows["aigerim"]["total"]) == full and rows["aigerim"]["status"] == "ok"
    assert float(rows["bolat"]["total"]) == 0 and rows["bolat"]["status"] == "missing"
    assert rows["daniyar"]["status"] == "invalid"
    book_dir = tmp_path / "gradebook"
    result = runner.invoke(main, ["gradebook", str(out), "--out", str(book_dir)])
    assert result.exit_code == 0, result.output
    assert (book_dir / "histogram.png").stat().st_size > 1000
    assert "aigerim" in (book_dir / "gradebook.csv").read_text(encoding="utf-8")


def test_quiz_export_writes_every_question(tmp_path: Path) -> None:
    out = tmp_path / "quiz.xml"
    result = CliRunner().invoke(main, ["quiz", "export", "--format", "moodle-xml",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    total = sum(len(b.questions) for b in data.quiz_banks().values())
    assert out.read_text(encoding="utf-8").count('<question type="category">') == len(
        data.quiz_banks())
    assert str(total) in result.output


def test_validate_reports_success_on_the_package_content() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
