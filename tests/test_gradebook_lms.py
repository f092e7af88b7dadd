"""Grades into Moodle's and Canvas's gradebooks through a roster; nothing dropped silently.

The written files are read back with the csv module the way each LMS reads them:
Moodle's ``gradeimport_csv_load_data`` (a user column that must never be empty, numeric
grade cells, '' meaning no grade) and Canvas's ``GradebookImporter`` (header
``Student, ID, SIS User ID, SIS Login ID, Section``, then assignments, then a
``Points Possible`` row). Every CSV cell that a spreadsheet would run as a formula
starts with an apostrophe.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ca_course.cli import main
from ca_course.csvsafe import FORMULA_STARTS
from ca_course.grading import merge_gradebook
from ca_course.grading.gradebook import (
    CANVAS_COLUMNS,
    canvas_grades,
    match_roster,
    moodle_grades,
    read_roster,
    write_lms_grades,
)
from ca_course.messages import msg

HEADER = "student,{cols},total,max,status,message\n"
EVIL_NAMES = ["=HYPERLINK(\"http://x\")", "+77010000000", "-1+2", "@SUM(A1)", "\tТаб",
              "\rCR"]


def _grades(path: Path, lecture: str, rows: dict[str, list[int]], max_points: int) -> Path:
    n = len(next(iter(rows.values())))
    cols = ",".join(f"{lecture}-ex{i}" for i in range(1, n + 1))
    lines = [HEADER.format(cols=cols)]
    for student, points in rows.items():
        lines.append(f"{student},{','.join(map(str, points))},{sum(points)},{max_points},ok,\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _roster(path: Path, rows: list[dict[str, str]]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8")
    return path


@pytest.fixture
def grade_files(tmp_path: Path) -> list[Path]:
    first = _grades(tmp_path / "a" / "grades.csv", "l01",
                    {"aigerim": [2, 3], "bolat": [1, 0], "stranger": [2, 2]}, 5)
    second = _grades(tmp_path / "b" / "grades.csv", "l02", {"aigerim": [4], "dana": [1]}, 4)
    return [first, second]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return _roster(tmp_path / "roster.csv", [
        {"File": "aigerim.ipynb", "Name": "Айгерім Сәрсенова", "Email": "aigerim@uni.kz",
         "ID number": "S001", "Canvas ID": "101", "Section": "A"},
        {"File": "bolat.ipynb", "Name": "Болат Ержанов", "Email": "bolat@uni.kz",
         "ID number": "S002", "Canvas ID": "", "Section": "A"},
        {"File": "dana", "Name": "Дана Омарова", "Email": "", "ID number": "S003",
         "Canvas ID": "", "Section": "B"},
        {"File": "erlan.ipynb", "Name": "Ерлан Жұмабеков", "Email": "erlan@uni.kz",
         "ID number": "S004", "Canvas ID": "104", "Section": "B"},
    ])


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_roster_reads_file_names_and_normalises_headers(roster: Path) -> None:
    table = read_roster(roster)
    assert table["student"].tolist() == ["aigerim", "bolat", "dana", "erlan"]
    assert table.loc[0, ["email", "idnumber", "canvas_id", "section", "username"]].tolist() \
        == ["aigerim@uni.kz", "S001", "101", "A", ""]


def test_roster_refuses_duplicates_and_a_missing_key(tmp_path: Path) -> None:
    twice = _roster(tmp_path / "twice.csv", [{"student": "asel"}, {"student": "asel.ipynb"}])
    with pytest.raises(ValueError, match="appear twice: asel"):
        read_roster(twice)
    keyless = _roster(tmp_path / "keyless.csv", [{"email": "a@b.kz"}])
    with pytest.raises(ValueError, match="'file' or 'student' column"):
        read_roster(keyless)


def test_match_lists_unknown_files_and_students_without_work(
        grade_files: list[Path], roster: Path) -> None:
    found = match_roster(merge_gradebook(grade_files), read_roster(roster))
    assert found.book["student"].tolist() == ["aigerim", "bolat", "dana"]
    assert found.unmatched_files == ("stranger",)
    assert found.missing_students == ("Ерлан Жұмабеков (erlan)",)
    assert found.assignments == ("l01", "l02")


def test_moodle_table_maps_users_by_email_and_leaves_out_blank_ones(
        grade_files: list[Path], roster: Path) -> None:
    found = match_roster(merge_gradebook(grade_files), read_roster(roster))
    table, left_out = moodle_grades(found)
    assert list(table.columns) == ["email", "idnumber", "name", "l01", "l02"]
    assert table.values.tolist() == [
        ["aigerim@uni.kz", "S001", "Айгерім Сәрсенова", 5, 4],
        ["bolat@uni.kz", "S002", "Болат Ержанов", 1, 0]]
    assert left_out == ("Дана Омарова (dana)",)


def test_moodle_needs_an_identity_column(grade_files: list[Path], tmp_path: Path) -> None:
    names_only = _roster(tmp_path / "names.csv", [{"student": "aigerim", "name": "Айгерім"}])
    found = match_roster(merge_gradebook(grade_files), read_roster(names_only))
    with pytest.raises(ValueError, match="no email, idnumber or username"):
        moodle_grades(found)


def test_canvas_table_has_canvas_header_points_row_and_sis_fallback(
        grade_files: list[Path], roster: Path) -> None:
    found = match_roster(merge_gradebook(grade_files), read_roster(roster))
    table, left_out = canvas_grades(found)
    assert list(table.columns) == [*CANVAS_COLUMNS, "l01", "l02"]
    assert table.iloc[0].tolist() == ["Points Possible", "", "", "", "", 5, 4]
    assert table.iloc[1].tolist() == ["Айгерім Сәрсенова", "101", "S001", "", "A", 5, 4]
    assert table.iloc[3].tolist() == ["Дана Омарова", "", "S003", "", "B", 0, 1]
    assert left_out == ()


def test_written_files_read_as_each_lms_reads_them(
        grade_files: list[Path], roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "lms"
    result = write_lms_grades(merge_gradebook(grade_files), roster, out)
    assert [p.name for p in result.files] == ["moodle_grades.csv", "canvas_grades.csv"]
    moodle = _rows(out / "moodle_grades.csv")
    assert moodle[0] == ["email", "idnumber", "name", "l01", "l02"]
    for row in moodle[1:]:
        assert row[0].strip(), "Moodle stops the whole import at an empty user field"
        assert all(float(cell) >= 0 for cell in row[3:])
    canvas = _rows(out / "canvas_grades.csv")
    header = canvas[0]
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1]
    assert (header[2], header[3], header[4]) == ("SIS User ID", "SIS Login ID", "Section")
    assert canvas[1][0] == "Points Possible" and canvas[1][5:] == ["5", "4"]
    assert [row[0] for row in canvas[2:]] == ["Айгерім Сәрсенова", "Болат Ержанов",
                                              "Дана Омарова"]
    problems = _rows(out / "unmatched.csv")
    assert problems[0] == [msg("gradebook.lms.col_problem"), msg("gradebook.lms.col_who")]
    assert problems[1:] == [
        [msg("gradebook.lms.no_roster_row"), "stranger"],
        [msg("gradebook.lms.no_submission"), "Ерлан Жұмабеков (erlan)"],
        [msg("gradebook.lms.no_identity.moodle"), "Дана Омарова (dana)"]]
    assert len(result.problems) == 3


def test_every_lms_csv_neutralises_formula_cells(grade_files: list[Path],
                                                 tmp_path: Path) -> None:
    rows = [{"student": "aigerim", "name": EVIL_NAMES[0], "email": "=cmd|' /C calc'!A0",
             "sis_login_id": "@evil"},
            {"student": "bolat", "name": EVIL_NAMES[1], "email": "-2+3", "section": "+A"},
            {"student": "dana", "name": EVIL_NAMES[2], "email": "@x", "section": "\tB"},
            *({"student": f"nobody{i}", "name": n, "email": "x@y.kz"}
              for i, n in enumerate(EVIL_NAMES[3:]))]
    roster = _roster(tmp_path / "evil.csv", rows)
    third = tmp_path / "c" / "grades.csv"
    third.parent.mkdir()
    pd.DataFrame({"student": ["=1+1", "\tTab", "\rCR"], "l03-ex1": [1, 0, 1],
                  "total": [1, 0, 1], "max": 1}).to_csv(third, index=False,
                                                        quoting=csv.QUOTE_NONNUMERIC)
    evil_files = [*grade_files, third]
    out = tmp_path / "evil-out"
    write_lms_grades(merge_gradebook(evil_files), roster, out)
    cells = [cell for name in ("moodle_grades.csv", "canvas_grades.csv", "unmatched.csv")
             for row in _rows(out / name) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert "'=cmd|' /C calc'!A0" in cells and "'+77010000000" in cells
    assert {"'=1+1", "'\tTab", "'\rCR"} <= set(cells)  # unmatched submissions' own names
    assert "'@SUM(A1) (nobody0)" in cells and "'-1+2" in cells


def test_cli_gradebook_writes_lms_files_and_lists_problems_in_kazakh(
        grade_files: list[Path], roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = CliRunner().invoke(main, ["gradebook", *map(str, grade_files), "--out", str(out),
                                       "--roster", str(roster), "--moodle", "--canvas"])
    assert result.exit_code == 0, result.output
    for name in ("gradebook.csv", "moodle_grades.csv", "canvas_grades.csv", "unmatched.csv"):
        assert (out / name).is_file(), name
    assert "stranger" in result.output and "Ерлан Жұмабеков (erlan)" in result.output
    assert msg("gradebook.lms.no_roster_row") in result.output
    assert msg("cli.gradebook.unmatched", n=3, path=out / "unmatched.csv") in result.output


def test_cli_gradebook_needs_a_roster_for_lms_files(grade_files: list[Path],
                                                    tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["gradebook", str(grade_files[0]), "--out",
                                       str(tmp_path / "x"), "--canvas"])
    assert result.exit_code != 0
    assert msg("cli.gradebook.no_roster") in result.output
    assert not (tmp_path / "x" / "canvas_grades.csv").exists()
