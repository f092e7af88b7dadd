"""Grade a folder of submitted notebooks: the ``ca-course grade`` command as a function.

Every ``*.ipynb`` in the folder is one submission; its file stem is the student id.
Readable notebooks run in parallel, each in a fresh confined kernel
(:mod:`ca_course.grading.execute`), on a local process pool or on a Dask
``distributed`` cluster; their answers are judged here (:mod:`ca_course.grading.judge`).
Results are cached by content (:mod:`ca_course.grading.cache`); the report files are
written at the end (:mod:`ca_course.grading.report`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import traceback
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from tqdm.auto import tqdm

from ca_course import data
from ca_course import models as m
from ca_course.grading import sandbox
from ca_course.grading.cache import GradeCache, cache_path, run_key
from ca_course.grading.execute import ExecutionJob, ExecutionOutcome, Limits, execute_submission
from ca_course.grading.judge import judge_outcome
from ca_course.grading.keys import KeySource, as_key_sources, load_key_sources
from ca_course.grading.read import InvalidSubmission, parse_submission
from ca_course.grading.report import write_csv, write_json
from ca_course.grading.results import GradeReport, SubmissionResult
from ca_course.grading.rubric import Rubric, select_rubric
from ca_course.messages import msg

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["grade", "submission_paths"]

_Job = tuple[ExecutionJob, str]  # the job and the notebook's SHA-256


def submission_paths(folder: Path) -> list[Path]:
    """Return the submissions in ``folder``: every ``*.ipynb`` file, sorted by name.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b.ipynb", "a.ipynb", "notes.txt"):
    ...     _ = (root / name).write_text("{}")
    >>> [p.name for p in submission_paths(root)]
    ['a.ipynb', 'b.ipynb']
    """
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _failed(job: ExecutionJob, err: BaseException) -> ExecutionOutcome:
    return ExecutionOutcome(student=job.student, answers=None,
                            grader_error="".join(traceback.format_exception(err))[-4000:])


def _run_local(jobs: Sequence[_Job], workers: int) -> Iterator[tuple[_Job, ExecutionOutcome]]:
    """Run jobs on a process pool; jobs lost to a broken pool get one more try."""
    pending = list(jobs)
    for attempt in (1, 2):
        if not pending:
            return
        retry: list[_Job] = []
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(pending)),
                                 mp_context=context) as pool:
            futures: dict[Future[ExecutionOutcome], _Job] = {
                pool.submit(execute_submission, job[0]): job for job in pending}
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
          scheduler: str | Client | None = None, progress: bool = True) -> GradeReport:
    """Grade every ``*.ipynb`` in ``submissions_dir``; write the CSV and JSON reports.

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
        seconds per cell, seconds per notebook, megabytes of address space, bytes of
        printed text, bytes of rich output (HTML, images, widgets).
    redo
        Grade every submission again instead of reusing cached results.
    scheduler
        A Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``: run
        the submissions on that cluster instead of the local pool.
    progress
        Show a progress bar.

    Returns
    -------
    GradeReport
        One :class:`~ca_course.grading.results.SubmissionResult` per file, sorted by
        student id, with the report paths and how many runs were executed or reused.

    Raises
    ------
    ContentError
        When the keys are invalid or do not match the exercises (nothing is graded).
    ValueError
        When no keys are given or the lecture is ambiguous.
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
    csv_path = Path(out_csv)
    json_path = Path(out_json) if out_json is not None else csv_path.with_suffix(".json")
    cache = GradeCache.open(cache_path(csv_path), run_key(rubric, limits))
    paths = submission_paths(folder)
    results: dict[str, SubmissionResult] = {}
    jobs: list[_Job] = []
    reused = 0
    with tqdm(total=len(paths), desc=msg("grade.progress"), disable=not progress,
              unit="nb") as bar:
        for path in paths:
            result, job = _prepare(path, rubric, limits, cache, redo=redo)
            if result is not None:
                reused += result.cached
                results[result.student] = result
                cache.put(result)
                bar.update()
            elif job is not None:
                jobs.append(job)
        runs = (_run_dask(jobs, scheduler) if scheduler is not None
                else _run_local(jobs, workers or _default_workers()))
        for (_job, sha), outcome in runs:
            result = judge_outcome(outcome, rubric, limits=limits, sha256=sha)
            results[result.student] = result
            cache.put(result)
            cache.save()
            bar.update()
    cache.save()
    report = GradeReport(rubric, tuple(results[s] for s in sorted(results)), csv_path,
                         json_path, executed=len(jobs), reused=reused,
                         landlock=sandbox.landlock_abi())
    write_csv(report)
    write_json(report, limits)
    return report


def _prepare(path: Path, rubric: Rubric, limits: Limits, cache: GradeCache, *, redo: bool
             ) -> tuple[SubmissionResult | None, _Job | None]:
    """Return a finished result (cached or invalid) or the job that will grade ``path``."""
    student = path.stem
    try:
        raw = path.read_bytes()
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
