"""The grader fails closed against hostile submissions, on the process pool and on Dask.

The folder of ``hostile_submissions.py`` is graded once per scheduler. For each entry
the test asserts its row (status and points: an attack that worked would earn points),
and for the whole run that the control rows are right, that no file in the submissions
or keys folders changed, that nothing reached the host's sockets, and that no process or
cgroup of a submission is left when the grader returns.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import distributed
import nbformat
import psutil
import pytest
from hostile_submissions import DAEMON_SECONDS, EXPECTED, listen, write

from ca_course.grading import containment
from ca_course.grading.grade import SandboxUnavailable, grade
from ca_course.grading.results import GradeReport
from ca_course.messages import msg

from grading_fixtures import EXERCISES, PARTIAL, PERFECT, as_bytes, notebook, write_keys

LIMITS = {"cell_timeout": 10, "total_timeout": 40, "memory_mb": 512}
ROOT = Path(__file__).resolve().parents[1]


def _snapshot(*folders: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            key = os.fsdecode(path)
            if path.is_symlink():
                out[key] = "link:" + os.readlink(path)
            elif path.is_file():
                out[key] = path.read_bytes()
            else:
                out[key] = "special" if path.exists() else "?"
    return out


def _leftovers() -> list[str]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if DAEMON_SECONDS in cmdline or any("sandbox.py" in part for part in cmdline):
            found.append(f"{proc.pid}: {' '.join(cmdline)}")
    for controller in ("memory", "pids"):
        own = containment._own_cgroup(controller)
        if own is not None:
            found += [str(p) for p in own.glob("ca-grade-*")]
    return found


def _group_processes() -> dict[str, list[str]]:
    """The command lines of the processes still in each submission cgroup (diagnostics)."""
    found: dict[str, list[str]] = {}
    for controller in ("memory", "pids"):
        own = containment._own_cgroup(controller)
        for group in own.glob("ca-grade-*") if own is not None else ():
            pids = (group / "cgroup.procs").read_text().split()
            found[str(group)] = [" ".join(psutil.Process(int(pid)).cmdline())
                                 for pid in pids if psutil.pid_exists(int(pid))]
    return found


@dataclass(frozen=True)
class Run:
    """One graded hostile folder."""

    report: GradeReport
    before: dict[str, bytes | str]
    after: dict[str, bytes | str]
    received: list[str]
    leftovers: list[str]
    rows: list[dict[str, str]]


def _run(tmp: Path, **options: object) -> Run:
    keys = tmp / "course" / "keys"
    write_keys(keys)
    (keys / "__init__.py").write_text("", encoding="utf-8")
    (keys / "l90.py").write_text("SECRET = True\n", encoding="utf-8")
    folder = tmp / "submissions"
    listener = listen(tmp)
    try:
        write(folder, keys, listener)
        before = _snapshot(folder, keys)
        report = grade(folder, out_csv=tmp / "out" / "grades.csv",
                             exercise_sets=[EXERCISES], keys_dir=keys, progress=False,
                             **LIMITS, **options)
        time.sleep(0.5)
        received = listener.received()
    finally:
        listener.close()
    with (tmp / "out" / "grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Run(report, before, _snapshot(folder, keys), received, _leftovers(), rows)


@pytest.fixture(scope="module")
def hostile_env() -> Iterator[None]:
    """Grade with PYTHONPATH pointing at the course folder, as many instructors have it."""
    old = os.environ.get("PYTHONPATH")
    yield
    if old is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = old


@pytest.fixture(scope="module", params=["pool", "dask"])
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        hostile_env: None) -> Run:
    tmp = tmp_path_factory.mktemp(f"hostile-{request.param}")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(tmp / "course"), str(ROOT)])
    if request.param == "pool":
        return _run(tmp, workers=2)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        return _run(tmp, scheduler=cluster.scheduler_address)


def test_this_host_gives_every_protection() -> None:
    # CI runs as root on Linux with bubblewrap and cgroup v1: every protection must be on,
    # or the attacks below would be tested against a weaker grader than instructors get.
    assert containment.probe().missing == ()


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_entry_gets_its_row(run: Run, student: str) -> None:
    [result] = [r for r in run.report.results if r.student == student]
    assert (result.status, result.total) == EXPECTED[student], result.message


@pytest.mark.slow
def test_one_row_per_entry_and_no_other(run: Run) -> None:
    assert sorted(r.student for r in run.report.results) == sorted(EXPECTED)
    assert len(run.rows) == len(EXPECTED)


@pytest.mark.slow
def test_no_file_changed_and_nothing_reached_the_host(run: Run) -> None:
    assert run.after == run.before
    assert run.received == []


@pytest.mark.slow
def test_no_process_or_cgroup_outlives_the_run(run: Run) -> None:
    assert run.leftovers == []


@pytest.mark.slow
def test_formula_ids_are_neutralised_in_the_csv(run: Run) -> None:
    students = [row["student"] for row in run.rows]
    assert "'=HYPERLINK(\"x\")" in students
    assert not any(s.startswith(("=", "+", "-", "@", "\t", "\r")) for s in students)


@pytest.mark.slow
def test_odd_entries_are_explained(run: Run) -> None:
    messages = {r.student: r.message for r in run.report.results}
    assert msg("grade.entry.symlink") in messages["link_to_perfect"]
    assert msg("grade.entry.folder") in messages["folder"]
    assert msg("grade.entry.special") in messages["fifo"]
    assert msg("grade.entry.not_notebook") in messages["notes.txt"]
    assert msg("grade.entry.hardlink") in messages["hardlink"]
    assert msg("grade.entry.bad_name", name="bad\\xffname.ipynb") in messages["bad\\xffname"]


@pytest.mark.slow
def test_report_states_the_protections(run: Run) -> None:
    import json

    data = json.loads(run.report.json_path.read_text(encoding="utf-8"))
    assert data["protections"]["missing"] == []
    assert data["protections"]["namespaces"] and data["protections"]["cgroup"]


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in ("Aigerim.ipynb", "aigerim.ipynb"):
        (folder / name).write_bytes(b"{")
    report = grade(folder, out_csv=tmp_path / "grades.csv", exercise_sets=[EXERCISES],
                         keys_dir=write_keys(tmp_path / "keys").parent, progress=False)
    assert len(report.results) == 2
    for result in report.results:
        assert msg("grade.entry.duplicate", student=result.student) in result.message


def test_keys_inside_a_readable_folder_are_refused(tmp_path: Path) -> None:
    keys = Path(sys.prefix) / "course-keys"  # inside the interpreter, which kernels read
    keys.mkdir(exist_ok=True)
    write_keys(keys)
    request_cleanup = keys
    try:
        with pytest.raises(ValueError, match="--keys"):
            grade(tmp_path, out_csv=tmp_path / "g.csv", exercise_sets=[EXERCISES],
                  keys_dir=keys, progress=False)
    finally:
        shutil.rmtree(request_cleanup)


def test_require_sandbox_refuses_when_a_protection_is_off(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    weak = containment.Protections(namespaces=False, cgroup=True, landlock=7, drop_user=True)
    monkeypatch.setattr(containment, "probe", lambda: weak)
    with pytest.raises(SandboxUnavailable, match="namespaces"):
        grade(tmp_path, out_csv=tmp_path / "g.csv", exercise_sets=[EXERCISES],
                    keys_dir=write_keys(tmp_path / "keys").parent, progress=False,
                    require_sandbox=True)


@pytest.mark.slow
def test_a_killed_grader_keeps_the_rows_it_finished(tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    slow = "import time\ntime.sleep(30)"
    (folder / "a_fast.ipynb").write_bytes(as_bytes(notebook(PERFECT)))
    for n in range(3):
        (folder / f"z_slow{n}.ipynb").write_bytes(as_bytes(notebook(PARTIAL, end=[slow])))
    keys = write_keys(tmp_path / "keys").parent
    out = tmp_path / "out" / "grades.csv"
    script = (f"from ca_course.grading import grade\n"
              f"from grading_fixtures import EXERCISES\n"
              f"grade({str(folder)!r}, out_csv={str(out)!r}, exercise_sets=[EXERCISES], "
              f"keys_dir={str(keys)!r}, workers=1, progress=False, cell_timeout=60, "
              f"total_timeout=90)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"))
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.exists() and "a_fast" in out.read_text(encoding="utf-8"):
            break
        time.sleep(0.2)
    time.sleep(1)
    proc.kill()
    proc.wait()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    finished = {row["student"]: row for row in rows}
    assert finished["a_fast"]["total"] == "4"
    deadline = time.monotonic() + 15
    while any("sandbox.py" in p for p in _leftovers()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in _leftovers() if "sandbox.py" in p] == []  # workers and kernels died
    # What the next run does with the groups: a group is removed once its last process
    # (a kernel the PID namespace's end is still killing, on a loaded machine) is gone.
    deadline = time.monotonic() + 30
    while True:
        containment.sweep_stale(min_age=0)
        if not _leftovers() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert _leftovers() == [], _group_processes()


def test_display_helpers_render_nothing_while_grading() -> None:
    from ca_course.grading.execute import ExecutionJob, execute_submission

    cells = ["from ca_course import maps, quiz\n"
             "shown = repr(maps.region()) + ' ' + repr(quiz.show('l01').results())\n"
             "from ca_course.data import places_frame\n"
             "rows = len(places_frame())"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    out = execute_submission(ExecutionJob("viewer", nbformat.writes(nb), ("shown", "rows")))
    assert out.answers is not None, out.stop_detail
    assert out.answers["shown"]["value"] == "<omitted while grading> <omitted while grading>"
    assert out.answers["rows"]["value"] > 50  # data helpers work as everywhere


def test_private_tmp_is_mounted_before_what_may_lie_inside_it() -> None:
    # A course cloned under /tmp: its interpreter and package must stay visible.
    argv = containment.bwrap_argv(writable=["/tmp/ca-grade-x/work"])
    tmpfs = argv.index("--tmpfs")
    binds = [i for i, arg in enumerate(argv) if arg in {"--ro-bind", "--bind", "--symlink"}]
    assert argv[tmpfs + 1] == "/tmp" and tmpfs < min(binds)
