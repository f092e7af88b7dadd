"""Run one submission notebook in a fresh, confined kernel; report what happened.

:func:`execute_submission` is the unit of work the grader hands to a process pool or
a Dask worker. It copies the notebook alone into a new temporary folder, starts the
current interpreter's ipykernel contained by :mod:`ca_course.grading.containment`
(namespaces, cgroup) and confined by :mod:`ca_course.grading.sandbox` (unprivileged
user, memory, file-size, Landlock limits), talks to it over ``ipc://`` sockets, runs
every code cell with a per-cell timeout (a cell that overruns is interrupted, the run
goes on) inside a total wall-clock budget. The kernel is stopped when the submission
prints more than the output cap. No student output is kept except error tracebacks. A
last grader cell writes the answer variables as JSON (:mod:`ca_course.grading.extract`).
It never raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing.util
import os
import re
import secrets
import shutil
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import nbformat
import psutil
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, DeadKernelError
from nbformat import NotebookNode

from ca_course import render
from ca_course.grading import containment, sandbox
from ca_course.grading.extract import MAX_ANSWER_BYTES, extraction_cell, read_answers

__all__ = ["CellError", "ExecutionJob", "ExecutionOutcome", "Limits", "execute_submission",
           "execute_submission_warm"]

Stop = Literal["timeout", "output", "crashed"]
Flood = Literal["print", "display"]
_PRINTED = frozenset({"stream", "error"})
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_EXTRACT_TIMEOUT = 15.0
_STARTUP_TIMEOUT = 60.0
_MAX_ERRORS = 20
_MAX_TRACEBACK = 4000


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's run.

    ``max_output_bytes`` caps printed text (stdout, stderr, tracebacks);
    ``max_display_bytes`` caps rich outputs (HTML, images, widget messages), which the
    course's own helpers produce by the megabyte (a lecture's maps are about 1 MB).
    """

    cell_timeout: float = 30
    total_timeout: float = 120
    memory_mb: int = 1024
    max_output_bytes: int = 1_000_000
    max_display_bytes: int = 50_000_000

    def __post_init__(self) -> None:
        if min(self.cell_timeout, self.total_timeout) <= 0 or self.memory_mb < 64 \
                or min(self.max_output_bytes, self.max_display_bytes) < 0:
            raise ValueError(f"limits must be positive (memory_mb >= 64), got {self}")


@dataclass(frozen=True)
class ExecutionJob:
    """What a worker needs: the notebook as v4 JSON text and the variables to bring back."""

    student: str
    notebook: str
    variables: tuple[str, ...]
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class CellError:
    """An error a code cell raised; ``cell`` is the 1-based position in the notebook."""

    cell: int
    ename: str
    evalue: str
    traceback: str


@dataclass(frozen=True)
class ExecutionOutcome:
    """What happened when one submission ran; plain data, safe to pickle.

    ``answers`` maps each variable to the JSON the kernel wrote for it; it is ``None``
    when the run was stopped (``stop``) or the answers could not be read
    (``extract_error``).
    """

    student: str
    answers: dict[str, Any] | None
    errors: tuple[CellError, ...] = ()
    timed_out_cells: tuple[int, ...] = ()
    stop: Stop | None = None
    stop_detail: str = ""
    extract_error: str = ""
    memory_error: bool = False
    output_bytes: int = 0
    display_bytes: int = 0
    flood: Flood | None = None
    seconds: float = 0.0
    landlock: int = 0
    grader_error: str = ""
    exit_code: int | None = None
    leftover_processes: int = 0


class _SpecManager(KernelSpecManager):
    """Hand out one fixed kernel spec, whatever name the notebook metadata asks for."""

    def __init__(self, spec: KernelSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fixed_spec = spec

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return self._fixed_spec


class _GradingClient(NotebookClient):
    """A NotebookClient that keeps no outputs, only errors, and counts output bytes."""

    def __init__(self, nb: NotebookNode, km: AsyncKernelManager, *, limits: Limits,
                 student_deadline: float) -> None:
        super().__init__(nb, km=km, allow_errors=True, interrupt_on_timeout=True,
                         error_on_timeout={"ename": "CellTimeoutError", "evalue": "",
                                           "traceback": []},
                         shutdown_kernel="immediate", record_timing=False,
                         timeout=int(limits.cell_timeout), iopub_timeout=2,
                         raise_on_iopub_timeout=False, coalesce_streams=False)
        self.limits = limits
        self.student_deadline = student_deadline
        self.deadline_override: float | None = None
        self.output_bytes = 0
        self.display_bytes = 0
        self.flood: Flood | None = None
        self.memory_error = False
        self.errors: list[CellError] = []
        self.timed_out: list[int] = []
        self.grader_cell_error = ""
        self.in_grader_cell = False
        self.kill_task: asyncio.Future[None] | None = None

    def _get_timeout(self, cell: NotebookNode | None) -> float | None:
        if self.deadline_override is not None:
            return max(0.5, self.deadline_override - time.monotonic())
        remaining = self.student_deadline - time.monotonic()
        return max(0.5, min(float(self.limits.cell_timeout), remaining))

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None
                                    ) -> dict[str, Any] | None:
        if not self.in_grader_cell and cell is not None:
            self.timed_out.append(int(cell.metadata.get("ca_position", 0)))
        return await super()._async_handle_timeout(timeout, cell)

    def process_message(self, msg: dict[str, Any], cell: NotebookNode, cell_index: int
                        ) -> NotebookNode | None:
        msg_type = msg["msg_type"]
        content = msg["content"]
        if msg_type == "status":
            if content.get("execution_state") == "idle":
                raise CellExecutionComplete()
            return None
        if msg_type == "execute_input":
            return None
        self._count(msg)
        if msg_type == "error":
            self._record_error(cell, content)
        return None

    def handle_comm_msg(self, outs: list[NotebookNode], msg: dict[str, Any],
                        cell_index: int) -> None:
        self._count(msg)  # widget state is not kept

    def _count(self, msg: dict[str, Any]) -> None:
        """Add the message to the printed or the rich-output total; stop at either cap."""
        if self.flood is not None:
            return
        if msg["msg_type"] in _PRINTED:
            self.output_bytes += _message_size(msg)
            if self.output_bytes > self.limits.max_output_bytes:
                self.flood = "print"
        else:
            self.display_bytes += _message_size(msg)
            if self.display_bytes > self.limits.max_display_bytes:
                self.flood = "display"
        if self.flood is not None:
            self.kill_task = asyncio.ensure_future(self._kill_kernel())

    async def _kill_kernel(self) -> None:
        if self.km is not None:
            await self.km.signal_kernel(signal.SIGKILL)

    def _record_error(self, cell: NotebookNode, content: dict[str, Any]) -> None:
        ename, evalue = str(content.get("ename", "")), str(content.get("evalue", ""))
        text = _ANSI.sub("", "\n".join(str(t) for t in content.get("traceback", [])))
        if self.in_grader_cell:
            self.grader_cell_error = f"{ename}: {evalue}\n{text}"[:_MAX_TRACEBACK]
            return
        if ename == "MemoryError":
            self.memory_error = True
        if len(self.errors) < _MAX_ERRORS:
            position = int(cell.metadata.get("ca_position", 0))
            self.errors.append(CellError(position, ename, evalue[:500],
                                         text[-_MAX_TRACEBACK:]))


def _message_size(msg: dict[str, Any]) -> int:
    content = msg.get("content") or {}
    size = sum(len(b) for b in msg.get("buffers") or [])
    for key in ("text", "evalue"):
        if isinstance(content.get(key), str):
            size += len(content[key].encode("utf-8", "replace"))
    for value in (content.get("data") or {}).values() if isinstance(content.get("data"),
                                                                     dict) else ():
        size += len(str(value).encode("utf-8", "replace"))
    for line in content.get("traceback") or []:
        size += len(str(line))
    return size


def _kernel_env(workdir: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "IPYTHONDIR": str(workdir / ".ipython"),
        "MPLCONFIGDIR": str(workdir / ".matplotlib"),
        "MPLBACKEND": "Agg",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # Nothing of the grader's environment passes (PYTHONPATH least of all: it could make
    # the keys importable, and the kernel finds the package without it). Nobody sees the
    # kernel's output, so the course's display helpers render nothing (ca_course.render).
    env[render.ENV_VAR] = render.GRADING
    return env


def _prepare(notebook: str) -> NotebookNode:
    nb = nbformat.reads(notebook, as_version=4)
    for position, cell in enumerate(nb.cells, start=1):
        cell.metadata["ca_position"] = position
        if cell.cell_type == "code":
            cell.outputs = []
    return nb


def exit_text(code: int) -> str:
    """Describe a process exit code; a negative code is the signal that ended it.

    Examples
    --------
    >>> exit_text(1), exit_text(-9)
    ('exit code 1', 'signal SIGKILL')
    """
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-code).name}"
        return f"signal {-code}"
    return f"exit code {code}"


def _log_tail(path: Path, limit: int = 2000) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - limit))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _kill_descendants(km: AsyncKernelManager) -> None:
    pid = getattr(km.provisioner, "pid", None)
    if not pid:
        return
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            continue


class _Run:
    """One contained kernel and the submission it runs; :meth:`run` returns the outcome.

    The kernel may be launched (:meth:`launch`) before the submission is known, while
    the previous submission still runs: see :func:`execute_submission_warm`.
    """

    def __init__(self, limits: Limits, root: Path) -> None:
        self.limits = limits
        self.job = ExecutionJob("", "", (), limits)
        self.root = root
        self.workdir = root / "work"
        self.channels = root / "channels"
        self.protections = containment.probe()
        for folder in (self.workdir, self.channels):
            folder.mkdir(mode=0o700)
            if self.protections.drop_user:
                os.chown(folder, containment.NOBODY, containment.NOBODY)
        self.log = root / "kernel.log"
        self.cgroup: containment.Cgroup | None = None
        self.oom = False
        self.leftover = 0
        self.answers_path = self.workdir / f".ca-answers-{secrets.token_hex(16)}.json"
        self.started = time.monotonic()
        self.client: _GradingClient | None = None
        self.km: AsyncKernelManager | None = None
        self.exit_code: int | None = None

    def _kernel_manager(self) -> AsyncKernelManager:
        limits = self.limits
        protections = self.protections
        argv = sandbox.kernel_command(
            workdir=str(self.workdir), memory_mb=limits.memory_mb,
            file_mb=max(64, limits.memory_mb), read=containment.readable_paths(),
            write=[str(self.channels)],
            drop_user=containment.NOBODY if protections.drop_user else None)
        if protections.namespaces:
            argv = containment.bwrap_argv(writable=[str(self.workdir), str(self.channels)]) + argv
        if protections.cgroup:
            self.cgroup = containment.Cgroup.create(memory_bytes=limits.memory_mb * 2**20)
            if self.cgroup is not None:
                argv = sandbox.join_command(self.cgroup.procs_files, argv)
        spec = KernelSpec(argv=argv, display_name="ca-course grader", language="python",
                          interrupt_mode="message", metadata={})
        km = AsyncKernelManager(kernel_name="ca-grader", transport="ipc",
                                ip=str(self.channels / "kernel"),
                                kernel_spec_manager=_SpecManager(spec))
        km.connection_file = str(self.channels / "kernel.json")
        return km

    async def launch(self) -> None:
        """Start the contained kernel (no submission needed yet)."""
        self.km = self._kernel_manager()
        with self.log.open("wb") as log:
            if self.protections.drop_user:
                os.chmod(self.channels, 0o700)
            await self.km.start_kernel(cwd=str(self.workdir), env=_kernel_env(self.workdir),
                                       stdout=log, stderr=log,
                                       extra_arguments=["--HistoryManager.enabled=False",
                                                        "--IPKernelApp.log_level=ERROR",
                                                        *self._parent_arguments()])

    async def _start(self) -> None:
        if self.km is None:
            await self.launch()
        assert self.km is not None
        nb = _prepare(self.job.notebook)
        limits = self.job.limits
        self.client = _GradingClient(nb, self.km, limits=limits,
                                     student_deadline=self.started + limits.total_timeout
                                     - min(_EXTRACT_TIMEOUT, limits.total_timeout / 4))
        self.client.kc = self.km.client()
        self.client.kc.start_channels()
        await self.client.kc.wait_for_ready(timeout=min(_STARTUP_TIMEOUT, limits.total_timeout))

    def _parent_arguments(self) -> list[str]:
        # In its own PID namespace the kernel's parent is PID 1, which ipykernel's parent
        # poller takes for "the parent has exited"; bubblewrap ends it with the grader.
        return ["--IPKernelApp.parent_handle=0"] if self.protections.namespaces else []

    async def _cells(self) -> dict[str, Any] | str:
        assert self.client is not None
        client = self.client
        count = 0
        for index, cell in enumerate(client.nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            if time.monotonic() >= client.student_deadline:
                client.timed_out.append(int(cell.metadata["ca_position"]))
                break
            count += 1
            await client.async_execute_cell(cell, index, execution_count=count)
        source = extraction_cell(self.job.variables, self.answers_path,
                                 max_answer_bytes=MAX_ANSWER_BYTES)
        grader_cell = nbformat.v4.new_code_cell(source)
        client.nb.cells.append(grader_cell)
        client.in_grader_cell = True
        client.deadline_override = time.monotonic() + _EXTRACT_TIMEOUT
        await client.async_execute_cell(grader_cell, len(client.nb.cells) - 1,
                                        store_history=False)
        if not self.answers_path.exists():
            return client.grader_cell_error or "the extraction cell wrote no answers file"
        try:
            return read_answers(self.answers_path,
                                max_bytes=MAX_ANSWER_BYTES * max(1, len(self.job.variables)))
        except (OSError, ValueError) as err:
            return f"{type(err).__name__}: {err}"

    async def run(self, job: ExecutionJob) -> ExecutionOutcome:
        """Run ``job`` in this kernel (launched now unless it was launched before)."""
        self.job = job
        self.started = time.monotonic()
        limits = job.limits
        task = asyncio.ensure_future(self._start_and_run())
        expired = False

        def expire() -> None:
            nonlocal expired
            expired = True
            task.cancel()

        timer = asyncio.get_running_loop().call_later(limits.total_timeout, expire)
        stop: Stop | None = None
        detail = ""
        answers: dict[str, Any] | None = None
        extract_error = ""
        try:
            result = await task
            if isinstance(result, str):
                extract_error = result
            else:
                answers = result
        except (asyncio.CancelledError, DeadKernelError) as err:
            if isinstance(err, asyncio.CancelledError) and not expired:
                raise
            stop, detail = "crashed", self._exit_text()
        except RuntimeError as err:  # the kernel did not start or stopped answering
            stop, detail = "crashed", f"{type(err).__name__}: {err}; {self._exit_text()}"
        finally:
            timer.cancel()
            await self._shutdown()
        client = self.client
        if expired:
            stop, detail = "timeout", f"total time over {limits.total_timeout} s"
        if client is not None and client.flood is not None:
            cap = (limits.max_output_bytes if client.flood == "print"
                   else limits.max_display_bytes)
            stop, detail = "output", f"{client.flood} output over {cap} bytes"
        if stop == "crashed":
            detail = f"{detail or 'kernel died'}\n{_log_tail(self.log)}"
        return ExecutionOutcome(
            student=self.job.student, answers=None if stop else answers,
            errors=tuple(client.errors) if client else (),
            timed_out_cells=tuple(client.timed_out) if client else (),
            stop=stop, stop_detail=detail.strip(), extract_error=extract_error if not stop else "",
            memory_error=bool(client and client.memory_error) or self.oom,
            output_bytes=client.output_bytes if client else 0,
            display_bytes=client.display_bytes if client else 0,
            flood=client.flood if client else None,
            seconds=round(time.monotonic() - self.started, 3), landlock=sandbox.landlock_abi(),
            exit_code=self.exit_code if stop == "crashed" else None,
            leftover_processes=self.leftover)

    def _exit_text(self) -> str:
        process = getattr(self.km.provisioner, "process", None) if self.km else None
        code = process.poll() if process is not None else None
        self.exit_code = code
        return "" if code is None else exit_text(code)

    async def _start_and_run(self) -> dict[str, Any] | str:
        await self._start()
        return await self._cells()

    async def close(self) -> None:
        """Stop the kernel, kill what is left of it, remove its folders."""
        try:
            await self._shutdown()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    async def _shutdown(self) -> None:
        km = self.km
        if km is None:
            return
        _kill_descendants(km)
        if self.client is not None and self.client.kc is not None:
            self.client.kc.stop_channels()
        # RuntimeError or OSError here means the kernel is already gone: nothing to stop.
        with contextlib.suppress(RuntimeError, OSError):
            if km.has_kernel:
                await km.shutdown_kernel(now=True)
            else:
                await km.cleanup_resources()
        if self.cgroup is not None:
            self.oom = self.cgroup.oom_killed()
            self.cgroup.destroy()
            self.leftover = len(self.cgroup.pids_inside())


def _failed_outcome(job: ExecutionJob, err: BaseException, started: float) -> ExecutionOutcome:
    return ExecutionOutcome(student=job.student, answers=None,
                            seconds=round(time.monotonic() - started, 3),
                            grader_error="".join(traceback.format_exception(err))[-4000:])


def execute_submission(job: ExecutionJob) -> ExecutionOutcome:
    """Run ``job.notebook`` once in a fresh confined kernel; never raises.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 6 * 7")])
    >>> out = execute_submission(ExecutionJob("demo", nbformat.writes(nb), ("x", "y")))
    >>> out.stop, out.answers["x"], out.answers["y"]
    (None, {'kind': 'integer', 'value': 42}, {'kind': 'undefined'})
    """
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="ca-grade-"))
    try:
        return asyncio.run(_Run(job.limits, root).run(job))
    except Exception as err:  # a grader bug or a broken host: keep it on this row
        return _failed_outcome(job, err, started)
    finally:
        shutil.rmtree(root, ignore_errors=True)


class _Warm:
    """A worker process's event loop and the spare kernel it launches ahead of time."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.spare: tuple[_Run, asyncio.Task[None]] | None = None
        multiprocessing.util.Finalize(self, self.close, exitpriority=10)

    def _launch_spare(self, limits: Limits) -> None:
        run = _Run(limits, Path(tempfile.mkdtemp(prefix="ca-grade-")))
        self.spare = (run, self.loop.create_task(run.launch()))

    async def _take_spare(self, limits: Limits) -> _Run | None:
        if self.spare is None:
            return None
        run, task = self.spare
        self.spare = None
        try:
            await task
        except Exception:  # the spare did not start: the job launches its own kernel
            await run.close()
            return None
        if run.limits != limits:
            await run.close()
            return None
        return run

    async def execute(self, job: ExecutionJob) -> ExecutionOutcome:
        started = time.monotonic()
        run = await self._take_spare(job.limits)
        self._launch_spare(job.limits)  # the next submission's kernel starts while this runs
        if run is None:
            run = _Run(job.limits, Path(tempfile.mkdtemp(prefix="ca-grade-")))
        try:
            return await run.run(job)
        except Exception as err:  # a grader bug or a broken host: keep it on this row
            return _failed_outcome(job, err, started)
        finally:
            await run.close()

    def close(self) -> None:
        """Stop the spare kernel (at worker exit)."""
        if self.spare is not None and not self.loop.is_closed():
            run, task = self.spare
            self.spare = None
            with contextlib.suppress(Exception):
                self.loop.run_until_complete(asyncio.wait([task], timeout=_STARTUP_TIMEOUT))
            with contextlib.suppress(Exception):
                self.loop.run_until_complete(run.close())
        with contextlib.suppress(Exception):
            self.loop.close()


_WARM: _Warm | None = None


def execute_submission_warm(job: ExecutionJob) -> ExecutionOutcome:
    """Like :func:`execute_submission`, for a worker process that runs many submissions:
    the next submission's contained kernel is launched while this one runs.

    Each kernel still runs exactly one submission, in its own folders and cgroup.
    """
    global _WARM
    if _WARM is None:
        _WARM = _Warm()
    try:
        return _WARM.loop.run_until_complete(_WARM.execute(job))
    except Exception as err:  # a broken loop: keep it on this row, start afresh next time
        _WARM = None
        return _failed_outcome(job, err, time.monotonic())
