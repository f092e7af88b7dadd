"""Time the grader against bare nbclient on the same notebooks, same worker count.

    .venv/bin/python benchmarks/grading.py [--n 8] [--lecture-n 20] [--workers N] [--repeat 2]

Two folders are timed, each graded with :func:`ca_course.grading.grade` (``redo=True``,
so nothing is reused; every submission contained and confined) and executed with plain
``nbclient`` on a spawn process pool of the same size:

1. ``--n`` copies of a one-exercise submission (a pandas table, one DataFrame answer);
   goal: grading at most 1.2 × bare nbclient;
2. ``--lecture-n`` copies of a real lecture notebook (``--lecture``, default l07) handed
   in as answered by the solutions; goal: at most 0.8 × bare nbclient, which the grader
   reaches by launching the next contained kernel while the current submission runs.

Prints seconds per submission for both sides, plus their ratio. The best of
``--repeat`` rounds is kept for each side.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ca_course import data
from ca_course import models as m
from ca_course.grading import build_solutions, grade

ROOT = Path(__file__).resolve().parents[1]

SETUP = '''import pandas as pd
lakes = pd.DataFrame({"name": ["Арал", "Балқаш", "Алакөл", "Зайсан", "Ыстықкөл"],
                      "area": [68000, 16400, 2650, 1810, 6236]})'''
ANSWER = 'largest = lakes.sort_values("area", ascending=False).head(3).reset_index(drop=True)'
EXERCISES = m.ExerciseSet(lecture="l99", exercises=[{
    "id": "l99-ex1", "title": "Ең үлкен көлдер", "prompt": "Ең үлкен үш көл.", "points": 1,
    "variable": "largest", "checks": [{"check": "type", "expected": "dataframe"},
                                      {"check": "length", "length": 3}],
    "source": {"doc": "000", "lines": [1, 1]}}])
KEYS = m.KeySet(lecture="l99", keys=[{"id": "l99-ex1", "solution": f"{SETUP}\n{ANSWER}\n",
                                      "checks": [{"check": "solution"}]}])


def write_submissions(folder: Path, n: int) -> list[Path]:
    """Write ``n`` identical-looking submissions (each with its own comment, own hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_code_cell(f"# student {i}\n{SETUP}"),
            nbformat.v4.new_code_cell(ANSWER, metadata={"tags": ["answer"]}),
            nbformat.v4.new_code_cell("largest.shape")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        path = folder / f"student{i:03d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def run_bare(path: Path) -> None:
    """Execute one notebook with plain nbclient in a temporary folder."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as workdir:
        NotebookClient(nb, kernel_name="python3", timeout=60,
                       resources={"metadata": {"path": workdir}}).execute()


def time_bare(paths: list[Path], workers: int) -> float:
    """Return the wall time of executing ``paths`` on a spawn pool of ``workers``."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(run_bare, paths))
    return time.perf_counter() - started


def time_grade(folder: Path, workers: int) -> float:
    """Return the wall time of grading ``folder`` from scratch."""
    started = time.perf_counter()
    report = grade(folder, out_csv=folder.parent / "out" / "grades.csv", exercise_sets=[EXERCISES],
                   keys=KEYS, workers=workers, redo=True, progress=False)
    seconds = time.perf_counter() - started
    bad = [r for r in report.results if (r.status, r.total) != ("ok", 1)]
    if bad:
        raise SystemExit(f"grading went wrong: {bad[0]}")
    return seconds


def write_lecture_submissions(folder: Path, lecture: str, n: int) -> list[Path]:
    """Write ``n`` copies of lecture ``lecture`` answered with the instructor's solutions."""
    [source] = [ROOT / lec.file for lec in data.lectures() if lec.id == lecture]
    solved = folder.parent / "solved"
    [written] = build_solutions([source], ROOT / "instructor" / "keys", solved)
    text = written.path.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        nb = nbformat.reads(text, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(f"# student {i}"))
        path = folder / f"student{i:03d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def time_grade_lecture(folder: Path, lecture: str, workers: int) -> float:
    """Return the wall time of grading a folder of lecture notebooks from scratch."""
    started = time.perf_counter()
    report = grade(folder, out_csv=folder.parent / "out" / "grades.csv", lecture=lecture,
                   keys_dir=ROOT / "instructor" / "keys", workers=workers, redo=True,
                   progress=False)
    seconds = time.perf_counter() - started
    bad = [r for r in report.results if r.total != report.max_points]
    if bad:
        raise SystemExit(f"grading went wrong: {bad[0]}")
    return seconds


def _side_by_side(name: str, n: int, bare: float, graded: float, goal: float) -> None:
    print(f"[{name}] submissions: {n}")
    print(f"  bare nbclient:   {bare:6.2f} s total, {bare / n:5.2f} s per submission")
    print(f"  ca-course grade: {graded:6.2f} s total, {graded / n:5.2f} s per submission")
    print(f"  ratio grade / bare: {graded / bare:.2f} (goal: at most {goal})")


def main() -> None:
    """Parse options, run both sides on both folders, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="number of small submissions")
    parser.add_argument("--lecture-n", type=int, default=20,
                        help="number of lecture submissions (0: skip)")
    parser.add_argument("--lecture", default="l07")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the best is kept")
    args = parser.parse_args()
    print(f"workers: {args.workers}, best of {args.repeat}, load: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as root:
        paths = write_submissions(Path(root) / "submissions", args.n)
        bare = graded = float("inf")
        for _ in range(args.repeat):
            bare = min(bare, time_bare(paths, args.workers))
            graded = min(graded, time_grade(paths[0].parent, args.workers))
        _side_by_side("small", args.n, bare, graded, 1.2)
        if args.lecture_n:
            paths = write_lecture_submissions(Path(root) / "lectures" / "subs", args.lecture,
                                              args.lecture_n)
            bare = graded = float("inf")
            for _ in range(args.repeat):
                bare = min(bare, time_bare(paths, args.workers))
                graded = min(graded, time_grade_lecture(paths[0].parent, args.lecture,
                                                        args.workers))
            _side_by_side(f"lecture {args.lecture}", args.lecture_n, bare, graded, 0.8)


if __name__ == "__main__":
    main()
