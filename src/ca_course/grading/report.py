"""Write a grading run's report files: ``grades.csv`` plus a JSON report.

The CSV has one row per submission (student, points per exercise, total, max, status,
Kazakh message); a text cell that a spreadsheet would run as a formula is neutralised
(:mod:`ca_course.csvsafe`). The JSON report adds, per student, every exercise's points with its
Kazakh feedback, the traceback, the notebook's SHA-256, the run's settings. Both are
written atomically, UTF-8 with LF line endings.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ca_course.csvsafe import safe_frame
from ca_course.grading.execute import Limits
from ca_course.grading.results import GradeReport
from ca_course.messages import msg

__all__ = ["report_data", "write_csv", "write_json"]


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(part, path)


def write_csv(report: GradeReport) -> Path:
    """Write ``report.csv_path``: one row per submission, sorted by student id."""
    frame = safe_frame(report.frame())
    _write_atomic(report.csv_path, frame.to_csv(index=False, lineterminator="\n"))
    return report.csv_path


def report_data(report: GradeReport, limits: Limits) -> dict[str, Any]:
    """Return the JSON report as plain data."""
    rubric = report.rubric
    return {
        "lecture": rubric.lecture,
        "rubric_sha256": rubric.digest,
        "max_points": rubric.max_points,
        "exercises": [{"id": item.id, "title": item.exercise.title, "points": item.points,
                       "variable": item.variable} for item in rubric.items],
        "limits": asdict(limits),
        "landlock_abi": report.landlock,
        "protections": dict(report.protections),
        "executed": report.executed,
        "reused": report.reused,
        "status_counts": report.status_counts(),
        "submissions": [
            {**result.to_dict(), "max_points": rubric.max_points,
             "status_label": msg(f"grade.status.{result.status}")}
            for result in report.results
        ],
    }


def write_json(report: GradeReport, limits: Limits) -> Path:
    """Write ``report.json_path`` with per-exercise points and feedback for each student."""
    text = json.dumps(report_data(report, limits), ensure_ascii=False, indent=1)
    _write_atomic(report.json_path, text + "\n")
    return report.json_path
