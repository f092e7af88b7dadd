"""Exercise set, keys and submissions (friendly and hostile) for the grading tests.

Everything is built in code: a three-exercise lecture ``l90`` over a small table of
Central Asian states, its instructor keys, and one notebook per behaviour the grader
must survive. Each hostile notebook's cells show exactly what it does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import nbformat
from nbformat import v3, v4
from ruamel.yaml import YAML

from ca_course import models as m

LECTURE = "l90"

SETUP = '''import pandas as pd

def check(exercise_id, answer):  # stands in for ca_course.exercises.check
    return exercise_id

states = pd.DataFrame({
    "name": ["Қазақстан", "Өзбекстан", "Қырғызстан", "Тәжікстан", "Түрікменстан"],
    "capital": ["Астана", "Ташкент", "Бішкек", "Душанбе", "Ашхабад"],
    "area": [2724900, 448978, 199951, 143100, 491210],
    "population": [20.0, 36.8, 7.2, 10.3, 7.1],
})'''

SOURCE = {"doc": "000", "lines": [1, 1]}
EXERCISES = m.ExerciseSet(lecture=LECTURE, exercises=[
    {"id": "l90-ex1", "title": "Ең үлкен үш мемлекет", "points": 2, "variable": "largest",
     "prompt": "Аумағы ең үлкен үш мемлекет: name, area бағандары, area бойынша кему ретімен.",
     "checks": [{"check": "type", "expected": "dataframe"},
                {"check": "columns", "columns": ["name", "area"]},
                {"check": "length", "length": 3}],
     "source": SOURCE},
    {"id": "l90-ex2", "title": "Жалпы халық саны", "points": 1, "variable": "total_population",
     "prompt": "Бес мемлекеттің халық санының қосындысы (миллион адам).",
     "checks": [{"check": "type", "expected": "number"},
                {"check": "range", "min": 50, "max": 120}],
     "source": SOURCE},
    {"id": "l90-ex3", "title": "Қазақстанның астанасы", "points": 1, "variable": "capital_kz",
     "prompt": "Қазақстанның астанасын states кестесінен алыңыз.",
     "checks": [{"check": "type", "expected": "text"}],
     "source": SOURCE},
])
MAX_POINTS = 4

KEY_DATA = {"lecture": LECTURE, "keys": [
    {"id": "l90-ex1",
     "solution": SETUP + '\nlargest = states.nlargest(3, "area")[["name", "area"]]\n',
     "checks": [{"check": "sorted", "column": "area", "ascending": False},
                {"check": "solution"}]},
    {"id": "l90-ex2", "solution": SETUP + '\ntotal_population = states["population"].sum()\n',
     "checks": [{"check": "solution", "tolerance": 0.05}]},
    {"id": "l90-ex3",
     "solution": SETUP + '\ncapital_kz = states.loc[states["name"] == "Қазақстан", '
                         '"capital"].iloc[0]\n',
     "checks": [{"check": "solution"}]},
]}
KEYS = m.KeySet.model_validate(KEY_DATA)

PERFECT = {
    "largest": 'largest = states.sort_values("area", ascending=False)[["name", "area"]].head(3)',
    "total_population": 'total_population = states["population"].sum()',
    "capital_kz": 'capital_kz = "Астана"',
}
# ex1: the three smallest states; ex2 right; ex3 the old capital.
PARTIAL = {
    "largest": 'largest = states.sort_values("area")[["name", "area"]].head(3)',
    "total_population": "total_population = 81.4",
    "capital_kz": 'capital_kz = "Алматы"',
}
PARTIAL_POINTS = {"l90-ex1": 0, "l90-ex2": 1, "l90-ex3": 0}
EMPTY = {name: f"{name} = None  # жауабыңызды осында жазыңыз" for name in PERFECT}


def write_keys(folder: Path) -> Path:
    """Write the keys as ``folder/l90.yaml`` (what an instructor keeps) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{LECTURE}.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML().dump(KEY_DATA, handle)
    return path


def notebook(answers: Mapping[str, str], *, after: Mapping[str, list[str]] | None = None,
             end: list[str] | None = None) -> nbformat.NotebookNode:
    """Return a v4 submission: setup, then per exercise an answer cell and a check cell.

    ``after[variable]`` lists extra cells placed after that exercise's check cell;
    ``end`` lists cells placed last.
    """
    after = after or {}
    cells = [v4.new_markdown_cell(f"# {LECTURE}: жаттығулар"), v4.new_code_cell(SETUP)]
    for exercise in EXERCISES.exercises:
        variable = exercise.variable
        cells.append(v4.new_code_cell(answers[variable], metadata={"tags": ["answer"]}))
        cells.append(v4.new_code_cell(f'check("{exercise.id}", {variable})'))
        cells += [v4.new_code_cell(source) for source in after.get(variable, [])]
    cells += [v4.new_code_cell(source) for source in end or []]
    return v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3",
                                                                 "display_name": "Python 3",
                                                                 "language": "python"}})


def as_bytes(nb: nbformat.NotebookNode) -> bytes:
    """Return the notebook as the UTF-8 bytes of its JSON file."""
    return nbformat.writes(nb).encode("utf-8")


# --------------------------------------------------------------------------- hostile cells

INFINITE_LOOP = "while True:\n    pass"
IGNORES_INTERRUPT = ("import signal\n"
                     "signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C does nothing now\n"
                     "while True:\n    pass")
HARD_EXIT = "import os\nos._exit(1)"
MEMORY_HOG = "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 2**20))"
OUTPUT_FLOOD = "for _ in range(200):\n    print('ж' * 100_000)"
DIVIDE_BY_ZERO = "ratio = 1 / 0"
TAMPER = '''import builtins
import ca_course.checks
import pandas as pd

def check(exercise_id, answer):          # a check() that always says yes
    return "passed"

ca_course.checks.run_checks = lambda checks, answer, expected=None: []
ca_course.checks.run_check = lambda *a, **k: ca_course.checks.CheckOutcome(True)
pd.DataFrame.equals = lambda self, other: True
pd.testing.assert_frame_equal = lambda *a, **k: None
isinstance = lambda obj, kind: True      # shadow builtins in the notebook namespace
json = None
builtins.sorted = lambda items, **k: list(items)
with open(".ca-answers-0000.json", "w") as fake:  # a guessed answers file
    fake.write('{"largest": {"kind": "text", "value": "ok"}}')'''


def vandal(submissions: Path, keys: Path) -> str:
    """Return a cell that tries to delete the other submissions and the keys, read the keys
    to cheat, write next to the submissions, then kill the grader's worker process."""
    return f'''import glob, os, shutil, signal
SUBMISSIONS, KEYS = {str(submissions)!r}, {str(keys)!r}
for path in glob.glob(os.path.join(SUBMISSIONS, "*")):
    try:
        os.remove(path)
    except OSError:
        pass
shutil.rmtree(KEYS, ignore_errors=True)
try:
    with open(os.path.join(SUBMISSIONS, "pwned.txt"), "w") as note:
        note.write("was here")
except OSError:
    pass
try:
    stolen = open(os.path.join(KEYS, "l90.yaml"), encoding="utf-8").read()
    largest = states.nlargest(3, "area")[["name", "area"]]  # would only run with the keys
    capital_kz = "Астана"
except OSError:
    stolen = None
try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass'''


def v3_notebook(answers: Mapping[str, str]) -> bytes:
    """Return a perfect submission saved in the old nbformat 3."""
    cells = [v3.new_code_cell(input=SETUP)]
    cells += [v3.new_code_cell(input=answers[ex.variable]) for ex in EXERCISES.exercises]
    nb = v3.new_notebook(worksheets=[v3.new_worksheet(cells=cells)],
                         metadata={"name": "old"})
    return v3.writes_json(nb).encode("utf-8")


def not_utf8() -> bytes:
    """Return a notebook saved in Windows-1251 instead of UTF-8."""
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("Ответы студента")])
    return json.dumps(nb, ensure_ascii=False).encode("cp1251")


# --------------------------------------------------------------------------- the folder

# student id -> (expected status, expected total); the folder graded once per module.
EXPECTED: dict[str, tuple[str, int]] = {
    "perfect": ("ok", 4),
    "no_capital": ("missing", 3),    # the capital_kz cell was deleted: the others still count
    "partial": ("error", 1),         # a cell divides by zero; the run goes on
    "empty": ("missing", 0),         # answers left None
    "loop": ("timeout", 4),          # the looping cell is interrupted, later cells run
    "stubborn": ("timeout", 0),      # ignores the interrupt: stopped at the total timeout
    "exit": ("crashed", 0),          # os._exit(1) kills the kernel
    "memory": ("memory", 4),         # MemoryError at the limit; answers still judged
    "flood": ("output", 0),          # 20 M characters printed: run stopped
    "tamper": ("ok", 1),             # partial answers plus patched checks: same as partial
    "vandal": ("ok", 1),             # partial answers plus an attack on the files around it
    "not_json": ("invalid", 0),
    "not_utf8": ("invalid", 0),
    "not_notebook": ("invalid", 0),
    "v3": ("ok", 4),                 # nbformat 3, upgraded then graded
}


def submissions(folder: Path, keys: Path) -> dict[str, bytes]:
    """Return every test submission's file content, keyed by student id."""
    builders: dict[str, Callable[[], bytes]] = {
        "perfect": lambda: as_bytes(notebook(PERFECT)),
        "partial": lambda: as_bytes(notebook(PARTIAL, after={"largest": [DIVIDE_BY_ZERO]})),
        "empty": lambda: as_bytes(notebook(EMPTY)),
        "no_capital": lambda: as_bytes(notebook({**PERFECT, "capital_kz": "# deleted"})),
        "loop": lambda: as_bytes(notebook(PERFECT, after={"largest": [INFINITE_LOOP]})),
        "stubborn": lambda: as_bytes(notebook(PERFECT, after={"largest": [IGNORES_INTERRUPT]})),
        "exit": lambda: as_bytes(notebook(PERFECT, end=[HARD_EXIT])),
        "memory": lambda: as_bytes(notebook(PERFECT, after={"total_population": [MEMORY_HOG]})),
        "flood": lambda: as_bytes(notebook(PERFECT, end=[OUTPUT_FLOOD])),
        "tamper": lambda: as_bytes(notebook(PARTIAL, end=[TAMPER])),
        "vandal": lambda: as_bytes(notebook(PARTIAL, end=[vandal(folder, keys)])),
        "not_json": lambda: b"print('this is a Python script, not a notebook')\n",
        "not_utf8": not_utf8,
        "not_notebook": lambda: b'{"cells": "none", "hello": 1}',
        "v3": lambda: v3_notebook(PERFECT),
    }
    return {student: build() for student, build in builders.items()}


def write_submissions(folder: Path, keys: Path, only: tuple[str, ...] | None = None
                      ) -> dict[str, Path]:
    """Write the submissions (or ``only`` some of them) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for student, content in submissions(folder, keys).items():
        if only is None or student in only:
            path = folder / f"{student}.ipynb"
            path.write_bytes(content)
            paths[student] = path
    return paths
