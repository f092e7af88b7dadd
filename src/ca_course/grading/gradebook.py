"""Summarise a course across assignments, starting from each run's ``grades.csv``.

:func:`merge_gradebook` builds the gradebook (one row per student, one column per
assignment total, overall total, max, percent); :func:`summary` describes it;
:func:`histogram` draws the distribution of percentages to a PNG with matplotlib's
Agg canvas (no display, no global backend switch).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ca_course.messages import msg

__all__ = ["assignment_name", "histogram", "merge_gradebook", "summary"]

_EXERCISE = re.compile(r"^(l\d{2})-ex\d+$")
_FIXED = ("student", "total", "max", "percent")


def assignment_name(columns: Sequence[str], fallback: str) -> str:
    """Return the lecture id shared by the exercise columns of a grade table, else ``fallback``.

    Examples
    --------
    >>> assignment_name(["student", "l03-ex1", "l03-ex2", "total"], "grades")
    'l03'
    >>> assignment_name(["student", "total"], "grades")
    'grades'
    """
    lectures = {match.group(1) for c in columns if (match := _EXERCISE.match(str(c)))}
    return lectures.pop() if len(lectures) == 1 else fallback


def _read(path: Path) -> pd.DataFrame:
    table = pd.read_csv(path, dtype={"student": str}, encoding="utf-8-sig")
    missing = {"student", "total", "max"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: not a grades.csv (missing columns {', '.join(sorted(missing))})"
                         "; pass files written by grade()")
    duplicated = table["student"][table["student"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{path}: student ids appear twice: {', '.join(duplicated)}; "
                         "keep one row per student")
    return table


def merge_gradebook(csv_paths: Sequence[Path | str] | Mapping[str, Path | str]
                    ) -> pd.DataFrame:
    """Merge grade tables into one row per student with a total column per assignment.

    Assignments are named by the mapping's keys, else by the lecture of their exercise
    columns, else by file stem. A student without a row in an assignment gets 0 there.
    The maximum of each assignment is kept in ``frame.attrs["max_points"]``.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.csv").write_text("student,l01-ex1,total,max,status,message\\n"
    ...                                 "asel,2,2,3,ok,\\nbolat,3,3,3,ok,\\n")
    >>> _ = (root / "b.csv").write_text("student,l02-ex1,total,max,status,message\\n"
    ...                                 "asel,1,1,2,ok,\\n")
    >>> merge_gradebook([root / "a.csv", root / "b.csv"])
      student  l01  l02  total  max  percent
    0    asel    2    1      3    5     60.0
    1   bolat    3    0      3    5     60.0
    """
    items: list[tuple[str | None, Path | str]] = (
        [(str(k), v) for k, v in csv_paths.items()] if isinstance(csv_paths, Mapping)
        else [(None, p) for p in csv_paths])
    tables: dict[str, pd.DataFrame] = {}
    for label, raw_path in items:
        path = Path(raw_path)
        table = _read(path)
        name = label if label is not None else assignment_name(list(table.columns), path.stem)
        if name in tables:
            raise ValueError(f"two grade tables for assignment {name!r}; pass a mapping "
                             "{name: path} to name them")
        tables[name] = table
    if not tables:
        raise ValueError("no grade tables given; pass at least one grades.csv")
    students = sorted(set().union(*(set(t["student"]) for t in tables.values())))
    book = pd.DataFrame({"student": students})
    max_points: dict[str, int] = {}
    for name, table in tables.items():
        totals = table.set_index("student")["total"]
        book[name] = book["student"].map(totals).fillna(0).astype(int)
        max_points[name] = int(table["max"].max()) if len(table) else 0
    book["total"] = book[list(tables)].sum(axis=1).astype(int)
    book["max"] = sum(max_points.values())
    book["percent"] = (100 * book["total"] / book["max"]).round(1) if book["max"].gt(0).all() \
        else 0.0
    book.attrs["max_points"] = max_points
    return book


def _assignments(book: pd.DataFrame) -> list[str]:
    return [c for c in book.columns if c not in _FIXED]


def summary(book: pd.DataFrame) -> pd.DataFrame:
    """Return statistics per assignment column, overall total and percent.

    Examples
    --------
    >>> book = pd.DataFrame({"student": ["a", "b", "c"], "l01": [1, 2, 3],
    ...                      "total": [1, 2, 3], "max": 3, "percent": [33.3, 66.7, 100.0]})
    >>> summary(book).loc["l01", ["students", "mean", "median", "min", "max"]].tolist()
    [3.0, 2.0, 2.0, 1.0, 3.0]
    """
    columns = [*_assignments(book), "total", "percent"]
    max_points = dict(book.attrs.get("max_points", {}))
    if "max" in book.columns and len(book):
        max_points["total"] = int(book["max"].max())
    max_points["percent"] = 100
    rows = []
    for column in columns:
        values = pd.to_numeric(book[column], errors="coerce")
        rows.append({"column": column, "students": float(values.count()),
                     "max_points": max_points.get(column), "mean": values.mean(),
                     "median": values.median(), "std": values.std(), "min": values.min(),
                     "max": values.max()})
    return pd.DataFrame(rows).set_index("column").round(2)


def histogram(book: pd.DataFrame, path: Path | str, *, bins: int = 10) -> Path:
    """Draw the distribution of overall percentages to a PNG file; return its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    percent = pd.to_numeric(book["percent"], errors="coerce").dropna()
    figure = Figure(figsize=(7, 4.2), dpi=120, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    edges = [100 * i / bins for i in range(bins + 1)]
    axes.hist(percent, bins=edges, color="#3b6ea8", edgecolor="white")
    if len(percent):
        mean = float(percent.mean())
        axes.axvline(mean, color="#b3261e", linestyle="--",
                     label=msg("grade.histogram.mean", value=f"{mean:.1f}".replace(".", ",")))
        axes.legend(loc="upper left")
    axes.set_xlim(0, 100)
    axes.set_xticks(edges)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(msg("grade.histogram.title", n=len(percent)))
    axes.set_xlabel(msg("grade.histogram.x"))
    axes.set_ylabel(msg("grade.histogram.y"))
    axes.grid(axis="y", alpha=0.3)
    figure.savefig(out)
    return out
