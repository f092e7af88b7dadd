"""Confine the kernel process that runs one student's submission.

The grader starts every kernel through this file, run as a script. First, outside the
namespaces, ``python -P sandbox.py --join CGROUP_PROCS… -- COMMAND…`` moves itself into
the submission's cgroups and executes COMMAND (bubblewrap, see
:mod:`ca_course.grading.containment`). Inside, ``python -P sandbox.py --workdir DIR
--memory-mb N --file-mb N [--drop-user UID] [--read PATH]… -- -f CONNECTION_FILE``,
before IPython is even imported,

* caps the address space (``RLIMIT_AS``), the size of any file it writes
  (``RLIMIT_FSIZE``), core dumps (none);
* sets ``no_new_privs``, then, when the Linux kernel offers it, enters a Landlock
  sandbox: files may be read only under the interpreter's own paths or the system
  folders, written only under the submission's temporary working folder; TCP is
  limited to binding the kernel's own ports; signals or abstract sockets cannot reach
  processes outside the sandbox (ABI 6);
* drops every capability when it runs as root, and becomes an unprivileged user
  (``--drop-user``), so the limits above cannot be lifted and root-only files such as
  ``/etc/shadow`` stay closed.

Only the standard library is imported at the top: this file must start in a bare
interpreter. The grader also imports its helpers to report what the host supports
(:func:`landlock_abi`).
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import resource
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Confinement", "confine", "join_command", "kernel_command", "landlock_abi"]

# Landlock syscalls share their numbers on every architecture (asm-generic table).
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH, _RULE_NET_PORT = 1, 2
_PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP, _PR_CAP_AMBIENT = 38, 24, 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4
_CAPSET = {"x86_64": 126, "aarch64": 91, "arm64": 91}
_CAP_VERSION_3 = 0x20080522

# Filesystem access rights (ABI 1 unless noted).
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_REFER, _TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
_FS_V1 = (1 << 13) - 1
_FILE_RIGHTS = _EXECUTE | _WRITE_FILE | _READ_FILE | _TRUNCATE
_READ = _EXECUTE | _READ_FILE | _READ_DIR
_BIND_TCP, _CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

SYSTEM_READ_ROOTS = ("/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/proc",
                     "/sys", "/dev", "/opt")


class _RulesetAttr(ctypes.Structure):
    _fields_ = (("handled_access_fs", ctypes.c_uint64),
                ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64))


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


class _NetPortAttr(ctypes.Structure):
    _fields_ = (("allowed_access", ctypes.c_uint64), ("port", ctypes.c_uint64))


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32))


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """Return the Landlock ABI version of the running Linux kernel, 0 when unavailable.

    Version 1 confines files, 4 adds TCP, 6 adds signals. The grader records this
    number in its report, so an instructor can see how strongly submissions ran confined.

    Examples
    --------
    >>> landlock_abi() >= 0
    True
    """
    if not sys.platform.startswith("linux"):
        return 0
    abi = _libc().syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0),
                          ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(int(abi), 0)


@dataclass(frozen=True)
class Confinement:
    """What :func:`confine` managed to apply; ``landlock`` is the ABI used (0: none)."""

    memory_mb: int
    file_mb: int
    landlock: int
    dropped_capabilities: bool


def _set_limits(memory_mb: int, file_mb: int) -> None:
    memory = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    size = file_mb * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _check(result: int, what: str) -> None:
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _add_path(libc: ctypes.CDLL, ruleset: int, path: str, access: int, handled: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a folder this host does not have
    try:
        if not os.path.isdir(path):
            access &= _FILE_RIGHTS
        attr = _PathBeneathAttr(access & handled, fd)
        _check(libc.syscall(_SYS_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(attr),
                            ctypes.c_uint32(0)), f"landlock_add_rule {path}")
    finally:
        os.close(fd)


def _enter_landlock(abi: int, *, read: Iterable[str], write: Iterable[str],
                    read_files: Iterable[str], ports: Iterable[int]) -> None:
    libc = _libc()
    handled_fs = _FS_V1 | (_REFER if abi >= 2 else 0) | (_TRUNCATE if abi >= 3 else 0)
    handled_net = (_BIND_TCP | _CONNECT_TCP) if abi >= 4 else 0
    scoped = (_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0
    attr = _RulesetAttr(handled_fs, handled_net, scoped)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    _check(ruleset, "landlock_create_ruleset")
    try:
        for path in read:
            _add_path(libc, ruleset, path, _READ, handled_fs)
        for path in read_files:
            _add_path(libc, ruleset, path, _READ_FILE, handled_fs)
        _add_path(libc, ruleset, "/dev/null", _READ_FILE | _WRITE_FILE | _TRUNCATE, handled_fs)
        for path in write:
            _add_path(libc, ruleset, path, handled_fs, handled_fs)
        if handled_net:
            # Port 0 lets ipykernel bind its subprocess-output pipe to an ephemeral port.
            for port in (*ports, 0):
                net = _NetPortAttr(_BIND_TCP, port)
                _check(libc.syscall(_SYS_ADD_RULE, ruleset, _RULE_NET_PORT, ctypes.byref(net),
                                    ctypes.c_uint32(0)), f"landlock_add_rule port {port}")
        _check(libc.syscall(_SYS_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)),
               "landlock_restrict_self")
    finally:
        os.close(ruleset)


def _drop_bounding_set() -> None:
    libc = _libc()
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last + 1):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)


def _drop_capabilities() -> bool:
    number = _CAPSET.get(platform.machine())
    if number is None:
        return False
    _drop_bounding_set()
    libc = _libc()
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(libc.syscall(number, ctypes.byref(header), ctypes.byref(data)), "capset")
    return True


def _drop_user(uid: int) -> None:
    """Become ``uid`` (and its group) with no supplementary groups; needs root."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def confine(*, workdir: str, memory_mb: int, file_mb: int, connection_file: str | None,
            read: Sequence[str], ports: Sequence[int] = (), write: Sequence[str] = (),
            drop_user: int | None = None) -> Confinement:
    """Confine the current process, for good: limits, no capabilities, Landlock.

    Call it from a process that is about to run untrusted code, before any thread starts.
    ``read`` lists the folders it may read, ``write`` (with ``workdir``) those it may write.
    """
    _set_limits(memory_mb, file_mb)
    dropped = False
    if os.geteuid() == 0 and drop_user is not None:
        _drop_bounding_set()
        _drop_user(drop_user)  # a root process that becomes another user loses every capability
        dropped = True
    elif os.geteuid() == 0:
        dropped = _drop_capabilities()
    libc = _libc()
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(no_new_privs)")
    abi = landlock_abi()
    if abi:
        files = [connection_file] if connection_file else []
        _enter_landlock(abi, read=read, write=[workdir, *write], read_files=files, ports=ports)
    return Confinement(memory_mb, file_mb, abi, dropped)


def _python() -> str:
    """Return this interpreter's path without ``..`` (a kernel's filesystem view may lack
    the folders a relative path passes through)."""
    return os.path.normpath(os.path.abspath(sys.executable))


def kernel_command(*, workdir: str, memory_mb: int, file_mb: int, read: Sequence[str],
                   write: Sequence[str] = (), drop_user: int | None = None) -> list[str]:
    """Return the argv that starts a confined IPython kernel (``{connection_file}`` kept).

    Examples
    --------
    >>> cmd = kernel_command(workdir="/tmp/w", memory_mb=512, file_mb=64, read=["/usr"])
    >>> cmd[1:2], cmd[-2:]
    (['-P'], ['-f', '{connection_file}'])
    """
    argv = [_python(), "-P", str(Path(__file__).resolve()), "--workdir", workdir,
            "--memory-mb", str(memory_mb), "--file-mb", str(file_mb)]
    for path in read:
        argv += ["--read", path]
    for path in write:
        argv += ["--write", path]
    if drop_user is not None:
        argv += ["--drop-user", str(drop_user)]
    return [*argv, "--", "-f", "{connection_file}"]


def join_command(procs_files: Sequence[str], command: Sequence[str]) -> list[str]:
    """Return the argv that joins the cgroups (``cgroup.procs`` files), then runs ``command``.

    Examples
    --------
    >>> join_command(["/cg/a/cgroup.procs"], ["bwrap", "--"])[3:]
    ['--join', '/cg/a/cgroup.procs', '--', 'bwrap', '--']
    """
    argv = [_python(), "-P", str(Path(__file__).resolve())]
    for path in procs_files:
        argv += ["--join", path]
    return [*argv, "--", *command]


def _parse(argv: Sequence[str]) -> tuple[dict[str, list[str]], list[str]]:
    split = list(argv).index("--")
    own, rest = list(argv[:split]), list(argv[split + 1:])
    options: dict[str, list[str]] = {}
    for key, value in zip(own[::2], own[1::2], strict=True):
        options.setdefault(key, []).append(value)
    return options, rest


def _main(argv: Sequence[str]) -> None:
    options, rest = _parse(argv)
    if "--join" in options:
        for path in options["--join"]:
            with open(path, "w", encoding="ascii") as fh:
                fh.write(str(os.getpid()))
        os.execv(rest[0], rest)
    connection_file = rest[rest.index("-f") + 1]
    with open(connection_file, encoding="utf-8") as fh:
        info = json.load(fh)
    ports = [int(info[k]) for k in ("shell_port", "iopub_port", "stdin_port", "control_port",
                                    "hb_port") if info.get(k)] if info.get("transport") == "tcp" \
        else []
    drop = options.get("--drop-user")
    if drop and os.geteuid() == 0:  # the kernel reads its connection file again as that user
        os.chown(connection_file, int(drop[0]), int(drop[0]))
    confine(workdir=options["--workdir"][0], memory_mb=int(options["--memory-mb"][0]),
            file_mb=int(options["--file-mb"][0]), connection_file=connection_file,
            read=options.get("--read", []), write=options.get("--write", []), ports=ports,
            drop_user=int(drop[0]) if drop else None)
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance(argv=rest)


if __name__ == "__main__":
    _main(sys.argv[1:])
