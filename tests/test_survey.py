"""The survey tables of 003 rebuilt as tidy data: shape, source cells, sum checks, figures."""

from __future__ import annotations

import pytest

from ca_course import survey

from lecture_text import source_lines

TABLES = {"table1": survey.table1, "table2": survey.table2}


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_tidy_with_the_expected_shape(name: str) -> None:
    frame = TABLES[name]()
    assert list(frame.columns) == list(survey.COLUMNS)
    assert frame.shape == {"table1": (50, 7), "table2": (42, 7)}[name]
    assert frame["country"].nunique() == 2
    assert set(frame["age"]) == {*survey.AGES, survey.ALL_AGES}
    assert sorted(frame["group"].dropna().unique().tolist()) == [1, 2, 3, 4]
    cells = frame[frame["group"].notna()]
    assert len(cells) == 2 * 4 * 5  # countries × groups × (four age bands + group total)
    assert not frame.duplicated(["country", "group", "age"]).any()
    assert frame["source_line"].is_unique


@pytest.mark.parametrize("name", TABLES)
def test_every_value_is_the_cell_on_its_source_line(name: str) -> None:
    lines = source_lines("003")
    for row in TABLES[name]().itertuples(index=False):
        cell = lines[row.source_line - 1].strip().rstrip("%")
        assert cell == ("" if row.blank else str(row.value)), \
            f"{name}: 003:{row.source_line} holds {cell!r}, the data say {row.value}"
        assert row.value == 0 or not row.blank


def test_table_lines_stay_inside_their_tables() -> None:
    assert survey.table1()["source_line"].between(654, 749).all()
    assert survey.table2()["source_line"].between(760, 847).all()


def test_table1_passes_every_sum_check() -> None:
    sums = survey.check_sums(survey.table1())
    assert list(sums.columns) == list(survey.CHECK_COLUMNS)
    assert sums["kind"].value_counts().to_dict() == {"row": 8, "column": 8, "total": 2}
    assert sums["ok"].all(), sums[~sums["ok"]]
    assert sums.loc[sums["kind"] == "total", "stated"].tolist() == [100, 100]


def test_table2_has_exactly_one_inconsistent_group() -> None:
    sums = survey.check_sums(survey.table2())
    assert sums["kind"].value_counts().to_dict() == {"row": 8, "total": 2}
    bad = sums[~sums["ok"]]
    assert len(bad) == 1
    row = bad.iloc[0]
    uzbekistan = survey.table2()["country"].unique()[1]
    assert (row["country"], row["kind"], row["group"]) == (uzbekistan, "row", 3)
    assert (row["stated"], row["computed"]) == (5, 4)
    totals = sums.loc[sums["kind"] == "total", "stated"].tolist()
    assert totals == [59, 48]  # the shares that chose economic development


def test_check_sums_flags_a_changed_cell() -> None:
    frame = survey.table1()
    frame.loc[frame["source_line"] == 702, "value"] += 1  # Kazakhstan, group 2, 18-25
    bad = survey.check_sums(frame).query("not ok")
    assert bad["kind"].tolist() == ["row", "column"]
    assert bad["group"].iloc[0] == 2 and bad["group"].isna().iloc[1]
    assert bad["age"].tolist() == [survey.ALL_AGES, "18-25"]


def test_layout_gives_back_the_source_table() -> None:
    wide = survey.layout(survey.table1())
    assert wide.shape == (5, 10)
    assert list(wide.index) == [1, 2, 3, 4, 0]
    kz = wide.columns[0][0]
    assert wide.loc[0, (kz, survey.ALL_AGES)] == 100
    assert survey.layout(survey.table2()).loc[0].isna().sum() == 8


def test_figures_keep_the_prose_numbers_with_their_lines() -> None:
    figs = survey.figures()
    assert list(figs.columns) == list(survey.FIGURE_COLUMNS)
    assert sorted(figs["number"].dropna().unique().tolist()) == [2, 3, 4, 5]
    assert figs.groupby("number")["label"].first().tolist() == [
        f"{source_lines('003')[line - 1].split()[0]} {n}"
        for line, n in ((755, 1), (854, 2), (858, 3), (863, 4))]
    lines = source_lines("003")
    for row in figs.dropna(subset=["percent"]).itertuples(index=False):
        assert survey.SECTION_LINES[0] <= row.source_line <= survey.SECTION_LINES[1]
        text = lines[row.source_line - 1]
        assert f"{int(row.percent)}%" in text or row.percent == 0, \
            f"{row.id}: {row.percent} not written on 003:{row.source_line}"


def test_figure_sums_show_the_incomplete_answers() -> None:
    figs = survey.figures().dropna(subset=["percent", "number"])
    sums = figs.groupby(["number", "country"])["percent"].sum().astype(int)
    assert sums.tolist() == [79, 61, 100, 100, 100, 93, 49]
    development = figs[figs["number"] == 3]
    top = development.loc[development.groupby("country")["percent"].idxmax(), "percent"]
    assert top.tolist() == [59, 48]
    assert figs["approx"].dtype == bool
