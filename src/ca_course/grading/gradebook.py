"""Summarise a course across assignments, starting from each run's ``grades.csv``.

:func:`merge_gradebook` builds the gradebook (one row per student, one column per
assignment total, overall total, max, percent); :func:`summary` describes it;
:func:`histogram` draws the distribution of percentages to a PNG with matplotlib's
Agg canvas (no display, no global backend switch).

Grades go into an LMS through a roster (:func:`read_roster`, :func:`match_roster`):
:func:`moodle_grades` is the file for Moodle's *Import grades from CSV*,
:func:`canvas_grades` the one for Canvas's gradebook import, and
:func:`write_lms_grades` writes them with the list of what could not be matched.
Every CSV goes through :func:`ca_course.csvsafe.safe_frame`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ca_course.csvsafe import safe_frame
from ca_course.messages import msg

__all__ = [
    "CANVAS_COLUMNS",
    "ROSTER_FIELDS",
    "LmsExport",
    "RosterMatch",
    "assignment_name",
    "canvas_grades",
    "histogram",
    "match_roster",
    "merge_gradebook",
    "moodle_grades",
    "read_roster",
    "summary",
    "write_csv_safely",
    "write_lms_grades",
]

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


# --------------------------------------------------------------------------- LMS grades

#: Roster columns besides the key (``file`` or ``student``); all optional, all text.
ROSTER_FIELDS = ("name", "email", "idnumber", "username", "canvas_id", "sis_user_id",
                 "sis_login_id", "section")
#: The columns Moodle's grade import can map a user from, in the order we prefer them.
MOODLE_KEYS = ("email", "idnumber", "username")
#: Canvas's student columns, in the order its gradebook importer requires them.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def write_csv_safely(frame: pd.DataFrame, path: Path | str, **to_csv: object) -> Path:
    """Write ``frame`` as UTF-8 CSV after :func:`~ca_course.csvsafe.safe_frame`; return the path.

    Examples
    --------
    >>> import tempfile
    >>> out = write_csv_safely(pd.DataFrame({"student": ["=1+1"]}),
    ...                        Path(tempfile.mkdtemp()) / "x.csv", index=False)
    >>> print(out.read_text(encoding="utf-8"), end="")
    "student"
    "'=1+1"
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Text is always quoted: pandas would leave a lone carriage return unquoted, and
    # every CSV reader (Moodle's, Canvas's, Python's) would break the row there.
    safe_frame(frame).to_csv(out, encoding="utf-8", quoting=csv.QUOTE_NONNUMERIC,
                             **to_csv)  # type: ignore[call-overload]
    return out


def _squash(header: object) -> str:
    return re.sub(r"[\s_-]+", "", str(header).strip().lower())


# Roster headers are compared squashed (lower case, no spaces, '_' or '-').
_ROSTER_ALIASES = {_squash(f): f for f in ROSTER_FIELDS} | {
    "emailaddress": "email", "fullname": "name", "sisuser": "sis_user_id",
    "sislogin": "sis_login_id", "userid": "canvas_id"}


def _key(value: str) -> str:
    """Return the student id a roster cell names: a file name loses its ``.ipynb``."""
    text = str(value).strip()
    return text[:-len(".ipynb")] if text.lower().endswith(".ipynb") else text


def read_roster(path: Path | str) -> pd.DataFrame:
    """Read a roster CSV: one row per student, a key column and the LMS identities.

    The key is ``file`` (the submission's file name, ``aigerim.ipynb`` or ``aigerim``) or
    ``student`` (the id in ``grades.csv``, which is the file name without ``.ipynb``).
    The other columns are :data:`ROSTER_FIELDS`: ``name``, ``email``, ``idnumber``,
    ``username`` (Moodle) and ``canvas_id``, ``sis_user_id``, ``sis_login_id``,
    ``section`` (Canvas). Headers are matched without regard to case, spaces, ``_`` and
    ``-`` (``ID number``, ``Email address`` and ``Canvas ID`` work too); other
    columns are kept but not used. Every cell is read as text, without surrounding spaces.

    Returns
    -------
    pandas.DataFrame
        Column ``student`` (the key) plus every field, empty text where missing.

    Raises
    ------
    ValueError
        If there is no key column, a key is empty, or a key appears twice.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "roster.csv"
    >>> _ = path.write_text("File,Email\\naigerim.ipynb,a@uni.kz\\n", encoding="utf-8")
    >>> read_roster(path)[["student", "email", "idnumber"]].values.tolist()
    [['aigerim', 'a@uni.kz', '']]
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [_ROSTER_ALIASES.get(_squash(c), _squash(c)) for c in table.columns]
    key = next((c for c in ("file", "student") if c in table.columns), None)
    if key is None:
        raise ValueError(f"{path}: a roster needs a 'file' or 'student' column "
                         f"(found: {', '.join(table.columns)})")
    roster = pd.DataFrame({"student": table[key].map(_key)})
    for name in ROSTER_FIELDS:
        roster[name] = table[name].str.strip() if name in table.columns else ""
    empty = [str(i + 2) for i, v in enumerate(roster["student"]) if not v]
    if empty:
        raise ValueError(f"{path}: empty {key!r} on line(s) {', '.join(empty)}")
    twice = sorted(set(roster["student"][roster["student"].duplicated()]))
    if twice:
        raise ValueError(f"{path}: these students appear twice: {', '.join(twice)}")
    return roster


@dataclass(frozen=True)
class RosterMatch:
    """A gradebook joined with a roster, and what did not match.

    ``book`` holds the matched students (gradebook columns plus roster fields);
    ``unmatched_files`` the gradebook students (submission file names without
    ``.ipynb``) that no roster row names; ``missing_students`` the roster rows with no
    submission, as ``name (key)``; ``identities`` the roster fields that hold a value.
    """

    book: pd.DataFrame
    unmatched_files: tuple[str, ...]
    missing_students: tuple[str, ...]
    assignments: tuple[str, ...]
    identities: tuple[str, ...] = ()
    max_points: Mapping[str, int] = field(default_factory=dict)


def _label(row: pd.Series) -> str:
    return f"{row['name']} ({row['student']})" if row["name"] else str(row["student"])


def match_roster(book: pd.DataFrame, roster: pd.DataFrame) -> RosterMatch:
    """Join ``book`` (from :func:`merge_gradebook`) with ``roster`` (from :func:`read_roster`).

    Examples
    --------
    >>> book = pd.DataFrame({"student": ["asel", "zzz"], "l01": [3, 1], "total": [3, 1],
    ...                      "max": 4, "percent": [75.0, 25.0]})
    >>> roster = pd.DataFrame({"student": ["asel", "bolat"], "name": ["Әсел", "Болат"],
    ...     **{f: "" for f in ROSTER_FIELDS if f != "name"}})
    >>> found = match_roster(book, roster)
    >>> found.book["student"].tolist(), found.unmatched_files, found.missing_students
    (['asel'], ('zzz',), ('Болат (bolat)',))
    """
    assignments = tuple(_assignments(book))
    known = set(roster["student"])
    graded = set(book["student"].astype(str))
    joined = book.assign(student=book["student"].astype(str)).merge(
        roster, on="student", how="inner")
    missing = roster[~roster["student"].isin(graded)]
    return RosterMatch(
        book=joined.reset_index(drop=True),
        unmatched_files=tuple(s for s in book["student"].astype(str) if s not in known),
        missing_students=tuple(_label(row) for _, row in missing.iterrows()),
        assignments=assignments,
        identities=tuple(f for f in ROSTER_FIELDS
                         if roster[f].astype(str).str.strip().ne("").any()),
        max_points=dict(book.attrs.get("max_points", {})),
    )


def moodle_grades(found: RosterMatch) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Return the table for Moodle's *Import grades from CSV*, and who had to be left out.

    Columns: the identities the roster has (``email``, ``idnumber``, ``username``, in that
    order, then ``name``), then one column of points per assignment. On the import form
    the instructor maps the user by the first column (e.g. ``email`` → *Email address*)
    and each assignment column to a grade item or to *New grade item*. Moodle stops the
    whole import at a row whose user field is empty or unknown
    (``gradeimport_csv_load_data::prepare_import_grade_data``), so a student with an
    empty first identity is left out and returned as ``name (key)``.

    Raises
    ------
    ValueError
        If the roster has none of ``email``, ``idnumber`` or ``username``.
    """
    book = found.book
    keys = [k for k in MOODLE_KEYS if k in found.identities]
    if not keys:
        raise ValueError("the roster has no email, idnumber or username column with values; "
                         "Moodle maps grades to users by one of them")
    blank = book[keys[0]].astype(str).str.strip().eq("")
    left_out = tuple(_label(row) for _, row in book[blank].iterrows())
    kept = book[~blank]
    columns = [*keys, *(["name"] if kept["name"].ne("").any() else [])]
    table = kept[columns + list(found.assignments)].copy()
    return table.reset_index(drop=True), left_out


def canvas_grades(found: RosterMatch) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Return the table for Canvas's gradebook import, and who had to be left out.

    Canvas's ``GradebookImporter`` reads a header ``Student, ID, SIS User ID,
    SIS Login ID, Section`` then one column per assignment (a new title makes a new
    assignment), a row whose first cell is ``Points Possible``, then one row per
    student, found by ``ID`` (Canvas user id), else ``SIS User ID``, else
    ``SIS Login ID``, else by name. ``SIS User ID`` falls back to the roster's
    ``idnumber`` and ``SIS Login ID`` to ``username``. A student with none of these is
    left out and returned as ``name (key)``.
    """
    book = found.book
    frame = pd.DataFrame({
        "Student": book["name"],
        "ID": book["canvas_id"],
        "SIS User ID": book["sis_user_id"].where(book["sis_user_id"].ne(""), book["idnumber"]),
        "SIS Login ID": book["sis_login_id"].where(book["sis_login_id"].ne(""),
                                                   book["username"]),
        "Section": book["section"],
    })
    for name in found.assignments:
        frame[name] = book[name]
    identified = frame[list(CANVAS_COLUMNS[:4])].astype(str).apply(
        lambda col: col.str.strip().ne("")).any(axis=1)
    left_out = tuple(_label(row) for _, row in book[~identified].iterrows())
    points = {c: "" for c in CANVAS_COLUMNS} | {
        name: found.max_points.get(name, "") for name in found.assignments}
    points["Student"] = "Points Possible"
    table = pd.concat([pd.DataFrame([points]), frame[identified]], ignore_index=True)
    return table.astype(object), left_out


@dataclass(frozen=True)
class LmsExport:
    """What :func:`write_lms_grades` wrote and what it could not place."""

    files: tuple[Path, ...]
    unmatched_files: tuple[str, ...]
    missing_students: tuple[str, ...]
    left_out: Mapping[str, tuple[str, ...]]
    problems: tuple[tuple[str, str], ...]
    problems_path: Path


def write_lms_grades(book: pd.DataFrame, roster_path: Path | str, out: Path | str, *,
                     moodle: bool = True, canvas: bool = True) -> LmsExport:
    """Write the gradebook for Moodle and/or Canvas through a roster, plus the problem list.

    Files in ``out``: ``moodle_grades.csv``, ``canvas_grades.csv`` and ``unmatched.csv``
    (always, even when empty: one row per submission with no roster row, roster student
    with no submission, or student left out of an LMS file for lack of an identity;
    columns and reasons in Kazakh). Nothing is dropped silently.
    """
    folder = Path(out)
    found = match_roster(book, read_roster(roster_path))
    written: list[Path] = []
    left_out: dict[str, tuple[str, ...]] = {}
    if moodle:
        table, left_out["moodle"] = moodle_grades(found)
        written.append(write_csv_safely(table, folder / "moodle_grades.csv", index=False))
    if canvas:
        table, left_out["canvas"] = canvas_grades(found)
        written.append(write_csv_safely(table, folder / "canvas_grades.csv", index=False))
    reasons = {"moodle": msg("gradebook.lms.no_identity.moodle"),
               "canvas": msg("gradebook.lms.no_identity.canvas")}
    rows = [(msg("gradebook.lms.no_roster_row"), s) for s in found.unmatched_files]
    rows += [(msg("gradebook.lms.no_submission"), s) for s in found.missing_students]
    for lms, names in left_out.items():
        rows += [(reasons[lms], s) for s in names]
    problems = pd.DataFrame(rows, columns=[msg("gradebook.lms.col_problem"),
                                           msg("gradebook.lms.col_who")])
    problems_path = write_csv_safely(problems, folder / "unmatched.csv", index=False)
    return LmsExport(tuple(written), found.unmatched_files, found.missing_students,
                     left_out, tuple(rows), problems_path)
