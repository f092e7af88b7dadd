"""The grader: one folder of friendly and hostile submissions, graded once per module.

The submissions are built in ``grading_fixtures.py``; each one's cells show what it
does. Slow tests start kernels (marked ``slow``); the others judge plain data.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import distributed
import nbformat
import numpy as np
import pandas as pd
import pytest
from ruamel.yaml import YAML

from ca_course import models as m
from ca_course.checks import kind_of
from ca_course.data import ContentError
from ca_course.grading import (
    ExecutionJob,
    GradeReport,
    Limits,
    SubmissionResult,
    build_rubric,
    build_solutions,
    execute_submission,
    grade,
    load_key_sources,
)
from ca_course.grading.cache import run_key
from ca_course.grading.execute import CellError, ExecutionOutcome, _GradingClient
from ca_course.grading.extract import decode_answer, extraction_cell, read_answers
from ca_course.grading.judge import judge_outcome
from ca_course.grading.read import InvalidSubmission, parse_submission
from ca_course.grading.sandbox import landlock_abi
from ca_course.messages import msg

from grading_fixtures import (
    EMPTY,
    EXERCISES,
    EXPECTED,
    KEY_DATA,
    KEYS,
    MAX_POINTS,
    PARTIAL_POINTS,
    PERFECT,
    as_bytes,
    not_utf8,
    notebook,
    v3_notebook,
    write_keys,
    write_submissions,
)

LIMITS = {"cell_timeout": 5, "total_timeout": 20, "memory_mb": 512}


@dataclass(frozen=True)
class Graded:
    """One graded folder and what was on disk before grading."""

    root: Path
    keys: Path
    submissions: Path
    before: dict[str, bytes]
    report: GradeReport
    seconds: float


def _grade(folder: Path, keys: Path, out: Path, **options: object) -> GradeReport:
    return grade(folder, out_csv=out / "grades.csv", exercise_sets=[EXERCISES], keys_dir=keys,
                 workers=2, progress=False, **LIMITS, **options)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    root = tmp_path_factory.mktemp("grading")
    keys = root / "keys"
    write_keys(keys)
    submissions = root / "submissions"
    write_submissions(submissions, keys)
    before = {p.name: p.read_bytes() for p in [*submissions.iterdir(), *keys.iterdir()]}
    started = time.monotonic()
    report = _grade(submissions, keys, root / "out")
    return Graded(root, keys, submissions, before, report, time.monotonic() - started)


# --------------------------------------------------------------------------- the folder run


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_submission_gets_its_status_and_score(graded: Graded, student: str) -> None:
    status, total = EXPECTED[student]
    result = graded.report.result(student)
    assert (result.status, result.total) == (status, total), result.message + result.traceback


@pytest.mark.slow
def test_csv_has_one_row_per_file(graded: Graded) -> None:
    table = pd.read_csv(graded.root / "out" / "grades.csv", dtype={"student": str})
    files = sorted(p.stem for p in graded.submissions.glob("*.ipynb"))
    assert table["student"].tolist() == files == sorted(EXPECTED)
    assert list(table.columns) == ["student", "l90-ex1", "l90-ex2", "l90-ex3", "total", "max",
                                   "status", "message"]
    assert set(table["max"]) == {MAX_POINTS}
    assert (table[["l90-ex1", "l90-ex2", "l90-ex3"]].sum(axis=1) == table["total"]).all()
    assert table.set_index("student").loc["partial", "status"] == "error"


@pytest.mark.slow
def test_partly_right_answers_earn_only_their_points(graded: Graded) -> None:
    for student in ("partial", "tamper", "vandal"):
        result = graded.report.result(student)
        assert {e.exercise_id: e.points for e in result.exercises} == PARTIAL_POINTS, student
    wrong = graded.report.result("partial").exercise("l90-ex3")
    assert wrong.feedback == (msg("grade.failed", exercise_id="l90-ex3"),
                              msg("grade.hidden_failed", exercise_id="l90-ex3", n=1))
    assert wrong.hidden_feedback == (msg("check.solution"),)


@pytest.mark.slow
def test_tampering_with_checks_changes_nothing(graded: Graded) -> None:
    tamper, partial = graded.report.result("tamper"), graded.report.result("partial")
    assert tamper.exercises == partial.exercises


@pytest.mark.slow
def test_vandal_could_not_touch_files_around_it(graded: Graded) -> None:
    assert landlock_abi() >= 6, "this host cannot confine kernels (Linux Landlock ABI >= 6)"
    now = {p.name: p.read_bytes()
           for p in [*graded.submissions.iterdir(), *graded.keys.iterdir()]}
    assert now == graded.before  # nothing deleted, nothing added (no pwned.txt)
    assert graded.report.landlock >= 6
    assert graded.report.result("vandal").status == "ok"  # its worker was not killed either


@pytest.mark.slow
def test_messages_come_from_the_catalog(graded: Graded) -> None:
    report = graded.report
    assert report.result("perfect").message == msg("grade.ok")
    assert report.result("flood").message.startswith(msg("grade.output", kilobytes=1000))
    assert report.result("stubborn").message.startswith(msg("grade.timeout", seconds="20"))
    assert report.result("exit").message.startswith(
        msg("grade.crashed", error=msg("grade.exit_code", code=1)))
    assert report.result("memory").message == msg("grade.memory", megabytes=512)
    assert report.result("loop").message == msg("grade.cell_timeout", cell=5, seconds="5")
    assert msg("grade.missing_answer", exercise_id="l90-ex3", variable="capital_kz") in \
        report.result("no_capital").message
    assert report.result("not_utf8").message == msg("grade.not_utf8")


@pytest.mark.slow
def test_json_report_keeps_feedback_and_tracebacks(graded: Graded) -> None:
    data = json.loads((graded.root / "out" / "grades.json").read_text(encoding="utf-8"))
    rows = {row["student"]: row for row in data["submissions"]}
    assert len(rows) == len(EXPECTED) and data["max_points"] == MAX_POINTS
    perfect = rows["perfect"]
    assert [e["feedback"][0] for e in perfect["exercises"]] == [
        msg("grade.passed", exercise_id=ex.id, points=ex.points) for ex in EXERCISES.exercises]
    assert perfect["status_label"] == msg("grade.status.ok")
    assert "ZeroDivisionError" in rows["partial"]["traceback"]
    assert "exit code 1" in rows["exit"]["traceback"]
    assert "JSONDecodeError" in rows["not_json"]["traceback"]
    assert rows["memory"]["traceback"].count("MemoryError") >= 1


@pytest.mark.slow
def test_run_is_bounded_by_the_limits(graded: Graded) -> None:
    # One stubborn loop must not hold the run longer than its own total timeout.
    assert all(r.seconds <= LIMITS["total_timeout"] + 5 for r in graded.report.results)
    assert graded.seconds < 120


@pytest.mark.slow
def test_rerun_reuses_every_result(graded: Graded) -> None:
    again = _grade(graded.submissions, graded.keys, graded.root / "out")
    assert (again.executed, again.reused) == (0, len(EXPECTED))
    pd.testing.assert_frame_equal(again.frame(), graded.report.frame())


@pytest.mark.slow
def test_redo_grades_again(tmp_path: Path) -> None:
    keys = write_keys(tmp_path / "keys").parent
    folder = tmp_path / "subs"
    write_submissions(folder, keys, only=("perfect", "not_json"))
    first = _grade(folder, keys, tmp_path / "out")
    assert (first.executed, first.reused) == (1, 0)
    assert _grade(folder, keys, tmp_path / "out").executed == 0
    redone = _grade(folder, keys, tmp_path / "out", redo=True)
    assert (redone.executed, redone.reused) == (1, 0)
    assert redone.result("perfect").total == MAX_POINTS


@pytest.mark.slow
def test_dask_cluster_gives_the_same_rows(graded: Graded, tmp_path: Path) -> None:
    some = ("perfect", "partial", "empty", "exit", "not_json", "v3")
    folder = tmp_path / "subs"
    for name in some:
        (folder / f"{name}.ipynb").parent.mkdir(exist_ok=True)
        (folder / f"{name}.ipynb").write_bytes((graded.submissions / f"{name}.ipynb")
                                               .read_bytes())
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        on_dask = _grade(folder, graded.keys, tmp_path / "out", scheduler=cluster.scheduler_address)
    local = graded.report.frame().set_index("student").loc[list(some)].reset_index()
    pd.testing.assert_frame_equal(on_dask.frame(), local.sort_values("student")
                                  .reset_index(drop=True))


@pytest.mark.slow
def test_solution_notebook_earns_full_marks(tmp_path: Path) -> None:
    source = tmp_path / "book" / "l90_states.ipynb"
    source.parent.mkdir()
    nbformat.write(notebook(EMPTY), source)
    [written] = build_solutions([source], KEYS, tmp_path / "solutions",
                                exercise_sets={"l90": EXERCISES})
    assert written.replaced == ("l90-ex1", "l90-ex2", "l90-ex3")
    rubric = build_rubric(EXERCISES, KEYS)
    job = ExecutionJob("solution", written.path.read_text(encoding="utf-8"), rubric.variables,
                       Limits(**LIMITS))
    result = judge_outcome(execute_submission(job), rubric, limits=job.limits)
    assert (result.status, result.total) == ("ok", MAX_POINTS)


# --------------------------------------------------------------------------- solutions, fast


def test_build_solutions_replaces_answer_cells_only(tmp_path: Path) -> None:
    source = tmp_path / "book" / "l90_states.ipynb"
    source.parent.mkdir()
    nbformat.write(notebook(EMPTY), source)
    [written] = build_solutions([source], KEYS, tmp_path / "solutions",
                                exercise_sets={"l90": EXERCISES})
    cells = nbformat.read(written.path, as_version=4).cells
    answers = [c for c in cells if "answer" in c.metadata.get("tags", [])]
    assert [c.source for c in answers] == [k.solution.rstrip("\n") for k in KEYS.keys]
    assert all("solution" in c.metadata["tags"] for c in answers)
    assert nbformat.read(source, as_version=4).cells[2].source == EMPTY["largest"]
    with pytest.raises(ValueError, match="own folder"):
        build_solutions([source], KEYS, source.parent, exercise_sets={"l90": EXERCISES})


def test_build_solutions_reports_cells_it_cannot_match(tmp_path: Path) -> None:
    nb = notebook(EMPTY)
    nb.cells.insert(2, nbformat.v4.new_code_cell("mystery = None", metadata={"tags": ["answer"]}))
    source = tmp_path / "l90_states.ipynb"
    nbformat.write(nb, source)
    [written] = build_solutions([source], KEYS, tmp_path / "out", exercise_sets={"l90": EXERCISES})
    assert written.unmatched_cells == (3,)
    assert len(written.replaced) == 3


# --------------------------------------------------------------------------- reading files


def test_parse_submission_upgrades_nbformat_3() -> None:
    nb = parse_submission(v3_notebook(PERFECT))
    assert nb.nbformat == 4
    assert [c.source for c in nb.cells][1:] == list(PERFECT.values())


@pytest.mark.parametrize(("content", "message"), [
    (not_utf8(), msg("grade.not_utf8")),
    (b"print('hi')", None),
    (b'{"cells": "none"}', None),
    (b"[1, 2, 3]", None),
])
def test_parse_submission_rejects_what_is_not_a_notebook(content: bytes,
                                                         message: str | None) -> None:
    with pytest.raises(InvalidSubmission) as caught:
        parse_submission(content)
    assert caught.value.message and caught.value.detail
    if message is not None:
        assert caught.value.message == message


def test_parse_submission_rejects_huge_files() -> None:
    content = as_bytes(notebook(PERFECT))
    with pytest.raises(InvalidSubmission) as caught:
        parse_submission(content, max_bytes=50)
    assert caught.value.detail == f"{len(content)} bytes > 50"
    assert parse_submission(content, max_bytes=len(content)).nbformat == 4


# --------------------------------------------------------------------------- extraction


def _round_trip(namespace: dict, names: list[str], tmp_path: Path) -> dict:
    path = tmp_path / "answers.json"
    exec(extraction_cell(names, path), namespace)
    return read_answers(path, max_bytes=10**6)


def test_extraction_keeps_each_kind_the_student_check_sees(tmp_path: Path) -> None:
    values = {
        "frame": pd.DataFrame({"name": ["Арал", "Балқаш"], "area": [68000, 16400],
                               "depth": [42.0, math.nan], "salty": [True, False]}),
        "series": pd.Series([1.5, 2.5], name="x"),
        "numpy_int": np.int64(7),
        "number": 2.5,
        "text": "Астана",
        "flag": True,
        "items": ["Астана", 3, None],
        "a_set": {1, 2},
    }
    raw = _round_trip(dict(values), [*values, "nothing", "undefined"], tmp_path)
    decoded = {name: decode_answer(payload) for name, payload in raw.items()}
    for name, value in values.items():
        assert decoded[name].state == "ok", name
        assert kind_of(decoded[name].value) == kind_of(value), name
    pd.testing.assert_frame_equal(decoded["frame"].value, values["frame"])
    assert decoded["series"].value.tolist() == [1.5, 2.5]
    assert decoded["items"].value == ["Астана", 3, None]
    assert decoded["undefined"].state == "undefined"


def test_extraction_ignores_names_the_student_shadowed(tmp_path: Path) -> None:
    namespace = {"answer": 41 + 1, "isinstance": lambda *a: True, "json": None,
                 "open": None, "str": None}
    raw = _round_trip(namespace, ["answer"], tmp_path)
    assert raw == {"answer": {"kind": "integer", "value": 42}}


def test_extraction_reports_a_huge_answer_instead_of_sending_it(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    exec(extraction_cell(["big"], path, max_answer_bytes=1000), {"big": "ж" * 5000})
    assert decode_answer(read_answers(path, max_bytes=10**6)["big"]).state == "too_large"


# --------------------------------------------------------------------------- keys and rubric


def test_key_file_problems_name_file_line_and_id(tmp_path: Path) -> None:
    data = json.loads(json.dumps(KEY_DATA))
    data["keys"][1]["checks"] = [{"check": "solution", "tolerance": -1}]
    path = tmp_path / "l90.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    with pytest.raises(ContentError) as caught:
        load_key_sources(tmp_path)
    [problem] = caught.value.problems
    assert problem.path.endswith("l90.yaml") and problem.item_id == "l90-ex2"
    assert problem.line is not None and "tolerance" in problem.message


def test_rubric_lists_every_mismatch_with_the_exercises(tmp_path: Path) -> None:
    data = json.loads(json.dumps(KEY_DATA))
    data["keys"][0]["id"] = "l90-ex9"                          # no such exercise
    data["keys"][1]["solution"] = "total_population = 1 / 0"  # raises
    data["keys"][2]["checks"] = [{"check": "contains", "values": ["Астана"]}]  # not for text
    write_path = tmp_path / "l90.yaml"
    with write_path.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    source = load_key_sources(tmp_path)["l90"]
    with pytest.raises(ContentError) as caught:
        build_rubric(EXERCISES, source)
    found = {(p.item_id, p.line is not None): p.message.split(";")[0]
             for p in caught.value.problems}
    assert found == {
        ("l90-ex9", True): "no exercise l90-ex9 in the l90 exercises",
        ("l90-ex1", False): "no key for exercise l90-ex1",
        ("l90-ex2", True): "the solution raised ZeroDivisionError: division by zero",
        ("l90-ex3", True): found[("l90-ex3", True)],
    }
    assert "fails its own check 2 (contains)" in found[("l90-ex3", True)]


def test_bad_keys_stop_grading_before_any_kernel_runs(tmp_path: Path) -> None:
    bad = KEYS.model_copy(update={"keys": KEYS.keys[:2]})
    (tmp_path / "subs").mkdir()
    with pytest.raises(ContentError, match="no key for exercise l90-ex3"):
        grade(tmp_path / "subs", out_csv=tmp_path / "grades.csv", exercise_sets=[EXERCISES],
              keys=bad, progress=False)
    assert not (tmp_path / "grades.csv").exists()


def test_cache_key_follows_the_keys() -> None:
    rubric = build_rubric(EXERCISES, KEYS)
    looser = KEYS.model_copy(update={"keys": (
        KEYS.keys[0], KEYS.keys[1].model_copy(update={"checks": (
            m.MatchesSolution(check="solution", tolerance=0.5),)}), KEYS.keys[2])})
    assert run_key(rubric, Limits()) == run_key(build_rubric(EXERCISES, KEYS), Limits())
    assert run_key(rubric, Limits()) != run_key(build_rubric(EXERCISES, looser), Limits())
    assert run_key(rubric, Limits()) != run_key(rubric, Limits(memory_mb=2048))


# --------------------------------------------------------------------------- output caps


def test_printed_text_and_rich_output_have_separate_caps() -> None:
    def flood_after(msg_type: str, **limits: int) -> str | None:
        async def feed() -> str | None:
            client = _GradingClient(nbformat.v4.new_notebook(), None, limits=Limits(**limits),
                                    student_deadline=0)
            content = ({"name": "stdout", "text": "ж" * 200} if msg_type == "stream"
                       else {"data": {"text/html": "<b>" + "x" * 396 + "</b>"}})
            for _ in range(3):
                client._count({"msg_type": msg_type, "content": content})
            return client.flood

        return asyncio.run(feed())

    assert flood_after("stream", max_output_bytes=1000) == "print"     # 3 x 400 bytes
    assert flood_after("stream", max_output_bytes=1200) is None
    assert flood_after("display_data", max_output_bytes=1000) is None  # a map is not a flood
    assert flood_after("display_data", max_display_bytes=1000) == "display"


# --------------------------------------------------------------------------- judging data


def _outcome(**fields: object) -> ExecutionOutcome:
    return ExecutionOutcome(**{"student": "asel", "answers": None, **fields})


def test_judge_reads_statuses_from_the_run() -> None:
    rubric = build_rubric(EXERCISES, KEYS)
    limits = Limits()

    def status(**fields: object) -> str:
        return judge_outcome(_outcome(**fields), rubric, limits=limits).status

    assert status(stop="crashed", exit_code=-9) == "crashed"
    assert status(stop="crashed", memory_error=True) == "memory"
    assert status(stop="timeout") == "timeout"
    assert status(stop="output") == "output"
    assert status(answers={}) == "missing"
    assert status(answers={}, errors=(CellError(2, "NameError", "x", ""),)) == "missing"
    assert status(answers={"largest": {"kind": "none"}}, timed_out_cells=(3,)) == "timeout"
    broken = judge_outcome(_outcome(grader_error="Traceback...\nOSError: disk full"), rubric,
                           limits=limits)
    assert broken.status == "crashed" and not broken.is_cacheable
    assert broken.message == msg("grade.grader_error", error="OSError: disk full")


def test_judge_gives_points_only_when_every_check_passes() -> None:
    rubric = build_rubric(EXERCISES, KEYS)
    frame = pd.DataFrame({"name": ["Қазақстан", "Түрікменстан", "Өзбекстан"],
                          "area": [2724900, 491210, 448978]})
    split = frame.to_json(orient="split")
    right = {"largest": {"kind": "dataframe", "split": split, "dtypes": ["str", "int64"]},
             "total_population": {"kind": "number", "value": 81.41},
             "capital_kz": {"kind": "text", "value": "астана"}}
    result = judge_outcome(_outcome(answers=right), rubric, limits=Limits())
    assert (result.status, result.total) == ("ok", MAX_POINTS)
    unsorted = frame.iloc[[1, 0, 2]].to_json(orient="split")
    near = {**right, "largest": {**right["largest"], "split": unsorted},
            "total_population": {"kind": "number", "value": 81.6}}
    result = judge_outcome(_outcome(answers=near), rubric, limits=Limits())
    assert {e.exercise_id: e.points for e in result.exercises} == {
        "l90-ex1": 0, "l90-ex2": 0, "l90-ex3": 1}


def test_without_results_row_has_every_column() -> None:
    row = SubmissionResult.without_results("bolat", "invalid", msg("grade.not_utf8"),
                                           "UnicodeDecodeError").to_row(
        [ex.id for ex in EXERCISES.exercises], max_points=MAX_POINTS)
    assert row == {"student": "bolat", "l90-ex1": 0, "l90-ex2": 0, "l90-ex3": 0, "total": 0,
                   "max": MAX_POINTS, "status": "invalid", "message": msg("grade.not_utf8")}
    with pytest.raises(ValueError, match="status must be one of"):
        dataclasses.replace(SubmissionResult.without_results("b", "ok", ""), status="fine")
