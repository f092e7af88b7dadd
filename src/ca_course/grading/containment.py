"""Contain each submission's kernel with the operating system's own mechanisms.

One submission runs in its own

* **namespaces**, made by bubblewrap (``bwrap``): a PID namespace, so every process it
  starts dies with it, double forks and ``setsid`` included; a network namespace holding
  only its own loopback, so no TCP, UDP or UNIX socket reaches anything outside (the
  grader talks to the kernel over ``ipc://`` sockets in a folder both can see); a mount
  namespace whose filesystem view holds only the system folders, the interpreter, the
  course package and the submission's own folders — never the keys, the submissions,
  the reports, other kernels' folders or ``/etc/shadow``, whatever ``PYTHONPATH`` says;
* **cgroup** (v1 ``memory`` and ``pids`` controllers), so memory and the number of
  processes are limited across all of its processes together, and whatever is left
  is killed when the run ends.

Inside, :mod:`ca_course.grading.sandbox` drops to an unprivileged user when the grader
runs as root, caps each process and enters Landlock. :func:`probe` tells which of
these protections this host offers; the grader prints it at the start of a run and
writes it into the report, and refuses to run without all of them when asked to.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import ca_course
from ca_course.grading import sandbox
from ca_course.messages import msg

__all__ = ["Cgroup", "KeysReadable", "Protections", "bwrap_argv", "check_keys_unreachable", "probe",
           "readable_paths", "sweep_stale"]

NOBODY = 65534
PIDS_MAX = 64
_V1_ROOT = Path("/sys/fs/cgroup")


class KeysReadable(ValueError):
    """The keys lie inside a folder a kernel may read (the message is Kazakh)."""


@dataclass(frozen=True)
class Protections:
    """Which containment mechanisms this host gives each submission."""

    namespaces: bool
    cgroup: bool
    landlock: int
    drop_user: bool

    @property
    def missing(self) -> tuple[str, ...]:
        """Return the names of the protections that are off."""
        off = []
        if not self.namespaces:
            off.append("namespaces")
        if not self.cgroup:
            off.append("cgroup")
        if not self.landlock:
            off.append("landlock")
        if not self.drop_user:
            off.append("drop_user")
        return tuple(off)

    def describe(self, lang: str = "kk") -> str:
        """Return one line per protection, on or off (Kazakh, or English with ``"en"``)."""
        def state(on: bool) -> str:
            return msg("sandbox.on" if on else "sandbox.off", lang=lang)

        return "\n".join([
            msg("sandbox.namespaces", lang=lang, state=state(self.namespaces)),
            msg("sandbox.cgroup", lang=lang, state=state(self.cgroup)),
            msg("sandbox.landlock", lang=lang, state=state(bool(self.landlock)),
                abi=self.landlock),
            msg("sandbox.drop_user", lang=lang, state=state(self.drop_user)),
        ])

    def to_dict(self) -> dict[str, object]:
        """Return the protections as JSON-ready data, with the list of those off."""
        return {**asdict(self), "missing": list(self.missing)}


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def _own_cgroup(controller: str) -> Path | None:
    """Return the folder of this process's cgroup v1 for ``controller``, if mounted."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            folder = _V1_ROOT / controller / path.lstrip("/")
            return folder if folder.is_dir() else None
    return None


@cache
def probe() -> Protections:
    """Return the protections this host offers (tested once per process).

    Examples
    --------
    >>> p = probe()
    >>> set(p.to_dict()) >= {"namespaces", "cgroup", "landlock", "drop_user", "missing"}
    True
    """
    namespaces = False
    bwrap = _bwrap()
    if bwrap and sys.platform.startswith("linux"):
        argv = [bwrap, *_namespace_flags(), "--ro-bind", "/", "/", "--proc", "/proc",
                "--", "/bin/true" if os.path.exists("/bin/true") else "true"]
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            namespaces = subprocess.run(argv, capture_output=True, timeout=20).returncode == 0
    cgroup = False
    if os.geteuid() == 0:
        with contextlib.suppress(OSError):
            group = Cgroup.create(memory_bytes=64 * 2**20)
            cgroup = group is not None
            if group is not None:
                group.destroy()
    # Another user can reach the interpreter only in the namespaces' own filesystem view
    # (outside it, the interpreter may live under root's 0700 home folder).
    return Protections(namespaces=namespaces, cgroup=cgroup, landlock=sandbox.landlock_abi(),
                       drop_user=os.geteuid() == 0 and namespaces)


def _namespace_flags() -> list[str]:
    flags = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
             "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.geteuid() != 0:
        flags.append("--unshare-user")
    return flags


def package_root() -> Path:
    """Return the folder that holds the ``ca_course`` package (``src/`` or site-packages)."""
    return Path(ca_course.__file__).resolve().parent.parent


def readable_paths() -> list[str]:
    """Return every path a kernel may read: system folders, the interpreter, the package."""
    roots = [p for p in sandbox.SYSTEM_READ_ROOTS if os.path.lexists(p)]  # /lib may be a link
    own = [sys.prefix, sys.base_prefix, sys.exec_prefix,
           str(Path(sys.executable).resolve().parent.parent), str(package_root())]
    roots += [str(Path(p).resolve()) for p in own if os.path.exists(p)]
    return list(dict.fromkeys(roots))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_keys_unreachable(keys_dir: Path | str | None) -> None:
    """Refuse to grade when the keys lie inside a folder a kernel may read.

    Raises
    ------
    KeysReadable
        A ValueError with a Kazakh message naming the keys folder and the readable folder.

    Examples
    --------
    >>> try:
    ...     check_keys_unreachable("/usr/share/keys")
    ... except KeysReadable as err:
    ...     print(str(err).split(". ")[0])
    Кілттер бумасы (/usr/share/keys) ядро оқи алатын /usr бумасының ішінде
    """
    if keys_dir is None:
        return
    keys = Path(keys_dir).resolve()
    for root in readable_paths():
        if _inside(keys, Path(root)):
            raise KeysReadable(msg("sandbox.keys_readable", keys=keys, folder=root))


def bwrap_argv(*, writable: list[str]) -> list[str]:
    """Return the bubblewrap command line (ending in ``--``) for one submission's kernel.

    Only :func:`readable_paths` are mounted, read-only, plus a private ``/tmp``,
    ``/proc`` and ``/dev``; ``writable`` folders are mounted read-write at their own path.
    ``/etc/shadow`` and ``/etc/gshadow`` are replaced by empty files.
    """
    bwrap = _bwrap()
    if bwrap is None:
        raise RuntimeError("bwrap is not installed")
    # The private /tmp, /proc and /dev come first: a mount made later may lie inside them
    # (a course cloned under /tmp), and a tmpfs mounted afterwards would hide it.
    argv = [bwrap, *_namespace_flags(), "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    made: set[str] = {"/", "/tmp", "/proc", "/dev"}

    def parents(path: str) -> list[str]:
        # bwrap would make missing parents 0700, closed to the unprivileged kernel user.
        out: list[str] = []
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                out += ["--perms", "0755", "--dir", str(parent)]
        return out

    for root in readable_paths():
        if root in {"/proc", "/dev", "/sys"}:
            continue
        if os.path.islink(root):
            argv += [*parents(root), "--symlink", os.readlink(root), root]
        else:
            argv += [*parents(root), "--ro-bind", root, root]
        made.add(root)
    for secret in ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"):
        if os.path.exists(secret):
            argv += ["--ro-bind", "/dev/null", secret]
    for folder in writable:
        argv += [*parents(folder), "--bind", folder, folder]
    argv += ["--chdir", writable[0], "--"]
    return argv


@dataclass(frozen=True)
class Cgroup:
    """One submission's cgroup v1 groups (memory and pids), made and removed by the grader."""

    memory: Path
    pids: Path

    @classmethod
    def create(cls, *, memory_bytes: int, pids_max: int = PIDS_MAX) -> Cgroup | None:
        """Make the groups with their limits; None when cgroup v1 is not writable here."""
        memory_root, pids_root = _own_cgroup("memory"), _own_cgroup("pids")
        if memory_root is None or pids_root is None:
            return None
        name = f"ca-grade-{uuid.uuid4().hex[:12]}"
        group = cls(memory_root / name, pids_root / name)
        try:
            group.memory.mkdir()
            group.pids.mkdir()
            (group.memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
            with contextlib.suppress(OSError):  # absent without swap accounting
                (group.memory / "memory.memsw.limit_in_bytes").write_text(str(memory_bytes))
            (group.pids / "pids.max").write_text(str(pids_max))
        except OSError:
            group.destroy()
            return None
        return group

    @property
    def procs_files(self) -> list[str]:
        """Return the files a process writes its PID to, to join both groups."""
        return [str(self.memory / "cgroup.procs"), str(self.pids / "cgroup.procs")]

    def pids_inside(self) -> set[int]:
        """Return the PIDs of every process still in the groups."""
        found: set[int] = set()
        for folder in (self.memory, self.pids):
            with contextlib.suppress(OSError):
                found |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
        return found

    def oom_killed(self) -> bool:
        """Return whether the kernel's OOM killer acted, or the limit was hit, in the group."""
        with contextlib.suppress(OSError, ValueError):
            for line in (self.memory / "memory.oom_control").read_text().splitlines():
                if line.startswith("oom_kill ") and int(line.split()[1]) > 0:
                    return True
        with contextlib.suppress(OSError, ValueError):
            return int((self.memory / "memory.failcnt").read_text()) > 0
        return False

    def kill_all(self, timeout: float = 5.0) -> None:
        """Kill every process in the groups until none is left (or ``timeout`` passes)."""
        deadline = time.monotonic() + timeout
        while (pids := self.pids_inside()) and time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)

    def destroy(self) -> None:
        """Kill what is left and remove both groups."""
        self.kill_all()
        for folder in (self.memory, self.pids):
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def sweep_stale(min_age: float = 120.0) -> int:
    """Remove the empty submission cgroups a killed grader left; return how many.

    Only groups with no process left and older than ``min_age`` seconds are removed, so
    a group another grader has just made is never taken from under it.
    """
    removed = 0
    now = time.time()
    for controller in ("memory", "pids"):
        own = _own_cgroup(controller)
        if own is None:
            continue
        for folder in own.glob("ca-grade-*"):
            with contextlib.suppress(OSError, ValueError):
                if now - folder.stat().st_mtime < min_age:
                    continue
                if (folder / "cgroup.procs").read_text().split():
                    continue
                folder.rmdir()
                removed += 1
    return removed
