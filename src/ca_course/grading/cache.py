"""Remember graded submissions, so that a second run skips what it already graded.

An entry is keyed by the notebook's SHA-256 plus a run key: the hash of the rubric
(exercises, keys), the limits, this cache's format version. Changing a key, a check
or a limit therefore grades everything again. The file lives next to the CSV report
(``grades.csv`` → ``grades.cache.json``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from ca_course.grading.execute import Limits
from ca_course.grading.results import SubmissionResult
from ca_course.grading.rubric import Rubric

__all__ = ["GradeCache", "cache_path", "run_key"]

CACHE_VERSION = 2


def cache_path(out_csv: Path) -> Path:
    """Return where the cache of the report ``out_csv`` lives.

    Examples
    --------
    >>> cache_path(Path("out/grades.csv")).as_posix()
    'out/grades.cache.json'
    """
    return out_csv.with_name(f"{out_csv.stem}.cache.json")


def run_key(rubric: Rubric, limits: Limits) -> str:
    """Return the hash of everything besides the notebook that decides a grade."""
    payload = json.dumps([CACHE_VERSION, rubric.digest, dataclasses.asdict(limits)],
                         sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


class GradeCache:
    """Graded results of one run key, loaded from and saved to one JSON file."""

    def __init__(self, path: Path, key: str, entries: dict[str, dict] | None = None) -> None:
        self.path = path
        self.key = key
        self.entries: dict[str, dict] = entries or {}

    @classmethod
    def open(cls, path: Path, key: str) -> GradeCache:
        """Load the cache; a missing, unreadable or other-key file starts empty."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path, key)
        if not isinstance(data, dict) or data.get("key") != key:
            return cls(path, key)
        entries = data.get("entries")
        return cls(path, key, entries if isinstance(entries, dict) else {})

    def get(self, sha256: str, student: str) -> SubmissionResult | None:
        """Return the cached result for this notebook content, relabelled for ``student``."""
        data = self.entries.get(sha256)
        if data is None:
            return None
        try:
            result = SubmissionResult.from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None
        return dataclasses.replace(result, student=student, cached=True)

    def put(self, result: SubmissionResult) -> None:
        """Remember ``result`` (results of grader failures are never remembered)."""
        if result.is_cacheable and result.sha256:
            self.entries[result.sha256] = dataclasses.replace(result, cached=False).to_dict()

    def save(self) -> None:
        """Write the cache atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + ".part")
        part.write_text(json.dumps({"key": self.key, "entries": self.entries},
                                   ensure_ascii=False), encoding="utf-8")
        os.replace(part, self.path)
