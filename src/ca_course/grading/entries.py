"""List a submissions folder entry by entry, and read each file without following links.

Every entry of the folder becomes one :class:`Entry`, so that every entry gets one row
in the report: a regular ``*.ipynb`` file is a submission; a symbolic link, a folder,
a device, a hard-linked file, another kind of file, or a name that is not valid UTF-8
is recorded with the reason it cannot be graded as it is. Files are opened relative to
the folder with ``O_NOFOLLOW``, and checked again on the open descriptor, so a link
swapped in between listing and reading is not followed either.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ca_course.messages import msg

__all__ = ["Entry", "list_entries", "read_entry"]

SUFFIX = ".ipynb"


@dataclass(frozen=True)
class Entry:
    """One entry of the submissions folder.

    ``name`` is the entry's file name, readable (bytes that are not UTF-8 are shown as
    ``\\xNN``); ``raw`` is the name as the operating system has it. ``problem`` is a
    Kazakh message when the entry cannot be graded; ``note`` is a Kazakh remark that
    does not stop grading (an undecodable name, a duplicate id).
    """

    name: str
    raw: bytes
    student: str
    problem: str = ""
    note: str = ""


def _readable(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), False


def _kind_problem(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return msg("grade.entry.symlink")
    if stat.S_ISDIR(mode):
        return msg("grade.entry.folder")
    if not stat.S_ISREG(mode):
        return msg("grade.entry.special")
    return ""


def list_entries(folder: Path, *, skip: frozenset[Path] = frozenset()) -> list[Entry]:
    """Return every entry of ``folder`` except the ``skip`` files, sorted by name.

    ``skip`` holds the grader's own output files, when they lie in the folder.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "asel.ipynb").write_text("{}")
    >>> (root / "link.ipynb").symlink_to(root / "asel.ipynb")
    >>> (root / "x.ipynb").mkdir()
    >>> [(e.student, bool(e.problem)) for e in list_entries(root)]
    [('asel', False), ('link', True), ('x', True)]
    """
    skipped = {p.resolve() for p in skip}
    entries: list[Entry] = []
    with os.scandir(os.fsencode(folder)) as listing:
        for item in listing:
            raw = bytes(item.name)
            if (folder / os.fsdecode(raw)).resolve() in skipped and not item.is_symlink():
                continue
            name, valid = _readable(raw)
            name = unicodedata.normalize("NFC", name)
            student = name[: -len(SUFFIX)] if name.lower().endswith(SUFFIX) else name
            note = "" if valid else msg("grade.entry.bad_name", name=name)
            try:
                mode = item.stat(follow_symlinks=False).st_mode
                problem = _kind_problem(mode)
            except OSError as err:
                problem = msg("grade.unreadable_file", error=err.strerror or err)
            if not problem and not name.lower().endswith(SUFFIX):
                problem = msg("grade.entry.not_notebook")
            entries.append(Entry(name, raw, student, problem, note))
    entries.sort(key=lambda e: (e.student, e.name))
    counts = Counter(e.student.casefold() for e in entries)
    out = []
    for entry in entries:
        if counts[entry.student.casefold()] > 1:
            note = " ".join(filter(None, [entry.note, msg("grade.entry.duplicate",
                                                          student=entry.student)]))
            entry = replace(entry, note=note)
        out.append(entry)
    return out


def read_entry(folder: Path, entry: Entry, *, max_bytes: int) -> bytes:
    """Read a regular file of ``folder`` without following links; at most ``max_bytes + 1``.

    Raises
    ------
    OSError
        When the entry is a link, not a regular file, hard-linked, or unreadable; the
        error's ``strerror`` is a Kazakh message.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    dir_fd = os.open(os.fsencode(folder), os.O_RDONLY | os.O_DIRECTORY)
    try:
        fd = os.open(entry.raw, flags, dir_fd=dir_fd)
    except OSError as err:
        if err.errno == getattr(os, "ELOOP", 40):
            raise OSError(err.errno, msg("grade.entry.symlink")) from err
        raise
    finally:
        os.close(dir_fd)
    try:
        info = os.fstat(fd)
        problem = _kind_problem(info.st_mode)
        if problem:
            raise OSError(0, problem)
        if info.st_nlink > 1:
            raise OSError(0, msg("grade.entry.hardlink"))
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
