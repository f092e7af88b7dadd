"""Load the survey of the dissertation (003, section 3.2) as tidy DataFrames.

The dissertation asked 100 people in Kazakhstan and 100 in Uzbekistan 20 questions. Its
two tables were flattened to one cell per line (003:654–749 and 003:760–847); the
package rebuilds them in ``content/survey/`` with one row per observation:

``country``
    the country, in Kazakh, as the table's header writes it;
``group``
    the social group, 1–4; empty (``<NA>``) in the source's row of totals;
``group_name``
    the group's name as the source writes it (the totals row is named by the editors);
``age``
    the age band, ``"18-25"``, ``"25-35"``, ``"35-45"`` or ``"45-65"``; ``"18-65"`` is
    the whole group (the column the source heads "% (18-65)");
``value``
    the number of respondents, which equals the per cent: each country has 100;
``blank``
    whether the source cell is empty (read as 0; every sum check confirms it);
``source_line``
    the line of ``sources/003_*.txt`` that holds the cell.

The values are the source's, including its one inconsistent cell (Table 2, Uzbekistan,
group 3): :func:`check_sums` finds it, the data never hide it. Results that the
dissertation reports only in its prose (the figure images are missing) come from
``content/survey/figures.yaml`` through :func:`figures`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import pandas as pd

from ca_course.data import ContentError, Problem, load_yaml

__all__ = ["AGES", "ALL_AGES", "check_sums", "figures", "layout", "table1", "table2"]

AGES: tuple[str, ...] = ("18-25", "25-35", "35-45", "45-65")
ALL_AGES = "18-65"
COLUMNS: tuple[str, ...] = ("country", "group", "group_name", "age", "value", "blank",
                            "source_line")
FIGURE_COLUMNS: tuple[str, ...] = ("id", "number", "label", "caption", "question", "country",
                                   "answer", "percent", "approx", "source_line", "note")
CHECK_COLUMNS: tuple[str, ...] = ("country", "kind", "group", "age", "stated", "computed",
                                  "difference", "ok")
SECTION_LINES = (604, 870)


def _survey_file(name: str) -> Traversable:
    return resources.files("ca_course") / "content" / "survey" / name


@cache
def _table(name: str) -> pd.DataFrame:
    path = _survey_file(name)
    with path.open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype={"country": str, "group_name": str, "age": str},
                            keep_default_na=False, na_values={"group": [""]})
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ContentError([Problem(f"content/survey/{name}", 1, None,
                                    f"missing columns {missing}; the header must be "
                                    f"{','.join(COLUMNS)}")])
    frame = frame[list(COLUMNS)].astype({"group": "Int64", "value": "int64",
                                        "source_line": "int64"})
    frame["blank"] = frame["blank"].astype(str).str.lower().eq("true")
    return frame


def table1() -> pd.DataFrame:
    """Return Table 1 (003:654–749), social groups by age band, one row per cell.

    Examples
    --------
    >>> t1 = table1()
    >>> t1.shape
    (50, 7)
    >>> list(t1.columns)
    ['country', 'group', 'group_name', 'age', 'value', 'blank', 'source_line']
    >>> int(t1.loc[t1["source_line"] == 691, "value"].iloc[0])
    14
    """
    return _table("table1.csv").copy()


def table2() -> pd.DataFrame:
    """Return Table 2 (003:760–847): who chose economic development, by group and age.

    The source's totals row gives only the two country totals (59 and 48); its empty
    age cells are not data, so they have no rows here.

    Examples
    --------
    >>> t2 = table2()
    >>> t2.shape
    (42, 7)
    >>> t2.loc[t2["group"].isna(), "value"].tolist()
    [59, 48]
    """
    return _table("table2.csv").copy()


def layout(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a tidy table in the source's layout: groups as rows, country × age as columns.

    The totals row comes last, labelled ``0``; cells the source does not give are ``<NA>``.

    Examples
    --------
    >>> wide = layout(table1())
    >>> wide.shape
    (5, 10)
    >>> [int(v) for v in wide.iloc[0, :5]]
    [33, 0, 0, 14, 19]
    """
    countries = list(dict.fromkeys(frame["country"]))
    ages = [ALL_AGES, *AGES]
    data = frame.assign(group=frame["group"].fillna(0))
    wide = data.pivot_table(index="group", columns=["country", "age"], values="value",
                            aggfunc="sum")
    wide = wide.reindex(columns=pd.MultiIndex.from_product([countries, ages],
                                                           names=["country", "age"]))
    order = sorted(wide.index, key=lambda g: (g == 0, g))
    return wide.loc[order].astype("Int64")


def check_sums(frame: pd.DataFrame) -> pd.DataFrame:
    """Compare every total the source states with the sum of the cells it covers.

    One row per stated total: ``kind`` is ``"row"`` (a group's total against its age
    cells), ``"column"`` (an age band's total against the four groups) or ``"total"``
    (the country's total against the group totals). ``difference`` is computed minus
    stated; ``ok`` is whether they agree.

    Examples
    --------
    >>> sums = check_sums(table1())
    >>> len(sums), bool(sums["ok"].all())
    (18, True)
    >>> bad = check_sums(table2()).query("not ok")
    >>> bad[["kind", "group", "age", "stated", "computed", "difference"]].to_dict("records")
    [{'kind': 'row', 'group': 3, 'age': '18-65', 'stated': 5, 'computed': 4, 'difference': -1}]
    """
    groups = frame["group"]
    is_cell = groups.notna() & frame["age"].ne(ALL_AGES)
    is_group_total = groups.notna() & frame["age"].eq(ALL_AGES)
    rows: list[dict[str, Any]] = []
    for row in frame[~is_cell].itertuples(index=False):
        same = frame["country"].eq(row.country)
        if not pd.isna(row.group):
            kind, part = "row", same & is_cell & groups.eq(row.group).fillna(False)
        elif row.age != ALL_AGES:
            kind, part = "column", same & is_cell & frame["age"].eq(row.age)
        else:
            kind, part = "total", same & is_group_total
        computed = int(frame.loc[part, "value"].sum())
        rows.append({"country": row.country, "kind": kind, "group": row.group,
                     "age": row.age, "stated": int(row.value), "computed": computed,
                     "difference": computed - int(row.value),
                     "ok": computed == int(row.value)})
    result = pd.DataFrame(rows, columns=list(CHECK_COLUMNS))
    result["group"] = result["group"].astype("Int64")
    order = {"row": 0, "column": 1, "total": 2}
    countries = {c: i for i, c in enumerate(dict.fromkeys(frame["country"]))}
    result = result.sort_values(
        ["country", "kind", "group", "age"],
        key=lambda col: col.map(countries) if col.name == "country"
        else col.map(order) if col.name == "kind" else col,
        na_position="last", kind="stable")
    return result.reset_index(drop=True)


@cache
def _figures() -> pd.DataFrame:
    path = _survey_file("figures.yaml")
    raw = load_yaml(path)
    shown = "content/survey/figures.yaml"
    if not isinstance(raw, dict) or not isinstance(raw.get("results"), list):
        raise ContentError([Problem(shown, 1, None, "expected a mapping with a list `results`")])
    first, last = SECTION_LINES
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for result in raw["results"]:
        for value in result.get("values") or []:
            line = value.get("line")
            if not isinstance(line, int) or not first <= line <= last:
                problems.append(Problem(shown, None, result.get("id"),
                                        f"line {line!r} is outside 003:{first}-{last}"))
            rows.append({"id": result.get("id"), "number": result.get("number"),
                         "label": result.get("label"), "caption": result.get("caption"),
                         "question": result.get("question"), "country": value.get("country"),
                         "answer": value.get("answer"), "percent": value.get("percent"),
                         "approx": bool(value.get("approx", False)), "source_line": line,
                         "note": value.get("note") or ""})
    if problems:
        raise ContentError(problems)
    frame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
    return frame.astype({"number": "Int64", "label": "string", "caption": "string",
                         "percent": "Float64", "source_line": "int64"})


def figures() -> pd.DataFrame:
    """Return the survey results that exist only in the prose, one row per answer.

    ``number`` is the corrected figure number (the source uses figure 1 twice, so its later
    captions are one too low; ``label`` keeps the source's); ``<NA>`` for results not
    shown in a figure. ``percent`` is ``<NA>`` when the text names an answer without a
    number; ``approx`` marks numbers given as approximate or assigned by word order.

    Examples
    --------
    >>> f = figures()
    >>> sorted(f["number"].dropna().unique().tolist())
    [2, 3, 4, 5]
    >>> f.groupby("number")["percent"].sum().astype(int).tolist()
    [140, 200, 193, 49]
    """
    return _figures().copy()
