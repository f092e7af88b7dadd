"""Grade a folder of submitted notebooks: the ``ca-course grade`` command as a function.

Every entry of the folder gets exactly one row (:mod:`ca_course.grading.entries`): a
regular ``*.ipynb`` file is a submission whose file stem is the student id; anything
else (a link, a folder, a device, another file) is an ``invalid`` row. Readable
notebooks run in parallel, each in a fresh contained kernel
(:mod:`ca_course.grading.execute`, :mod:`ca_course.grading.containment`), on a local
process pool or on a Dask ``distributed`` cluster; their answers are judged here
(:mod:`ca_course.grading.judge`). The run fails closed: whatever goes wrong with one
entry, including a RecursionError or MemoryError in the grader itself, becomes that
entry's row and the run goes on. Results are cached by content
(:mod:`ca_course.grading.cache`), and the cache and the report files
(:mod:`ca_course.grading.report`) are rewritten after every row, so a grader that is
killed keeps the rows it finished.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from tqdm.auto import tqdm

from ca_course import data
from ca_course import models as m
from ca_course.grading import containment
from ca_course.grading.cache import GradeCache, cache_path, run_key
from ca_course.grading.entries import Entry, list_entries, read_entry
from ca_course.grading.execute import (
    ExecutionJob,
    ExecutionOutcome,
    Limits,
    execute_submission,
    execute_submission_warm,
)
from ca_course.grading.judge import judge_outcome
from ca_course.grading.keys import KeySource, as_key_sources, load_key_sources
from ca_course.grading.read import MAX_NOTEBOOK_BYTES, InvalidSubmission, parse_submission
from ca_course.grading.report import write_csv, write_json
from ca_course.grading.results import GradeReport, SubmissionResult
from ca_course.grading.rubric import Rubric, select_rubric
from ca_course.messages import msg

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["SandboxUnavailable", "grade", "submission_paths"]

_Job = tuple[ExecutionJob, str]  # the job and the notebook's SHA-256


class SandboxUnavailable(RuntimeError):
    """``require_sandbox`` was asked for, and a protection is off on this host."""


def submission_paths(folder: Path) -> list[Path]:
    """Return the regular ``*.ipynb`` files of ``folder`` (links excluded), sorted by name.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b.ipynb", "a.ipynb", "notes.txt"):
    ...     _ = (root / name).write_text("{}")
    >>> [p.name for p in submission_paths(root)]
    ['a.ipynb', 'b.ipynb']
    """
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink())


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _grader_failure(student: str, err: BaseException, *, sha256: str = "",
                    note: str = "") -> SubmissionResult:
    """Return the row of an entry the grader itself failed on (never cached)."""
    detail = "".join(traceback.format_exception(err))[-4000:]
    message = msg("grade.grader_error", error=f"{type(err).__name__}: {err}"[:300])
    return SubmissionResult.without_results(student, "crashed", " ".join(filter(None, [
        note, message])), detail, sha256=sha256, is_cacheable=False)


def _failed(job: ExecutionJob, err: BaseException) -> ExecutionOutcome:
    return ExecutionOutcome(student=job.student, answers=None,
                            grader_error="".join(traceback.format_exception(err))[-4000:])


def _die_with_parent() -> None:
    """Make a pool worker die with the grader, so a killed grader leaves no worker behind
    (each worker's kernels die with it in turn: bubblewrap's ``--die-with-parent``)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _run_local(jobs: Sequence[_Job], workers: int) -> Iterator[tuple[_Job, ExecutionOutcome]]:
    """Run jobs on a process pool; jobs lost to a broken pool get one more try."""
    pending = list(jobs)
    for attempt in (1, 2):
        if not pending:
            return
        retry: list[_Job] = []
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=context,
                                 initializer=_die_with_parent) as pool:
            futures: dict[Future[ExecutionOutcome], _Job] = {
                pool.submit(execute_submission_warm, job[0]): job for job in pending}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    yield job, future.result()
                except BrokenProcessPool as err:
                    if attempt == 1:
                        retry.append(job)
                    else:
                        yield job, _failed(job[0], err)
        pending = retry


def _run_dask(jobs: Sequence[_Job], scheduler: str | Client
              ) -> Iterator[tuple[_Job, ExecutionOutcome]]:
    """Run jobs on a Dask distributed cluster (an address or a connected Client)."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = {client.submit(execute_submission, job[0], pure=False): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as err:  # a lost worker or a broken cluster: this row only
                outcome = _failed(job[0], err)
            yield job, outcome
    finally:
        if client is not scheduler:
            client.close()


def _rubric(lecture: str | None,
            exercise_sets: Mapping[str, m.ExerciseSet] | Sequence[m.ExerciseSet] | None,
            keys_dir: Path | str | None,
            keys: m.KeySet | KeySource | Sequence[m.KeySet | KeySource] | None) -> Rubric:
    if keys is not None:
        sources = as_key_sources(keys)
    elif keys_dir is not None:
        sources = load_key_sources(keys_dir)
    else:
        raise ValueError("no keys to grade with; pass keys_dir= or keys=")
    sets = data.exercise_sets() if exercise_sets is None else exercise_sets
    return select_rubric(exercise_sets=sets, key_sources=sources, lecture=lecture)


def grade(submissions_dir: Path | str, *, out_csv: Path | str, out_json: Path | str | None = None,
          lecture: str | None = None,
          exercise_sets: Mapping[str, m.ExerciseSet] | Sequence[m.ExerciseSet] | None = None,
          keys_dir: Path | str | None = None,
          keys: m.KeySet | KeySource | Sequence[m.KeySet | KeySource] | None = None,
          workers: int | None = None, cell_timeout: float = 30, total_timeout: float = 120,
          memory_mb: int = 1024, max_output_bytes: int = 1_000_000,
          max_display_bytes: int = 50_000_000, redo: bool = False,
          scheduler: str | Client | None = None, progress: bool = True,
          require_sandbox: bool = False,
          on_start: Callable[[containment.Protections], None] | None = None) -> GradeReport:
    """Grade every entry of ``submissions_dir``; write the CSV and JSON reports as it goes.

    Parameters
    ----------
    submissions_dir
        Folder of submissions; ``aigerim.ipynb`` is student ``aigerim``.
    out_csv, out_json
        Report paths; ``out_json`` defaults to ``out_csv`` with a ``.json`` suffix. The
        cache is written next to ``out_csv``.
    lecture
        Which lecture's exercises the submissions answer; needed only when the keys cover
        several lectures.
    exercise_sets
        Student-side exercises; the package's content by default.
    keys_dir, keys
        The instructor's keys: a folder of ``lNN.yaml`` files, or key sets built in code.
    workers
        Size of the local process pool (all cores by default); ignored with ``scheduler``.
    cell_timeout, total_timeout, memory_mb, max_output_bytes, max_display_bytes
        Limits for each submission's run (see :class:`~ca_course.grading.execute.Limits`):
        seconds per cell, seconds per notebook, megabytes of memory (all of a
        submission's processes together when cgroups are available), bytes of printed
        text, bytes of rich output (HTML, images, widgets).
    redo
        Grade every submission again instead of reusing cached results.
    scheduler
        A Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``: run
        the submissions on that cluster instead of the local pool.
    progress
        Show a progress bar.
    require_sandbox
        Refuse to run unless every protection of
        :func:`~ca_course.grading.containment.probe` is on.
    on_start
        Called once with the protections in force, before anything runs (the CLI prints
        them).

    Returns
    -------
    GradeReport
        One :class:`~ca_course.grading.results.SubmissionResult` per entry, sorted by
        student id, with the report paths and how many runs were executed or reused.

    Raises
    ------
    ContentError
        When the keys are invalid or do not match the exercises (nothing is graded).
    ValueError
        When no keys are given, the lecture is ambiguous, or the keys lie inside a folder
        a kernel may read.
    SandboxUnavailable
        With ``require_sandbox``, when a protection is off.
    FileNotFoundError
        When ``submissions_dir`` is not a folder.
    """
    folder = Path(submissions_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"submissions folder not found: {folder}")
    limits = Limits(cell_timeout=cell_timeout, total_timeout=total_timeout,
                    memory_mb=memory_mb, max_output_bytes=max_output_bytes,
                    max_display_bytes=max_display_bytes)
    rubric = _rubric(lecture, exercise_sets, keys_dir, keys)
    containment.check_keys_unreachable(keys_dir)
    protections = containment.probe()
    containment.sweep_stale()
    if require_sandbox and protections.missing:
        raise SandboxUnavailable(msg("sandbox.required", missing=", ".join(protections.missing))
                                 + "\n" + protections.describe())
    if on_start is not None:
        on_start(protections)
    csv_path = Path(out_csv)
    json_path = Path(out_json) if out_json is not None else csv_path.with_suffix(".json")
    cache = GradeCache.open(cache_path(csv_path), run_key(rubric, limits))
    own_files = frozenset(p for path in (csv_path, json_path, cache.path)
                          for p in (path, path.with_name(path.name + ".part")))
    entries = list_entries(folder, skip=own_files)
    results: dict[str, SubmissionResult] = {}
    notes = {entry.name: entry.note for entry in entries}
    jobs: list[_Job] = []
    job_entries: dict[int, Entry] = {}
    reused = 0

    def report(executed: int) -> GradeReport:
        ordered = sorted(results.items(), key=lambda item: (item[1].student, item[0]))
        return GradeReport(rubric, tuple(r for _, r in ordered), csv_path, json_path,
                           executed=executed, reused=reused,
                           landlock=protections.landlock, protections=protections.to_dict())

    def record(entry: Entry, result: SubmissionResult, executed: int) -> None:
        note = notes.get(entry.name, "")
        if note and note not in result.message:
            result = result.with_message(f"{note} {result.message}")
        results[entry.name] = result
        try:
            cache.put(result)
            cache.save()
        except Exception:  # a cache that cannot be written must not cost the row
            pass
        partial = report(executed)
        write_csv(partial)
        write_json(partial, limits)

    with tqdm(total=len(entries), desc=msg("grade.progress"), disable=not progress,
              unit="nb") as bar:
        for entry in entries:
            try:
                result, job = _prepare(folder, entry, rubric, limits, cache, redo=redo)
            except Exception as err:  # fail closed: the row keeps the error
                result, job = _grader_failure(entry.student, err), None
            if result is not None:
                reused += result.cached
                record(entry, result, 0)
                bar.update()
            elif job is not None:
                job_entries[id(job[0])] = entry
                jobs.append(job)
        runs = (_run_dask(jobs, scheduler) if scheduler is not None
                else _run_local(jobs, workers or _default_workers()))
        for done, ((job, sha), outcome) in enumerate(runs, start=1):
            entry = job_entries[id(job)]
            try:
                result = judge_outcome(outcome, rubric, limits=limits, sha256=sha)
            except Exception as err:  # a payload the judge could not take
                result = _grader_failure(entry.student, err, sha256=sha)
            record(entry, result, done)
            bar.update()
    final = report(len(jobs))
    write_csv(final)
    write_json(final, limits)
    return final


def _prepare(folder: Path, entry: Entry, rubric: Rubric, limits: Limits, cache: GradeCache, *,
             redo: bool) -> tuple[SubmissionResult | None, _Job | None]:
    """Return a finished row (cached or invalid) or the job that will grade ``entry``."""
    student = entry.student
    if entry.problem:
        return SubmissionResult.without_results(student, "invalid", entry.problem), None
    try:
        raw = read_entry(folder, entry, max_bytes=MAX_NOTEBOOK_BYTES)
    except OSError as err:
        return SubmissionResult.without_results(
            student, "invalid", msg("grade.unreadable_file", error=err.strerror or err),
            repr(err)), None
    sha = hashlib.sha256(raw).hexdigest()
    if not redo:
        cached = cache.get(sha, student)
        if cached is not None:
            return cached, None
    try:
        notebook = parse_submission(raw)
    except InvalidSubmission as err:
        return SubmissionResult.without_results(student, "invalid", err.message, err.detail,
                                                sha256=sha), None
    job = ExecutionJob(student, nbformat.writes(notebook), rubric.variables, limits)
    return None, (job, sha)
