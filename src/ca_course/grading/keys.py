"""Load the instructor's key files (``instructor/keys/lNN.yaml``) from a folder.

Each file holds one :class:`~ca_course.models.KeySet`. Problems are collected over
all files, then raised together as one :class:`~ca_course.data.ContentError`, each
with file, line, key id. The line of every key is kept, so that later checks
(see :mod:`ca_course.grading.rubric`) can point at it too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ca_course import models as m
from ca_course.data import ContentError, Problem, load_document, load_yaml

__all__ = ["KeySource", "as_key_sources", "load_key_sources"]


@dataclass(frozen=True)
class KeySource:
    """One lecture's keys plus where they came from (``path``, 1-based line per key id)."""

    key_set: m.KeySet
    path: str = "<keys>"
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def lecture(self) -> str:
        """Return the lecture id, such as ``l03``."""
        return self.key_set.lecture

    def line_of(self, key_id: str) -> int | None:
        """Return the line where key ``key_id`` starts, when known."""
        return self.lines.get(key_id)


def _key_lines(path: Path) -> dict[str, int]:
    raw = load_yaml(path)
    items = raw.get("keys") if isinstance(raw, dict) else None
    lines: dict[str, int] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            try:
                lines[item["id"]] = items.lc.item(index)[0] + 1
            except (AttributeError, KeyError, IndexError):
                continue
    return lines


def load_key_sources(keys_dir: Path | str) -> dict[str, KeySource]:
    """Load every ``*.yaml`` key file in ``keys_dir``, keyed by lecture id.

    Raises
    ------
    ContentError
        Listing every problem of every file (file:line id: what to fix).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "l07.yaml").write_text(
    ...     "lecture: l07\\nkeys:\\n  - id: l07-ex1\\n    solution: x = 1\\n", encoding="utf-8")
    >>> try:
    ...     load_key_sources(folder)
    ... except ContentError as err:
    ...     print(err.problems[0].line, err.problems[0].item_id, err.problems[0].message)
    3 l07-ex1 checks: Field required
    """
    folder = Path(keys_dir)
    if not folder.is_dir():
        raise ContentError([Problem(str(folder), None, None,
                                    "keys folder not found; pass the folder that holds lNN.yaml")])
    sources: dict[str, KeySource] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            key_set = load_document(path, m.KeySet, "keys")
        except ContentError as err:
            problems += err.problems
            continue
        if key_set.lecture != path.stem:
            problems.append(Problem(str(path), 1, None,
                                    f"lecture is {key_set.lecture!r} but the file is named "
                                    f"{path.name}; make them agree"))
            continue
        sources[key_set.lecture] = KeySource(key_set, str(path), _key_lines(path))
    if problems:
        raise ContentError(problems)
    if not sources:
        raise ContentError([Problem(str(folder), None, None,
                                    "no key files (lNN.yaml) in this folder; add one")])
    return sources


def as_key_sources(keys: m.KeySet | KeySource | Sequence[m.KeySet | KeySource]
                   ) -> dict[str, KeySource]:
    """Wrap key sets built in code as key sources, keyed by lecture id.

    Examples
    --------
    >>> ks = m.KeySet(lecture="l07", keys=[{"id": "l07-ex1", "solution": "x = 1",
    ...                                     "checks": [{"check": "solution"}]}])
    >>> as_key_sources(ks)["l07"].path
    '<keys>'
    """
    items = [keys] if isinstance(keys, m.KeySet | KeySource) else list(keys)
    out: dict[str, KeySource] = {}
    for item in items:
        source = item if isinstance(item, KeySource) else KeySource(item)
        if source.lecture in out:
            raise ValueError(f"two key sets for lecture {source.lecture}; pass one per lecture")
        out[source.lecture] = source
    return out
