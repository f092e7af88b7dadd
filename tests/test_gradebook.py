"""The gradebook: merging grades.csv files, statistics, the histogram PNG."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from ca_course.grading import SubmissionResult, build_rubric, histogram, merge_gradebook, summary
from ca_course.grading.report import write_csv
from ca_course.grading.results import ExerciseResult, GradeReport

from grading_fixtures import EXERCISES, KEYS

HEADER = "student,{cols},total,max,status,message\n"


def _csv(path: Path, lecture: str, rows: dict[str, list[int]], max_points: int) -> Path:
    n = len(next(iter(rows.values())))
    cols = ",".join(f"{lecture}-ex{i}" for i in range(1, n + 1))
    lines = [HEADER.format(cols=cols)]
    for student, points in rows.items():
        lines.append(f"{student},{','.join(map(str, points))},{sum(points)},{max_points},ok,\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def two_assignments(tmp_path: Path) -> list[Path]:
    first = _csv(tmp_path / "a" / "grades.csv", "l01",
                 {"aigerim": [2, 3], "bolat": [1, 0], "dana": [2, 2]}, 5)
    second = _csv(tmp_path / "b" / "grades.csv", "l02", {"aigerim": [4], "erlan": [1]}, 4)
    return [first, second]


def test_merge_gives_one_row_per_student_with_zero_for_missing_work(
        two_assignments: list[Path]) -> None:
    book = merge_gradebook(two_assignments)
    assert list(book.columns) == ["student", "l01", "l02", "total", "max", "percent"]
    assert book.set_index("student").to_dict("index") == {
        "aigerim": {"l01": 5, "l02": 4, "total": 9, "max": 9, "percent": 100.0},
        "bolat": {"l01": 1, "l02": 0, "total": 1, "max": 9, "percent": 11.1},
        "dana": {"l01": 4, "l02": 0, "total": 4, "max": 9, "percent": 44.4},
        "erlan": {"l01": 0, "l02": 1, "total": 1, "max": 9, "percent": 11.1},
    }
    assert book.attrs["max_points"] == {"l01": 5, "l02": 4}


def test_merge_names_assignments_from_a_mapping(two_assignments: list[Path]) -> None:
    book = merge_gradebook({"midterm": two_assignments[0], "final": two_assignments[1]})
    assert list(book.columns[1:3]) == ["midterm", "final"]


def test_merge_refuses_two_tables_for_one_assignment(two_assignments: list[Path]) -> None:
    with pytest.raises(ValueError, match="two grade tables for assignment 'l01'"):
        merge_gradebook([two_assignments[0], two_assignments[0]])


def test_merge_refuses_a_file_that_is_not_a_grade_table(tmp_path: Path) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("name,score\nasel,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not a grades\.csv"):
        merge_gradebook([other])


def test_summary_describes_each_assignment(two_assignments: list[Path]) -> None:
    stats = summary(merge_gradebook(two_assignments))
    assert list(stats.index) == ["l01", "l02", "total", "percent"]
    assert stats.loc["l01", "max_points"] == 5 and stats.loc["total", "max_points"] == 9
    assert stats.loc["total", "mean"] == pytest.approx(15 / 4)
    assert stats.loc["total", "median"] == 2.5
    assert (stats.loc["percent", "min"], stats.loc["percent", "max"]) == (11.1, 100.0)


def test_histogram_writes_a_png(two_assignments: list[Path], tmp_path: Path) -> None:
    path = histogram(merge_gradebook(two_assignments), tmp_path / "plots" / "hist.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as image:
        assert image.size == (840, 504)
        colors = image.convert("RGB").getcolors(maxcolors=100_000)
    assert colors is not None and len(colors) > 50  # bars, axes and Kazakh text were drawn


def test_gradebook_reads_what_the_grader_writes(tmp_path: Path) -> None:
    rubric = build_rubric(EXERCISES, KEYS)
    full = tuple(ExerciseResult(i.id, i.points, i.points, passed=True, answered=True)
                 for i in rubric.items)
    results = (SubmissionResult("asel", "ok", "", full),
               SubmissionResult.without_results("bolat", "invalid", "Файл JSON емес."))
    report = GradeReport(rubric, results, tmp_path / "grades.csv", tmp_path / "grades.json",
                         executed=2, reused=0, landlock=0)
    book = merge_gradebook([write_csv(report)])
    assert book[["student", "l90", "percent"]].values.tolist() == [["asel", 4, 100.0],
                                                                  ["bolat", 0, 0.0]]
    assert pd.read_csv(report.csv_path)["message"].tolist()[1] == "Файл JSON емес."
